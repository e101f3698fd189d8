// What an agent sees of a fee asked on acceptance (decision 0017): « en attente de paiement » while the
// applicant's documents are withheld, « payé » once a provider confirmed it. Nothing when none is asked.
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { AcceptanceFeeState } from '../on-acceptance.ts';

export function AcceptanceFeeNotice({ ctx, fee }: { ctx: PageContext; fee: AcceptanceFeeState }) {
  if (fee.state === 'none') return null;
  const amount = ctx.i18n.money(fee.amount);
  return fee.state === 'waiting' ? (
    <Notice kind="warning">{ctx.i18n.t('payments.acceptance.agent.waiting', { amount })}</Notice>
  ) : (
    <Notice kind="success">{ctx.i18n.t('payments.acceptance.agent.paid', { amount })}</Notice>
  );
}
