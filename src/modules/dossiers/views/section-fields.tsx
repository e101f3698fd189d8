// The inputs of one page (section) of a dossier's form, named exactly as readSection (forms/read.ts) reads
// them and filled with the draft's answers, or with what was just posted when the page comes back with
// errors. No <form>, no title: the route wraps it (CSRF, multipart, Continue and Save buttons).
//
// Works without script. The submit buttons it adds, which the route must tell apart from Continue:
//   `_refine=<path>`        a territory's upper level was chosen: save without requiring anything, redisplay;
//   `_add=<repeatId>`       one more empty item (redisplay with extraItems[repeatId] = 1);
//   `_remove=<repeatId>.<index>`  drop that item (its inputs and files) and redisplay.
// A stored file comes with a checkbox `<path>._remove` ("Retirer ce fichier"). The page begins with a hidden
// nameless submit button, so that Enter in a text box means Continue, not the first action button below.
import type { ComponentChildren } from 'preact';
import type { I18n, MessageKey } from '../../../platform/i18n/index.ts';
import {
  isInput,
  localDateTime,
  textIn,
  visibleAnswers,
  type Answer,
  type Answers,
  type AttachmentRef,
  type ChildField,
  type Country,
  type DocumentKind,
  type Field,
  type FieldError,
  type FormBody,
  type FormDefinition,
  type IdDocumentKind,
  type InputField,
  type Locale,
  type Option,
  type RepeatField,
  type Section,
  type Territories,
  type Text,
} from '../../forms/index.ts';
import { conditionJson, pageCondition, type ConditionScope, type PageCondition } from './form-enhance.ts';

/** One country's tree, taken as the service country's, or trees by country (as ValidationContext has them). */
export type TerritoriesInput = Territories | Partial<Record<Country, Territories>>;

export interface SectionFieldsProps {
  def: FormDefinition;
  section: Section;
  /** The draft's typed answers, all pages: values to show, conditions, files already attached. */
  answers: Answers;
  /** What was just posted: shown instead of `answers` (files aside) when the page comes back with errors. */
  raw?: FormBody;
  errors: FieldError[];
  i18n: I18n;
  locale: Locale;
  /** The country the service runs in. */
  country: Country;
  territories?: TerritoriesInput;
  /** Repeat id → empty items to add below the existing ones (after an `_add`). */
  extraItems?: Record<string, number>;
  fileHref: (ref: AttachmentRef) => string;
}

// Defaults of the forms engine (forms/field-file.ts, field-text.ts, walk.ts), which other modules may only
// reach through its index.
const DEFAULT_KINDS: DocumentKind[] = ['pdf', 'jpeg', 'png'];
const DEFAULT_MAX_MB = 5;
const TEXT_MAX = 200;
const TEXTAREA_MAX = 5000;
const REPEAT_MAX = 20;
const ID_KINDS: IdDocumentKind[] = ['cni', 'passport', 'consular', 'other'];
const MIME: Record<DocumentKind, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const KIND_NAMES: Record<DocumentKind, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

// ---- Shared with answers-view.tsx -------------------------------------------------------------------------

export function territoryTree(territories: TerritoriesInput | undefined, want: Country, service: Country): Territories | undefined {
  if (!territories) return undefined;
  if (Array.isArray((territories as Territories).regions)) return want === service ? (territories as Territories) : undefined;
  return (territories as Partial<Record<Country, Territories>>)[want];
}

/** "350 Ko", "1,2 Mo": sizes in KiB and MiB, as phones show them. */
export function fileSize(bytes: number, i18n: I18n): string {
  const sep = i18n.locale === 'en' ? '.' : ',';
  if (bytes < 1024 * 1024) return i18n.t('dossiers.field.kb', { n: Math.max(1, Math.ceil(bytes / 1024)) });
  return i18n.t('dossiers.field.mb', { n: (Math.round((bytes / (1024 * 1024)) * 10) / 10).toString().replace('.', sep) });
}

export const optionLabel = (options: Option[], value: string, locale: Locale) => {
  const o = options.find((x) => x.value === value);
  return o ? textIn(o.label, locale) : value;
};

/** `YYYY-MM-DD…` as people here write it: 27/03/1990. */
export const dmy = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

