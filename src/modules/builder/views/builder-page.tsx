// The procedure builder's page: the form's pages and their fields as lists, each with its buttons (edit, move
// up, move down, delete), the editor opened in place, forms to add a page or a field, and publication.
// Everything is a plain form; public/builder.js (optional) posts them with fetch and swaps #builder, which is
// also what the routes answer to such requests (BuilderMain alone).
import { Layout } from '../../../platform/ui/layout.tsx';
import { ErrorSummary, Field } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { builderScript } from '../../../platform/ui/assets.ts';
import { FIELD_TYPES, textIn, type Field as FormField, type FieldType, type Section } from '../../forms/index.ts';
import { onlineStart } from '../../dossiers/paths.ts';
import type { BuilderProcedure } from '../store.ts';
import type { BuilderState } from '../service.ts';
import {
  CHILD_TYPES,
  MAX_RULES,
  earlierFields,
  fieldValues,
  flatRules,
  locateField,
  newFieldSpot,
  sectionValues,
  type BuilderError,
  type Editing,
  type Values,
} from '../edit.ts';
import { FieldEditor, Hidden, SectionEditor, type EditorProps } from './editors.tsx';
import { describeCondition, errorText, fieldTitle, localeOf, sectionTitle, typeName } from './words.ts';

export const builderPath = (procedureId: string) => `/admin/demarches/${procedureId}/formulaire`;
export const previewPath = (procedureId: string, sectionId?: string) =>
  `/admin/demarches/${procedureId}/formulaire/apercu${sectionId ? `?page=${encodeURIComponent(sectionId)}` : ''}`;

export type BuilderNotice = { kind: 'saved' | 'discarded' | 'conflict' } | { kind: 'published'; number: number };

export interface BuilderProps {
  ctx: PageContext;
  procedure: BuilderProcedure;
  state: BuilderState;
  editing: Editing;
  /** What was just posted, when a change comes back (errors) or the editor gets one more rule row. */
  raw?: Values;
  extraRule?: boolean;
  errors: BuilderError[];
  notice?: BuilderNotice;
  /** The element (`section-<id>`, `item-<address>`, `sections`) a change was made on: brought into view. */
  done?: string;
}

export function BuilderPage(p: BuilderProps) {
  const { t } = p.ctx.i18n;
  const title = t('builder.title', { title: p.procedure.title });
  return (
    <Layout
      ctx={p.ctx}
      title={title}
      breadcrumb={[{ href: '/admin', label: t('admin.title') }, { href: `/admin/demarches/${p.procedure.id}`, label: p.procedure.title }, { label: t('builder.crumb') }]}
    >
      <h1>{title}</h1>
      <p>{t('builder.lead')}</p>
      <BuilderMain {...p} />
      <script src={builderScript.href} defer />
    </Layout>
  );
}

/** What each part of the page needs. */
interface Scope {
  p: BuilderProps;
  base: string;
  t: PageContext['i18n']['t'];
  words: { yes: string; no: string };
}

export function BuilderMain(p: BuilderProps) {
  const i18n = p.ctx.i18n;
  const { t } = i18n;
  const base = builderPath(p.procedure.id);
  const scope: Scope = { p, base, t, words: { yes: t('forms.yes').toLowerCase(), no: t('forms.no').toLowerCase() } };
  const def = p.state.definition;
  const summary = p.errors.map((e) => ({ field: e.at, message: errorText(i18n, e) }));
  return (
    <div id="builder" tabIndex={-1}>
      <Notices s={scope} />
      <ErrorSummary title={t('form.errors')} errors={summary} />
      <div id="f-sections" tabIndex={p.done === 'sections' ? -1 : undefined} data-focus={p.done === 'sections' || undefined}>
        <ItemErrors s={scope} at="sections" />
        {def.sections.length === 0 && <p>{t('builder.empty')}</p>}
        {def.sections.map((section, si) => (
          <SectionCard s={scope} section={section} si={si} />
        ))}
      </div>
      <AddSection s={scope} />
      <Publication s={scope} />
    </div>
  );
}

