// The forms engine explains a definition's problems in English, by path, for people who write YAML. Managers
// get them in their language, next to what they concern: the input of the editor they just posted, or the
// page or field of the list that the change broke (a condition left looking at a field moved below it).
import type { MessageKey } from '../../platform/i18n/index.ts';
import { isInput, textIn, type DefinitionIssue, type FormDefinition, type Locale } from '../forms/index.ts';
import { addressAt, anyField, type BuilderError, type Subject } from './edit.ts';

type Params = Record<string, string | number>;

// The engine's messages (forms/definition.ts, definition-checks.ts, and zod's own for numbers and lists), each
// with the key of its words here and the names of what its groups capture.
const MESSAGES: [RegExp, MessageKey, string[]][] = [
  [/^condition on "(.+)", which is not a field asked before$/, 'builder.issue.later', ['field']],
  [/^condition on "(.+)", a (heading|explanation), which has no answer$/, 'builder.issue.noanswer', ['field']],
  [/^condition on "(.+)", a private field/, 'builder.issue.private', ['field']],
  [/^"(\w+)" needs a value$/, 'builder.issue.needsvalue', ['op']],
  [/^"(\w+)" takes no value$/, 'builder.issue.novalue', ['op']],
  [/^only "empty" and "filled" apply to "(.+)", a (\w+)$/, 'builder.issue.presence', ['field', 'type']],
  [/^"(lt|gt)" compares numbers and dates; "(.+)" is a (\w+)$/, 'builder.issue.order', ['op', 'field', 'type']],
  [/^"includes" applies to a multichoice or a text; "(.+)" is a (\w+)$/, 'builder.issue.includes', ['field', 'type']],
  [/^"(.*)" is not an option of "(.+)" \((.*)\)$/s, 'builder.issue.option', ['value', 'field', 'options']],
  [/ is answered yes or no/, 'builder.issue.yesno', []],
  [/ is a number: write the value/, 'builder.issue.number', []],
  [/^write the date as YYYY-MM-DD/, 'builder.issue.date', []],
  [/^minLength \((.+)\) is greater than maxLength \((.+)\)$/, 'builder.issue.minlength', ['min', 'max']],
  [/^min \((.+)\) is greater than max \((.+)\)$/, 'builder.issue.minmax', ['min', 'max']],
  [/^min \((.+)\) is more than the (\d+) options$/, 'builder.issue.minoptions', ['min', 'count']],
  [/^not a valid regular expression$/, 'builder.issue.pattern', []],
  [/^past and future cannot both be required$/, 'builder.issue.pastfuture', []],
  [/^option value "(.*)" used twice$/, 'builder.issue.optiontwice', ['value']],
  [/^section id "(.+)" used twice$/, 'builder.issue.sectiontwice', ['id']],
  [/^id "(.+)" used twice/, 'builder.issue.idtwice', ['id']],
  [/^at least one section$/, 'builder.issue.nosection', []],
  [/^at least one option$/, 'builder.issue.nooption', []],
  [/^a repeated block needs fields$/, 'builder.issue.emptyblock', []],
  [/^lowercase letters, digits and underscores/, 'builder.issue.id', []],
  [/^an https:\/\/ address or a path/, 'builder.issue.link', []],
  [/^a procedure slug/, 'builder.issue.slug', []],
  [/^a date written YYYY-MM-DD$/, 'builder.issue.date', []],
  [/^no space at the start or the end$/, 'builder.issue.spaces', []],
  [/^a text: words in French/, 'builder.issue.text', []],
  [/^Too big: expected number to be <=?(\S+)$/, 'builder.issue.toobig', ['max']],
  [/^Too small: expected number to be >=?(\S+)$/, 'builder.issue.toosmall', ['min']],
  [/^Too small: expected array/, 'builder.issue.choose', []],
  [/^Too small: expected string/, 'builder.issue.required', []],
  [/^Too big: expected string to have <=?(\d+)/, 'builder.issue.toolong', ['max']],
  [/^Too big: expected array to have <=?(\d+)/, 'builder.issue.toomany', ['max']],
  [/^Invalid input: expected int/, 'builder.issue.integer', []],
  [/^Invalid input: expected number/, 'builder.issue.number', []],
];

/**
 * The words of one engine message: a key of locales and its parameters. Field ids become their labels, found
 * in `defs` in order (the changed form, then the one before the change: a deleted field keeps its name).
 */
