// Reading the clerks' forms: a conviction (with the person's identity, or the id of a registered person) and an
// event on a fiche. Every refusal is a message key beside its field; nothing is kept from a refused form.
import { formField } from '../../../platform/http/form.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { CATEGORIES, EVENT_KINDS, isIsoDate, type Category, type Conviction, type EventKind, type Identity } from './model.ts';

export type Errors = Record<string, MessageKey>;
export type Values = Record<string, string>;

export const IDENTITY_FIELDS = ['nom', 'prenoms', 'date_naissance', 'lieu_naissance', 'pere', 'mere', 'nin'] as const;
export const CONVICTION_FIELDS = ['juridiction', 'reference_decision', 'date_decision', 'date_faits', 'infraction', 'categorie', 'prison_mois', 'sursis_mois', 'amende', 'amende_sursis', 'autre_peine', 'autre_peine_mois', 'mention_b3'] as const;

/** 'yyyy-mm-dd' from what a date input or a person typed ('12/03/1994' too); undefined when it is no real day. */
export function readDate(value: string): string | undefined {
  const v = value.trim();
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : v;
  return isIsoDate(iso) ? iso : undefined;
}

function text(values: Values, errors: Errors, name: string, opts: { required?: boolean; max: number }): string | null {
  const v = values[name]!.trim();
  if (!v) {
    if (opts.required) errors[name] = 'casier.error.required';
    return null;
  }
  if (v.length > opts.max) errors[name] = 'casier.error.toolong';
  return v;
}

function date(values: Values, errors: Errors, name: string, today: string, required: boolean): string | null {
  const v = values[name]!.trim();
  if (!v) {
    if (required) errors[name] = 'casier.error.required';
    return null;
  }
  const d = readDate(v);
  if (!d) errors[name] = 'casier.error.date';
  else if (d > today) errors[name] = 'casier.error.future';
  return d ?? null;
}

/** A whole number within bounds; `null` when empty. */
function count(values: Values, errors: Errors, name: string, max: number): number | null {
  const v = values[name]!.replace(/[\s\u00a0\u202f]/g, '');
  if (!v) return null;
  if (!/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > max) {
    errors[name] = 'casier.error.number';
    return null;
  }
  return Number(v);
}

export function readValues(body: unknown, names: readonly string[]): Values {
  return Object.fromEntries(names.map((n) => [n, formField(body, n, 2000)]));
}

export function readIdentity(values: Values, errors: Errors, today: string): Identity | undefined {
  const identity = {
    surname: text(values, errors, 'nom', { required: true, max: 80 }),
    givenNames: text(values, errors, 'prenoms', { required: true, max: 120 }),
    birthDate: date(values, errors, 'date_naissance', today, true),
    birthPlace: text(values, errors, 'lieu_naissance', { required: true, max: 100 }),
    fatherName: text(values, errors, 'pere', { max: 150 }),
    motherName: text(values, errors, 'mere', { max: 150 }),
    nin: text(values, errors, 'nin', { max: 30 }),
  };
  if (identity.nin && !/^[0-9A-Za-z][0-9A-Za-z \-/.]*$/.test(identity.nin)) errors.nin = 'casier.error.nin';
  const { surname, givenNames, birthDate, birthPlace } = identity;
  return surname && givenNames && birthDate && birthPlace ? { ...identity, surname, givenNames, birthDate, birthPlace } : undefined;
}

/** A conviction as the clerk enters it: the registry's record without its ids and later events. */
export type ConvictionInput = Omit<Conviction, 'id' | 'personId' | 'events'>;

/** The conviction's fields; `birthDate` (when known) lets the facts be checked against the person's birth. */
export function readConviction(values: Values, errors: Errors, today: string, birthDate?: string): ConvictionInput | undefined {
  const courtName = text(values, errors, 'juridiction', { required: true, max: 150 });
  const decisionReference = text(values, errors, 'reference_decision', { max: 60 });
  const decisionDate = date(values, errors, 'date_decision', today, true);
  const offenceDate = date(values, errors, 'date_faits', today, false);
  const offenceLabel = text(values, errors, 'infraction', { required: true, max: 200 });
  const category = (CATEGORIES as readonly string[]).includes(values.categorie!) ? (values.categorie as Category) : undefined;
  if (!category) errors.categorie = 'casier.error.category';
  const prisonMonths = count(values, errors, 'prison_mois', 1200);
  const prisonSuspendedMonths = count(values, errors, 'sursis_mois', 1200);
  const fineXof = count(values, errors, 'amende', 1_000_000_000);
  const otherPenalty = text(values, errors, 'autre_peine', { max: 200 });
  const otherPenaltyMonths = count(values, errors, 'autre_peine_mois', 1200);
  if (prisonSuspendedMonths !== null && !errors.sursis_mois && (prisonMonths === null || prisonSuspendedMonths > prisonMonths)) errors.sursis_mois = 'casier.error.suspended';
  if (otherPenaltyMonths !== null && !otherPenalty && !errors.autre_peine_mois) errors.autre_peine = 'casier.error.penaltylabel';
  if (prisonMonths === null && fineXof === null && !otherPenalty && !errors.prison_mois && !errors.amende) errors.prison_mois = 'casier.error.nosentence';
  if (offenceDate && decisionDate && offenceDate > decisionDate && !errors.date_faits) errors.date_faits = 'casier.error.offenceafter';
  if (birthDate && decisionDate && decisionDate <= birthDate && !errors.date_decision) errors.date_decision = 'casier.error.beforebirth';
  if (birthDate && offenceDate && offenceDate <= birthDate && !errors.date_faits) errors.date_faits = 'casier.error.beforebirth';
  if (Object.keys(errors).length > 0 || !courtName || !decisionDate || !offenceLabel || !category) return undefined;
  return {
    courtName,
    decisionReference,
    decisionDate,
    offenceDate,
    offenceLabel,
    category,
    prisonMonths,
    prisonSuspendedMonths: prisonMonths === null ? null : (prisonSuspendedMonths ?? 0),
    fineXof,
    fineSuspended: fineXof !== null && values.amende_sursis === 'on',
    otherPenalty,
    otherPenaltyMonths: otherPenalty ? otherPenaltyMonths : null,
    b3Ordered: values.mention_b3 === 'on',
  };
}

export function readEvent(body: unknown, today: string, decisionDate: string): { values: Values; errors: Errors; input?: { kind: EventKind; date: string; note: string | null } } {
  const values = readValues(body, ['evenement', 'date_evenement', 'note']);
  const errors: Errors = {};
  const kind = (EVENT_KINDS as readonly string[]).includes(values.evenement!) ? (values.evenement as EventKind) : undefined;
  if (!kind) errors.evenement = 'casier.error.eventkind';
  const d = date(values, errors, 'date_evenement', today, true);
  if (d && d < decisionDate && !errors.date_evenement) errors.date_evenement = 'casier.error.beforedecision';
  const note = text(values, errors, 'note', { max: 500 });
  return kind && d && Object.keys(errors).length === 0 ? { values, errors, input: { kind, date: d, note } } : { values, errors };
}
