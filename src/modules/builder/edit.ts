// Editing a form definition through the builder's plain HTML forms: reading a field's or a page's settings
// from a posted body, and placing, moving and removing fields and pages. Pure, like the forms engine: a
// definition and a body in, a candidate definition out. The service checks the candidate with
// parseDefinition and saves it only when it is valid.
//
// Addresses: a field is named by its id (`nom`), a field of a repeated block by `<blockId>.<childId>`; ids
// are unique in a valid definition, so an address names one field whatever page it is on.
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formField } from '../../platform/http/form.ts';
import {
  CONDITION_OPS,
  COUNTRIES,
  DOCUMENT_KINDS,
  FIELD_TYPES,
  isInput,
  textIn,
  type Condition,
  type ConditionOp,
  type Field,
  type FieldType,
  type FormDefinition,
  type Section,
  type Text,
} from '../forms/index.ts';

export type Body = Record<string, unknown>;
/** A form's inputs by name, as posted or as derived from a definition to fill an editor. */
export type Values = Record<string, string | string[]>;

export interface BuilderError {
  /** The input it concerns (`label_fr`, `cond_1_value`…), or a place of the list (`item-<address>`, `section-<id>`, `sections`). */
  at: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What the builder shows opened for editing. */
export type Editing =
  | { kind: 'none' }
  | { kind: 'section'; id: string }
  | { kind: 'field'; address: string }
  | { kind: 'new-field'; type: FieldType; section?: string; block?: string };

export type Leaf = Extract<Condition, { field: string }>;

/** Rules of a condition editor at most; a condition with more is kept as written (YAML). */
export const MAX_RULES = 10;
/** The types a repeated block may hold: every one but another block. */
export const CHILD_TYPES = FIELD_TYPES.filter((t) => t !== 'repeat') as FieldType[];
export const isFieldType = (t: string): t is FieldType => FIELD_TYPES.includes(t);

// ---- Finding things ---------------------------------------------------------------------------------------

export interface Spot {
  si: number;
  fi: number;
  ci?: number;
}

export function locateField(def: FormDefinition, address: string): (Spot & { field: Field }) | undefined {
  const [id, child, extra] = address.split('.');
  if (!id || extra !== undefined) return undefined;
  for (const [si, section] of def.sections.entries()) {
    const fi = section.fields.findIndex((f) => f.id === id);
    if (fi < 0) continue;
    const field = section.fields[fi]!;
    if (child === undefined) return { si, fi, field };
    if (field.type !== 'repeat') return undefined;
    const ci = field.fields.findIndex((c) => c.id === child);
    return ci < 0 ? undefined : { si, fi, ci, field: field.fields[ci]! };
  }
  return undefined;
}

export function addressAt(def: FormDefinition, spot: Spot): string {
  const field = def.sections[spot.si]!.fields[spot.fi]!;
  return spot.ci === undefined || field.type !== 'repeat' ? field.id : `${field.id}.${field.fields[spot.ci]!.id}`;
}

/** Any field with this id, blocks' fields included: what a condition's field id names, for words and value types. */
export function anyField(def: FormDefinition, id: string): Field | undefined {
  for (const s of def.sections) {
    for (const f of s.fields) {
      if (f.id === id) return f;
      if (f.type === 'repeat') {
        const c = f.fields.find((x) => x.id === id);
        if (c) return c;
      }
    }
  }
  return undefined;
}

/**
 * The fields asked before a place, in reading order: what a condition there may look at. `fi` undefined
 * means the start of page `si` (a page's own condition); `ci` a place inside the block at `fi`.
 */
export function earlierFields(def: FormDefinition, where: { si: number; fi?: number; ci?: number }): Field[] {
  const out: Field[] = [];
  def.sections.forEach((s, i) => {
    if (i < where.si) out.push(...s.fields);
    else if (i === where.si && where.fi !== undefined) out.push(...s.fields.slice(0, where.fi));
  });
  if (where.ci !== undefined && where.fi !== undefined) {
    const block = def.sections[where.si]?.fields[where.fi];
    if (block?.type === 'repeat') out.push(...block.fields.slice(0, where.ci));
  }
  return out.filter(isInput);
}

/** Where a new field goes (the end of a page or of a block), or undefined when that place does not exist. */
export function newFieldSpot(def: FormDefinition, editing: Extract<Editing, { kind: 'new-field' }>): Spot | undefined {
  if (editing.block !== undefined) {
    const found = locateField(def, editing.block);
    if (!found || found.ci !== undefined || found.field.type !== 'repeat' || editing.type === 'repeat') return undefined;
    return { si: found.si, fi: found.fi, ci: found.field.fields.length };
  }
  const si = def.sections.findIndex((s) => s.id === editing.section);
  return si < 0 ? undefined : { si, fi: def.sections[si]!.fields.length };
}

/** The editor asked for by the builder's address (`?champ=`, `?section=`, `?dans=&type=`, `?bloc=&type=`). */
export function editingFrom(def: FormDefinition, q: Body): Editing {
  const champ = formField(q, 'champ', 200);
  if (champ && locateField(def, champ)) return { kind: 'field', address: champ };
  const section = formField(q, 'section', 100);
  if (section && def.sections.some((s) => s.id === section)) return { kind: 'section', id: section };
  const type = formField(q, 'type', 40);
  if (!isFieldType(type)) return { kind: 'none' };
  const dans = formField(q, 'dans', 100);
  const bloc = formField(q, 'bloc', 100);
  const editing: Editing = bloc ? { kind: 'new-field', type, block: bloc } : { kind: 'new-field', type, section: dans };
  return newFieldSpot(def, editing) ? editing : { kind: 'none' };
}

// ---- Ids -------------------------------------------------------------------------------------------------

/** "Êtes-vous né(e) au Niger ?" → `etes_vous_ne_e_au_niger`: an id as the engine wants them. */
export function idFrom(words: string, fallback: string): string {
  const s = words
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(s) ? s : s ? `${fallback}_${s}` : fallback;
}

export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

function fieldIds(def: FormDefinition): Set<string> {
  const ids = new Set<string>();
  for (const s of def.sections) {
    for (const f of s.fields) {
      ids.add(f.id);
      if (f.type === 'repeat') f.fields.forEach((c) => ids.add(c.id));
    }
  }
  return ids;
}

// ---- Reading a posted editor ------------------------------------------------------------------------------

const one = (body: Body, name: string, max = 2000) => formField(body, name, max).trim();
const ticked = (body: Body, name: string) => one(body, name, 10) === 'on';
function many(body: Body, name: string): string[] {
  const v = body?.[name];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').slice(0, 20);
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const plain = (raw: string) => raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');

/** "27/03/1990" or "1990-03-27" → "1990-03-27"; undefined when it is neither (the engine checks the calendar). */
export function isoDay(raw: string): string | undefined {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}

/** French alone when there is no translation, else `{ fr, en, … }`, keeping translations the editor does not show. */
export function textFrom(fr: string, en: string, existing: unknown): Text | undefined {
  const others = existing && typeof existing === 'object' ? Object.entries(existing).filter(([k]) => k !== 'fr' && k !== 'en') : [];
  if (!fr) return undefined;
  if (!en && others.length === 0) return fr;
  return { ...Object.fromEntries(others), fr, ...(en ? { en } : {}) } as Text;
}

class Reader {
  readonly errors: BuilderError[] = [];
  readonly out: Record<string, unknown>;

  constructor(
    readonly body: Body,
    existing: object,
  ) {
    this.out = structuredClone(existing) as Record<string, unknown>;
  }

  set(key: string, value: unknown) {
    if (value === undefined || value === false || value === '') delete this.out[key];
    else this.out[key] = value;
  }

  text(name: string, required: boolean) {
    const fr = one(this.body, `${name}_fr`);
    const en = one(this.body, `${name}_en`);
    if (!fr && (required || en)) this.errors.push({ at: `${name}_fr`, key: required ? 'builder.error.required' : 'builder.error.french' });
    this.set(name, textFrom(fr, en, this.out[name]));
  }

  number(name: string, integer = true) {
    const raw = plain(one(this.body, name, 40));
    if (raw === '') return this.set(name, undefined);
    if (!NUMBER.test(raw) || (integer && raw.includes('.'))) {
      this.errors.push({ at: name, key: integer ? 'builder.error.integer' : 'builder.error.number' });
      return this.set(name, undefined);
    }
    this.set(name, Number(raw));
  }

  day(name: string) {
    const raw = one(this.body, name, 20);
    if (raw === '') return this.set(name, undefined);
    const day = isoDay(raw);
    if (!day) this.errors.push({ at: name, key: 'builder.error.date' });
    this.set(name, day);
  }

  flag(name: string) {
    this.set(name, ticked(this.body, name));
  }

  line(name: string, max = 500) {
    this.set(name, one(this.body, name, max) || undefined);
  }

  /** A choice among `allowed`; the default is written only if the field already said it. */
  pick(name: string, allowed: readonly string[], fallback?: string) {
    const value = one(this.body, name, 40);
    if (!allowed.includes(value) || (value === fallback && !(name in this.out))) this.set(name, undefined);
    else this.set(name, value);
  }

  list(name: string, allowed: readonly string[]) {
    const values = allowed.filter((a) => many(this.body, name).includes(a));
    this.set(name, values.length > 0 ? values : undefined);
    return values;
  }

  /** One option a line: `value | label`, or `value | label | English label`; a label alone makes its value. */
  options() {
    const lines = one(this.body, 'options', 20_000).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length > 200) this.errors.push({ at: 'options', key: 'builder.error.toomany' });
    const options = lines.slice(0, 200).map((line) => {
      const parts = line.split('|').map((p) => p.trim());
      const [value, fr, en] = parts.length === 1 ? [idFrom(parts[0]!, 'option'), parts[0]!, ''] : [parts[0]!, parts[1] || parts[0]!, parts[2] ?? ''];
      return { value, label: textFrom(fr, en, undefined) ?? value };
    });
    this.set('options', options);
  }
}

/**
 * The settings of a field as posted by its editor, over the existing field (or a new one of `type`): keys
 * the editor does not show (translations other than English…) are kept. The id is the caller's business.
 */
export function readField(body: Body, type: FieldType, existing: Field | undefined, known: ReadonlyMap<string, Field>): { field: Record<string, unknown>; errors: BuilderError[]; rules: number[] | undefined } {
  const r = new Reader(body, existing ?? { type });
  if (type === 'heading' || type === 'explanation') {
    r.text('text', true);
  } else {
    r.text('label', true);
    r.text('hint', false);
    r.flag('required');
    r.flag('private');
  }
  switch (type) {
    case 'text':
      r.number('minLength');
      r.number('maxLength');
      r.line('pattern');
      r.text('patternMessage', false);
      break;
    case 'textarea':
      r.number('maxLength');
      break;
    case 'integer':
    case 'amount':
      r.number('min');
      r.number('max');
      break;
    case 'decimal':
      r.number('min', false);
      r.number('max', false);
      r.number('decimals');
      break;
    case 'date':
    case 'datetime':
      r.flag('past');
      r.flag('future');
      r.day('min');
      r.day('max');
      break;
    case 'phone':
      r.list('countries', COUNTRIES);
      break;
    case 'choice':
      r.options();
      r.pick('display', ['radio', 'select'], 'radio');
      break;
    case 'multichoice':
      r.options();
      r.number('min');
      r.number('max');
      break;
    case 'territory':
      r.pick('level', ['region', 'department', 'commune'], 'commune');
      r.pick('country', COUNTRIES);
      break;
    case 'nationalId':
      r.pick('country', COUNTRIES);
      break;
    case 'attachment':
      if (r.list('accept', DOCUMENT_KINDS).length === 0) r.errors.push({ at: 'accept', key: 'builder.error.accept' });
      r.number('maxSizeMb', false);
      r.line('template');
      break;
    case 'identityDocument':
      r.list('accept', DOCUMENT_KINDS);
      r.number('maxSizeMb', false);
      break;
    case 'dossierLink':
      r.line('procedure', 100);
      break;
    case 'repeat':
      r.number('min');
      r.number('max');
      r.text('itemLabel', false);
      if (!existing) {
        // A block needs a field from the start: its first question, a short text that can be changed later.
        const first = one(r.body, 'first_fr', 200);
        if (!first) r.errors.push({ at: 'first_fr', key: 'builder.error.required' });
        else r.out.fields = [{ id: idFrom(first, 'champ'), type: 'text', label: first }];
      }
      break;
  }
  const condition = readCondition(body, existing?.visibleIf, known);
  r.errors.push(...condition.errors);
  r.set('visibleIf', condition.condition);
  return { field: r.out, errors: r.errors, rules: condition.rules };
}

/** A page's title, description and condition as posted by its editor. */
export function readSection(body: Body, existing: Section, known: ReadonlyMap<string, Field>) {
  const r = new Reader(body, existing);
  r.text('title', true);
  r.text('description', false);
  const condition = readCondition(body, existing.visibleIf, known);
  r.errors.push(...condition.errors);
  r.set('visibleIf', condition.condition);
  return { section: r.out as unknown as Section, errors: r.errors, rules: condition.rules };
}

// ---- Conditions --------------------------------------------------------------------------------------------

/** A condition as the editor shows it: rules combined by all or any; null when it nests deeper. */
export function flatRules(c: Condition | undefined): { mode: 'all' | 'any'; rules: Leaf[] } | null {
  if (!c) return { mode: 'all', rules: [] };
  if ('field' in c) return { mode: 'all', rules: [c] };
  const list = 'all' in c ? c.all : c.any;
  if (list.length > MAX_RULES || !list.every((x) => 'field' in x)) return null;
  return { mode: 'all' in c ? 'all' : 'any', rules: list as Leaf[] };
}

const YES = new Set(['oui', 'yes', 'true', 'vrai', 'o', 'y']);
const NO = new Set(['non', 'no', 'false', 'faux', 'n']);

/** A value typed in a rule, as the field looked at holds it; left as typed when it does not fit (the engine says why). */
export function ruleValue(target: Field | undefined, raw: string): string | number | boolean | undefined {
  if (raw === '') return undefined;
  switch (target?.type) {
    case 'yesno':
    case 'checkbox': {
      const word = raw.toLowerCase();
      return YES.has(word) ? true : NO.has(word) ? false : raw;
    }
    case 'integer':
    case 'decimal':
    case 'amount':
      return NUMBER.test(plain(raw)) ? Number(plain(raw)) : raw;
    case 'date':
    case 'datetime':
      return isoDay(raw) ?? raw;
    default:
      return raw;
  }
}

/**
 * The condition posted by an editor: rows `cond_<i>_field`, `cond_<i>_op`, `cond_<i>_value` (a row without a
 * field is ignored), combined by `cond_mode`. `rules[k]` is the row of the condition's k-th rule, so that the
 * engine's complaint about rule k is shown on its row. A condition too deep for rows is kept, unless dropped.
 */
export function readCondition(body: Body, existing: Condition | undefined, known: ReadonlyMap<string, Field>) {
  const errors: BuilderError[] = [];
  if (one(body, 'cond_complex', 2) === '1' && existing && flatRules(existing) === null) {
    return { condition: ticked(body, 'cond_drop') ? undefined : existing, errors, rules: undefined };
  }
  const count = Math.min(Math.max(Number.parseInt(one(body, 'cond_rows', 3), 10) || 0, 0), MAX_RULES);
  const leaves: Leaf[] = [];
  const rules: number[] = [];
  for (let i = 0; i < count; i++) {
    const field = one(body, `cond_${i}_field`, 100);
    if (!field) continue;
    const op = one(body, `cond_${i}_op`, 20) as ConditionOp;
    if (!CONDITION_OPS.includes(op)) {
      errors.push({ at: `cond_${i}_op`, key: 'builder.error.op' });
      continue;
    }
    const leaf: Leaf = { field, op };
    if (op !== 'empty' && op !== 'filled') {
      const value = ruleValue(known.get(field), one(body, `cond_${i}_value`, 200));
      if (value !== undefined) leaf.value = value;
    }
    leaves.push(leaf);
    rules.push(i);
  }
  const mode = one(body, 'cond_mode', 5) === 'any' ? 'any' : 'all';
  const condition: Condition | undefined = leaves.length === 0 ? undefined : leaves.length === 1 ? leaves[0] : mode === 'any' ? { any: leaves } : { all: leaves };
  return { condition, errors, rules };
}

// ---- From a definition to an editor's inputs ------------------------------------------------------------------

function putText(out: Values, name: string, x: Text | undefined) {
  if (x === undefined) return;
  out[`${name}_fr`] = textIn(x, 'fr');
  if (typeof x === 'object' && x.en) out[`${name}_en`] = x.en;
}

const shown = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined);

