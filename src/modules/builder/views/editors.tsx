// The builder's editors: a field's settings (by type), a page's, and the condition editor both share. Plain
// forms posting to the builder's address with an `action` (save-field, save-section, more-rules); filled from
// the definition, or from what was just posted when it comes back with errors.
import type { ComponentChildren } from 'preact';
import { describedBy, Field, FieldNotes, Select, TextArea } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { I18n } from '../../../platform/i18n/index.ts';
import { CONDITION_OPS, COUNTRIES, DOCUMENT_KINDS, textIn, type Field as FormField, type FieldType } from '../../forms/index.ts';
import { MAX_RULES, type BuilderError, type Editing, type Values } from '../edit.ts';
import { errorText, fieldTitle, localeOf, opName, typeName } from './words.ts';

/** What an editor shows and where it posts. */
export interface EditorProps {
  ctx: PageContext;
  action: string;
  rev: string;
  /** The inputs' values: derived from the definition, or as posted. */
  values: Values;
  errors: BuilderError[];
  /** Fields a condition here may look at (asked before). */
  earlier: FormField[];
  /** The condition's rule rows to show. */
  rows: number;
  /** A condition too deep for rows, in words (kept unless dropped). */
  complex?: string;
  /** A rule row was just added: it takes the focus, not the editor's title. */
  focusRule?: boolean;
  /** Where Cancel leads: the builder, back on what was being edited. */
  back: string;
}

const KIND_NAMES: Record<string, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

function helpers(p: EditorProps) {
  const v = (name: string) => {
    const x = p.values[name];
    return (Array.isArray(x) ? x[0] : x) ?? '';
  };
  const vs = (name: string) => {
    const x = p.values[name];
    return x === undefined ? [] : Array.isArray(x) ? x : [x];
  };
  const err = (name: string) => {
    const found = p.errors.filter((e) => e.at === name);
    return found.length > 0 ? found.map((e) => errorText(p.ctx.i18n, e)).join(' ') : undefined;
  };
  return { v, vs, err, t: p.ctx.i18n.t };
}

/** The hidden inputs of every builder form: the CSRF token and the fingerprint of the form shown. */
export function Hidden({ ctx, rev }: { ctx: PageContext; rev: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
      <input type="hidden" name="rev" value={rev} />
    </>
  );
}

function Check({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string }) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <FieldNotes id={`f-${name}`} error={error} />
      <div class="check">
        <input type="checkbox" id={`f-${name}`} name={name} value="on" checked={checked} aria-describedby={error ? `f-${name}-error` : undefined} />
        <label for={`f-${name}`}>{label}</label>
      </div>
    </div>
  );
}

