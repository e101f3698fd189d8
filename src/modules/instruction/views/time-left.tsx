// Time left before the legal delay runs out, in whole days: what an agent sorts his work by.
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { DossierStatus } from '../../../platform/db/schema.ts';

const DAY_MS = 86_400_000;

export function TimeLeft({ ctx, dueAt, status, now }: { ctx: PageContext; dueAt: Date | null; status: DossierStatus; now: Date }) {
  const { t } = ctx.i18n;
  const decided = status === 'accepted' || status === 'refused' || status === 'closed';
  if (!dueAt || decided) return <>—</>;
  const days = Math.ceil((dueAt.getTime() - now.getTime()) / DAY_MS);
  if (days < 0) return <strong class="late">{t('instruction.due.late', { n: -days })}</strong>;
  return <time dateTime={dueAt.toISOString()}>{t('instruction.due.left', { n: days })}</time>;
}