/** A rule's value as the manager typed it: yes and no in words (`yes`/`no` are the reader's `oui`/`non`). */
export function ruleText(value: string | number | boolean | undefined, words: { yes: string; no: string }): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  return value === undefined ? '' : String(value);
}

export function conditionValues(out: Values, c: Condition | undefined, words: { yes: string; no: string }) {
  const flat = flatRules(c);
  if (!flat) {
    out.cond_complex = '1';
    return;
  }
  out.cond_mode = flat.mode;
  out.cond_rows = String(Math.min(flat.rules.length + 1, MAX_RULES));
  flat.rules.forEach((rule, i) => {
    out[`cond_${i}_field`] = rule.field;
    out[`cond_${i}_op`] = rule.op;
    out[`cond_${i}_value`] = ruleText(rule.value, words);
  });
}

/** What a field's editor shows: the inverse of readField. */
export function fieldValues(field: Field, words: { yes: string; no: string }): Values {
  const out: Values = { id: field.id };
  const f = field as unknown as Record<string, unknown>;
  if (!isInput(field)) putText(out, 'text', field.text);
  else {
    putText(out, 'label', field.label);
    putText(out, 'hint', field.hint);
    if (field.required) out.required = 'on';
    if (field.private) out.private = 'on';
  }
  for (const key of ['minLength', 'maxLength', 'pattern', 'min', 'max', 'decimals', 'display', 'level', 'country', 'maxSizeMb', 'template', 'procedure']) {
    const v = shown(f[key]);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ['past', 'future']) if (f[key] === true) out[key] = 'on';
  for (const key of ['countries', 'accept']) if (Array.isArray(f[key])) out[key] = f[key] as string[];
  if (field.type === 'text') putText(out, 'patternMessage', field.patternMessage);
  if (field.type === 'repeat') putText(out, 'itemLabel', field.itemLabel);
  if (field.type === 'choice' || field.type === 'multichoice') {
    out.options = field.options
      .map((o) => [o.value, textIn(o.label, 'fr'), typeof o.label === 'object' ? o.label.en : undefined].filter(Boolean).join(' | '))
      .join('\n');
  }
  conditionValues(out, field.visibleIf, words);
  return out;
}

