// CinetPay (Côte d'Ivoire; mobile money of Orange, MTN, Moov, Wave, Free… across UEMOA), as its checkout API
// v2 is published at https://docs.cinetpay.com/api/1.0-fr/checkout/ :
// - initialisation: POST {base}/v2/payment, JSON with apikey, site_id, transaction_id, amount (a multiple of
//   5), currency, description, notify_url, return_url, channels; answer code "201" with data.payment_url where
//   the payer is sent (its checkout page, where the operator is chosen and confirmed);
// - notification: POST to notify_url, form fields cpm_site_id, cpm_trans_id, … and a header `x-token`, the
//   HMAC-SHA256 (secret key) of the concatenation of those fields in the documented order (checkout/hmac);
// - verification: POST {base}/v2/payment/check with apikey, site_id, transaction_id; data.status ACCEPTED,
//   REFUSED, or WAITING_… while the payer has not finished (checkout/verification).
// The notification is a signal, not a statement: CinetPay's documentation says to read the transaction's
// status with the check call, and so does this adapter, after checking the token.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ProviderError, type InitiateInput, type Initiated, type PaymentProvider, type ProviderStatus, type Verification } from './types.ts';

export const CINETPAY = 'cinetpay';

export interface CinetPaySettings {
  apiKey: string;
  siteId: string;
  secretKey: string;
  /** https://api-checkout.cinetpay.com in production; a local stub in tests. */
  baseUrl: string;
  timeoutMs?: number;
}

/** The notification's fields, in the order their values are concatenated for the x-token. */
export const TOKEN_FIELDS = [
  'cpm_site_id',
  'cpm_trans_id',
  'cpm_trans_date',
  'cpm_amount',
  'cpm_currency',
  'signature',
  'payment_method',
  'cel_phone_num',
  'cpm_phone_prefixe',
  'cpm_language',
  'cpm_version',
  'cpm_payment_config',
  'cpm_page_action',
  'cpm_custom',
  'cpm_designation',
  'cpm_error_message',
] as const;

export function cinetpayToken(fields: Record<string, string | undefined>, secretKey: string): string {
  const data = TOKEN_FIELDS.map((f) => fields[f] ?? '').join('');
  return createHmac('sha256', secretKey).update(data).digest('hex');
}

export function cinetpayProvider(s: CinetPaySettings): PaymentProvider {
  const timeout = s.timeoutMs ?? 15_000;

  async function post(path: string, body: Record<string, unknown>): Promise<{ code?: string; message?: string; data?: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(`${s.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (err) {
      throw new ProviderError(`CinetPay unreachable: ${(err as Error).message}`);
    }
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new ProviderError(`CinetPay answered ${res.status} with no JSON`);
    }
  }

  async function check(paymentId: string): Promise<ProviderStatus> {
    const answer = await post('/v2/payment/check', { apikey: s.apiKey, site_id: s.siteId, transaction_id: paymentId });
    const data = answer.data ?? {};
    const status = String(data.status ?? '');
    if (status === 'ACCEPTED') {
      const amount = Number(data.amount);
      if (!Number.isInteger(amount)) throw new ProviderError('CinetPay gave no whole amount for an accepted payment');
      return { status: 'succeeded', amount, currency: String(data.currency ?? ''), providerRef: typeof data.operator_id === 'string' ? data.operator_id : undefined };
    }
    if (status === 'REFUSED' || status === 'CANCELED' || status === 'CANCELLED') return { status: 'failed', reason: String(answer.message ?? status) };
    // WAITING_CUSTOMER_…, or a transaction CinetPay does not know yet: nothing settled.
    return { status: 'pending' };
  }

  return {
    name: CINETPAY,
    async initiate(input: InitiateInput): Promise<Initiated> {
      if (input.amount % 5 !== 0) throw new ProviderError('CinetPay takes amounts that are multiples of 5');
      const answer = await post('/v2/payment', {
        apikey: s.apiKey,
        site_id: s.siteId,
        transaction_id: input.paymentId,
        amount: input.amount,
        currency: input.currency,
        description: input.description.replace(/[#/$_&]/g, ' '),
        notify_url: input.notifyUrl,
        return_url: input.returnUrl,
        channels: 'MOBILE_MONEY',
        lang: input.locale === 'en' ? 'en' : 'fr',
        metadata: input.paymentId,
        customer_phone_number: input.phone,
      });
      const url = answer.data?.payment_url;
      if (answer.code !== '201' || typeof url !== 'string' || !/^https?:\/\//.test(url)) {
        throw new ProviderError(`CinetPay refused the payment: ${answer.code ?? '?'} ${answer.message ?? ''}`);
      }
      const token = answer.data?.payment_token;
      return { kind: 'redirect', providerRef: typeof token === 'string' ? token : input.paymentId, url };
    },
    async verifyCallback(headers, rawBody): Promise<Verification> {
      const fields = Object.fromEntries(new URLSearchParams(rawBody));
      const paymentId = fields.cpm_trans_id || undefined;
      const given = headers['x-token'];
      const expected = Buffer.from(cinetpayToken(fields, s.secretKey));
      if (typeof given !== 'string' || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), expected)) {
        return { ok: false, reason: 'bad x-token', paymentId };
      }
      if (!paymentId || fields.cpm_site_id !== s.siteId) return { ok: false, reason: 'not for this site', paymentId };
      // The same notification sent again is the same message: its id is the hash of what it says, with the
      // status CinetPay gave for it; so a body sent while the payer had not confirmed, then sent again once
      // paid, is two messages, and the second still settles the payment.
      const outcome = await check(paymentId);
      const eventId = `${createHash('sha256').update(rawBody).digest('hex')}:${outcome.status}`;
      return { ok: true, event: { eventId, paymentId, outcome } };
    },
    async queryStatus(paymentId) {
      return check(paymentId);
    },
  };
}
