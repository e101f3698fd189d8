// A birth declaration's answers (procedure declaration-naissance) read as the facts an act records, and the
// checks the officer's registration makes on them. The online form already checks its answers when filed;
// these checks are the register's own, because an act cannot be corrected afterwards except by a court, and
// because a declaration may reach the register by other roads (an older revision of the form, a prefilled
// draft, an import) that did not require the same answers.
import type { BirthActParent } from '../../../platform/db/schema.ts';
import { territoryNames } from '../../territories/index.ts';
import type { Country } from '../../forms/index.ts';

export const DECLARATION_SLUG = 'declaration-naissance';
export const EXTRACT_SLUG = 'extrait-acte-naissance';

export interface BirthFacts {
  communeCode: string;
  childSurname: string;
  childGivenNames: string;
  sex: 'f' | 'm';
  bornAt: Date;
  birthPlace: string;
  mother: BirthActParent;
  father: BirthActParent | null;
  declarant: string;
}

/** What is wrong with a declaration, as message keys of the civil-status catalog. */
export type DeclarationProblem =
  | 'civil.problem.commune'
  | 'civil.problem.child'
  | 'civil.problem.sex'
  | 'civil.problem.birth'
  | 'civil.problem.future'
  | 'civil.problem.tooold'
  | 'civil.problem.mother'
  | 'civil.problem.father'
  | 'civil.problem.place';

type Answers = Record<string, unknown>;

const text = (a: Answers, id: string): string => (typeof a[id] === 'string' ? (a[id] as string).replace(/\s+/g, ' ').trim() : '');
const yes = (a: Answers, id: string): boolean => a[id] === true || a[id] === 'yes' || a[id] === 'true';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function addressLine(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const a = value as Record<string, unknown>;
  const parts = [a.line, a.commune, a.city].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

function parent(a: Answers, suffix: 'mere' | 'pere', national: string): BirthActParent | null {
  const surname = text(a, `nom_${suffix}`);
  const givenNames = text(a, `prenoms_${suffix}`);
  if (surname === '' && givenNames === '') return null;
  const birthDate = text(a, `date_naissance_${suffix}`);
  return {
    surname,
    givenNames,
    birthDate: DAY.test(birthDate) ? birthDate : null,
    birthPlace: text(a, `lieu_naissance_${suffix}`) || null,
    nationality: yes(a, `${suffix === 'mere' ? 'mere_nigerienne' : 'pere_nigerien'}`) ? national : text(a, `nationalite_${suffix}`) || null,
    occupation: text(a, `profession_${suffix}`) || null,
    address: suffix === 'mere' ? addressLine(a.domicile_parents) : null,
  };
}

/** Whether the answers say the father is to be written on the act. */
function fatherExpected(a: Answers): boolean {
  return a.qualite === 'pere' || yes(a, 'parents_maries') || yes(a, 'pere_sur_acte');
}

/** The commune of birth's code, from the territory answer. */
export function communeOf(value: unknown): string {
  const code = value && typeof value === 'object' ? (value as Record<string, unknown>).commune : undefined;
  return typeof code === 'string' ? code : '';
}

/**
 * The facts of the act, or every problem found. `now` bounds the birth (never in the future); births before
 * 1900 are refused as typing mistakes (such acts are rebuilt by a court's judgment, not declared).
 */
export function readDeclaration(answers: Answers, country: Country, now: Date): { ok: true; facts: BirthFacts } | { ok: false; problems: DeclarationProblem[] } {
  const problems: DeclarationProblem[] = [];
  const communeCode = communeOf(answers.commune_naissance);
  const communeName = communeCode ? territoryNames(country, answers.commune_naissance as { region: string; department: string; commune: string }).commune : undefined;
  if (!communeName) problems.push('civil.problem.commune');
  const childSurname = text(answers, 'nom_enfant');
  const childGivenNames = text(answers, 'prenoms_enfant');
  if (childSurname === '' || childGivenNames === '') problems.push('civil.problem.child');
  const sex = answers.sexe_enfant;
  if (sex !== 'f' && sex !== 'm') problems.push('civil.problem.sex');
  const bornText = text(answers, 'date_heure_naissance');
  const bornAt = new Date(bornText);
  if (bornText === '' || Number.isNaN(bornAt.getTime())) problems.push('civil.problem.birth');
  else if (bornAt.getTime() > now.getTime()) problems.push('civil.problem.future');
  else if (bornAt.getUTCFullYear() < 1900) problems.push('civil.problem.tooold');
  const national = country === 'ne' ? 'nigérienne' : country === 'sn' ? 'sénégalaise' : 'ivoirienne';
  const mother = parent(answers, 'mere', national);
  if (!mother || mother.surname === '' || mother.givenNames === '') problems.push('civil.problem.mother');
  const father = fatherExpected(answers) ? parent(answers, 'pere', national) : null;
  if (fatherExpected(answers) && (!father || father.surname === '' || father.givenNames === '')) problems.push('civil.problem.father');
  const where = answers.lieu_type === 'formation_sanitaire' ? text(answers, 'formation_sanitaire') : text(answers, 'lieu_precis');
  if (where === '') problems.push('civil.problem.place');
  if (problems.length > 0) return { ok: false, problems };
  const declarantParent = answers.qualite === 'pere' ? father : mother;
  const declarant = `${answers.qualite === 'pere' ? 'le père' : 'la mère'}, ${declarantParent!.givenNames} ${declarantParent!.surname}`;
  return {
    ok: true,
    facts: { communeCode, childSurname, childGivenNames, sex: sex as 'f' | 'm', bornAt, birthPlace: `${where}, ${communeName}`, mother: mother!, father, declarant },
  };
}