export function issueWords(message: string, defs: FormDefinition[], locale: Locale): { key: MessageKey; params?: Params } {
  for (const [pattern, key, names] of MESSAGES) {
    const m = pattern.exec(message);
    if (!m) continue;
    const params: Params = {};
    names.forEach((name, i) => {
      const v = m[i + 1] ?? '';
      const field = name === 'field' ? defs.map((d) => anyField(d, v)).find(Boolean) : undefined;
      params[name] = field ? (isInput(field) ? textIn(field.label, locale) : textIn(field.text, locale)) : v;
    });
    return { key, params };
  }
  return { key: 'builder.issue.other', params: { detail: message } };
}

type Place = { kind: 'none' } | { kind: 'section'; si: number; rest: (string | number)[] } | { kind: 'field'; si: number; fi: number; ci?: number; rest: (string | number)[] };

/** The page or field a path of the definition leads to, and the rest of the path inside it. */
function placeOf(path: (string | number)[], def: FormDefinition): Place {
  const [s, si, f, fi, c, ci] = path;
  if (s !== 'sections' || typeof si !== 'number' || !def.sections[si]) return { kind: 'none' };
  if (f !== 'fields' || typeof fi !== 'number' || !def.sections[si].fields[fi]) return { kind: 'section', si, rest: path.slice(2) };
  const field = def.sections[si].fields[fi];
  if (field.type === 'repeat' && c === 'fields' && typeof ci === 'number' && field.fields[ci]) return { kind: 'field', si, fi, ci, rest: path.slice(6) };
  return { kind: 'field', si, fi, rest: path.slice(4) };
}

const TEXTS = new Set(['label', 'hint', 'text', 'title', 'description', 'itemLabel', 'patternMessage']);
const LISTS = new Set(['options', 'accept', 'countries']);

/** The editor's input for the rest of a path inside the edited field or page; '' for the editor as a whole. */
function inputOf(rest: (string | number)[], rules: number[] | undefined): string {
  const [head, next] = rest;
  if (head === undefined || typeof head === 'number') return '';
  if (TEXTS.has(head)) return `${head}_${next === 'en' ? 'en' : 'fr'}`;
  if (LISTS.has(head)) return head;
  if (head === 'visibleIf') {
    if (!rules) return 'cond_drop';
    const nested = next === 'all' || next === 'any';
    const k = nested ? Number(rest[2]) : 0;
    const part = nested ? rest[3] : next;
    const row = rules[k] ?? k;
    return `cond_${row}_${part === 'op' || part === 'value' ? part : 'field'}`;
  }
  if (head === 'fields' || head === 'type') return '';
  return head;
}

const sameField = (place: Place, subject: Subject | undefined) =>
  place.kind === 'field' && subject?.kind === 'field' && place.si === subject.spot.si && place.fi === subject.spot.fi && place.ci === subject.spot.ci;

/**
 * The engine's issues about the candidate `def`, placed: on the editor's inputs when they are about what was
 * edited (`subject`; an issue about it as a whole goes on its first input), else on the page or field of the
 * list they are about. `before` is the form before the change, for the names of fields it removed.
 */
export function placeIssues(issues: DefinitionIssue[], def: FormDefinition, subject: Subject | undefined, locale: Locale, before?: FormDefinition): BuilderError[] {
  const out: BuilderError[] = [];
  for (const issue of issues) {
    const place = placeOf(issue.path, def);
    let at: string;
    if (sameField(place, subject) && place.kind === 'field' && subject?.kind === 'field') {
      const field = def.sections[place.si]!.fields[place.fi]!;
      const inner = place.ci !== undefined && field.type === 'repeat' ? field.fields[place.ci]! : field;
      at = inputOf(place.rest, subject.rules) || (inner.type === 'heading' || inner.type === 'explanation' ? 'text_fr' : 'label_fr');
    } else if (place.kind === 'section' && subject?.kind === 'section' && subject.si === place.si) {
      at = inputOf(place.rest, subject.rules) || 'title_fr';
    } else if (place.kind === 'section' && subject?.kind === 'new-section' && subject.si === place.si) {
      at = 'newsection_fr';
    } else if (place.kind === 'field') {
      at = `item-${addressAt(def, place)}`;
    } else if (place.kind === 'section') {
      at = `section-${def.sections[place.si]!.id}`;
    } else {
      at = 'sections';
    }
    const words = issueWords(issue.message, before ? [def, before] : [def], locale);
    if (!out.some((e) => e.at === at && e.key === words.key)) out.push({ at, ...words });
  }
  return out;
}
