// The exports page: a procedure chosen in a GET form (works without JavaScript: the page comes back with its
// columns), then one POST form with the columns grouped by page of the form, the format and the filters,
// and a second button that saves the column choice; the agent's saved sets; the exports of the last days.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { CsrfField, describedBy, ErrorSummary, FieldNotes, Notice, Select } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { DOSSIER_STATUSES } from '../../../../platform/db/schema.ts';
import { FORMATS, type InputError } from '../input.ts';
import { deleteSetPath, exportFilePath, EXPORTS_PATH, exportsHref } from '../paths.ts';
import { exportSettings } from '../settings.ts';
import type { ExportRecord } from '../store.ts';
import type { ProcedureView } from '../service.ts';

export const DONE = ['jeu', 'attente', 'suppression'] as const;
export type Done = (typeof DONE)[number];

/** What the form shows checked, chosen and typed. */
export interface FormValues {
  columns: string[];
  format: string;
  status: string;
  from: string;
  to: string;
  setName: string;
}

interface Props {
  ctx: PageContext;
  procedures: { id: string; title: string }[];
  chosen?: string;
  view?: ProcedureView;
  exports: ExportRecord[];
  values: FormValues;
  errors: InputError[];
  done?: Done;
}

export function ExportsPage(p: Props) {
  const { t } = p.ctx.i18n;
  const title = t('instruction.export.title');
  const summary = p.errors.map((e) => ({ field: e.field, message: t(e.key, e.params) }));
  return (
    <Layout ctx={p.ctx} title={title} breadcrumb={[{ href: '/agent', label: t('staff.agent.home') }, { label: title }]}>
      <h1>{title}</h1>
      {p.done && <Notice kind="success">{t(`instruction.export.done.${p.done}` as MessageKey, { n: exportSettings.syncMax })}</Notice>}
      <ErrorSummary title={t('form.errors')} errors={summary} />
      <p>{t('instruction.export.lead', { n: exportSettings.syncMax })}</p>
      {p.procedures.length === 0 ? <p>{t('instruction.export.noprocedure')}</p> : <ProcedureChoice {...p} />}
      {p.view && <SavedSets {...p} view={p.view} />}
      {p.view && <ExportForm {...p} view={p.view} />}
      <ExportList {...p} />
    </Layout>
  );
}

const errorOf = (p: Props, field: InputError['field']) => {
  const e = p.errors.find((x) => x.field === field);
  return e && p.ctx.i18n.t(e.key, e.params);
};

function ProcedureChoice(p: Props) {
  const { t } = p.ctx.i18n;
  const options = [{ value: '', label: t('instruction.export.pick') }, ...p.procedures.map((x) => ({ value: x.id, label: x.title }))];
  return (
    <form method="get" action={EXPORTS_PATH} class="card">
      <Select name="demarche" label={t('instruction.export.procedure')} value={p.chosen ?? ''} options={options} error={p.view ? undefined : errorOf(p, 'demarche')} />
      <button type="submit" class="secondary">
        {t('instruction.export.choose')}
      </button>
    </form>
  );
}

