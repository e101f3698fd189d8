// /agent/avis: the requests for an opinion made to the reader, by name or to one of his teams — the open ones
// first, by due date, the late ones marked — each leading to its dossier.
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { ExpertListRow } from '../opinions-store.ts';
import { agentDossierPath, INBOX } from '../paths.ts';
import { isLate } from './opinion-section.tsx';

export function OpinionListPage({ ctx, rows, now }: { ctx: PageContext; rows: ExpertListRow[]; now: Date }) {
  const { t, date } = ctx.i18n;
  const title = t('instruction.opinion.list.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: title }]}>
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <p>{t('instruction.opinion.list.none')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('instruction.col.reference')}</th>
              <th scope="col">{t('instruction.opinion.list.question')}</th>
              <th scope="col">{t('instruction.opinion.list.due')}</th>
              <th scope="col">{t('instruction.opinion.list.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`${agentDossierPath(r.dossierId)}#avis`}>{r.reference}</a>
                  <span class="note">{r.procedureTitle}</span>
                </td>
                <td>{r.question.length > 140 ? `${r.question.slice(0, 140)}…` : r.question}</td>
                <td>
                  <time dateTime={r.dueAt.toISOString()}>{date(r.dueAt)}</time>
                  {isLate(r, now) && <strong class="late note">{t('instruction.opinion.late')}</strong>}
                </td>
                <td>{r.answeredAt ? t('instruction.opinion.list.answered', { date: date(r.answeredAt) }) : t('instruction.opinion.list.open')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
