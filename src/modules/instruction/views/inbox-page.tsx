// The agent's inbox: one tab per stage of processing with its count, the filters and search in one GET form
// (the address can be bookmarked and shared), and the dossiers page after page.
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { StatusTag } from '../../dossiers/index.ts';
import { TABS, type InboxRow, type Tab } from '../store.ts';
import { inboxHref } from '../inbox-query.ts';
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

export interface InboxProps {
  ctx: PageContext;
  batch?: BatchOutcome;
  canAssign: boolean;
  tab: Tab;
  counts: Record<Tab, number>;
  countCap: number;
  rows: InboxRow[];
  next?: string;
  raw: Record<string, string>;
  procedures: { id: string; title: string }[];
  teams: { id: string; name: string }[];
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
            </>
          )}
        </ul>
      </nav>
      {p.batch && <BatchNotice ctx={p.ctx} outcome={p.batch} />}
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
      {p.rows.length === 0 ? (
        <p>{t('instruction.inbox.empty')}</p>
      ) : (
        <form method="post" action="/agent/lot">
        <CsrfField token={p.ctx.csrf} />
        <input type="hidden" name="onglet" value={p.tab} />
        <table>
          <caption>{t(`instruction.tab.${p.tab}` as MessageKey)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('instruction.batch.select')}</th>
              <th scope="col">{t('instruction.col.reference')}</th>
              <th scope="col">{t('instruction.col.procedure')}</th>
              <th scope="col">{t('instruction.col.applicant')}</th>
              <th scope="col">{t('instruction.col.submitted')}</th>
              <th scope="col">{t('instruction.col.status')}</th>
              <th scope="col">{t('instruction.col.team')}</th>
              <th scope="col">{t('instruction.col.due')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <input type="checkbox" name="lot" value={`${r.id}.${r.version}`} aria-label={t('instruction.batch.pick', { reference: r.reference })} />
                </td>
                <td>
                  <a href={agentDossierPath(r.id)}>{r.reference}</a>
                  {r.labels.map((name) => (
                    <>
                      {' '}
                      <span class="tag">{name}</span>
                    </>
                  ))}
                </td>
                <td>{r.procedureTitle}</td>
                <td>{r.applicantName ?? '—'}</td>
                <td>{p.ctx.i18n.date(r.submittedAt)}</td>
                <td>
                  <StatusTag i18n={p.ctx.i18n} status={r.status} />
                </td>
                <td>{r.teamName ?? '—'}</td>
                <td>
                  <TimeLeft ctx={p.ctx} dueAt={r.dueAt} status={r.status} now={p.now} />
                </td>
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