export function sectionValues(section: Section, words: { yes: string; no: string }): Values {
  const out: Values = {};
  putText(out, 'title', section.title);
  putText(out, 'description', section.description);
  conditionValues(out, section.visibleIf, words);
  return out;
}

// ---- Changes -------------------------------------------------------------------------------------------------

/** What an issue of the engine is about, so that it is shown there. */
export type Subject = { kind: 'field'; spot: Spot; rules?: number[] } | { kind: 'section'; si: number; rules?: number[] } | { kind: 'new-section'; si: number };

export type Plan =
  /** A candidate to check and save; `errors` are the body's own problems (a letter in a number…). */
  | { kind: 'change'; definition: FormDefinition; editing: Editing; errors: BuilderError[]; subject?: Subject; done: string }
  /** The editor again with what was posted (one more rule row): nothing to save. */
  | { kind: 'redisplay'; editing: Editing }
  /** What the body names is no longer there (a stale page): back to the builder. */
  | { kind: 'gone' };

const swap = <T>(list: T[], i: number, j: number) => {
  [list[i], list[j]] = [list[j]!, list[i]!];
};

/** The editor a body was posted from (for `more-rules` and for redisplaying errors). */
export function postedEditing(def: FormDefinition, body: Body): Editing {
  if (one(body, 'editor', 20) === 'section') {
    const id = one(body, 'section', 100);
    return def.sections.some((s) => s.id === id) ? { kind: 'section', id } : { kind: 'none' };
  }
  return editingFrom(def, body);
}

