// One set of providers per running application: routes, the job that plays the sandbox's operator and the
// maintenance loop share it (the sandbox keeps nothing in memory, so several instances agree anyway).
import type { AppContext } from '../../platform/http/types.ts';
import { paymentsEnv, type PaymentsEnv } from './service.ts';

const envs = new WeakMap<AppContext, PaymentsEnv>();

export function paymentsEnvOf(ctx: AppContext): PaymentsEnv {
  let env = envs.get(ctx);
  if (!env) envs.set(ctx, (env = paymentsEnv(ctx)));
  return env;
}
