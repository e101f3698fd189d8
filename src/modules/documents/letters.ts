// The generic documents built from a dossier: the receipt of submission and the decision letters an agent
// previews. Registries build their own (bulletins, extracts) and call issueDocument with them.
import type { DocumentContent, DocumentLine } from './types.ts';
import type { DossierFacts } from './store.ts';

const CAPITALS: Record<string, string> = { ne: 'Niamey', sn: 'Dakar', ci: 'Abidjan' };

function holderOf(d: DossierFacts): string {
  return d.applicant_name?.trim() || d.applicant_phone || d.applicant_email || 'Demandeur';
}

function when(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

function common(d: DossierFacts, timeZone: string): DocumentLine[] {
  return [
    { label: 'Démarche', value: d.procedure_title },
    { label: 'Référence du dossier', value: d.reference ?? '' },
    { label: 'Déposé le', value: d.submitted_at ? when(d.submitted_at, timeZone) : '' },
    { label: 'Administration', value: d.administration_name },
  ];
}

export function receiptContent(d: DossierFacts, timeZone: string): DocumentContent {
  return {
    kind: 'submission-receipt',
    issuerAdministrationId: d.administration_id,
    dossierId: d.id,
    holder: { name: holderOf(d) },
    title: 'Accusé de réception',
    lines: [
      ...common(d, timeZone),
      { paragraph: "Votre dossier a bien été reçu. Cet accusé de réception prouve la date de votre dépôt : conservez-le." },
      { paragraph: "Suivez l'avancement de votre dossier et échangez avec l'administration sur Guichet, rubrique « Mes dossiers », en citant la référence du dossier." },
    ],
    place: CAPITALS[d.country] ?? '',
    signatory: `Pour l'administration : ${d.administration_name}`,
  };
}

export type LetterDecision = 'accept' | 'refuse';

/**
 * The letter of a decision. In a preview (no `decided`), an empty motivation shows where the agent's text goes;
 * a decision taken by the administration's silence at the end of the legal delay says so.
 */
export function decisionContent(
  d: DossierFacts,
  decision: LetterDecision,
  motivation: string,
  timeZone: string,
  decided?: { at: Date; silence: boolean },
): DocumentContent {
  const accepted = decision === 'accept';
  const text = motivation.trim() || (decided ? 'Néant.' : '[La motivation saisie avec la décision figurera ici.]');
  const verb = accepted ? 'acceptée' : 'refusée';
  const outcome = decided?.silence
    ? `Faute de réponse de l'administration dans le délai légal, votre demande « ${d.procedure_title} » est réputée ${verb}.`
    : `Après examen de votre dossier, votre demande « ${d.procedure_title} » est ${verb}.`;
  return {
    kind: accepted ? 'acceptance' : 'refusal',
    issuerAdministrationId: d.administration_id,
    dossierId: d.id,
    holder: { name: holderOf(d) },
    title: accepted ? "Décision d'acceptation" : 'Décision de refus',
    lines: [
      ...common(d, timeZone),
      ...(decided ? [{ label: 'Décision du', value: when(decided.at, timeZone) }] : []),
      { heading: 'Décision' },
      { paragraph: outcome },
      { heading: accepted ? 'Observations' : 'Motifs du refus' },
      { paragraph: text },
      ...(accepted ? [] : [{ paragraph: "Vous pouvez contester cette décision auprès de l'administration qui l'a prise, dans les délais prévus par la loi." }]),
    ],
    place: CAPITALS[d.country] ?? '',
    signatory: `Pour l'administration : ${d.administration_name}`,
  };
}