/** The change a posted action makes to `base` (a copy is changed; `base` is left alone). */
export function plan(base: FormDefinition, body: Body, action: string): Plan {
  const def = structuredClone(base);
  switch (action) {
    case 'add-section': {
      const title = one(body, 'newsection_fr', 200);
      const errors: BuilderError[] = title ? [] : [{ at: 'newsection_fr', key: 'builder.error.required' }];
      const id = uniqueId(idFrom(title, 'page'), new Set(def.sections.map((s) => s.id)));
      def.sections.push({ id, title: title || id, fields: [] });
      return { kind: 'change', definition: def, editing: { kind: 'none' }, errors, subject: { kind: 'new-section', si: def.sections.length - 1 }, done: `section-${id}` };
    }
    case 'save-section': {
      const si = def.sections.findIndex((s) => s.id === one(body, 'section', 100));
      if (si < 0) return { kind: 'gone' };
      const known = new Map(earlierFields(def, { si }).map((f) => [f.id, f]));
      const read = readSection(body, def.sections[si]!, known);
      def.sections[si] = read.section;
      const editing: Editing = { kind: 'section', id: read.section.id };
      return { kind: 'change', definition: def, editing, errors: read.errors, subject: { kind: 'section', si, rules: read.rules }, done: `section-${read.section.id}` };
    }
    case 'section-up':
    case 'section-down':
    case 'delete-section': {
      const id = one(body, 'section', 100);
      const si = def.sections.findIndex((s) => s.id === id);
      if (si < 0) return { kind: 'gone' };
      if (action === 'delete-section') def.sections.splice(si, 1);
      else {
        const sj = si + (action === 'section-up' ? -1 : 1);
        if (sj < 0 || sj >= def.sections.length) return { kind: 'gone' };
        swap(def.sections, si, sj);
      }
      return { kind: 'change', definition: def, editing: { kind: 'none' }, errors: [], done: action === 'delete-section' ? 'sections' : `section-${id}` };
    }
    case 'save-field':
      return saveField(def, body);
    case 'field-up':
    case 'field-down':
    case 'delete-field': {
      const address = one(body, 'champ', 200);
      const spot = locateField(def, address);
      if (!spot) return { kind: 'gone' };
      if (action === 'delete-field') {
        removeAt(def, spot);
        return { kind: 'change', definition: def, editing: { kind: 'none' }, errors: [], done: `section-${def.sections[spot.si]!.id}` };
      }
      if (!moveField(def, spot, action === 'field-up' ? -1 : 1)) return { kind: 'gone' };
      return { kind: 'change', definition: def, editing: { kind: 'none' }, errors: [], done: `item-${address}` };
    }
    case 'more-rules': {
      const editing = postedEditing(def, body);
      return editing.kind === 'none' ? { kind: 'gone' } : { kind: 'redisplay', editing };
    }
    default:
      return { kind: 'gone' };
  }
}