const grouped = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** A number with at most `digits` decimals, without trailing zeros nor exponent (1e-7 would not read back). */
export function fixed(n: number, digits: number, sep: string): string {
  let s = n.toFixed(Math.min(digits, 100));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s.replace('.', sep);
}

// ---- From typed answers back to what the inputs send --------------------------------------------------------

type Body = Record<string, string | string[]>;

const isObject = (v: Answer | undefined): v is Exclude<Answer, string | number | boolean | unknown[]> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the inputs of `field` would send for the typed answer `value`: the inverse of the field's validator. */
function sendOf(field: InputField, path: string, value: Answer | undefined, p: SectionFieldsProps, out: Body): void {
  if (value === undefined) return;
  const sep = p.locale === 'en' ? '.' : ',';
  const put = (name: string, v: unknown) => {
    if (typeof v === 'string' && v !== '') out[name] = v;
  };
  switch (field.type) {
    case 'yesno':
      if (typeof value === 'boolean') out[path] = value ? 'yes' : 'no';
      return;
    case 'checkbox':
      if (value === true) out[path] = 'on';
      return;
    case 'multichoice':
      if (Array.isArray(value)) out[path] = value.filter((v): v is string => typeof v === 'string');
      return;
    case 'integer':
      if (typeof value === 'number') out[path] = String(value);
      return;
    case 'decimal':
      if (typeof value === 'number') out[path] = fixed(value, field.decimals ?? 2, sep);
      return;
    case 'amount':
      if (typeof value === 'number') out[path] = grouped(value, ' ');
      return;
    case 'date':
      if (typeof value === 'string') out[path] = dmy(value);
      return;
    case 'datetime':
      if (typeof value === 'string') {
        const local = localDateTime(value, p.i18n.timeZone);
        out[path] = /T\d\d:\d\d$/.test(local) ? `${dmy(local)} ${local.slice(11)}` : value;
      }
      return;
    case 'territory':
    case 'address':
    case 'identityDocument':
      if (isObject(value)) for (const [part, v] of Object.entries(value)) put(`${path}.${part}`, v);
      return;
    case 'geo':
      if (isObject(value) && 'lat' in value && typeof value.lat === 'number' && typeof value.lon === 'number') {
        out[`${path}.lat`] = fixed(value.lat, 12, '.');
        out[`${path}.lon`] = fixed(value.lon, 12, '.');
      }
      return;
    case 'attachment':
      return;
    default:
      put(path, value);
  }
}

/** The form values that show `answers` in these fields: what a browser would post back unchanged. */
export function bodyOf(fields: Field[], answers: Answers, p: SectionFieldsProps): Body {
  const out: Body = {};
  for (const field of fields) {
    if (!isInput(field)) continue;
    const value = Object.hasOwn(answers, field.id) ? answers[field.id] : undefined;
    if (field.type !== 'repeat') {
      sendOf(field, field.id, value, p, out);
      continue;
    }
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return;
      for (const child of field.fields) {
        if (isInput(child)) sendOf(child, `${field.id}.${i}.${child.id}`, Object.hasOwn(item, child.id) ? (item as Answers)[child.id] : undefined, p, out);
      }
    });
  }
  return out;
}

/** The stored answer at `id` or `repeatId.index.childId`. */
function storedAt(answers: Answers, path: string): Answer | undefined {
  const [id, index, child] = path.split('.');
  const value = Object.hasOwn(answers, id!) ? answers[id!] : undefined;
  if (index === undefined || child === undefined) return value;
  const item = Array.isArray(value) ? value[Number(index)] : undefined;
  return item && typeof item === 'object' && !Array.isArray(item) && Object.hasOwn(item, child) ? (item as Answers)[child] : undefined;
}

function storedFile(answers: Answers, path: string): AttachmentRef | undefined {
  const v = storedAt(answers, path);
  const ref = isObject(v) && 'file' in v ? v.file : v;
  return isObject(ref) && 'sha256' in ref ? ref : undefined;
}

// ---- Rendering ------------------------------------------------------------------------------------------------

interface Page {
  p: SectionFieldsProps;
  t: I18n['t'];
  text: (x: Text | undefined) => string;
  /** The value to show in the input named `name`. */
  get(name: string): string;
  list(name: string): string[];
  errorAt: Map<string, FieldError>;
  scope: ConditionScope;
}