function Checks(p: { name: string; legend: string; hint?: string; options: { value: string; label: string }[]; checked: string[]; error?: string }) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <fieldset aria-describedby={describedBy(id, p.hint, p.error)}>
        <legend>{p.legend}</legend>
        <FieldNotes id={id} hint={p.hint} error={p.error} />
        {p.options.map((o, i) => {
          const oid = i === 0 ? id : `${id}-${i}`;
          return (
            <div class="check">
              <input type="checkbox" id={oid} name={p.name} value={o.value} checked={p.checked.includes(o.value)} />
              <label for={oid}>{o.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** French and English inputs of a text of the definition. */
function Texts(p: { h: ReturnType<typeof helpers>; name: string; label: string; hint?: string; long?: boolean; optional?: boolean }) {
  const { v, err, t } = p.h;
  const Input = ({ lang }: { lang: 'fr' | 'en' }) => {
    const name = `${p.name}_${lang}`;
    const label = `${p.label} ${t(lang === 'en' ? 'builder.in.en' : p.optional ? 'builder.in.fr.optional' : 'builder.in.fr')}`;
    const hint = lang === 'fr' ? p.hint : t('builder.in.en.hint');
    return p.long ? (
      <TextArea name={name} label={label} hint={hint} value={v(name)} error={err(name)} rows={3} lang={lang} />
    ) : (
      <Field name={name} label={label} hint={hint} value={v(name)} error={err(name)} maxLength={300} />
    );
  };
  return (
    <>
      <Input lang="fr" />
      <Input lang="en" />
    </>
  );
}

/** Errors about the editor as a whole (an issue with no input of its own). */
function EditorErrors({ p, at }: { p: EditorProps; at: string[] }) {
  const found = p.errors.filter((e) => at.includes(e.at));
  if (found.length === 0) return null;
  return (
    <>
      {found.map((e) => (
        <p class="error">{errorText(p.ctx.i18n, e)}</p>
      ))}
    </>
  );
}

// ---- Conditions -------------------------------------------------------------------------------------------

function valueHint(i18n: I18n, target: FormField | undefined): string {
  const { t } = i18n;
  switch (target?.type) {
    case 'choice':
    case 'multichoice':
      return t('builder.cond.value.options', { options: target.options.map((o) => `${o.value} (${textIn(o.label, localeOf(i18n))})`).join(', ') });
    case 'yesno':
    case 'checkbox':
      return t('builder.cond.value.yesno');
    case 'integer':
    case 'decimal':
    case 'amount':
      return t('builder.cond.value.number');
    case 'date':
    case 'datetime':
      return t('builder.cond.value.date');
    case undefined:
      return t('builder.cond.value.hint');
    default:
      return t('builder.cond.value.text');
  }
}

export function ConditionEditor({ p, subject }: { p: EditorProps; subject: 'field' | 'section' }) {
  const h = helpers(p);
  const { v, err, t } = h;
  const i18n = p.ctx.i18n;
  const available = p.earlier.filter((f) => !('private' in f && f.private) || v('private') === 'on');
  const fieldOptions = [{ value: '', label: t('builder.cond.none') }, ...available.map((f) => ({ value: f.id, label: `${fieldTitle(f, i18n)} (${f.id})` }))];
  // A rule on a field not offered (posted by hand, or left behind by a move) is shown as it is, to be fixed.
  const rows = Array.from({ length: p.rows }, (_, i) => i);
  for (const i of rows) {
    const id = v(`cond_${i}_field`);
    if (id && !fieldOptions.some((o) => o.value === id)) fieldOptions.push({ value: id, label: id });
  }
  return (
    <fieldset class="item" aria-describedby="cond-hint">
      <legend>{t(subject === 'field' ? 'builder.cond.legend.field' : 'builder.cond.legend.section')}</legend>
      <p class="hint" id="cond-hint">
        {t('builder.cond.hint')}
      </p>
      {p.complex !== undefined ? (
        <>
          <input type="hidden" name="cond_complex" value="1" />
          <p>{t('builder.cond.complex', { condition: p.complex })}</p>
          <Check name="cond_drop" label={t('builder.cond.drop')} checked={v('cond_drop') === 'on'} error={err('cond_drop')} />
        </>
      ) : (
        <>
          <input type="hidden" name="cond_rows" value={String(p.rows)} />
          {available.length === 0 && !rows.some((i) => v(`cond_${i}_field`)) ? (
            <p>{t('builder.cond.nothing')}</p>
          ) : (
            <>
              {p.rows > 1 && (
                <Select
                  name="cond_mode"
                  label={t('builder.cond.mode')}
                  value={v('cond_mode') || 'all'}
                  options={[
                    { value: 'all', label: t('builder.cond.mode.all') },
                    { value: 'any', label: t('builder.cond.mode.any') },
                  ]}
                />
              )}
              {rows.map((i) => {
                const target = p.earlier.find((f) => f.id === v(`cond_${i}_field`));
                return (
                  <fieldset>
                    <legend>{t('builder.cond.rule', { n: i + 1 })}</legend>
                    <Select
                      name={`cond_${i}_field`}
                      label={t('builder.cond.field')}
                      value={v(`cond_${i}_field`)}
                      options={fieldOptions}
                      error={err(`cond_${i}_field`)}
                      focus={p.focusRule && i === p.rows - 1}
                    />
                    <Select
                      name={`cond_${i}_op`}
                      label={t('builder.cond.op')}
                      value={v(`cond_${i}_op`) || 'equals'}
                      options={CONDITION_OPS.map((op) => ({ value: op, label: opName(i18n, op) }))}
                      error={err(`cond_${i}_op`)}
                    />
                    <Field name={`cond_${i}_value`} label={t('builder.cond.value')} hint={valueHint(i18n, target)} value={v(`cond_${i}_value`)} error={err(`cond_${i}_value`)} maxLength={200} />
                  </fieldset>
                );
              })}
              {p.rows < MAX_RULES && (
                <button type="submit" name="action" value="more-rules" class="secondary">
                  {t('builder.cond.more')}
                </button>
              )}
            </>
          )}
        </>
      )}
    </fieldset>
  );
}

// ---- Field editor ------------------------------------------------------------------------------------------

function TypeSettings({ p, type, isNew }: { p: EditorProps; type: FieldType; isNew: boolean }) {
  const h = helpers(p);
  const { v, vs, err, t } = h;
  const num = (name: string, label: string, hint?: string) => <Field name={name} label={label} hint={hint} value={v(name)} error={err(name)} maxLength={30} />;
  const kinds = DOCUMENT_KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] ?? k }));
  const countryChoice = (
    <Select
      name="country"
      label={t('builder.set.country')}
      value={v('country')}
      options={[{ value: '', label: t('builder.set.country.service') }, ...COUNTRIES.map((c) => ({ value: c, label: t(`country.${c}`) }))]}
      error={err('country')}
    />
  );
  switch (type) {
    case 'text':
      return (
        <>
          {num('minLength', t('builder.set.minlength'))}
          {num('maxLength', t('builder.set.maxlength'), t('builder.set.maxlength.hint', { n: 200 }))}
          <Field name="pattern" label={t('builder.set.pattern')} hint={t('builder.set.pattern.hint')} value={v('pattern')} error={err('pattern')} maxLength={500} />
          <Texts h={h} name="patternMessage" label={t('builder.set.patternmessage')} optional />
        </>
      );
    case 'textarea':
      return num('maxLength', t('builder.set.maxlength'), t('builder.set.maxlength.hint', { n: 5000 }));
    case 'integer':
    case 'amount':
      return (
        <>
          {num('min', t('builder.set.min'))}
          {num('max', t('builder.set.max'))}
        </>
      );
    case 'decimal':
      return (
        <>
          {num('min', t('builder.set.min'))}
          {num('max', t('builder.set.max'))}
          {num('decimals', t('builder.set.decimals'), t('builder.set.decimals.hint'))}
        </>
      );
    case 'date':
    case 'datetime':
      return (
        <>
          <Check name="past" label={t('builder.set.past')} checked={v('past') === 'on'} error={err('past')} />
          <Check name="future" label={t('builder.set.future')} checked={v('future') === 'on'} error={err('future')} />
          <Field name="min" label={t('builder.set.datemin')} hint={t('builder.set.date.hint')} value={v('min')} error={err('min')} maxLength={10} />
          <Field name="max" label={t('builder.set.datemax')} hint={t('builder.set.date.hint')} value={v('max')} error={err('max')} maxLength={10} />
        </>
      );
    case 'phone':
      return (
        <Checks
          name="countries"
          legend={t('builder.set.countries')}
          hint={t('builder.set.countries.hint')}
          options={COUNTRIES.map((c) => ({ value: c, label: t(`country.${c}`) }))}
          checked={vs('countries')}
          error={err('countries')}
        />
      );
    case 'choice':
    case 'multichoice':
      return (
        <>
          <TextArea name="options" label={t('builder.set.options')} hint={t('builder.set.options.hint')} value={v('options')} error={err('options')} rows={5} />
          {type === 'choice' ? (
            <Select
              name="display"
              label={t('builder.set.display')}
              value={v('display') || 'radio'}
              options={[
                { value: 'radio', label: t('builder.set.display.radio') },
                { value: 'select', label: t('builder.set.display.select') },
              ]}
              error={err('display')}
            />
          ) : (
            <>
              {num('min', t('builder.set.minchoices'))}
              {num('max', t('builder.set.maxchoices'))}
            </>
          )}
        </>
      );
    case 'territory':
      return (
        <>
          <Select
            name="level"
            label={t('builder.set.level')}
            value={v('level') || 'commune'}
            options={(['region', 'department', 'commune'] as const).map((l) => ({ value: l, label: t(`builder.set.level.${l}`) }))}
            error={err('level')}
          />
          {countryChoice}
        </>
      );
    case 'nationalId':
      return countryChoice;
    case 'attachment':
    case 'identityDocument':
      return (
        <>
          <Checks
            name="accept"
            legend={t('builder.set.accept')}
            hint={type === 'identityDocument' ? t('builder.set.accept.default') : undefined}
            options={kinds}
            checked={vs('accept')}
            error={err('accept')}
          />
          <Field name="maxSizeMb" label={t('builder.set.maxsize')} hint={t('builder.set.maxsize.hint')} value={v('maxSizeMb')} error={err('maxSizeMb')} maxLength={10} />
          {type === 'attachment' && <Field name="template" label={t('builder.set.template')} hint={t('builder.set.template.hint')} value={v('template')} error={err('template')} maxLength={500} />}
        </>
      );
    case 'dossierLink':
      return <Field name="procedure" label={t('builder.set.procedure')} hint={t('builder.set.procedure.hint')} value={v('procedure')} error={err('procedure')} maxLength={100} />;
    case 'repeat':
      return (
        <>
          {isNew && <Field name="first_fr" label={t('builder.set.first')} hint={t('builder.set.first.hint')} value={v('first_fr')} error={err('first_fr')} maxLength={200} />}
          <Texts h={h} name="itemLabel" label={t('builder.set.itemlabel')} hint={t('builder.set.itemlabel.hint')} optional />
          {num('min', t('builder.set.minitems'))}
          {num('max', t('builder.set.maxitems'), t('builder.set.maxitems.hint'))}
        </>
      );
    default:
      return null;
  }
}

export function FieldEditor(props: EditorProps & { editing: Extract<Editing, { kind: 'field' | 'new-field' }>; type: FieldType; title: string }) {
  const p = props;
  const h = helpers(p);
  const { v, err, t } = h;
  const isNew = p.editing.kind === 'new-field';
  const display = p.type === 'heading' || p.type === 'explanation';
  return (
    <form method="post" action={p.action} class="card" id="editor" aria-labelledby="editor-title" novalidate>
      <h3 id="editor-title" tabIndex={-1} data-focus={!p.focusRule || undefined}>
        {isNew ? t('builder.editor.new', { type: typeName(p.ctx.i18n, p.type) }) : t('builder.editor.edit', { title: p.title })}
      </h3>
      {/* Enter in a text box saves, rather than adding a rule row. */}
      <button type="submit" name="action" value="save-field" hidden tabIndex={-1} aria-hidden="true" />
      <Hidden ctx={p.ctx} rev={p.rev} />
      {p.editing.kind === 'field' ? (
        <input type="hidden" name="champ" value={p.editing.address} />
      ) : (
        <>
          <input type="hidden" name="type" value={p.type} />
          {p.editing.block !== undefined ? <input type="hidden" name="bloc" value={p.editing.block} /> : <input type="hidden" name="dans" value={p.editing.section} />}
        </>
      )}
      <EditorErrors p={p} at={['']} />
      {isNew ? (
        <Field name="id" label={t('builder.field.id')} hint={t('builder.field.id.hint')} value={v('id')} error={err('id')} maxLength={63} />
      ) : (
        <p class="meta">{t('builder.field.meta', { id: v('id'), type: typeName(p.ctx.i18n, p.type) })}</p>
      )}
      {display ? (
        <Texts h={h} name="text" label={t(p.type === 'heading' ? 'builder.field.heading' : 'builder.field.explanation')} long={p.type === 'explanation'} />
      ) : (
        <>
          <Texts h={h} name="label" label={t('builder.field.label')} />
          <Texts h={h} name="hint" label={t('builder.field.hint')} long optional />
          <Check name="required" label={t(p.type === 'checkbox' ? 'builder.field.required.checkbox' : 'builder.field.required')} checked={v('required') === 'on'} error={err('required')} />
          <Check name="private" label={t('builder.field.private')} checked={v('private') === 'on'} error={err('private')} />
        </>
      )}
      <TypeSettings p={p} type={p.type} isNew={isNew} />
      <ConditionEditor p={p} subject="field" />
      <div class="actions">
        <button type="submit" name="action" value="save-field">
          {t('builder.field.save')}
        </button>
        <a href={p.back} data-swap>
          {t('builder.cancel')}
        </a>
      </div>
    </form>
  );
}

export function SectionEditor(props: EditorProps & { sectionId: string; title: string }): ComponentChildren {
  const p = props;
  const h = helpers(p);
  const { t } = h;
  return (
    <form method="post" action={p.action} class="card" id="editor" aria-labelledby="editor-title" novalidate>
      <h3 id="editor-title" tabIndex={-1} data-focus={!p.focusRule || undefined}>
        {t('builder.section.edit', { title: p.title })}
      </h3>
      <button type="submit" name="action" value="save-section" hidden tabIndex={-1} aria-hidden="true" />
      <Hidden ctx={p.ctx} rev={p.rev} />
      <input type="hidden" name="editor" value="section" />
      <input type="hidden" name="section" value={p.sectionId} />
      <EditorErrors p={p} at={['']} />
      <Texts h={h} name="title" label={t('builder.section.title')} />
      <Texts h={h} name="description" label={t('builder.section.description')} long optional />
      <ConditionEditor p={p} subject="section" />
      <div class="actions">
        <button type="submit" name="action" value="save-section">
          {t('builder.section.save')}
        </button>
        <a href={p.back} data-swap>
          {t('builder.cancel')}
        </a>
      </div>
    </form>
  );
}
