// The criminal record's vocabulary, shared by the rules, the matching, the store and the pages. Pure types and
// a few helpers on calendar dates ('yyyy-mm-dd', no time zone: a decision date is a day, not an instant).

export const CATEGORIES = ['crime', 'delit', 'contravention'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * What may later be written on a fiche. `appel`/`arret_appel`: an appeal lodged, then decided (the decision is
 * final again; a changed sentence is registered as a new conviction). `revocation_sursis`: the suspended part
 * must be served. `suspension_peine`: execution suspended (a mention, no effect on bulletins). `execution`: the
 * sentence served or the fine paid. `prescription`: the sentence can no longer be enforced. `rehabilitation`
 * and `amnistie` erase, each in its own way (see rules.ts).
 */
export const EVENT_KINDS = ['appel', 'arret_appel', 'revocation_sursis', 'suspension_peine', 'execution', 'prescription', 'rehabilitation', 'amnistie'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type Bulletin = 1 | 2 | 3;

export interface ConvictionEvent {
  id?: string;
  kind: EventKind;
  date: string;
  note?: string | null;
}

export interface Conviction {
  id: string;
  personId: string;
  courtName: string;
  decisionReference: string | null;
  decisionDate: string;
  /** The day of the facts; the decision date stands in when unknown (for the age at the offence). */
  offenceDate: string | null;
  offenceLabel: string;
  category: Category;
  prisonMonths: number | null;
  /** The part of the prison sentence with « sursis » (0..prisonMonths). */
  prisonSuspendedMonths: number | null;
  fineXof: number | null;
  fineSuspended: boolean;
  /** An interdiction, déchéance or incapacité (« interdiction de séjour », « interdiction d'exercer… »). */
  otherPenalty: string | null;
  /** Its length; null with an otherPenalty means for life. */
  otherPenaltyMonths: number | null;
  /** The court ordered the mention on bulletin n°3 of a prison sentence of two years or less. */
  b3Ordered: boolean;
  events: ConvictionEvent[];
}

export interface Identity {
  surname: string;
  givenNames: string;
  birthDate: string;
  birthPlace: string;
  fatherName?: string | null;
  motherName?: string | null;
  nin?: string | null;
}

export interface Person extends Identity {
  id: string;
}

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day written 'yyyy-mm-dd' (no 31 February). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today in the service's time zone, as a calendar day. */
export function today(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole years from `from` to `to` (both 'yyyy-mm-dd'); an anniversary counts on its day. */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** The day `months` months after `date` (end of month clamps: 31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** "12/03/1994": how dates are written on the bulletins and pages. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
