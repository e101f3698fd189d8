// What Guichet asks of a payment provider (an aggregator such as CinetPay, or the sandbox). A provider is
// never believed on the browser's word: only its signed server-to-server notification, checked here, or an
// answer to our own status query moves a payment.

/** Mobile money operators of the region; which ones a country offers is configuration (operators.ts). */
export const OPERATORS = ['orange', 'wave', 'moov', 'mtn', 'airtel', 'free'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface InitiateInput {
  /** Our payment's id: the transaction id the provider sends back in every message. */
  paymentId: string;
  /** Whole XOF. */
  amount: number;
  currency: 'XOF';
  operator: Operator;
  /** E.164. */
  phone: string;
  description: string;
  /** Where the provider posts its notifications (server to server). */
  notifyUrl: string;
  /** Where a redirect provider sends the payer back. */
  returnUrl: string;
  locale: string;
}

/** The provider took the request: the payer is sent to its page, or confirms on the phone (USSD push). */
export type Initiated = { kind: 'redirect'; providerRef: string; url: string } | { kind: 'push'; providerRef: string };

/** What the provider says of a transaction. `amount` is what it says was paid, in whole units of `currency`. */
export type ProviderStatus =
  | { status: 'pending' }
  | { status: 'succeeded'; amount: number; currency: string; providerRef?: string }
  | { status: 'failed'; reason: string };

export interface VerifiedEvent {
  /** Unique per message of this provider: the same message delivered again has the same id. */
  eventId: string;
  /** Our payment id as the message names it. */
  paymentId: string;
  outcome: ProviderStatus;
}

export type Verification = { ok: true; event: VerifiedEvent } | { ok: false; reason: string; paymentId?: string };

export interface PaymentProvider {
  readonly name: string;
  initiate(input: InitiateInput): Promise<Initiated>;
  /** Checks a notification as received (headers lower-cased, the body as sent) and says what it reports. */
  verifyCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<Verification>;
  /** Asks the provider where a transaction stands (the "check again" button, and before expiring it). */
  queryStatus(paymentId: string, providerRef: string | null): Promise<ProviderStatus>;
}

/** A provider's answer we cannot use (down, malformed): the payment stays as it is, the applicant may retry. */
export class ProviderError extends Error {}
