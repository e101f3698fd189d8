// What the civil-status tests share: two communes' registers (Niamey I from the demo seed, Niamey II made
// here), an officer of each, a plain agent who is no officer, and birth declarations and extract requests
// filed as the dossiers module stores them once submitted (the online filing itself is the dossiers module's
// tests' business).
import type { TestApp } from '../../../../test/support/app.ts';
import { signedInStaff } from '../../../../test/support/backoffice.ts';
import type { Visitor } from '../../../../test/support/browser-session.ts';
import { newId } from '../../../platform/db/ids.ts';
import { ensureRegister } from './registers.ts';
import { DECLARATION_SLUG, EXTRACT_SLUG } from './declaration.ts';

export const NIAMEY_I = { region: 'niamey', department: 'niamey-ville', commune: 'niamey-ville-niamey-i' };
export const NIAMEY_II = { region: 'niamey', department: 'niamey-ville', commune: 'niamey-ville-niamey-ii' };

export interface CivilWorld {
  registerI: string;
  registerII: string;
  adminI: string;
  teamI: string;
  officerI: { id: string; v: Visitor };
  officerII: { id: string; v: Visitor };
  stranger: { id: string; v: Visitor };
  applicant: { id: string; v: Visitor };
}

export async function civilWorld(t: TestApp): Promise<CivilWorld> {
  const db = t.ctx.db;
  const adminI = (await db.selectFrom('administrations').select('id').where('code', '=', 'ne-etat-civil-niamey-i').executeTakeFirstOrThrow()).id;
  const teamI = (await db.selectFrom('teams').select('id').where('administration_id', '=', adminI).executeTakeFirstOrThrow()).id;
  const registerI = (await db.selectFrom('civil_registers').select('id').where('commune_code', '=', NIAMEY_I.commune).executeTakeFirstOrThrow()).id;
  const parent = (await db.selectFrom('administrations').select('id').where('code', '=', 'ne-communes-etat-civil').executeTakeFirstOrThrow()).id;
  const adminII = newId();
  await db.insertInto('administrations').values({ id: adminII, code: 'ne-etat-civil-niamey-ii', country: 'ne', parent_id: parent, name: "Centre d'état civil de Niamey II", acronym: null }).execute();
  const teamII = newId();
  await db.insertInto('teams').values({ id: teamII, administration_id: adminII, name: 'État civil Niamey II' }).execute();
  const registerII = await ensureRegister(db, { id: newId(), country: 'ne', communeCode: NIAMEY_II.commune, administrationId: adminII, centreName: "Centre d'état civil de Niamey II", place: 'Niamey', signatory: "L'officier de l'état civil de Niamey II" });
  return {
    registerI,
    registerII,
    adminI,
    teamI,
    officerI: await signedInStaff(t, { role: 'agent', administrationId: adminI, teamIds: [teamI], name: 'Zeinabou Officier' }),
    officerII: await signedInStaff(t, { role: 'agent', administrationId: adminII, teamIds: [teamII], name: 'Officier Voisin' }),
    stranger: await signedInStaff(t, { role: 'agent', administrationId: adminI }),
    applicant: await signedInStaff(t, { role: 'applicant', name: 'Mariama Hamani' }),
  };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

/** A declaration's answers as the form stores them: a girl born three days ago in a Niamey I maternity. */
export function declarationAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const born = daysAgo(3);
  born.setUTCHours(8, 15, 0, 0);
  return {
    qualite: 'mere',
    nom_enfant: 'Moussa',
    prenoms_enfant: 'Aïchatou Zeinab',
    sexe_enfant: 'f',
    naissance_multiple: false,
    date_heure_naissance: `${born.toISOString().slice(0, 16)}:00Z`,
    lieu_type: 'formation_sanitaire',
    formation_sanitaire: 'Maternité Issaka Gazobi',
    commune_naissance: NIAMEY_I,
    nom_mere: 'Hamani',
    prenoms_mere: 'Mariama',
    date_naissance_mere: '1996-04-02',
    lieu_naissance_mere: 'Dosso',
    mere_nigerienne: true,
    profession_mere: 'Couturière',
    domicile_parents: { line: 'Quartier Plateau, rue PL-34', city: 'Niamey' },
    parents_maries: true,
    mariage_enregistre: false,
    nom_pere: 'Moussa',
    prenoms_pere: 'Issa',
    date_naissance_pere: '1990-05-03',
    lieu_naissance_pere: 'Dosso',
    pere_nigerien: true,
    telephone: '+22790123456',
    certifie: true,
    ...overrides,
  };
}

let filed = 0;

/** A submitted dossier of a civil-status procedure, routed to the Niamey I team. */
export async function fileCivil(t: TestApp, w: CivilWorld, slug: typeof DECLARATION_SLUG | typeof EXTRACT_SLUG, answers: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  const db = t.ctx.db;
  const procedure = await db.selectFrom('procedures').select(['id', 'administration_id']).where('slug', '=', slug).where('country', '=', 'ne').executeTakeFirstOrThrow();
  const revision = await db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', procedure.id).where('status', '=', 'published').executeTakeFirstOrThrow();
  const id = newId();
  const reference = `DOS-2026-CS${String(++filed).padStart(4, '0')}`;
  const at = daysAgo(1);
  await db
    .insertInto('dossiers')
    .values({ id, reference, procedure_id: procedure.id, revision_id: revision.id, applicant_id: w.applicant.id, status: 'submitted', answers: JSON.stringify(answers), submitted_at: at, created_at: at, updated_at: at, team_id: w.teamI, administration_id: procedure.administration_id })
    .execute();
  return { id, reference };
}

/** An extract request's answers: the person, and the act's number and year when `ref` is given. */
export function extractAnswers(person: { nom: string; prenoms: string; date_naissance: string }, ref?: { numero: string; annee: number }): Record<string, unknown> {
  return {
    pour_qui: 'enfant',
    type_document: 'extrait',
    nombre_copies: 1,
    ...person,
    sexe: 'f',
    nom_mere: 'Mariama Hamani',
    commune_enregistrement: NIAMEY_I,
    connait_references: !!ref,
    ...(ref ? { numero_acte: ref.numero, annee_acte: ref.annee } : {}),
    telephone: '+22790123456',
    mode_remise: 'retrait',
    certifie: true,
  };
}
