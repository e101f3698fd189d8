// What an extract (or a full copy) of a birth act says, as the documents module prints it: always in French,
// the legal language, drawn from the act and every mention written in its margin so far. Pure: the caller
// loads the act, its mentions and its register.
import type { DocumentContent, DocumentLine } from '../../documents/index.ts';
import type { BirthActParent } from '../../../platform/db/schema.ts';
import type { Register } from './registers.ts';
import type { BirthAct, Mention } from './store.ts';
import { actNumber } from './numbering.ts';

export const MENTION_TITLES: Record<Mention['kind'], string> = {
  recognition: 'Reconnaissance',
  marriage: 'Mariage',
  divorce: 'Divorce',
  death: 'Décès',
  rectification: 'Rectification',
};

function frenchDay(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

function frenchDateTime(at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).replace(':', ' h ');
  return `${day} à ${time}`;
}

const fullName = (p: { givenNames: string; surname: string }) => `${p.givenNames} ${p.surname}`;

function parentLines(label: string, p: BirthActParent | null, full: boolean): DocumentLine[] {
  if (!p) return [{ label, value: 'Non déclaré' }];
  const lines: DocumentLine[] = [{ label, value: fullName(p) }];
  if (!full) return lines;
  if (p.birthDate || p.birthPlace) lines.push({ label: `${label} — naissance`, value: [p.birthDate && `le ${frenchDay(p.birthDate)}`, p.birthPlace && `à ${p.birthPlace}`].filter(Boolean).join(' ') });
  if (p.nationality) lines.push({ label: `${label} — nationalité`, value: p.nationality });
  if (p.occupation) lines.push({ label: `${label} — profession`, value: p.occupation });
  if (p.address) lines.push({ label: `${label} — domicile`, value: p.address });
  return lines;
}

export function extractContent(input: {
  act: BirthAct;
  mentions: Mention[];
  register: Register;
  timeZone: string;
  dossierId: string | null;
  /** A full copy repeats every fact of the act; an extract keeps what identifies the person. */
  full: boolean;
}): DocumentContent {
  const { act, register, timeZone } = input;
  const mentions: DocumentLine[] =
    input.mentions.length === 0
      ? [{ paragraph: 'Néant.' }]
      : input.mentions.map((m) => ({ paragraph: `${MENTION_TITLES[m.kind]} — le ${frenchDay(m.date)} : ${m.text} (${m.authority})` }));
  return {
    kind: 'birth-act-extract',
    issuerAdministrationId: register.administrationId,
    dossierId: input.dossierId,
    holder: { name: `${act.childGivenNames} ${act.childSurname}`, birthDate: act.birthDate },
    title: input.full ? "Copie intégrale d'acte de naissance" : "Extrait d'acte de naissance",
    lines: [
      { label: "Centre d'état civil", value: register.centreName },
      { label: 'Acte n°', value: actNumber(act.year, act.number) },
      { heading: "L'enfant" },
      { label: 'Nom', value: act.childSurname },
      { label: 'Prénoms', value: act.childGivenNames },
      { label: 'Sexe', value: act.sex === 'f' ? 'Féminin' : 'Masculin' },
      { label: act.sex === 'f' ? 'Née le' : 'Né le', value: frenchDateTime(act.bornAt, timeZone) },
      { label: 'À', value: act.birthPlace },
      { heading: 'Filiation' },
      ...parentLines('Père', act.father, input.full),
      ...parentLines('Mère', act.mother, input.full),
      { heading: "L'acte" },
      { label: 'Déclaré par', value: act.declarant },
      { label: 'Date de la déclaration', value: frenchDateTime(act.declaredAt, timeZone) },
      { label: 'Dressé le', value: `${frenchDateTime(act.registeredAt, timeZone)}, par ${act.officerName}, officier de l'état civil` },
      { heading: 'Mentions marginales' },
      ...mentions,
    ],
    place: register.place,
    signatory: register.signatory,
  };
}
