// Which fiches each bulletin shows, written as data: a table of rules the engine (engine.ts) applies. The
// sources and the simplifications are in docs/criminal-record.md; each rule names its source.
//
// How the table is read:
// - Bulletin n°1 starts from every fiche of the person; n°2 from what n°1 shows; n°3 from what n°2 shows
//   (`base`). A fiche removed from n°1 (amnesty) is therefore gone from all three.
// - Then, in order, the first `exclude` rule of the bulletin whose condition holds removes the fiche.
// - What is left is shown when the bulletin's `default` is 'include' (n°1, n°2), or, for n°3 (default
//   'exclude'), only when an `include` rule holds: n°3 lists the most serious convictions only.
// A condition holds when every key it has holds (keys absent do not constrain).
import type { Bulletin, Category, EventKind } from './model.ts';

export type Suspension = 'none' | 'partial' | 'total';

export interface Condition {
  /** The offence's category is one of these. */
  category?: Category[];
  /** The person was under 18 on the day of the offence (the decision date when the offence date is unknown). */
  minorAtOffence?: boolean;
  /** One of these events is written on the fiche (dated today or before). */
  event?: EventKind[];
  /** An appeal was lodged and no appeal ruling written after it: the decision is not final. */
  appealPending?: boolean;
  /** A prison sentence was pronounced, with these properties (sursis revoked counts as served in full). */
  prison?: { firmMonthsOver?: number; firmMonthsAtMost?: number; suspension?: Suspension[] };
  /** No prison sentence; a fine (with or without sursis as said). */
  fineOnly?: { suspended?: boolean };
  /** The court ordered the mention on bulletin n°3. */
  b3Ordered?: boolean;
  /** An interdiction, déchéance or incapacité pronounced without sursis is still running. */
  penaltyRunning?: boolean;
  /**
   * At least `years` whole years have passed since the decision, or since the end of the sentence (the date of
   * an `execution` or `prescription` event; without one the condition does not hold: nothing is erased on a
   * guess).
   */
  elapsed?: { since: 'decision' | 'sentence_end'; years: number };
  /** No conviction of the same person was decided after this one. */
  noLaterConviction?: boolean;
}

export interface Rule {
  id: string;
  bulletin: Bulletin;
  effect: 'exclude' | 'include';
  when: Condition;
  /** Said to the clerk when he asks why a fiche is (not) on a bulletin. */
  why: string;
  source: string;
}

export const BULLETINS: Record<Bulletin, { base: Bulletin | null; default: 'include' | 'exclude' }> = {
  1: { base: null, default: 'include' },
  2: { base: 1, default: 'include' },
  3: { base: 2, default: 'exclude' },
};

/** The delay after which a fully suspended sentence is deemed never pronounced (« non avenue »). */
export const PROBATION_YEARS = 5;