function saveField(def: FormDefinition, body: Body): Plan {
  const editing = editingFrom(def, body);
  if (editing.kind === 'field') {
    const spot = locateField(def, editing.address)!;
    const known = new Map(earlierFields(def, spot).map((f) => [f.id, f]));
    const read = readField(body, spot.field.type, spot.field, known);
    read.field.id = spot.field.id; // an id never changes: answers are filed under it
    putAt(def, spot, read.field as unknown as Field);
    return { kind: 'change', definition: def, editing, errors: read.errors, subject: { kind: 'field', spot, rules: read.rules }, done: `item-${editing.address}` };
  }
  if (editing.kind !== 'new-field') return { kind: 'gone' };
  const spot = newFieldSpot(def, editing)!;
  const known = new Map(earlierFields(def, spot).map((f) => [f.id, f]));
  const read = readField(body, editing.type, undefined, known);
  const typed = one(body, 'id', 100);
  const taken = fieldIds(def);
  // Said on this editor, wherever the other field is (the engine would name the later of the two).
  if (typed && taken.has(typed)) read.errors.push({ at: 'id', key: 'builder.issue.idtwice', params: { id: typed } });
  const words = one(body, editing.type === 'heading' || editing.type === 'explanation' ? 'text_fr' : 'label_fr', 200);
  read.field.id = typed || uniqueId(idFrom(words, 'champ'), taken);
  read.field.type = editing.type;
  // Keys in the order people read them: id, type, label first.
  const field = { id: read.field.id, type: editing.type, ...read.field } as unknown as Field;
  insertAt(def, spot, field);
  const address = spot.ci === undefined ? field.id : `${editing.block}.${field.id}`;
  return { kind: 'change', definition: def, editing, errors: read.errors, subject: { kind: 'field', spot, rules: read.rules }, done: `item-${address}` };
}

