// Setting the registry up: giving a team the clerks' or the judges' right, creating an API client for an
// entitled administration, and the demo record the demo seed shows.
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';
import { newId } from '../../../platform/db/ids.ts';
import { randomToken, sha256 } from '../../../platform/crypto/tokens.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import type { Conviction, ConvictionEvent, Person } from './model.ts';
import * as store from './store.ts';

/** Gives a team the right to keep the registry ('clerk') or to read bulletin n°1 ('judge'); audited. */
export async function grantRegistryRole(db: Kysely<DB>, teamId: string, role: 'clerk' | 'judge', actorId: string | null = null): Promise<void> {
  const team = await db.selectFrom('teams').select(['id', 'administration_id']).where('id', '=', teamId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await store.grantTeam(trx, team.id, role);
    await appendAudit(trx, { actorId, action: 'rights.casier_granted', subject: { type: 'team', id: team.id }, administrationId: team.administration_id, details: { role } });
  });
}

/** Creates an API client holding `rights`; returns its token, shown once (only its SHA-256 is kept). */
export async function createApiClient(db: Kysely<DB>, c: { name: string; administrationId: string | null; rights: string[]; token?: string }): Promise<{ id: string; token: string }> {
  const id = newId();
  const token = c.token ?? randomToken(32);
  const write = async (trx: Kysely<DB>) => {
    await store.insertApiClient(trx, { id, name: c.name, administrationId: c.administrationId, tokenHash: sha256(token), rights: c.rights });
    await appendAudit(trx, { actorId: null, action: 'rights.casier_api_client', subject: { type: 'api_client', id }, administrationId: c.administrationId, details: { name: c.name, rights: c.rights } });
  };
  // The seed creates the demo client inside its own transaction.
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
  return { id, token };
}

/** The demo API client's token (demo data only, like the demo passwords): documented in README.md. */
export const DEMO_API_TOKEN = 'demo-casier-bulletin-2-guichet-2026';

type DemoFiche = Omit<Conviction, 'id' | 'personId' | 'events' | 'decisionReference' | 'otherPenalty' | 'otherPenaltyMonths' | 'b3Ordered' | 'fineSuspended' | 'prisonSuspendedMonths' | 'fineXof' | 'prisonMonths' | 'offenceDate'> &
  Partial<Conviction> & { events?: ConvictionEvent[] };

const DEMO: { person: Omit<Person, 'id'>; fiches: DemoFiche[] }[] = [
  {
    // A bulletin n°3 that is not « Néant »: three years firm for a délit, plus a contravention seen on n°1 only.
    person: { surname: 'Moussa', givenNames: 'Abdoulaye Garba', birthDate: '1985-06-14', birthPlace: 'Zinder', fatherName: 'Garba Moussa', motherName: 'Hadiza Issa', nin: null },
    fiches: [
      { courtName: 'Tribunal de grande instance hors classe de Niamey', decisionDate: '2019-05-20', offenceDate: '2018-12-02', offenceLabel: 'Vol aggravé', category: 'delit', prisonMonths: 36, prisonSuspendedMonths: 0, decisionReference: 'Jugement n° 412/2019', events: [{ kind: 'execution', date: '2022-05-20' }] },
      { courtName: 'Tribunal d’instance de Zinder', decisionDate: '2025-02-11', offenceLabel: 'Tapage nocturne', category: 'contravention', fineXof: 20_000 },
    ],
  },
  {
    // Suspended sentence: n°1 and n°2, never n°3.
    person: { surname: 'Hamani', givenNames: 'Fatouma', birthDate: '1990-01-22', birthPlace: 'Maradi', fatherName: 'Hamani Souley', motherName: 'Zeinabou Ali', nin: null },
    fiches: [{ courtName: 'Tribunal de grande instance de Maradi', decisionDate: '2023-03-10', offenceLabel: 'Abus de confiance', category: 'delit', prisonMonths: 12, prisonSuspendedMonths: 12, fineXof: 150_000 }],
  },
  // Two homonyms (same names, day and town; other parents): a request in that name is left to the clerk.
  {
    person: { surname: 'Saley', givenNames: 'Ibrahim', birthDate: '1988-11-02', birthPlace: 'Dosso', fatherName: 'Saley Amadou', motherName: 'Aminata Boubacar', nin: null },
    fiches: [{ courtName: 'Tribunal de grande instance de Dosso', decisionDate: '2016-07-04', offenceLabel: 'Escroquerie', category: 'delit', prisonMonths: 30, prisonSuspendedMonths: 0, events: [{ kind: 'rehabilitation', date: '2024-09-30' }] }],
  },
  {
    person: { surname: 'Saley', givenNames: 'Ibrahim', birthDate: '1988-11-02', birthPlace: 'Dosso', fatherName: 'Saley Oumarou', motherName: 'Mariama Seyni', nin: null },
    fiches: [{ courtName: 'Cour d’appel de Niamey', decisionDate: '2021-01-18', offenceLabel: 'Trafic de stupéfiants', category: 'crime', prisonMonths: 96, prisonSuspendedMonths: 0 }],
  },
];

/**
 * The demo record: the « Greffe (démo) » team of the Ministry of Justice keeps the registry, a few convictions
 * are registered, and a demo API client may ask for bulletin n°2. Does nothing when the registry holds anyone.
 */
export async function seedDemoRecord(db: Kysely<DB>, country: string): Promise<void> {
  const justice = await db.selectFrom('administrations').select('id').where('code', '=', `${country}-justice`).executeTakeFirst();
  const team = justice && (await db.selectFrom('teams').select('id').where('administration_id', '=', justice.id).where('name', '=', 'Greffe (démo)').executeTakeFirst());
  if (!justice || !team) return;
  await store.grantTeam(db, team.id, 'clerk');
  if (await db.selectFrom('criminal_persons').select('id').limit(1).executeTakeFirst()) return;
  await db.transaction().execute(async (trx) => {
    for (const entry of DEMO) {
      const personId = newId();
      await store.insertPerson(trx, { id: personId, ...entry.person }, null);
      for (const f of entry.fiches) {
        const id = newId();
        await store.insertConviction(trx, {
          id,
          personId,
          decisionReference: null,
          offenceDate: null,
          prisonMonths: null,
          prisonSuspendedMonths: null,
          fineXof: null,
          fineSuspended: false,
          otherPenalty: null,
          otherPenaltyMonths: null,
          b3Ordered: false,
          ...f,
          administrationId: justice.id,
          registeredBy: null,
        });
        for (const e of f.events ?? []) await store.insertEvent(trx, { id: newId(), convictionId: id, kind: e.kind, date: e.date, note: null, registeredBy: null });
      }
    }
    await createApiClient(trx, { name: 'Ministère de la Fonction publique (démo)', administrationId: null, rights: ['bulletin-2'], token: DEMO_API_TOKEN });
  });
}
