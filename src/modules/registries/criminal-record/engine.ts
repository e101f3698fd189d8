// Applies the rule table (rules.ts) to a person's fiches on a given day. Pure: the same fiches and day always
// give the same bulletin, which is what the tests and a clerk asking "why is this not on n°3?" rely on.
import { addMonths, yearsBetween, type Bulletin, type Conviction, type Person } from './model.ts';
import { BULLETINS, RULES, type Condition, type Rule, type Suspension } from './rules.ts';

export interface Verdict {
  conviction: Conviction;
  shown: boolean;
  /** The rule that removed or admitted the fiche; null when the bulletin's default decided. */
  rule: Rule | null;
  /** Decided on a lower bulletin (n°2 and n°3 start from what n°1, then n°2, show). */
  inherited: boolean;
}

/** What the engine knows about one fiche on one day. */
interface Facts {
  c: Conviction;
  today: string;
  birthDate: string;
  others: Conviction[];
}

/** Events count from their date: an amnesty registered in advance takes effect on its day. */
const has = (f: Facts, kinds: readonly string[]) => f.c.events.some((e) => kinds.includes(e.kind) && e.date <= f.today);

function appealPending(f: Facts): boolean {
  const appeals = f.c.events.filter((e) => (e.kind === 'appel' || e.kind === 'arret_appel') && e.date <= f.today).sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'appel' ? -1 : 1));
  return appeals.at(-1)?.kind === 'appel';
}

function suspension(f: Facts): Suspension | null {
  const { prisonMonths, prisonSuspendedMonths } = f.c;
  if (!prisonMonths) return null;
  if (has(f, ['revocation_sursis']) || !prisonSuspendedMonths) return 'none';
  return prisonSuspendedMonths >= prisonMonths ? 'total' : 'partial';
}

function firmMonths(f: Facts): number {
  const s = suspension(f);
  if (s === null) return 0;
  return s === 'none' ? f.c.prisonMonths! : f.c.prisonMonths! - (f.c.prisonSuspendedMonths ?? 0);
}

function sentenceEnd(f: Facts): string | null {
  const ends = f.c.events.filter((e) => (e.kind === 'execution' || e.kind === 'prescription') && e.date <= f.today).map((e) => e.date).sort();
  return ends[0] ?? null;
}

function penaltyRunning(f: Facts): boolean {
  if (!f.c.otherPenalty) return false;
  if (f.c.otherPenaltyMonths == null) return true;
  return addMonths(f.c.decisionDate, f.c.otherPenaltyMonths) > f.today;
}

function holds(w: Condition, f: Facts): boolean {
  const c = f.c;
  if (w.category && !w.category.includes(c.category)) return false;
  if (w.minorAtOffence !== undefined && (yearsBetween(f.birthDate, c.offenceDate ?? c.decisionDate) < 18) !== w.minorAtOffence) return false;
  if (w.event && !has(f, w.event)) return false;
  if (w.appealPending !== undefined && appealPending(f) !== w.appealPending) return false;
  if (w.prison) {
    const s = suspension(f);
    if (s === null) return false;
    const firm = firmMonths(f);
    if (w.prison.suspension && !w.prison.suspension.includes(s)) return false;
    if (w.prison.firmMonthsOver !== undefined && !(firm > w.prison.firmMonthsOver)) return false;
    if (w.prison.firmMonthsAtMost !== undefined && !(firm <= w.prison.firmMonthsAtMost)) return false;
  }
  if (w.fineOnly) {
    if (c.prisonMonths || !c.fineXof) return false;
    if (w.fineOnly.suspended !== undefined && c.fineSuspended !== w.fineOnly.suspended) return false;
  }
  if (w.b3Ordered !== undefined && c.b3Ordered !== w.b3Ordered) return false;
  if (w.penaltyRunning !== undefined && penaltyRunning(f) !== w.penaltyRunning) return false;
  if (w.elapsed) {
    const from = w.elapsed.since === 'decision' ? c.decisionDate : sentenceEnd(f);
    if (from === null || yearsBetween(from, f.today) < w.elapsed.years) return false;
  }
  if (w.noLaterConviction && f.others.some((o) => o.id !== c.id && o.decisionDate > c.decisionDate && o.decisionDate <= f.today)) return false;
  return true;
}

function judge(bulletin: Bulletin, f: Facts, rules: Rule[]): Omit<Verdict, 'conviction'> {
  const spec = BULLETINS[bulletin];
  if (spec.base !== null) {
    const below = judge(spec.base, f, rules);
    if (!below.shown) return { ...below, inherited: true };
  }
  const mine = rules.filter((r) => r.bulletin === bulletin);
  const excluded = mine.find((r) => r.effect === 'exclude' && holds(r.when, f));
  if (excluded) return { shown: false, rule: excluded, inherited: false };
  if (spec.default === 'include') return { shown: true, rule: null, inherited: false };
  const included = mine.find((r) => r.effect === 'include' && holds(r.when, f));
  return { shown: included !== undefined, rule: included ?? null, inherited: false };
}

/** Every fiche of the person with whether bulletin `bulletin` shows it on `today` ('yyyy-mm-dd'), oldest first. */
export function evaluate(bulletin: Bulletin, person: Pick<Person, 'birthDate'>, convictions: Conviction[], today: string, rules: Rule[] = RULES): Verdict[] {
  const sorted = [...convictions].sort((a, b) => a.decisionDate.localeCompare(b.decisionDate));
  return sorted.map((c) => ({ conviction: c, ...judge(bulletin, { c, today, birthDate: person.birthDate, others: sorted }, rules) }));
}

/** Only what the bulletin shows; an empty list prints « Néant ». */
export function bulletinEntries(bulletin: Bulletin, person: Pick<Person, 'birthDate'>, convictions: Conviction[], today: string): Conviction[] {
  return evaluate(bulletin, person, convictions, today).filter((v) => v.shown).map((v) => v.conviction);
}