/** What every field's markup needs: ids, words, the error, the condition left to this page. */
interface Meta {
  path: string;
  id: string;
  label: string;
  required: boolean;
  hint: string;
  note: string;
  error?: string;
  cond?: PageCondition;
}

const describedBy = (m: Meta) =>
  [m.hint && `${m.id}-hint`, m.note && `${m.id}-note`, m.error && `${m.id}-error`].filter(Boolean).join(' ') || undefined;

interface Aria {
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}
function aria(m: Meta): Aria {
  return { 'aria-describedby': describedBy(m), 'aria-invalid': m.error ? 'true' : undefined };
}

interface InputExtras {
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'numeric' | 'decimal' | 'text';
  maxLength: number;
  placeholder?: string;
  autocomplete?: 'off';
  spellcheck?: boolean;
  autocapitalize?: 'off' | 'characters';
}

export function SectionFields(props: SectionFieldsProps) {
  const { section, answers, raw, i18n, locale, def } = props;
  const own = new Set(section.fields.map((f) => f.id));
  const others: Answers = Object.fromEntries(Object.entries(answers).filter(([id]) => !own.has(id)));
  const derived = raw ? {} : bodyOf(section.fields, answers, props);
  const source: FormBody = raw ?? derived;
  const at = (name: string) => (Object.hasOwn(source, name) ? source[name] : undefined);
  const errorAt = new Map<string, FieldError>();
  for (const e of props.errors) if (!errorAt.has(e.field)) errorAt.set(e.field, e);
  const page: Page = {
    p: props,
    t: (key, params) => i18n.t(key, params),
    text: (x) => textIn(x, locale),
    get: (name) => {
      const v = at(name);
      return (Array.isArray(v) ? v[0] : v) ?? '';
    },
    list: (name) => {
      const v = at(name);
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
    errorAt,
    scope: { outer: visibleAnswers(def, others), page: new Map(section.fields.map((f) => [f.id, f])) },
  };
  return (
    <>
      {/* Enter in a text box submits with the form's first submit button: let it be a plain Continue. */}
      <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      {section.fields.map((f) => renderField(page, f, f.id, page.scope, false))}
    </>
  );
}

function renderField(page: Page, field: Field, path: string, scope: ConditionScope, inItem: boolean): ComponentChildren {
  if ('private' in field && field.private) return null;
  let cond: PageCondition | undefined;
  if (field.visibleIf) {
    const c = pageCondition(field.visibleIf, scope);
    if (c === false) return null;
    if (c !== true) cond = c;
  }
  const { t, text } = page;
  if (field.type === 'heading') {
    const H = inItem ? 'h3' : 'h2';
    return <Cond cond={cond}>{<H>{text(field.text)}</H>}</Cond>;
  }
  if (field.type === 'explanation') return <Cond cond={cond}>{<p>{text(field.text)}</p>}</Cond>;
  if (!isInput(field)) return null;
  const e = page.errorAt.get(path);
  const m: Meta = {
    path,
    id: `f-${path}`,
    label: text(field.label),
    required: field.required === true,
    hint: [text(field.hint), typeHint(page, field)].filter(Boolean).join(' '),
    note: cond ? t('dossiers.field.onlyif', { condition: describe(page, cond) }) : '',
    error: e ? (e.message !== undefined ? text(e.message) : t(e.key as MessageKey, e.params)) : undefined,
    cond,
  };
  if (field.type === 'repeat') return repeat(page, field, m);
  return input(page, field, m);
}

/** The hint a field's type adds: how to write the answer. */
function typeHint(page: Page, field: Field): string {
  const { t, p } = page;
  switch (field.type) {
    case 'date':
      return t('dossiers.field.datehint');
    case 'datetime':
      return t('dossiers.field.datetimehint');
    case 'amount':
      return t('dossiers.field.amounthint');
    case 'dossierLink':
      return t('dossiers.field.dossierlinkhint');
    case 'geo':
      return t('dossiers.field.geohint');
    case 'nationalId':
      return t(`dossiers.field.nationalid.${field.country ?? p.country}`);
    case 'attachment':
    case 'identityDocument': {
      const kinds = (field.accept ?? DEFAULT_KINDS).map((k) => KIND_NAMES[k]).join(', ');
      return t('dossiers.field.filehint', { kinds, max: field.maxSizeMb ?? DEFAULT_MAX_MB });
    }
    default:
      return '';
  }
}

/** The condition in words, for those who see every field (no script). */
function describe(page: Page, c: PageCondition): string {
  const { t, text, p } = page;
  if ('all' in c) return c.all.map((x) => describe(page, x)).join(` ${t('dossiers.field.and')} `);
  if ('any' in c) return c.any.map((x) => describe(page, x)).join(` ${t('dossiers.field.or')} `);
  const target = c.target;
  const label = 'label' in target ? text(target.label) : '';
  let value = '';
  if (c.value !== undefined) {
    if (typeof c.value === 'boolean') value = t(c.value ? 'forms.yes' : 'forms.no');
    else if ((target.type === 'choice' || target.type === 'multichoice') && typeof c.value === 'string') value = optionLabel(target.options, c.value, p.locale);
    else if (target.type === 'date' && typeof c.value === 'string') value = dmy(c.value);
    else if (target.type === 'amount' && typeof c.value === 'number') value = p.i18n.money(c.value);
    else value = String(c.value);
  }
  return t(`dossiers.field.cond.${c.op}`, { label, value });
}

/** A wrapper that scripts may hide, when the field's showing depends on this page. */
function Cond({ cond, children }: { cond?: PageCondition; children: ComponentChildren }) {
  return cond ? <div data-visible-if={conditionJson(cond)}>{children}</div> : <>{children}</>;
}

function Required({ m, t }: { m: Meta; t: I18n['t'] }) {
  return m.required ? <span class="req"> {t('dossiers.field.required')}</span> : null;
}

function Notes({ m }: { m: Meta }) {
  return (
    <>
      {m.hint && (
        <p class="hint" id={`${m.id}-hint`}>
          {m.hint}
        </p>
      )}
      {m.note && (
        <p class="hint cond" id={`${m.id}-note`}>
          {m.note}
        </p>
      )}
      {m.error && (
        <p class="error" id={`${m.id}-error`}>
          {m.error}
        </p>
      )}
    </>
  );
}

const box = (m: Meta, extra?: string) => ['field', extra, m.error && 'invalid'].filter(Boolean).join(' ');

/** One control with its label above. */
function Single({ page, m, children }: { page: Page; m: Meta; children: ComponentChildren }) {
  return (
    <div class={box(m)} data-visible-if={m.cond && conditionJson(m.cond)}>
      <label for={m.id}>
        {m.label}
        <Required m={m} t={page.t} />
      </label>
      <Notes m={m} />
      {children}
    </div>
  );
}

/** Several controls under one question: a fieldset whose legend is the question. */
function Group(props: { page: Page; m: Meta; children: ComponentChildren; describe?: boolean; extra?: string; attrs?: Record<string, string> }) {
  const { page, m } = props;
  return (
    <div class={box(m, props.extra)} data-visible-if={m.cond && conditionJson(m.cond)} {...props.attrs}>
      <fieldset aria-describedby={props.describe ? describedBy(m) : undefined}>
        <legend>
          {m.label}
          <Required m={m} t={page.t} />
        </legend>
        <Notes m={m} />
        {props.children}
      </fieldset>
    </div>
  );
}

/** A labelled control inside a group (a part of an address, a level of a territory). */
function Part({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="part">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

function Choices(props: { page: Page; m: Meta; type: 'radio' | 'checkbox'; options: { value: string; label: string }[]; checked: string[] }) {
  const { m } = props;
  return (
    <Group page={props.page} m={m} describe>
      <div class="choices">
        {props.options.map((o, i) => {
          const id = i === 0 ? m.id : `${m.id}-${i}`;
          return (
            <div class="choice">
              <input type={props.type} id={id} name={m.path} value={o.value} checked={props.checked.includes(o.value)} />
              <label for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </Group>
  );
}

function SelectOf(props: { id: string; name: string; value: string; options: { value: string; label: string }[]; placeholder: string; attrs: Aria }) {
  return (
    <select id={props.id} name={props.name} {...props.attrs}>
      <option value="" selected={!props.options.some((o) => o.value === props.value)}>
        {props.placeholder}
      </option>
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === props.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A file already attached: its name, size and link, and a box to remove it. */
function StoredFile({ page, m, file }: { page: Page; m: Meta; file: AttachmentRef }) {
  const { t, p } = page;
  const remove = `${m.path}._remove`;
  return (
    <div class="stored" data-file={m.path}>
      <p>
        {t('dossiers.field.attached')} <a href={p.fileHref(file)}>{file.name}</a> ({fileSize(file.size, p.i18n)})
      </p>
      <div class="check">
        <input type="checkbox" id={`f-${remove}`} name={remove} value="on" checked={page.get(remove) === 'on'} />
        <label for={`f-${remove}`}>{t('dossiers.field.removefile')}</label>
      </div>
    </div>
  );
}

function FileInput({ page, m, id, accept, stored }: { page: Page; m: Meta; id: string; accept: DocumentKind[]; stored: boolean }) {
  return (
    <>
      {stored && (
        <p class="hint" id={`${id}-replace`}>
          {page.t('dossiers.field.replace')}
        </p>
      )}
      <input
        type="file"
        id={id}
        name={m.path}
        accept={accept.map((k) => MIME[k]).join(',')}
        aria-describedby={[describedBy(m), stored && `${id}-replace`].filter(Boolean).join(' ') || undefined}
        aria-invalid={m.error ? 'true' : undefined}
      />
    </>
  );
}

function input(page: Page, field: InputField, m: Meta): ComponentChildren {
  const { t, text, p, get } = page;
  const a = aria(m);
  const textInput = ({ type = 'text', ...extra }: InputExtras) => (
    <Single page={page} m={m}>
      <input id={m.id} name={m.path} type={type as 'text'} value={get(m.path)} {...a} {...extra} />
    </Single>
  );
  switch (field.type) {
    case 'text':
      return textInput({ maxLength: field.maxLength ?? TEXT_MAX });
    case 'textarea':
      return (
        <Single page={page} m={m}>
          <textarea id={m.id} name={m.path} rows={5} maxLength={field.maxLength ?? TEXTAREA_MAX} {...a}>
            {get(m.path)}
          </textarea>
        </Single>
      );
    case 'integer':
      return textInput({ inputMode: field.min !== undefined && field.min >= 0 ? 'numeric' : 'text', maxLength: 30 });
    case 'amount':
      return textInput({ inputMode: 'numeric', maxLength: 30 });
    case 'decimal':
      return textInput({ inputMode: 'decimal', maxLength: 40 });
    case 'date':
      return textInput({ placeholder: t('dossiers.field.dateplaceholder'), maxLength: 10, autocomplete: 'off' });
    case 'datetime':
      return textInput({ placeholder: t('dossiers.field.datetimeplaceholder'), maxLength: 20, autocomplete: 'off' });
    case 'email':
      return textInput({ type: 'email', maxLength: 254, spellcheck: false, autocapitalize: 'off' });
    case 'phone':
      return textInput({ type: 'tel', maxLength: 40 });
    case 'nationalId': {
      const digits = (field.country ?? p.country) !== 'ne';
      return textInput({ inputMode: digits ? 'numeric' : 'text', maxLength: 40, autocomplete: 'off', spellcheck: false, autocapitalize: 'characters' });
    }
    case 'dossierLink':
      return textInput({ maxLength: 30, autocomplete: 'off', spellcheck: false, autocapitalize: 'characters' });
    case 'yesno':
      return (
        <Choices
          page={page}
          m={m}
          type="radio"
          options={[
            { value: 'yes', label: t('forms.yes') },
            { value: 'no', label: t('forms.no') },
          ]}
          checked={[get(m.path)]}
        />
      );
    case 'checkbox':
      return (
        <div class={box(m)} data-visible-if={m.cond && conditionJson(m.cond)}>
          <div class="check">
            <input type="checkbox" id={m.id} name={m.path} value="on" checked={['on', 'true', 'yes'].includes(get(m.path))} {...a} />
            <label for={m.id}>
              {m.label}
              <Required m={m} t={t} />
            </label>
          </div>
          <Notes m={m} />
        </div>
      );
    case 'choice': {
      const options = field.options.map((o) => ({ value: o.value, label: text(o.label) }));
      if (field.display === 'select') {
        return (
          <Single page={page} m={m}>
            <SelectOf id={m.id} name={m.path} value={get(m.path)} options={options} placeholder={t('dossiers.field.choose')} attrs={a} />
          </Single>
        );
      }
      return <Choices page={page} m={m} type="radio" options={options} checked={[get(m.path)]} />;
    }
    case 'multichoice':
      return <Choices page={page} m={m} type="checkbox" options={field.options.map((o) => ({ value: o.value, label: text(o.label) }))} checked={page.list(m.path)} />;
    case 'territory':
      return territory(page, field, m);
    case 'address':
      return (
        <Group page={page} m={m}>
          <Part id={m.id} label={t('dossiers.field.address.line')}>
            <input id={m.id} name={`${m.path}.line`} type="text" value={get(`${m.path}.line`)} maxLength={200} {...a} />
          </Part>
          <Part id={`${m.id}.city`} label={t('dossiers.field.address.city')}>
            <input id={`${m.id}.city`} name={`${m.path}.city`} type="text" value={get(`${m.path}.city`)} maxLength={100} {...a} />
          </Part>
          <Part id={`${m.id}.commune`} label={`${t('dossiers.field.address.commune')} ${t('dossiers.field.optional')}`}>
            <input id={`${m.id}.commune`} name={`${m.path}.commune`} type="text" value={get(`${m.path}.commune`)} maxLength={100} {...a} />
          </Part>
        </Group>
      );
    case 'geo':
      return (
        <Group page={page} m={m}>
          <Part id={m.id} label={t('dossiers.field.geo.lat')}>
            <input id={m.id} name={`${m.path}.lat`} type="text" inputMode="decimal" value={get(`${m.path}.lat`)} maxLength={20} {...a} />
          </Part>
          <Part id={`${m.id}.lon`} label={t('dossiers.field.geo.lon')}>
            <input id={`${m.id}.lon`} name={`${m.path}.lon`} type="text" inputMode="decimal" value={get(`${m.path}.lon`)} maxLength={20} {...a} />
          </Part>
        </Group>
      );
    case 'attachment': {
      const file = storedFile(p.answers, m.path);
      return (
        <Single page={page} m={m}>
          {field.template && (
            <p>
              <a href={field.template}>{t('dossiers.field.template')}</a>
            </p>
          )}
          {file && <StoredFile page={page} m={m} file={file} />}
          <FileInput page={page} m={m} id={m.id} accept={field.accept} stored={file !== undefined} />
        </Single>
      );
    }
    case 'identityDocument': {
      const file = storedFile(p.answers, m.path);
      const kinds = ID_KINDS.map((k) => ({ value: k, label: t(`forms.idkind.${k}`) }));
      return (
        <Group page={page} m={m}>
          <Part id={m.id} label={t('dossiers.field.idkind')}>
            <SelectOf id={m.id} name={`${m.path}.kind`} value={get(`${m.path}.kind`)} options={kinds} placeholder={t('dossiers.field.choose')} attrs={a} />
          </Part>
          <Part id={`${m.id}.number`} label={t('dossiers.field.idnumber')}>
            <input
              id={`${m.id}.number`}
              name={`${m.path}.number`}
              type="text"
              value={get(`${m.path}.number`)}
              maxLength={40}
              autocomplete="off"
              spellcheck={false}
              autocapitalize="characters"
              {...a}
            />
          </Part>
          <div class="part">
            <label for={`${m.id}.file`}>{t('dossiers.field.idfile')}</label>
            {file && <StoredFile page={page} m={m} file={file} />}
            <FileInput page={page} m={m} id={`${m.id}.file`} accept={field.accept ?? DEFAULT_KINDS} stored={file !== undefined} />
          </div>
        </Group>
      );
    }
  }
}

const LEVELS = ['region', 'department', 'commune'] as const;

/**
 * Three lists, each holding what the level above holds. Without script, a button under a level reloads the
 * page with that level kept (`_refine`), so the next list can be filled; form.js fills them in place.
 */
function territory(page: Page, field: Extract<InputField, { type: 'territory' }>, m: Meta): ComponentChildren {
  const { t, get, p } = page;
  const country = field.country ?? p.country;
  const tree = territoryTree(p.territories, country, p.country);
  const depth = { region: 1, department: 2, commune: 3 }[field.level ?? 'commune'];
  const chosen = LEVELS.map((l) => get(`${m.path}.${l}`));
  const region = tree?.regions.find((r) => r.code === chosen[0]);
  const department = region?.departments.find((d) => d.code === chosen[1]);
  const lists = [tree?.regions ?? [], region?.departments ?? [], department?.communes ?? []];
  const a = aria(m);
  return (
    <Group page={page} m={m} attrs={{ 'data-territory': country }}>
      {LEVELS.slice(0, depth).map((level, i) => {
        const id = i === 0 ? m.id : `${m.id}.${level}`;
        const options = lists[i]!.map((x) => ({ value: x.code, label: x.name }));
        return (
          <>
            <Part id={id} label={t(`dossiers.field.territory.${level}`)}>
              <SelectOf id={id} name={`${m.path}.${level}`} value={chosen[i]!} options={options} placeholder={t('dossiers.field.choose')} attrs={a} />
            </Part>
            {i < depth - 1 && (
              <button type="submit" class="secondary refine" name="_refine" value={m.path} formNoValidate>
                {t(i === 0 ? 'dossiers.field.refine.department' : 'dossiers.field.refine.commune')}
              </button>
            )}
          </>
        );
      })}
    </Group>
  );
}

/** The items of a repeated block, each a fieldset with its own Remove button; Add below. */
function repeat(page: Page, field: RepeatField, m: Meta): ComponentChildren {
  const { t, text, p } = page;
  const stored = storedAt(p.answers, field.id);
  const count = Array.isArray(stored) ? stored.length : 0;
  const indexes = new Set<number>();
  if (p.raw) {
    // Items keep the indexes they were posted with: the errors name them so.
    const prefix = `${field.id}.`;
    for (const key of Object.keys(p.raw)) {
      const index = key.startsWith(prefix) ? key.slice(prefix.length).split('.')[0]! : '';
      if (/^(0|[1-9]\d{0,2})$/.test(index) && Number(index) < 100) indexes.add(Number(index));
    }
    // Items whose only inputs are files send nothing once attached.
    for (let i = 0; i < count; i++) indexes.add(i);
  } else {
    for (let i = 0; i < count; i++) indexes.add(i);
  }
  const rows = [...indexes].sort((x, y) => x - y);
  const max = field.max ?? REPEAT_MAX;
  const want = Math.max(rows.length, field.min ?? 0, 1) + Math.max(0, p.extraItems?.[field.id] ?? 0);
  let next = rows.length > 0 ? rows[rows.length - 1]! + 1 : 0;
  while (rows.length < Math.min(want, Math.max(max, rows.length)) && next < 100) rows.push(next++);
  const itemLabel = text(field.itemLabel) || t('dossiers.field.item');
  const children = new Map(field.fields.map((c) => [c.id, c as Field]));
  return (
    <div class={box(m)} data-visible-if={m.cond && conditionJson(m.cond)}>
      <fieldset class="repeat" id={m.id} aria-describedby={describedBy(m)}>
        <legend>
          {m.label}
          <Required m={m} t={t} />
        </legend>
        <Notes m={m} />
        {rows.map((index, n) => {
          const name = t('dossiers.field.itemn', { item: itemLabel, n: n + 1 });
          const scope: ConditionScope = { ...page.scope, item: { prefix: `${field.id}.${index}.`, fields: children } };
          return (
            <fieldset class="item" id={`${m.id}.${index}`}>
              <legend>{name}</legend>
              {field.fields.map((c: ChildField) => renderField(page, c, `${field.id}.${index}.${c.id}`, scope, true))}
              <button type="submit" class="secondary" name="_remove" value={`${field.id}.${index}`} formNoValidate>
                {t('dossiers.field.remove', { item: name })}
              </button>
            </fieldset>
          );
        })}
        {rows.length < max && (
          <button type="submit" class="secondary" name="_add" value={field.id} formNoValidate>
            {t('dossiers.field.add', { item: itemLabel })}
          </button>
        )}
      </fieldset>
    </div>
  );
}