function SavedSets(p: Props & { view: ProcedureView }) {
  const { t } = p.ctx.i18n;
  if (p.view.sets.length === 0) return null;
  return (
    <section aria-labelledby="h-sets">
      <h2 id="h-sets">{t('instruction.export.sets.title')}</h2>
      <ul class="cards">
        {p.view.sets.map((s) => (
          <li>
            <strong>{s.name}</strong> <span class="meta">{t('instruction.export.sets.count', { n: s.columns.length })}</span>
            <div class="actions">
              <a href={exportsHref({ demarche: p.view.id, jeu: s.id })} aria-label={t('instruction.export.sets.useof', { name: s.name })}>
                {t('instruction.export.sets.use')}
              </a>
              <form method="post" action={deleteSetPath(s.id)} class="inline">
                <CsrfField token={p.ctx.csrf} />
                <button type="submit" class="link" aria-label={t('instruction.export.sets.deleteof', { name: s.name })}>
                  {t('instruction.export.sets.delete')}
                </button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExportForm(p: Props & { view: ProcedureView }) {
  const { t } = p.ctx.i18n;
  const { values, view } = p;
  const columnsError = errorOf(p, 'colonnes');
  const formatError = errorOf(p, 'format');
  const filtered = !!(values.status || values.from || values.to) || ['statut', 'du', 'au'].some((f) => errorOf(p, f as InputError['field']));
  return (
    <form method="post" action={EXPORTS_PATH} class="card">
      <h2>{t('instruction.export.form', { procedure: view.title })}</h2>
      <CsrfField token={p.ctx.csrf} />
      <input type="hidden" name="demarche" value={view.id} />
      <fieldset id="f-colonnes" aria-describedby={describedBy('f-colonnes', 'hint', columnsError)}>
        <legend>{t('instruction.export.columns')}</legend>
        <FieldNotes id="f-colonnes" hint={t('instruction.export.columnshint')} error={columnsError} />
        {view.groups.map((g, i) => (
          <fieldset>
            <legend>{g.legend}</legend>
            {g.columns.map((c) => (
              <div class="choice">
                <input type="checkbox" id={`c-${i}-${c.id}`} name="colonnes" value={c.id} checked={values.columns.includes(c.id)} />
                <label for={`c-${i}-${c.id}`}>{c.label}</label>
              </div>
            ))}
          </fieldset>
        ))}
      </fieldset>
      <fieldset id="f-format" aria-describedby={formatError ? 'f-format-error' : undefined}>
        <legend>{t('instruction.export.format')}</legend>
        <FieldNotes id="f-format" error={formatError} />
        {FORMATS.map((f) => (
          <div class="choice">
            <input type="radio" id={`format-${f}`} name="format" value={f} checked={values.format === f} />
            <label for={`format-${f}`}>{t(`instruction.export.format.${f}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>
      <details open={filtered}>
        <summary>{t('instruction.export.filters')}</summary>
        <Select
          name="statut"
          label={t('instruction.export.filter.status')}
          value={values.status}
          error={errorOf(p, 'statut')}
          options={[{ value: '', label: t('instruction.export.filter.any') }, ...DOSSIER_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: t(`dossiers.status.${s}` as MessageKey) }))]}
        />
        <DateField name="du" label={t('instruction.export.filter.from')} value={values.from} error={errorOf(p, 'du')} hint={t('instruction.export.filter.hint')} />
        <DateField name="au" label={t('instruction.export.filter.to')} value={values.to} error={errorOf(p, 'au')} hint={t('instruction.export.filter.hint')} />
      </details>
      <p>
        <button type="submit" name="action" value="exporter">
          {t('instruction.export.submit')}
        </button>
      </p>
      <fieldset>
        <legend>{t('instruction.export.save.legend')}</legend>
        <div class={errorOf(p, 'nom') ? 'field invalid' : 'field'}>
          <label for="f-nom">{t('instruction.export.save.name')}</label>
          <FieldNotes id="f-nom" hint={t('instruction.export.save.hint')} error={errorOf(p, 'nom')} />
          <input id="f-nom" name="nom" value={values.setName} maxLength={80} aria-describedby={describedBy('f-nom', 'hint', errorOf(p, 'nom'))} aria-invalid={errorOf(p, 'nom') ? 'true' : undefined} />
        </div>
        <button type="submit" name="action" value="enregistrer" class="secondary">
          {t('instruction.export.save.submit')}
        </button>
      </fieldset>
    </form>
  );
}

function DateField(p: { name: string; label: string; value: string; hint: string; error?: string }) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      <FieldNotes id={id} hint={p.hint} error={p.error} />
      <input id={id} name={p.name} type="date" value={p.value} aria-describedby={describedBy(id, p.hint, p.error)} aria-invalid={p.error ? 'true' : undefined} />
    </div>
  );
}

function ExportList(p: Props) {
  const { t } = p.ctx.i18n;
  const days = exportSettings.keepDays;
  return (
    <section id="exports" aria-labelledby="h-exports">
      <h2 id="h-exports">{t('instruction.export.list.title')}</h2>
      <p>{t('instruction.export.list.lead', { days })}</p>
      {p.exports.length === 0 ? (
        <p>{t('instruction.export.list.empty')}</p>
      ) : (
        <table class="table">
          <caption>{t('instruction.export.list.caption', { days })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('instruction.export.list.procedure')}</th>
              <th scope="col">{t('instruction.export.list.created')}</th>
              <th scope="col">{t('instruction.export.list.format')}</th>
              <th scope="col">{t('instruction.export.list.status')}</th>
              <th scope="col">{t('instruction.export.list.file')}</th>
            </tr>
          </thead>
          <tbody>
            {p.exports.map((e) => (
              <tr>
                <td>{e.procedureTitle}</td>
                <td>{p.ctx.i18n.dateTime(e.createdAt)}</td>
                <td>{e.format.toUpperCase()}</td>
                <td>{t(`instruction.export.status.${e.status}` as MessageKey, { n: e.rowCount ?? 0 })}</td>
                <td>
                  {e.status === 'ready' ? (
                    <a href={exportFilePath(e.id)} aria-label={t('instruction.export.downloadof', { file: e.fileName })}>
                      {t('instruction.export.download')}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