function Notices({ s }: { s: Scope }) {
  const { notice } = s.p;
  const { t } = s;
  if (!notice) return null;
  if (notice.kind === 'conflict') {
    return (
      <div class="notice warning" role="alert" tabIndex={-1} data-focus>
        {t('builder.notice.conflict')}
      </div>
    );
  }
  const url = onlineStart(s.p.procedure.slug);
  return (
    <div class="notice success" role="status" tabIndex={-1} data-focus={(!s.p.done && s.p.editing.kind === 'none') || undefined}>
      {notice.kind === 'published' ? (
        <>
          {t('builder.notice.published', { number: notice.number })} <a href={url}>{url}</a>
        </>
      ) : (
        t(notice.kind === 'saved' ? 'builder.notice.saved' : 'builder.notice.discarded')
      )}
    </div>
  );
}

function ItemErrors({ s, at }: { s: Scope; at: string }) {
  const found = s.p.errors.filter((e) => e.at === at);
  return (
    <>
      {found.map((e) => (
        <p class="error">{errorText(s.p.ctx.i18n, e)}</p>
      ))}
    </>
  );
}

/** A GET form with one button: opens an editor, works without script, looks like the other buttons. */
function OpenButton({ s, params, label, name }: { s: Scope; params: Record<string, string>; label: string; name: string }) {
  return (
    <form method="get" action={s.base}>
      {Object.entries(params).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class="secondary" aria-label={`${label} ${name}`}>
        {label}
      </button>
    </form>
  );
}

/** Move up, move down and delete: one POST form, the button says which. */
function RowButtons(props: { s: Scope; target: Record<string, string>; actions: { value: string; label: string; show: boolean }[]; name: string }) {
  return (
    <form method="post" action={props.s.base} class="actions">
      <Hidden ctx={props.s.p.ctx} rev={props.s.p.state.rev} />
      {Object.entries(props.target).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {props.actions
        .filter((a) => a.show)
        .map((a) => (
          <button type="submit" name="action" value={a.value} class="secondary" aria-label={`${a.label} ${props.name}`}>
            {a.label}
          </button>
        ))}
    </form>
  );
}

const quoted = (s: Scope, words: string) => s.t('builder.quoted', { words });

function editorBase(s: Scope, values: Values, earlier: FormField[], complexOf: FormField['visibleIf'] | undefined, back: string): EditorProps {
  const { p } = s;
  const posted = Number.parseInt(String(values.cond_rows ?? ''), 10);
  const rows = Math.min(Math.max((Number.isNaN(posted) ? 1 : posted) + (p.extraRule ? 1 : 0), 1), MAX_RULES);
  const complex = values.cond_complex === '1' && complexOf && flatRules(complexOf) === null ? describeCondition(complexOf, p.state.definition, p.ctx.i18n) : undefined;
  const backTo = `${s.base}?vers=${encodeURIComponent(back)}#f-${back}`;
  return { ctx: p.ctx, action: s.base, rev: p.state.rev, values, errors: p.errors, earlier, rows, complex, focusRule: p.extraRule, back: backTo };
}

function SectionCard({ s, section, si }: { s: Scope; section: Section; si: number }) {
  const { p, t } = s;
  const def = p.state.definition;
  const title = sectionTitle(section, p.ctx.i18n);
  const name = quoted(s, title);
  const focus = p.done === `section-${section.id}`;
  const editing = p.editing;
  const editingThis = editing.kind === 'section' && editing.id === section.id;
  const adding = editing.kind === 'new-field' && editing.block === undefined && editing.section === section.id ? editing : undefined;
  return (
    <section class="card" id={`f-section-${section.id}`} aria-labelledby={`h-section-${section.id}`} tabIndex={focus ? -1 : undefined} data-focus={focus || undefined}>
      <h2 id={`h-section-${section.id}`}>{t('builder.section.heading', { n: si + 1, title })}</h2>
      {section.description && <p>{textIn(section.description, localeOf(p.ctx.i18n))}</p>}
      {section.visibleIf && <p class="hint">{t('builder.section.shownif', { condition: describeCondition(section.visibleIf, def, p.ctx.i18n) })}</p>}
      <ItemErrors s={s} at={`section-${section.id}`} />
      <div class="actions">
        <OpenButton s={s} params={{ section: section.id }} label={t('builder.section.editbutton')} name={name} />
        <RowButtons
          s={s}
          target={{ section: section.id }}
          name={name}
          actions={[
            { value: 'section-up', label: t('builder.up'), show: si > 0 },
            { value: 'section-down', label: t('builder.down'), show: si < def.sections.length - 1 },
            { value: 'delete-section', label: t('builder.delete'), show: true },
          ]}
        />
      </div>
      {editingThis && (
        <SectionEditor
          {...editorBase(s, p.raw ?? sectionValues(section, s.words), earlierFields(def, { si }), section.visibleIf, `section-${section.id}`)}
          sectionId={section.id}
          title={title}
        />
      )}
      {(section.fields.length > 0 || adding) && (
        <ol class="cards">
          {section.fields.map((field, fi) => (
            <FieldRow s={s} field={field} address={field.id} canUp={si > 0 || fi > 0} canDown={si < def.sections.length - 1 || fi < section.fields.length - 1} />
          ))}
          {adding && (
            <li>
              <NewFieldEditor s={s} editing={adding} />
            </li>
          )}
        </ol>
      )}
      <AddField s={s} target={{ dans: section.id }} types={FIELD_TYPES as FieldType[]} name={name} />
    </section>
  );
}

function FieldRow({ s, field, address, canUp, canDown }: { s: Scope; field: FormField; address: string; canUp: boolean; canDown: boolean }) {
  const { p, t } = s;
  const i18n = p.ctx.i18n;
  const def = p.state.definition;
  const title = fieldTitle(field, i18n);
  const name = quoted(s, title);
  const focus = p.done === `item-${address}`;
  const editing = p.editing;
  const editingThis = editing.kind === 'field' && editing.address === address;
  const adding = field.type === 'repeat' && editing.kind === 'new-field' && editing.block === field.id ? editing : undefined;
  const flags = [typeName(i18n, field.type), t('builder.field.meta.id', { id: field.id })];
  if ('required' in field && field.required) flags.push(t('builder.flag.required'));
  if ('private' in field && field.private) flags.push(t('builder.flag.private'));
  return (
    <li id={`f-item-${address}`} tabIndex={focus ? -1 : undefined} data-focus={focus || undefined}>
      <p>
        <strong>{title}</strong>
      </p>
      <p class="meta">{flags.join(' · ')}</p>
      {field.visibleIf && <p class="hint">{t('builder.field.shownif', { condition: describeCondition(field.visibleIf, def, i18n) })}</p>}
      <ItemErrors s={s} at={`item-${address}`} />
      <div class="actions">
        <OpenButton s={s} params={{ champ: address }} label={t('builder.edit')} name={name} />
        <RowButtons
          s={s}
          target={{ champ: address }}
          name={name}
          actions={[
            { value: 'field-up', label: t('builder.up'), show: canUp },
            { value: 'field-down', label: t('builder.down'), show: canDown },
            { value: 'delete-field', label: t('builder.delete'), show: true },
          ]}
        />
      </div>
      {editingThis && <ExistingFieldEditor s={s} address={address} />}
      {field.type === 'repeat' && (
        <div class="item">
          <p>
            <strong>{t('builder.block.fields', { name: title })}</strong>
          </p>
          <ol class="cards">
            {field.fields.map((child, ci) => (
              <FieldRow s={s} field={child} address={`${field.id}.${child.id}`} canUp={ci > 0} canDown={ci < field.fields.length - 1} />
            ))}
            {adding && (
              <li>
                <NewFieldEditor s={s} editing={adding} />
              </li>
            )}
          </ol>
          <AddField s={s} target={{ bloc: field.id }} types={CHILD_TYPES} name={name} />
        </div>
      )}
    </li>
  );
}

function ExistingFieldEditor({ s, address }: { s: Scope; address: string }) {
  const { p } = s;
  const def = p.state.definition;
  const spot = locateField(def, address);
  if (!spot) return null;
  const values = p.raw ?? fieldValues(spot.field, s.words);
  return (
    <FieldEditor
      {...editorBase(s, values, earlierFields(def, spot), spot.field.visibleIf, `item-${address}`)}
      editing={{ kind: 'field', address }}
      type={spot.field.type}
      title={fieldTitle(spot.field, p.ctx.i18n)}
    />
  );
}

function NewFieldEditor({ s, editing }: { s: Scope; editing: Extract<Editing, { kind: 'new-field' }> }) {
  const def = s.p.state.definition;
  const spot = newFieldSpot(def, editing);
  if (!spot) return null;
  const back = editing.block !== undefined ? `item-${editing.block}` : `section-${editing.section}`;
  return <FieldEditor {...editorBase(s, s.p.raw ?? { cond_rows: '1' }, earlierFields(def, spot), undefined, back)} editing={editing} type={editing.type} title="" />;
}

function AddField({ s, target, types, name }: { s: Scope; target: { dans: string } | { bloc: string }; types: FieldType[]; name: string }) {
  const { t } = s;
  const i18n = s.p.ctx.i18n;
  const inBlock = 'bloc' in target;
  const id = inBlock ? `f-newtype-b-${target.bloc}` : `f-newtype-s-${target.dans}`;
  const label = t(inBlock ? 'builder.add.childfield' : 'builder.add.field');
  return (
    <form method="get" action={s.base} class="actions">
      {inBlock ? <input type="hidden" name="bloc" value={target.bloc} /> : <input type="hidden" name="dans" value={target.dans} />}
      <div class="field">
        <label for={id}>{t('builder.add.type')}</label>
        <select id={id} name="type">
          {types.map((type) => (
            <option value={type}>{typeName(i18n, type)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit" class="secondary" aria-label={`${label} ${name}`}>
          {label}
        </button>
      </div>
    </form>
  );
}

function AddSection({ s }: { s: Scope }) {
  const { p, t } = s;
  const errors = p.errors.filter((e) => e.at === 'newsection_fr');
  const raw = p.raw?.newsection_fr;
  return (
    <form method="post" action={s.base} class="card" aria-labelledby="h-add-section" novalidate>
      <h2 id="h-add-section">{t('builder.addsection.title')}</h2>
      <Hidden ctx={p.ctx} rev={p.state.rev} />
      <Field
        name="newsection_fr"
        label={t('builder.addsection.label')}
        hint={t('builder.addsection.hint')}
        value={typeof raw === 'string' ? raw : ''}
        error={errors.length > 0 ? errors.map((e) => errorText(p.ctx.i18n, e)).join(' ') : undefined}
        maxLength={200}
      />
      <button type="submit" name="action" value="add-section">
        {t('builder.addsection.button')}
      </button>
    </form>
  );
}

function Publication({ s }: { s: Scope }) {
  const { p, t } = s;
  const { draft, published } = p.state;
  const status = draft
    ? published
      ? t('builder.status.draftover', { draft: draft.number, published: published.number })
      : t('builder.status.draft', { draft: draft.number })
    : published
      ? t('builder.status.published', { published: published.number })
      : t('builder.status.empty');
  return (
    <section class="card" aria-labelledby="h-publish">
      <h2 id="h-publish">{t('builder.publish.title')}</h2>
      <p>{status}</p>
      {draft && (
        <div class="actions">
          <form method="post" action={`${s.base}/publier`}>
            <Hidden ctx={p.ctx} rev={p.state.rev} />
            <button type="submit">{t('builder.publish.button')}</button>
          </form>
          <form method="post" action={s.base}>
            <Hidden ctx={p.ctx} rev={p.state.rev} />
            <button type="submit" name="action" value="discard" class="secondary">
              {t('builder.discard')}
            </button>
          </form>
        </div>
      )}
      {p.state.definition.sections.length > 0 && (
        <p>
          <a href={previewPath(p.procedure.id)}>{t('builder.preview.link')}</a>
        </p>
      )}
    </section>
  );
}
