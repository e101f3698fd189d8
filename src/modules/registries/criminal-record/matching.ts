// Finding a person in the registry from an identity as someone wrote it: names without accents or case,
// given names in any order, one-letter slips tolerated, the birth date, the birth place, the parents and the
// national identity number (NIN) when both sides have it. Homonyms are common (same names, same town, close
// dates): a score says how alike two identities are and a level what may be done with it — only a single exact
// candidate is ever proposed; two plausible ones go to the clerk, who decides.
import type { Identity, Person } from './model.ts';

/** Lower case, no accents, no punctuation, single spaces: « N'Diaye-Maïga » → "n diaye maiga". */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const tokens = (value: string | null | undefined) => (value ? normalizeName(value).split(' ').filter(Boolean) : []);

/** The given names as a key that ignores their order. */
export const givenKey = (value: string) => tokens(value).sort().join(' ');
export const surnameKey = (value: string) => tokens(value).join(' ');

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** One slip (a letter missing, added or changed) in a word of five letters or more: « Issoufou » ~ « Issoufa ». */
const close = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 5 && editDistance(a, b) <= 1);

type Likeness = 'same' | 'close' | 'partial' | 'different' | 'unknown';

/** How alike two names are, as sets of words (order ignored). */
function names(a: string | null | undefined, b: string | null | undefined): Likeness {
  const x = tokens(a).sort();
  const y = tokens(b).sort();
  if (x.length === 0 || y.length === 0) return 'unknown';
  if (x.join(' ') === y.join(' ')) return 'same';
  if (x.length === y.length && x.every((w, i) => close(w, y[i]!))) return 'close';
  const shared = x.filter((w) => y.some((v) => close(w, v))).length;
  return shared > 0 ? 'partial' : 'different';
}

function dates(a: string, b: string): Likeness {
  if (a === b) return 'same';
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  // Day and month swapped, or one of the three parts wrong: a frequent slip on forms.
  if (ay === by && am === bd && ad === bm) return 'close';
  const differing = [ay !== by, am !== bm, ad !== bd].filter(Boolean).length;
  return differing === 1 ? 'partial' : 'different';
}

const nin = (value: string | null | undefined) => (value ? value.replace(/[^0-9A-Za-z]/g, '').toUpperCase() : '');

const WEIGHTS = { surname: 25, given: 20, birthDate: 25, birthPlace: 10, father: 10, mother: 10 } as const;
const SHARE: Record<Likeness, number> = { same: 1, close: 0.7, partial: 0.4, different: 0, unknown: 0 };

/** At or above this score a candidate is shown to the clerk; below, it is not the same person. */
export const PLAUSIBLE = 55;

export interface Match {
  person: Person;
  /** 0–100. */
  score: number;
  level: 'exact' | 'plausible';
  /** Per field, how the registered identity compares with the one asked (shown to the clerk). */
  fields: Record<'surname' | 'given' | 'birthDate' | 'birthPlace' | 'father' | 'mother' | 'nin', Likeness>;
}

export function compare(asked: Identity, person: Person): Omit<Match, 'level'> & { level: Match['level'] | null } {
  const fields: Match['fields'] = {
    surname: names(asked.surname, person.surname),
    given: names(asked.givenNames, person.givenNames),
    birthDate: dates(asked.birthDate, person.birthDate),
    birthPlace: names(asked.birthPlace, person.birthPlace),
    father: names(asked.fatherName, person.fatherName),
    mother: names(asked.motherName, person.motherName),
    nin: !nin(asked.nin) || !nin(person.nin) ? 'unknown' : nin(asked.nin) === nin(person.nin) ? 'same' : 'different',
  };
  let got = 0;
  let max = 0;
  for (const key of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
    // A parent's name missing on either side neither helps nor hurts.
    if (fields[key] === 'unknown') continue;
    max += WEIGHTS[key];
    got += WEIGHTS[key] * SHARE[fields[key]];
  }
  let score = max === 0 ? 0 : (got / max) * 100;
  // The same NIN is strong evidence, yet a mistyped number exists: always worth the clerk's look.
  if (fields.nin === 'same') score = Math.max(PLAUSIBLE, Math.min(100, score + 30));
  if (fields.nin === 'different') score -= 40;
  score = Math.max(0, Math.round(score));
  const exact =
    fields.surname === 'same' && fields.given === 'same' && fields.birthDate === 'same' && fields.birthPlace === 'same' &&
    fields.father !== 'different' && fields.father !== 'partial' && fields.mother !== 'different' && fields.mother !== 'partial' && fields.nin !== 'different';
  return { person, score, fields, level: exact ? 'exact' : score >= PLAUSIBLE ? 'plausible' : null };
}

/** The registered persons that may be the one asked, best first. */
export function rank(asked: Identity, persons: Person[]): Match[] {
  return persons
    .map((p) => compare(asked, p))
    .filter((m): m is Match => m.level !== null)
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'exact' ? -1 : 1) || b.score - a.score);
}

/**
 * What may be done with the candidates: `none` (nobody alike: the registry holds nothing for this identity),
 * `unique` (exactly one candidate, and it is exact: it can be proposed), `ambiguous` (anything else: the clerk
 * decides, nothing is issued automatically).
 */
export function outcome(matches: Match[]): { kind: 'none' } | { kind: 'unique'; match: Match } | { kind: 'ambiguous' } {
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length === 1 && matches[0]!.level === 'exact') return { kind: 'unique', match: matches[0]! };
  return { kind: 'ambiguous' };
}
