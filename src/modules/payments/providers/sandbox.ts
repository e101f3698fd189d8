// The sandbox provider, for development and tests (never in production): it behaves like an aggregator.
// The payer "confirms on the phone"; a few seconds later the provider posts a signed notification to our
// notify URL (a job of the outbox, so it survives a restart and any instance may send it), and answers
// status queries. What happens is chosen by the last two digits of the payer's number:
//   …01 the payment fails (insufficient balance)       …04 it succeeds, but only after the attempt expired
//   …02 the provider never answers                      …05 it succeeds with 100 XOF less than asked
//   …03 it succeeds and the notification comes twice    any other number: it succeeds
// The outcome and the start time travel in the provider's transaction id, so any instance can answer a
// status query without shared memory.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InitiateInput, Initiated, PaymentProvider, ProviderStatus, Verification } from './types.ts';

export const SANDBOX = 'sandbox';
export const SANDBOX_CALLBACK_JOB = 'payments.sandbox-callback';
const SIGNATURE_HEADER = 'x-sandbox-signature';

type Outcome = 'ok' | 'ko' | 'nr' | 'dup' | 'late' | 'amt';
const BY_SUFFIX: Record<string, Outcome> = { '01': 'ko', '02': 'nr', '03': 'dup', '04': 'late', '05': 'amt' };

export interface SandboxSettings {
  secret: string;
  /** How long the "operator" takes to confirm. */
  delayMs: number;
  /** How long a late success waits: longer than an attempt lives. */
  lateMs: number;
  /** Queues the notification (payload for SANDBOX_CALLBACK_JOB) to be sent at `at`. */
  schedule(payload: { providerRef: string; paymentId: string; notifyUrl: string }, at: Date): Promise<void>;
  now?: () => Date;
}

interface Ref {
  outcome: Outcome;
  amount: number;
  startedAt: number;
}

function parseRef(ref: string | null): Ref | null {
  const m = /^SBX-(ok|ko|nr|dup|late|amt)-(\d{1,9})-(\d{13})-[0-9a-f]{8}$/.exec(ref ?? '');
  return m ? { outcome: m[1] as Outcome, amount: Number(m[2]), startedAt: Number(m[3]) } : null;
}

export function sandboxProvider(s: SandboxSettings): PaymentProvider & { statusOf(ref: string): ProviderStatus; sign(body: string): string } {
  const now = () => (s.now ? s.now() : new Date()).getTime();
  const sign = (body: string) => createHmac('sha256', s.secret).update(body).digest('hex');

  function statusOf(providerRef: string): ProviderStatus {
    const ref = parseRef(providerRef);
    if (!ref) return { status: 'failed', reason: 'unknown transaction' };
    const elapsed = now() - ref.startedAt;
    if (ref.outcome === 'nr' || elapsed < s.delayMs || (ref.outcome === 'late' && elapsed < s.lateMs)) return { status: 'pending' };
    if (ref.outcome === 'ko') return { status: 'failed', reason: 'insufficient balance' };
    return { status: 'succeeded', amount: ref.outcome === 'amt' ? ref.amount - 100 : ref.amount, currency: 'XOF', providerRef };
  }

  return {
    name: SANDBOX,
    statusOf,
    sign,
    async initiate(input: InitiateInput): Promise<Initiated> {
      const outcome = BY_SUFFIX[input.phone.slice(-2)] ?? 'ok';
      const providerRef = `SBX-${outcome}-${input.amount}-${now()}-${randomBytes(4).toString('hex')}`;
      if (outcome !== 'nr') {
        const at = new Date(now() + (outcome === 'late' ? s.lateMs : s.delayMs));
        await s.schedule({ providerRef, paymentId: input.paymentId, notifyUrl: input.notifyUrl }, at);
      }
      return { kind: 'push', providerRef };
    },
    async verifyCallback(headers, rawBody): Promise<Verification> {
      const given = headers[SIGNATURE_HEADER];
      let body: { event_id?: unknown; transaction_id?: unknown; provider_ref?: unknown };
      try {
        body = JSON.parse(rawBody);
      } catch {
        return { ok: false, reason: 'body is not JSON' };
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, reason: 'body is not a JSON object' };
      const paymentId = typeof body.transaction_id === 'string' ? body.transaction_id : undefined;
      const expected = Buffer.from(sign(rawBody));
      if (typeof given !== 'string' || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), expected)) {
        return { ok: false, reason: 'bad signature', paymentId };
      }
      if (!paymentId || typeof body.event_id !== 'string' || typeof body.provider_ref !== 'string') return { ok: false, reason: 'incomplete notification', paymentId };
      // The notification says only "something changed"; like with the real aggregators, what changed is read
      // from the provider's own record of the transaction.
      const outcome = statusOf(body.provider_ref);
      return { ok: true, event: { eventId: body.event_id, paymentId, outcome } };
    },
    async queryStatus(_paymentId, providerRef) {
      return statusOf(providerRef ?? '');
    },
  };
}

/** The job that plays the operator's notification: posts it (twice for …03) to our notify URL. */
export function sandboxCallbackJob(
  provider: { statusOf(ref: string): ProviderStatus; sign(body: string): string },
  deliver: (url: string, body: string, headers: Record<string, string>) => Promise<number>,
) {
  return async (payload: Record<string, unknown>) => {
    const providerRef = String(payload.providerRef);
    const status = provider.statusOf(providerRef);
    const body = JSON.stringify({
      event_id: `${providerRef}:${status.status}`,
      transaction_id: String(payload.paymentId),
      provider_ref: providerRef,
      status: status.status === 'succeeded' ? 'SUCCESS' : status.status === 'failed' ? 'FAILED' : 'PENDING',
      amount: status.status === 'succeeded' ? status.amount : undefined,
      currency: 'XOF',
    });
    const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: provider.sign(body) };
    const times = parseRef(providerRef)?.outcome === 'dup' ? 2 : 1;
    for (let i = 0; i < times; i++) {
      const code = await deliver(String(payload.notifyUrl), body, headers);
      if (code >= 500) throw new Error(`notify URL answered ${code}`);
    }
  };
}

/** Delivery over HTTP, as an operator's server does it. */
export async function httpDeliver(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}