export const RULES: Rule[] = [
  // ── Bulletin n°1: the whole record, for the judicial authorities ─────────────────────────────────────────
  { id: 'b1-amnistie', bulletin: 1, effect: 'exclude', when: { event: ['amnistie'] }, why: 'Condamnation effacée par l’amnistie : la fiche est retirée du casier.', source: 'CPP (modèle français), art. 769 al. 2 ; CPP Côte d’Ivoire 2018' },
  { id: 'b1-contravention-3-ans', bulletin: 1, effect: 'exclude', when: { category: ['contravention'], elapsed: { since: 'decision', years: 3 } }, why: 'Contravention jugée depuis plus de trois ans.', source: 'CPP (modèle français), art. 769 al. 2' },
  { id: 'b1-40-ans', bulletin: 1, effect: 'exclude', when: { elapsed: { since: 'decision', years: 40 }, noLaterConviction: true }, why: 'Condamnation de plus de quarante ans sans condamnation postérieure.', source: 'CPP (modèle français), art. 769 al. 2' },

  // ── Bulletin n°2: administrations entitled to it ─────────────────────────────────────────────────────────
  { id: 'b2-appel', bulletin: 2, effect: 'exclude', when: { appealPending: true }, why: 'Décision frappée d’appel : elle n’est pas définitive.', source: 'Simplification : seules les décisions définitives sont relevées' },
  { id: 'b2-mineur', bulletin: 2, effect: 'exclude', when: { minorAtOffence: true }, why: 'Décision concernant un mineur au moment des faits.', source: 'CPP Côte d’Ivoire 2018, art. 761 1° ; CPP français, art. 775 1°' },
  { id: 'b2-contravention', bulletin: 2, effect: 'exclude', when: { category: ['contravention'] }, why: 'Condamnation pour contravention.', source: 'CPP français, art. 775 3°' },
  { id: 'b2-rehabilitation', bulletin: 2, effect: 'exclude', when: { event: ['rehabilitation'] }, why: 'Condamnation effacée par la réhabilitation.', source: 'CPP Côte d’Ivoire 2018, art. 761 3° ; CPP français, art. 775 5°' },
  { id: 'b2-sursis-non-avenu', bulletin: 2, effect: 'exclude', when: { prison: { suspension: ['total'] }, elapsed: { since: 'decision', years: PROBATION_YEARS }, noLaterConviction: true }, why: 'Emprisonnement entièrement assorti du sursis, réputé non avenu après le délai d’épreuve.', source: 'CPP Côte d’Ivoire 2018, art. 761 2° ; code pénal (sursis simple, délai de cinq ans)' },
  { id: 'b2-amende-sursis-non-avenue', bulletin: 2, effect: 'exclude', when: { fineOnly: { suspended: true }, elapsed: { since: 'decision', years: PROBATION_YEARS }, noLaterConviction: true }, why: 'Amende avec sursis, réputée non avenue après le délai d’épreuve.', source: 'CPP Côte d’Ivoire 2018, art. 761 2°' },
  // Réhabilitation de plein droit: acquired by the passing of time alone, without a new conviction.
  { id: 'b2-rehab-amende', bulletin: 2, effect: 'exclude', when: { fineOnly: {}, elapsed: { since: 'sentence_end', years: 3 }, noLaterConviction: true }, why: 'Réhabilitation de plein droit : amende payée depuis plus de trois ans.', source: 'Code pénal français, art. 133-13 1° (délais à vérifier pour chaque pays)' },
  { id: 'b2-rehab-1-an', bulletin: 2, effect: 'exclude', when: { prison: { firmMonthsAtMost: 12 }, elapsed: { since: 'sentence_end', years: 5 }, noLaterConviction: true }, why: 'Réhabilitation de plein droit : emprisonnement d’un an au plus, exécuté ou prescrit depuis plus de cinq ans.', source: 'Code pénal français, art. 133-13 2°' },
  { id: 'b2-rehab-10-ans', bulletin: 2, effect: 'exclude', when: { prison: { firmMonthsAtMost: 120 }, elapsed: { since: 'sentence_end', years: 10 }, noLaterConviction: true }, why: 'Réhabilitation de plein droit : emprisonnement de dix ans au plus, exécuté ou prescrit depuis plus de dix ans.', source: 'Code pénal français, art. 133-13 3°' },

  // ── Bulletin n°3: the person himself; only what n°2 shows and these ─────────────────────────────────────
  { id: 'b3-plus-de-2-ans', bulletin: 3, effect: 'include', when: { category: ['crime', 'delit'], prison: { firmMonthsOver: 24, suspension: ['none'] } }, why: 'Crime ou délit puni de plus de deux ans d’emprisonnement sans sursis.', source: 'CPP français, art. 777 1° ; CPP Niger, art. 706 à 719' },
  { id: 'b3-mention-ordonnee', bulletin: 3, effect: 'include', when: { category: ['crime', 'delit'], prison: { firmMonthsAtMost: 24, suspension: ['none'] }, b3Ordered: true }, why: 'Emprisonnement de deux ans au plus dont la juridiction a ordonné la mention au bulletin n°3.', source: 'CPP français, art. 777 2°' },
  { id: 'b3-interdiction', bulletin: 3, effect: 'include', when: { category: ['crime', 'delit'], penaltyRunning: true }, why: 'Interdiction, déchéance ou incapacité sans sursis, pendant sa durée.', source: 'CPP français, art. 777 3°' },
];
