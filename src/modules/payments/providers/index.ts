// The providers of this deployment, built from configuration: the one new payments go through, and every one
// whose notifications are still accepted (a payment started before a change of provider still settles).
import type { Kysely } from 'kysely';
import type { Config } from '../../../config.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { jobRow } from '../../../platform/jobs/outbox.ts';
import { cinetpayProvider } from './cinetpay.ts';
import { SANDBOX, SANDBOX_CALLBACK_JOB, sandboxProvider } from './sandbox.ts';
import type { PaymentProvider } from './types.ts';

export interface Providers {
  active: PaymentProvider | null;
  byName: Map<string, PaymentProvider>;
  sandbox: ReturnType<typeof sandboxProvider> | null;
}

export function buildProviders(db: Kysely<DB>, config: Pick<Config, 'production' | 'payments'>): Providers {
  const byName = new Map<string, PaymentProvider>();
  const p = config.payments;
  // The sandbox never exists in production, whatever the settings say.
  const sandbox = config.production
    ? null
    : sandboxProvider({
        secret: p.sandbox.secret,
        delayMs: p.sandbox.delaySeconds * 1000,
        lateMs: (p.expiryMinutes + 1) * 60_000,
        async schedule(payload, at) {
          await db.insertInto('jobs').values({ ...jobRow(SANDBOX_CALLBACK_JOB, payload), run_after: at }).execute();
        },
      });
  if (sandbox) byName.set(SANDBOX, sandbox);
  if (p.cinetpay) {
    const cinetpay = cinetpayProvider(p.cinetpay);
    byName.set(cinetpay.name, cinetpay);
  }
  return { active: p.provider ? (byName.get(p.provider) ?? null) : null, byName, sandbox };
}
