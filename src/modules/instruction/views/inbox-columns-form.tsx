// The inbox's "Colonnes" panel: a plain form (no script) where the agent ticks the columns he wants and
// gives each its place. Filtered on one procedure, it also offers that procedure's questions and keeps a
// choice for that procedure alone.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { CsrfField, Notice } from '../../../platform/ui/components.tsx';
import { COLUMNS_PATH, FACT_COLUMNS, MAX_ANSWER_COLUMNS, type InboxColumn } from '../inbox-columns.ts';
import type { InboxProps } from './inbox-page.tsx';

/** What the last save of the columns did, as the redirect after it tells the inbox (`colonnes=…`). */
export type ColumnsNotice = 'saved' | 'answers';

export function readColumnsNotice(value: unknown): ColumnsNotice | undefined {
  return value === 'saved' || value === 'answers' ? value : undefined;
}

export function ColumnsNoticeLine({ ctx, notice }: { ctx: PageContext; notice: ColumnsNotice }) {
  const { t } = ctx.i18n;
  if (notice === 'saved') return <Notice kind="success">{t('inboxcols.saved')}</Notice>;
  return <Notice kind="warning">{t('inboxcols.error.answers', { n: MAX_ANSWER_COLUMNS })}</Notice>;
}

/** A fact column's heading. */
export function factLabel(ctx: PageContext, id: (typeof FACT_COLUMNS)[number]): string {
  const { t } = ctx.i18n;
  if (id === 'labels') return t('inboxcols.col.labels');
  if (id === 'updated') return t('inboxcols.col.updated');
  return t(`instruction.col.${id}` as MessageKey);
}

export function columnLabel(ctx: PageContext, c: InboxColumn): string {
  return c.kind === 'fact' ? factLabel(ctx, c.id) : c.label;
}

export function ColumnsForm(p: InboxProps) {
  const { t } = p.ctx.i18n;
  const procedure = p.procedures.find((x) => x.id === p.procedureId);
  const offered = [...FACT_COLUMNS.map((id) => ({ id: id as string, label: factLabel(p.ctx, id), fact: true })), ...p.answerChoices.map((a) => ({ id: `r.${a.id}`, label: a.label, fact: false }))];
  // Places follow the current order; columns not shown come after.
  const order = [...p.columns.map((c) => c.id), ...offered.map((o) => o.id).filter((id) => !p.columns.some((c) => c.id === id))];
  const place = (id: string) => order.indexOf(id) + 1;
  const ranks = Array.from({ length: offered.length }, (_, i) => i + 1);
  const back = new URLSearchParams({ ...p.raw, onglet: p.tab }).toString();
  const row = (o: (typeof offered)[number], i: number) => (
    <div class="choice">
      <input type="checkbox" id={`col-${i}`} name="col" value={o.id} checked={p.columns.some((c) => c.id === o.id)} disabled={o.id === 'reference'} />
      <label for={`col-${i}`}>{o.label}</label>{' '}
      <input type="hidden" name={`avant.${o.id}`} value={String(place(o.id))} />
      <select name={`rang.${o.id}`} aria-label={t('inboxcols.rank', { column: o.label })}>
        {ranks.map((r) => (
          <option value={String(r)} selected={r === place(o.id)}>
            {r}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <details class="card">
      <summary>{t('inboxcols.panel')}</summary>
      <form method="post" action={COLUMNS_PATH}>
        <CsrfField token={p.ctx.csrf} />
        <input type="hidden" name="retour" value={back} />
        {p.procedureId && <input type="hidden" name="demarche" value={p.procedureId} />}
        <p>{t('inboxcols.intro')}</p>
        <p class="hint">{procedure ? t('inboxcols.forprocedure', { procedure: procedure.title }) : t('inboxcols.general', { n: MAX_ANSWER_COLUMNS })}</p>
        <fieldset>
          <legend>{t('inboxcols.dossier')}</legend>
          {offered.map((o, i) => (o.fact ? row(o, i) : null))}
        </fieldset>
        {p.answerChoices.length > 0 && (
          <fieldset>
            <legend>{t('inboxcols.answers', { n: MAX_ANSWER_COLUMNS })}</legend>
            {offered.map((o, i) => (o.fact ? null : row(o, i)))}
          </fieldset>
        )}
        <button type="submit">{t('inboxcols.save')}</button>{' '}
        <button type="submit" name="defaut" value="1" class="secondary">
          {t('inboxcols.reset')}
        </button>
      </form>
    </details>
  );
}
