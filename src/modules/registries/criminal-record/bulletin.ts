// What a bulletin says, in French (the legal language): the identity asked, then the fiches the rules keep, or
// « Néant ». The same content feeds the JSON of the API, the clerk's page, the preview and the sealed PDF.
import type { DocumentContent, DocumentLine } from '../../documents/index.ts';
import { frenchDate, type Bulletin, type Category, type Conviction, type ConvictionEvent, type Identity } from './model.ts';

export const CATEGORY_FR: Record<Category, string> = { crime: 'Crime', delit: 'Délit', contravention: 'Contravention' };

export const EVENT_FR: Record<ConvictionEvent['kind'], string> = {
  appel: 'Appel interjeté',
  arret_appel: 'Arrêt d’appel',
  revocation_sursis: 'Révocation du sursis',
  suspension_peine: 'Suspension de la peine',
  execution: 'Peine exécutée',
  prescription: 'Peine prescrite',
  rehabilitation: 'Réhabilitation',
  amnistie: 'Amnistie',
};

/** "3 ans", "1 an et 6 mois", "8 mois". */
export function duration(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years === 0 ? '' : years === 1 ? '1 an' : `${years} ans`;
  const m = rest === 0 ? '' : `${rest} mois`;
  return [y, m].filter(Boolean).join(' et ');
}

const money = (xof: number) => `${String(xof).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} FCFA`;

/** The sentence as written on a bulletin: « 3 ans d'emprisonnement dont 1 an avec sursis ; 100 000 FCFA d'amende ». */
export function sentenceText(c: Pick<Conviction, 'prisonMonths' | 'prisonSuspendedMonths' | 'fineXof' | 'fineSuspended' | 'otherPenalty' | 'otherPenaltyMonths'>): string {
  const parts: string[] = [];
  if (c.prisonMonths) {
    const suspended = c.prisonSuspendedMonths ?? 0;
    const base = `${duration(c.prisonMonths)} d’emprisonnement`;
    parts.push(suspended === 0 ? `${base} ferme` : suspended >= c.prisonMonths ? `${base} avec sursis` : `${base} dont ${duration(suspended)} avec sursis`);
  }
  if (c.fineXof) parts.push(`${money(c.fineXof)} d’amende${c.fineSuspended ? ' avec sursis' : ''}`);
  if (c.otherPenalty) parts.push(c.otherPenaltyMonths ? `${c.otherPenalty} pendant ${duration(c.otherPenaltyMonths)}` : c.otherPenalty);
  return parts.join(' ; ');
}

export const eventsText = (c: Conviction) => c.events.map((e) => `${EVENT_FR[e.kind]} le ${frenchDate(e.date)}${e.note ? ` (${e.note})` : ''}`).join(' ; ');

export const TITLES: Record<Bulletin, string> = {
  1: 'Bulletin n° 1 du casier judiciaire',
  2: 'Bulletin n° 2 du casier judiciaire',
  3: 'Extrait du casier judiciaire — Bulletin n° 3',
};

const NOTES: Record<Bulletin, string> = {
  1: 'Relevé intégral des fiches du casier judiciaire, réservé aux autorités judiciaires.',
  2: 'Relevé des fiches du casier judiciaire, à l’exclusion des décisions que la loi retire du bulletin n° 2 (mineurs, contraventions, condamnations avec sursis non avenues, condamnations effacées par la réhabilitation ou l’amnistie). Délivré aux administrations habilitées.',
  3: 'Le bulletin n° 3 ne relève que les condamnations pour crime ou délit à plus de deux ans d’emprisonnement sans sursis, celles dont la juridiction a ordonné la mention, et les interdictions ou déchéances en cours. Il ne peut être délivré qu’à la personne qu’il concerne.',
};

export const holderName = (who: Identity) => `${who.surname.toUpperCase()} ${who.givenNames}`;

export function identityLines(who: Identity): DocumentLine[] {
  const lines: DocumentLine[] = [
    { label: 'Nom', value: who.surname.toUpperCase() },
    { label: 'Prénoms', value: who.givenNames },
    { label: 'Né(e) le', value: `${frenchDate(who.birthDate)} à ${who.birthPlace}` },
  ];
  if (who.fatherName || who.motherName) lines.push({ label: 'Filiation', value: `de ${who.fatherName ?? '—'} et de ${who.motherName ?? '—'}` });
  if (who.nin) lines.push({ label: 'NIN', value: who.nin });
  return lines;
}

/** The rows of the bulletin's table; n°1 adds the events written on each fiche. */
export function entryRows(bulletin: Bulletin, entries: Conviction[]): { head: string[]; rows: string[][] } {
  const head = ['Date', 'Juridiction', 'Infraction', 'Peine'];
  const rows = entries.map((c) => [frenchDate(c.decisionDate), c.courtName, `${c.offenceLabel} (${CATEGORY_FR[c.category].toLowerCase()})`, sentenceText(c)]);
  if (bulletin !== 1) return { head, rows };
  return { head: [...head, 'Mentions'], rows: rows.map((r, i) => [...r, eventsText(entries[i]!) || '—']) };
}

export interface BulletinMeta {
  issuerAdministrationId: string;
  dossierId?: string | null;
  place: string;
  signatory: string;
  expiresAt?: Date | null;
}

export function bulletinDocument(bulletin: Bulletin, who: Identity, entries: Conviction[], meta: BulletinMeta): DocumentContent {
  const lines: DocumentLine[] = [{ heading: 'Identité' }, ...identityLines(who), { heading: 'Condamnations' }];
  if (entries.length === 0) lines.push({ paragraph: 'Néant' });
  else lines.push({ table: entryRows(bulletin, entries) });
  lines.push({ paragraph: NOTES[bulletin] });
  return {
    kind: `bulletin-${bulletin}`,
    issuerAdministrationId: meta.issuerAdministrationId,
    dossierId: meta.dossierId ?? null,
    holder: { name: holderName(who), birthDate: who.birthDate },
    title: TITLES[bulletin],
    lines,
    place: meta.place,
    signatory: meta.signatory,
    expiresAt: meta.expiresAt ?? null,
  };
}

/** The bulletin as the API gives it (JSON). */
export function bulletinJson(bulletin: Bulletin, who: Identity, entries: Conviction[], issuedOn: string) {
  return {
    bulletin,
    issued_on: issuedOn,
    person: { surname: who.surname, given_names: who.givenNames, birth_date: who.birthDate, birth_place: who.birthPlace, father_name: who.fatherName ?? null, mother_name: who.motherName ?? null, nin: who.nin ?? null },
    nil: entries.length === 0,
    entries: entries.map((c) => ({
      decision_date: c.decisionDate,
      court: c.courtName,
      decision_reference: c.decisionReference,
      offence: c.offenceLabel,
      category: c.category,
      sentence: sentenceText(c),
      prison_months: c.prisonMonths,
      prison_suspended_months: c.prisonSuspendedMonths,
      fine_xof: c.fineXof,
    })),
  };
}
