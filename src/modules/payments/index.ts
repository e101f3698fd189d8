// Payments: fees of procedures paid by mobile money through an aggregator (CinetPay) or the sandbox
// (decision 0017). Addresses:
//   GET|POST /dossiers/:id/paiement            the applicant pays the fee of a dossier waiting for it (at
//                                              submission, or once accepted: on-acceptance.ts)
//   POST     /dossiers/:id/paiement/verifier   "Vérifier à nouveau": asks the provider
//   POST     /api/v1/payments/notify/:provider the provider's signed notification (server to server)
//   GET      /agent/paiements                   managers: money received per procedure and day, sums to refund
//   POST     /agent/paiements/:id/remboursement managers: record a refund with its reason (audited)
import type { AppContext } from '../../platform/http/types.ts';
import type { JobHandler } from '../../platform/jobs/outbox.ts';
import type { MaintenanceTask } from '../../platform/jobs/maintenance.ts';
import { paymentsEnvOf } from './env.ts';
import { expirePayments } from './service.ts';
import { httpDeliver, SANDBOX_CALLBACK_JOB, sandboxCallbackJob } from './providers/sandbox.ts';

export { paymentRoutes } from './routes.tsx';
export { paymentBackOfficeRoutes } from './backoffice-routes.tsx';
export { paymentsEnvOf } from './env.ts';
export { handleNotification, queryAndSettle, startPayment, checkAgain, expirePayments, notifyPath, type PaymentsEnv, type Outcome } from './service.ts';
export { SANDBOX_CALLBACK_JOB, sandboxCallbackJob, httpDeliver } from './providers/sandbox.ts';
export { formatXof } from './receipt.ts';

/** The job handlers of payments: the sandbox's notifications (none in production). */
export function paymentJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  const { sandbox } = paymentsEnvOf(ctx).providers;
  return sandbox ? { [SANDBOX_CALLBACK_JOB]: sandboxCallbackJob(sandbox, httpDeliver) } : {};
}

/** Maintenance: attempts nobody answered are asked once more, then expired. */
export function paymentMaintenance(ctx: AppContext): MaintenanceTask {
  return expirePayments(paymentsEnvOf(ctx));
}
