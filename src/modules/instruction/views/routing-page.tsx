// The manager's routing pages: the list of his procedures, and for one procedure its processing settings and
// its rules in order, each readable as a sentence ("if Lieu de naissance equals Tahoua → Greffe de Tahoua").
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { CONDITION_OPS, type Condition } from '../../forms/index.ts';
import { MAX_CONDITIONS, SILENCES, type ProcessingView } from '../routing-settings.ts';
import { INBOX, ROUTING, routingPath } from '../paths.ts';

export type RoutingNotice = 'saved' | 'team' | 'delay' | 'silence' | 'reminder' | 'conditions' | 'field' | 'value' | 'rule';


export function RoutingIndexPage({ ctx, procedures }: { ctx: PageContext; procedures: { id: string; title: string }[] }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('instruction.routing.title')} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: t('instruction.routing.title') }]}>
      <h1>{t('instruction.routing.title')}</h1>
      <p>{t('instruction.routing.lead')}</p>
      {procedures.length === 0 ? (
        <p>{t('instruction.routing.noprocedure')}</p>
      ) : (
        <ul>
          {procedures.map((p) => (
            <li>
              <a href={routingPath(p.id)}>{p.title}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function RoutingPage({ ctx, view, notice }: { ctx: PageContext; view: ProcessingView; notice?: RoutingNotice }) {
  const { t } = ctx.i18n;
  const base = routingPath(view.procedure.id);
  const teamName = (id: string | null) => view.teams.find((x) => x.id === id)?.name ?? t('instruction.dossier.noteam');
  return (
    <Layout ctx={ctx} title={view.procedure.title} breadcrumb={[{ href: ROUTING, label: t('instruction.routing.title') }, { label: view.procedure.title }]}>
      {notice && <Notice kind={notice === 'saved' ? 'success' : 'warning'}>{t(`instruction.routing.notice.${notice}` as MessageKey)}</Notice>}
      <h1>{view.procedure.title}</h1>
      <p>
        <a href={`${base}/notifications`}>{t('notifications.link')}</a>
      </p>

      <form method="post" action={base} class="card">
        <CsrfField token={ctx.csrf} />
        <h2>{t('instruction.routing.settings')}</h2>
        <div class="field">
          <label for="r-team">{t('instruction.routing.default')}</label>
          <select id="r-team" name="equipe">
            <option value="">{t('instruction.dossier.noteam')}</option>
            {view.teams.map((x) => (
              <option value={x.id} selected={x.id === view.settings.defaultTeamId}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="r-delay">{t('instruction.routing.delay')}</label>
          <input id="r-delay" name="delai" inputMode="numeric" value={view.settings.legalDelayDays?.toString() ?? ''} aria-describedby="r-delay-hint" />
          <p class="hint" id="r-delay-hint">
            {t('instruction.routing.delayhint')}
          </p>
        </div>
        <div class="field">
          <label for="r-silence">{t('instruction.routing.silence')}</label>
          <select id="r-silence" name="silence">
            {SILENCES.map((s) => (
              <option value={s} selected={s === view.settings.silence}>
                {t(`instruction.routing.silence.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="r-reminder">{t('instruction.routing.reminder')}</label>
          <input id="r-reminder" name="rappel" inputMode="numeric" value={String(view.settings.reminderDays)} />
        </div>
        <button type="submit">{t('instruction.routing.save')}</button>
      </form>

      <h2>{t('instruction.routing.rules')}</h2>
      <p>{t('instruction.routing.ruleslead')}</p>
      {view.rules.length === 0 ? (
        <p>{t('instruction.routing.norules', { team: teamName(view.settings.defaultTeamId) })}</p>
      ) : (
        <ol>
          {view.rules.map((r, i) => (
            <li>
              {describe(ctx, view, r.condition)} → <strong>{teamName(r.teamId)}</strong>{' '}
              {i > 0 && (
                <form method="post" action={`${base}/regles/${r.id}/monter`} class="inline">
                  <CsrfField token={ctx.csrf} />
                  <button type="submit" class="link">
                    {t('instruction.routing.raise')}
                  </button>
                </form>
              )}{' '}
              <form method="post" action={`${base}/regles/${r.id}/suppression`} class="inline">
                <CsrfField token={ctx.csrf} />
                <button type="submit" class="link">
                  {t('instruction.labels.delete')}
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}

      <form method="post" action={`${base}/regles`} class="card">
        <CsrfField token={ctx.csrf} />
        <h3>{t('instruction.routing.add')}</h3>
        {Array.from({ length: MAX_CONDITIONS }, (_, i) => (
          <fieldset>
            <legend>{t('instruction.routing.condition', { n: i + 1 })}</legend>
            <div class="field">
              <label for={`c-field${i}`}>{t('instruction.routing.question')}</label>
              <select id={`c-field${i}`} name={`champ${i}`}>
                <option value="">—</option>
                {view.questions.map((q) => (
                  <option value={q.path}>{q.label}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`c-op${i}`}>{t('instruction.routing.op')}</label>
              <select id={`c-op${i}`} name={`op${i}`}>
                {CONDITION_OPS.map((op) => (
                  <option value={op}>{t(`instruction.routing.op.${op}` as MessageKey)}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`c-value${i}`}>{t('instruction.routing.value')}</label>
              <input id={`c-value${i}`} name={`valeur${i}`} maxLength={200} aria-describedby="c-value-hint" />
            </div>
          </fieldset>
        ))}
        <p class="hint" id="c-value-hint">
          {t('instruction.routing.valuehint')}
        </p>
        <fieldset>
          <legend>{t('instruction.routing.join')}</legend>
          <div class="choice">
            <input type="radio" id="c-all" name="lien" value="all" checked />
            <label for="c-all">{t('instruction.routing.all')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="c-any" name="lien" value="any" />
            <label for="c-any">{t('instruction.routing.any')}</label>
          </div>
        </fieldset>
        <div class="field">
          <label for="c-team">{t('instruction.routing.to')}</label>
          <select id="c-team" name="equipe">
            {view.teams.map((x) => (
              <option value={x.id}>{x.name}</option>
            ))}
          </select>
        </div>
        <button type="submit">{t('instruction.routing.addsubmit')}</button>
      </form>
    </Layout>
  );
}

/** A rule's condition in words, with the questions' labels. */
function describe(ctx: PageContext, view: ProcessingView, c: Condition): string {
  const { t } = ctx.i18n;
  if ('all' in c) return c.all.map((x) => describe(ctx, view, x)).join(` ${t('instruction.routing.and')} `);
  if ('any' in c) return c.any.map((x) => describe(ctx, view, x)).join(` ${t('instruction.routing.or')} `);
  const label = view.questions.find((q) => q.path === c.field)?.label ?? c.field;
    const value = typeof c.value === 'boolean' ? t(c.value ? 'instruction.routing.yes' : 'instruction.routing.no') : c.value;
  return `${label} ${t(`instruction.routing.op.${c.op}` as MessageKey)}${value === undefined ? '' : ` « ${String(value)} »`}`;
}
