// The agent's inbox: one tab per stage of processing with its count, the filters and search in one GET form
// (the address can be bookmarked and shared), and the dossiers page after page.
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { StatusTag } from '../../dossiers/index.ts';
import { TABS } from '../store.ts';
import { inboxHref, sortHref } from '../inbox-query.ts';
import { sortOfColumn, type InboxColumn } from '../inbox-columns.ts';
import type { InboxLine, InboxView } from '../service.ts';
import { ColumnsForm, ColumnsNoticeLine, columnLabel, type ColumnsNotice } from './inbox-columns-form.tsx';
import { agentDossierPath, ROUTING } from '../paths.ts';
import { TimeLeft } from './time-left.tsx';
import { InboxFilters } from './inbox-filters.tsx';
import { BatchControls, BatchNotice } from './batch-controls.tsx';
import { EXPORTS_PATH } from '../exports/paths.ts';
import { STATS_PATH } from './stats-page.tsx';
import { PREFERENCES } from '../preferences.tsx';
import { CsrfField } from '../../../platform/ui/components.tsx';
import type { Label } from '../labels.ts';
import { LABELS_PATH } from '../labels-routes.tsx';
import { JOURNAL } from '../journal.tsx';
import { OPINIONS } from '../opinions-paths.ts';

/** What the last batch did: how many dossiers it changed and skipped, or why it changed none. */
export type BatchOutcome = { done: number; skipped: number } | 'action' | 'empty' | 'motivation' | 'message';

export interface InboxProps extends InboxView {
  ctx: PageContext;
  batch?: BatchOutcome;
  columnsNotice?: ColumnsNotice;
  canAssign: boolean;
  labels: Label[];
  now: Date;
}

export function InboxPage(p: InboxProps) {
  const { t } = p.ctx.i18n;
  const count = (n: number) => (n > p.countCap ? t('instruction.inbox.more', { n: p.countCap }) : String(n));
  return (
    <Layout ctx={p.ctx} title={t('instruction.inbox.title')}>
      <h1>{t('instruction.inbox.title')}</h1>
      <nav aria-label={t('instruction.inbox.tools')}>
        <ul class="tabs">
          <li>
            <a href={STATS_PATH}>{t('instruction.stats.link')}</a>
          </li>
          <li>
            <a href={EXPORTS_PATH}>{t('instruction.export.link')}</a>
          </li>
          <li>
            <a href={OPINIONS}>{t('instruction.opinion.list.title')}</a>
          </li>
          <li>
            <a href={PREFERENCES}>{t('instruction.prefs.title')}</a>
          </li>
          {p.canAssign && (
            <>
              <li>
                <a href={LABELS_PATH}>{t('instruction.labels.title')}</a>
              </li>
              <li>
                <a href={JOURNAL}>{t('instruction.journal.title')}</a>
              </li>
              <li>
                <a href={ROUTING}>{t('instruction.routing.title')}</a>
              </li>
              <li>
                {/* The fees received and the sums to refund (payments module, decision 0017). */}
                <a href="/agent/paiements">{t('payments.bo.title')}</a>
              </li>
            </>
          )}
        </ul>
      </nav>
      {p.batch && <BatchNotice ctx={p.ctx} outcome={p.batch} />}
      {p.columnsNotice && <ColumnsNoticeLine ctx={p.ctx} notice={p.columnsNotice} />}
      <nav aria-label={t('instruction.inbox.tabs')}>
        <ul class="tabs">
          {TABS.map((tab) => (
            <li>
              <a href={inboxHref(p.raw, { onglet: tab })} aria-current={tab === p.tab ? 'page' : undefined}>
                {t(`instruction.tab.${tab}` as MessageKey)} ({count(p.counts[tab])})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <InboxFilters {...p} />
      <ColumnsForm {...p} />
      {p.rows.length === 0 ? (
        <p>{t('instruction.inbox.empty')}</p>
      ) : (
        <form method="post" action="/agent/lot">
        <CsrfField token={p.ctx.csrf} />
        <input type="hidden" name="retour" value={new URLSearchParams({ ...p.raw, onglet: p.tab }).toString()} />
        <table>
          <caption>{t(`instruction.tab.${p.tab}` as MessageKey)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('instruction.batch.select')}</th>
              {p.columns.map((c) => (
                <Heading p={p} column={c} />
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <input type="checkbox" name="lot" value={`${r.id}.${r.version}`} aria-label={t('instruction.batch.pick', { reference: r.reference })} />
                </td>
                {p.columns.map((c) => (
                  <td>
                    <Cell p={p} column={c} row={r} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <BatchControls {...p} />
        </form>
      )}
      {p.next && (
        <p>
          <a href={p.next} rel="next">
            {t('instruction.inbox.next')}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** A column's heading; a sortable one is a link that sorts by it (and turns the order when it is the current one). */
function Heading({ p, column }: { p: InboxProps; column: InboxColumn }) {
  const { t } = p.ctx.i18n;
  const label = columnLabel(p.ctx, column);
  const sort = column.kind === 'fact' ? sortOfColumn(column.id) : undefined;
  if (!sort) return <th scope="col">{label}</th>;
  const current = sort === p.sort;
  return (
    <th scope="col" aria-sort={current ? (p.order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={sortHref(p, sort)} title={t('inboxcols.sortby', { column: label })}>
        {label}
        {current && (
          <>
            {' '}
            <span aria-hidden="true">{p.order === 'asc' ? '▲' : '▼'}</span>
          </>
        )}
      </a>
    </th>
  );
}

function Cell({ p, column, row: r }: { p: InboxProps; column: InboxColumn; row: InboxLine }) {
  const { i18n } = p.ctx;
  if (column.kind === 'answer') return <>{r.cells[column.id] || '—'}</>;
  switch (column.id) {
    case 'reference':
      return <a href={agentDossierPath(r.id)}>{r.reference}</a>;
    case 'procedure':
      return <>{r.procedureTitle}</>;
    case 'applicant':
      return <>{r.applicantName ?? '—'}</>;
    case 'submitted':
      return <>{i18n.date(r.submittedAt)}</>;
    case 'due':
      return (
        <>
          <TimeLeft ctx={p.ctx} dueAt={r.dueAt} status={r.status} now={p.now} />
          {r.dueAt && <span class="hint"> ({i18n.t('inboxcols.due.on', { date: i18n.date(r.dueAt) })})</span>}
        </>
      );
    case 'status':
      return <StatusTag i18n={i18n} status={r.status} />;
    case 'team':
      return <>{r.teamName ?? '—'}</>;
    case 'labels':
      return r.labels.length === 0 ? <>—</> : (
        <>
          {r.labels.map((name, i) => (
            <>
              {i > 0 && ' '}
              <span class="tag">{name}</span>
            </>
          ))}
        </>
      );
    case 'updated':
      return <>{i18n.date(r.updatedAt)}</>;
  }
}