function putAt(def: FormDefinition, spot: Spot, field: Field) {
  const fields = def.sections[spot.si]!.fields;
  if (spot.ci === undefined) fields[spot.fi] = field;
  else (fields[spot.fi] as Extract<Field, { type: 'repeat' }>).fields[spot.ci] = field as Extract<Field, { type: 'text' }>;
}

function insertAt(def: FormDefinition, spot: Spot, field: Field) {
  const fields = def.sections[spot.si]!.fields;
  if (spot.ci === undefined) fields.splice(spot.fi, 0, field);
  else (fields[spot.fi] as Extract<Field, { type: 'repeat' }>).fields.splice(spot.ci, 0, field as Extract<Field, { type: 'text' }>);
}

function removeAt(def: FormDefinition, spot: Spot) {
  const fields = def.sections[spot.si]!.fields;
  if (spot.ci === undefined) fields.splice(spot.fi, 1);
  else (fields[spot.fi] as Extract<Field, { type: 'repeat' }>).fields.splice(spot.ci, 1);
}

/**
 * One place up or down. A block's field stays in its block; a page's first field going up ends its previous
 * page, a last one going down starts the next page. False when there is nowhere to go.
 */
export function moveField(def: FormDefinition, spot: Spot, dir: -1 | 1): boolean {
  const fields = def.sections[spot.si]!.fields;
  if (spot.ci !== undefined) {
    const block = fields[spot.fi] as Extract<Field, { type: 'repeat' }>;
    const cj = spot.ci + dir;
    if (cj < 0 || cj >= block.fields.length) return false;
    swap(block.fields, spot.ci, cj);
    return true;
  }
  const fj = spot.fi + dir;
  if (fj >= 0 && fj < fields.length) {
    swap(fields, spot.fi, fj);
    return true;
  }
  const next = def.sections[spot.si + dir];
  if (!next) return false;
  const [field] = fields.splice(spot.fi, 1);
  if (dir < 0) next.fields.push(field!);
  else next.fields.unshift(field!);
  return true;
}
