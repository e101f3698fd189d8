// The agent's inbox: one tab per stage of processing with its count, the filters and search in one GET form
// (the address can be bookmarked and shared), and the dossiers page after page.
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { DOSSIER_STATUSES } from '../../../platform/db/schema.ts';
import { StatusTag } from '../../dossiers/index.ts';
import { TABS, type InboxRow, type Tab } from '../store.ts';
import { inboxHref } from '../inbox-query.ts';
import { agentDossierPath, ROUTING } from '../paths.ts';
import { TimeLeft } from './time-left.tsx';
import { EXPORTS_PATH } from '../exports/paths.ts';
import { STATS_PATH } from './stats-page.tsx';
import { PREFERENCES } from '../preferences.tsx';
import { CsrfField, Notice } from '../../../platform/ui/components.tsx';
import { BATCH_ACTIONS } from '../batch.ts';
import type { Label } from '../labels.ts';
import { LABELS_PATH } from '../labels-routes.tsx';
import { JOURNAL } from '../journal.tsx';
import { OPINIONS } from '../opinions-paths.ts';

/** What the last batch did: how many dossiers it changed and skipped, or why it changed none. */
export type BatchOutcome = { done: number; skipped: number } | 'action' | 'empty' | 'motivation' | 'message';

interface Props {
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

export function InboxPage(p: Props) {
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
      <Filters {...p} />
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

function Filters(p: Props) {
  const { t } = p.ctx.i18n;
  const { raw } = p;
  return (
    <form method="get" action="/agent" class="card filters" role="search">
      <input type="hidden" name="onglet" value={p.tab} />
      <div class="field">
        <label for="f-q">{t('instruction.filter.q')}</label>
        <input id="f-q" name="q" type="search" value={raw.q ?? ''} maxLength={200} />
      </div>
      <details open={Object.keys(raw).some((k) => k !== 'q' && k !== 'ordre')}>
        <summary>{t('instruction.filter.more')}</summary>
        <div class="field">
          <label for="f-statut">{t('instruction.col.status')}</label>
          <select id="f-statut" name="statut">
            <option value="">{t('instruction.filter.any')}</option>
            {DOSSIER_STATUSES.filter((s) => s !== 'draft').map((s) => (
              <option value={s} selected={raw.statut === s}>
                {t(`dossiers.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-demarche">{t('instruction.col.procedure')}</label>
          <select id="f-demarche" name="demarche">
            <option value="">{t('instruction.filter.any')}</option>
            {p.procedures.map((x) => (
              <option value={x.id} selected={raw.demarche === x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
        {p.teams.length > 1 && (
          <div class="field">
            <label for="f-equipe">{t('instruction.col.team')}</label>
            <select id="f-equipe" name="equipe">
              <option value="">{t('instruction.filter.any')}</option>
              {p.teams.map((x) => (
                <option value={x.id} selected={raw.equipe === x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {p.labels.length > 0 && (
          <div class="field">
            <label for="f-etiquette">{t('instruction.labels.one')}</label>
            <select id="f-etiquette" name="etiquette">
              <option value="">{t('instruction.filter.any')}</option>
              {p.labels.map((l) => (
                <option value={l.id} selected={raw.etiquette === l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="f-du">{t('instruction.filter.from')}</label>
          <input id="f-du" name="du" type="date" value={raw.du ?? ''} />
        </div>
        <div class="field">
          <label for="f-au">{t('instruction.filter.to')}</label>
          <input id="f-au" name="au" type="date" value={raw.au ?? ''} />
        </div>
        <div class="field">
          <label for="f-champ">{t('instruction.filter.field')}</label>
          <input id="f-champ" name="champ" value={raw.champ ?? ''} maxLength={64} aria-describedby="f-champ-hint" />
          <p class="hint" id="f-champ-hint">
            {t('instruction.filter.fieldhint')}
          </p>
        </div>
        <div class="field">
          <label for="f-valeur">{t('instruction.filter.value')}</label>
          <input id="f-valeur" name="valeur" value={raw.valeur ?? ''} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-ordre">{t('instruction.filter.order')}</label>
          <select id="f-ordre" name="ordre">
            <option value="">{t('instruction.filter.oldest')}</option>
            <option value="recent" selected={raw.ordre === 'recent'}>
              {t('instruction.filter.newest')}
            </option>
          </select>
        </div>
      </details>
      <button type="submit">{t('instruction.filter.apply')}</button>
    </form>
  );
}

function BatchNotice({ ctx, outcome }: { ctx: PageContext; outcome: BatchOutcome }) {
  const { t } = ctx.i18n;
  if (typeof outcome === 'string') return <Notice kind="warning">{t(`instruction.batch.error.${outcome}` as MessageKey)}</Notice>;
  return <Notice kind={outcome.skipped > 0 ? 'warning' : 'success'}>{t('instruction.batch.result', { done: outcome.done, skipped: outcome.skipped })}</Notice>;
}

/** Below the list: what to do with the ticked dossiers. */
function BatchControls(p: Props) {
  const { t } = p.ctx.i18n;
  const actions = BATCH_ACTIONS.filter((a) => (a !== 'assign' || p.canAssign) && (a !== 'label' || p.labels.length > 0));
  return (
    <fieldset class="card">
      <legend>{t('instruction.batch.title')}</legend>
      <div class="field">
        <label for="b-action">{t('instruction.batch.action')}</label>
        <select id="b-action" name="action">
          {actions.map((a) => (
            <option value={a}>{t(`instruction.batch.do.${a}` as MessageKey)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="b-motivation">{t('instruction.decision.motivation')}</label>
        <textarea id="b-motivation" name="motivation" rows={2} maxLength={4000} />
      </div>
      {p.canAssign && p.teams.length > 0 && (
        <div class="field">
          <label for="b-team">{t('instruction.assign.team')}</label>
          <select id="b-team" name="equipe">
            {p.teams.map((team) => (
              <option value={team.id}>{team.name}</option>
            ))}
          </select>
        </div>
      )}
      {p.labels.length > 0 && (
        <div class="field">
          <label for="b-label">{t('instruction.labels.one')}</label>
          <select id="b-label" name="etiquette">
            {p.labels.map((l) => (
              <option value={l.id}>{l.name}</option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="b-message">{t('instruction.batch.message')}</label>
        <textarea id="b-message" name="message" rows={3} maxLength={5000} />
      </div>
      <button type="submit">{t('instruction.batch.submit')}</button>
    </fieldset>
  );
}
