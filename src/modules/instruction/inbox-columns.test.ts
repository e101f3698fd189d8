// The inbox as each agent arranges it: the columns he chose come back on every visit (and only for him),
// clicking a heading sorts by it, and walking the pages of any sort lists every dossier exactly once —
// with equal deadlines, dossiers without one, and last-change times finer than a millisecond.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';

let t: TestApp;
let procedureId: string;
let team: string;
let alice: Visitor;
let bob: Visitor;
let manager: Visitor;
const DOSSIERS = 30;

before(async () => {
  t = await startTestApp({ seed: true });
  const orgs = await administrationsOf(t, 'extrait-casier-judiciaire');
  procedureId = orgs.procedureId;
  team = await makeTeam(t, orgs.own, 'Greffe de Maradi');
  await processProcedure(t, procedureId, { defaultTeamId: team, legalDelayDays: 15 });
  alice = (await signedInStaff(t, { role: 'agent', administrationId: orgs.own, teamIds: [team] })).v;
  bob = (await signedInStaff(t, { role: 'agent', administrationId: orgs.own, teamIds: [team] })).v;
  manager = (await signedInStaff(t, { role: 'manager', administrationId: orgs.own })).v;
  await fileDossiers();
});
after(() => t.close());

/**
 * Thirty filed dossiers of the team, written straight in the table: deadlines fall on five days only (so
 * many are equal), every seventh has none, and last changes carry microseconds a JavaScript date would lose.
 */
async function fileDossiers() {
  const revision = await t.ctx.db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirstOrThrow();
  const applicant = newId();
  await t.ctx.db.insertInto('users').values({ id: applicant, email: 'demandeur.maradi@exemple.ne', name: 'Hadiza Souley' }).execute();
  const { administration_id } = await t.ctx.db.selectFrom('teams').select('administration_id').where('id', '=', team).executeTakeFirstOrThrow();
  const places = ['Maradi', 'Zinder', 'Dosso'];
  for (let i = 0; i < DOSSIERS; i++) {
    const id = newId();
    await sql`
      INSERT INTO dossiers (id, reference, procedure_id, revision_id, applicant_id, status, answers, submitted_at, updated_at, team_id, administration_id, due_at)
      VALUES (${id}, ${`DOS-2026-${String(i).padStart(6, 'A')}`}, ${procedureId}, ${revision.id}, ${applicant}, 'submitted',
        ${JSON.stringify({ nom: `Nom${i}`, prenoms: 'Hadiza', lieu_naissance: places[i % 3] })}::jsonb,
        now() - ${`${i} hours`}::interval, now() - ${`${(i * 7) % 11} seconds`}::interval - ${`${i} microseconds`}::interval,
        ${team}, ${administration_id},
        CASE WHEN ${i % 7 === 3} THEN NULL ELSE date_trunc('day', now()) + ${`${i % 5} days`}::interval END)`.execute(t.ctx.db);
  }
}

const ids = (html: string) => [...html.matchAll(/href="\/agent\/dossiers\/([0-9A-Z]{26})"/g)].map((m) => m[1]!);
const headings = (html: string) =>
  [...(/<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/[▲▼]/g, '').trim()).slice(1);
const nextOf = (html: string) => /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

/** Every page of the inbox from `start`, following "Dossiers suivants". */
async function walk(v: Visitor, start: string): Promise<string[]> {
  const seen: string[] = [];
  let next: string | undefined = start;
  for (let n = 0; next && n <= DOSSIERS; n++) {
    const page = await v.get(next);
    assert.equal(page.statusCode, 200);
    seen.push(...ids(page.body));
    next = nextOf(page.body);
  }
  return seen;
}

async function ordered(key: 'due' | 'updated', dir: 'asc' | 'desc'): Promise<string[]> {
  const expr = key === 'due' ? sql`coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)` : sql`updated_at`;
  const d = dir === 'asc' ? sql`ASC` : sql`DESC`;
  const { rows } = await sql<{ id: string }>`SELECT id FROM dossiers WHERE team_id = ${team} AND stage = 'to_process' ORDER BY ${expr} ${d}, id ${d}`.execute(t.ctx.db);
  return rows.map((r) => r.id);
}

describe('columns chosen by the agent', () => {
  test('the chosen columns, in the chosen order, come back on every visit; another agent keeps the default', async () => {
    const first = await alice.get('/agent');
    assert.deepEqual(headings(first.body), ['Référence', 'Démarche', 'Demandeur', 'Déposé le', 'Statut', 'Équipe', 'Délai', 'Étiquettes']);
    assert.match(first.body, /<summary>Colonnes<\/summary>/);
    const saved = await alice.post('/agent/colonnes', {
      retour: 'onglet=to_process&tri=echeance',
      col: ['reference', 'due', 'applicant', 'updated'],
      'rang.due': '1',
      'rang.reference': '2',
      'rang.updated': '3',
      'rang.applicant': '4',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(location(saved), '/agent?tri=echeance&colonnes=saved', 'back to the inbox as it was, with a word on what happened');
    const again = await alice.get(location(saved));
    assert.match(again.body, /Vos colonnes sont enregistrées/);
    assert.deepEqual(headings(again.body), ['Délai', 'Référence', 'Dernière modification', 'Demandeur']);
    assert.deepEqual(headings((await alice.get('/agent?tri=maj&par=10')).body), ['Délai', 'Référence', 'Dernière modification', 'Demandeur'], 'kept across visits and sorts');
    assert.deepEqual(headings((await bob.get('/agent')).body), ['Référence', 'Démarche', 'Demandeur', 'Déposé le', 'Statut', 'Équipe', 'Délai', 'Étiquettes'], "another agent's inbox is unchanged");

    // Unticking the reference does not hide the link to the dossier; "default" forgets the choice.
    await bob.get('/agent');
    await bob.post('/agent/colonnes', { retour: '', col: ['status'] });
    assert.deepEqual(headings((await bob.get('/agent')).body), ['Référence', 'Statut']);
    await bob.post('/agent/colonnes', { retour: '', defaut: '1' });
    assert.deepEqual(headings((await bob.get('/agent')).body), ['Référence', 'Démarche', 'Demandeur', 'Déposé le', 'Statut', 'Équipe', 'Délai', 'Étiquettes']);
    assert.deepEqual(headings((await alice.get('/agent')).body), ['Délai', 'Référence', 'Dernière modification', 'Demandeur'], "Bob's choices never touched Alice's");
  });

  test('filtered on one procedure, the agent adds answers of its form as columns, for that procedure only', async () => {
    const page = await manager.get(`/agent?demarche=${procedureId}`);
    assert.match(page.body, /name="col" value="r\.lieu_naissance"/, 'the questions of the form are offered');
    assert.doesNotMatch(page.body, /value="r\.note_interne"/, 'not the agents\' private notes, kept elsewhere');
    const saved = await manager.post('/agent/colonnes', { retour: `demarche=${procedureId}`, demarche: procedureId, col: ['reference', 'r.lieu_naissance', 'r.nom'], 'rang.reference': '1', 'rang.r.nom': '2', 'rang.r.lieu_naissance': '3' });
    assert.equal(location(saved), `/agent?demarche=${procedureId}&colonnes=saved`);
    const filtered = await manager.get(`/agent?demarche=${procedureId}&tri=echeance`);
    assert.deepEqual(headings(filtered.body), ['Référence', 'Nom', 'Lieu de naissance (commune)']);
    assert.match(filtered.body, /<td>Nom\d+<\/td>\s*<td>(Maradi|Zinder|Dosso)<\/td>/, 'each row shows its answers');
    assert.deepEqual(headings((await manager.get('/agent')).body), ['Référence', 'Démarche', 'Demandeur', 'Déposé le', 'Statut', 'Équipe', 'Délai', 'Étiquettes'], 'the inbox at large keeps its own columns');

    // More questions than the table holds: told, nothing changed.
    const before = await t.ctx.db.selectFrom('agent_preferences').select('inbox_columns').execute();
    await manager.get(`/agent?demarche=${procedureId}`);
    const tooMany = await manager.post('/agent/colonnes', { retour: `demarche=${procedureId}`, demarche: procedureId, col: ['r.nom', 'r.prenoms', 'r.lieu_naissance', 'r.date_naissance'] });
    assert.equal(location(tooMany), `/agent?demarche=${procedureId}&colonnes=answers`);
    assert.match((await manager.get(location(tooMany))).body, /Choisissez au plus 3 réponses du formulaire : rien n’a été enregistré/);
    assert.deepEqual(await t.ctx.db.selectFrom('agent_preferences').select('inbox_columns').execute(), before);
  });

  test('forged columns and a forged way back are ignored: the default, never an error', async () => {
    const { v } = await signedInStaff(t, { role: 'agent', teamIds: [team] });
    await v.get('/agent');
    const res = await v.post('/agent/colonnes', { retour: 'https://evil.example/x?onglet=../../', demarche: 'PAS-UN-ID', col: ['evil', 'r.nom', 'status', '<script>'], 'rang.status': '-4', 'rang.evil': '1' });
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), '/agent?colonnes=saved');
    assert.deepEqual(headings((await v.get('/agent')).body), ['Référence', 'Statut'], 'only real columns are kept');
    // A stored choice that no longer makes sense (written by hand, or by an older version) draws the default.
    await t.ctx.db.updateTable('agent_preferences').set({ inbox_columns: JSON.stringify({ general: [42, 'nothing'], procedures: 'x' }) }).execute();
    const page = await v.get('/agent');
    assert.equal(page.statusCode, 200);
    assert.deepEqual(headings(page.body), ['Référence']);
    await t.ctx.db.updateTable('agent_preferences').set({ inbox_columns: '"just a string"' }).execute();
    assert.deepEqual(headings((await bob.get('/agent')).body), ['Référence', 'Démarche', 'Demandeur', 'Déposé le', 'Statut', 'Équipe', 'Délai', 'Étiquettes']);
    await t.ctx.db.updateTable('agent_preferences').set({ inbox_columns: null }).execute();
  });
});

describe('sorting by a column', () => {
  test('a click on "Délai" puts the nearest deadline first; pages of 10 walk all 30 dossiers once, equal deadlines included', async () => {
    const page = await bob.get('/agent');
    const heading = (html: string, name: string) => {
      const m = new RegExp(`<th scope="col"( aria-sort="(\\w+)")?><a href="([^"]+)" title="Trier par « ${name} »"`).exec(html);
      return { sort: m?.[2], link: Object.fromEntries(new URL(m?.[3]?.replace(/&amp;/g, '&') ?? '/x', 'http://x').searchParams) };
    };
    assert.deepEqual(heading(page.body, 'Délai'), { sort: undefined, link: { onglet: 'to_process', tri: 'echeance' } });
    assert.deepEqual(heading(page.body, 'Déposé le'), { sort: 'ascending', link: { onglet: 'to_process', ordre: 'inverse' } }, 'the submission date is the sort until another is chosen');
    const sorted = await bob.get('/agent?tri=echeance&par=10');
    assert.deepEqual(heading(sorted.body, 'Délai'), { sort: 'ascending', link: { onglet: 'to_process', tri: 'echeance', ordre: 'inverse', par: '10' } }, 'the heading says it, and turns the order on the next click');
    const expected = await ordered('due', 'asc');
    assert.equal(expected.length, DOSSIERS);
    assert.deepEqual(await walk(bob, '/agent?tri=echeance&par=10'), expected, 'nearest deadline first, dossiers without one last');
    assert.deepEqual(await walk(bob, '/agent?tri=echeance&ordre=inverse&par=10'), await ordered('due', 'desc'));
    // Pages of one dossier: every boundary falls between two equal deadlines at some point.
    assert.deepEqual(await walk(bob, '/agent?tri=echeance&par=1'), expected);
  });

  test('by last change (latest first), to the microsecond, and by submission both ways', async () => {
    assert.deepEqual(await walk(bob, '/agent?tri=maj&par=10'), await ordered('updated', 'desc'));
    assert.deepEqual(await walk(bob, '/agent?tri=maj&ordre=inverse&par=10'), await ordered('updated', 'asc'));
    const bySubmission = await t.ctx.db.selectFrom('dossiers').select('id').where('team_id', '=', team).where('stage', '=', 'to_process').orderBy('submitted_at').orderBy('id').execute();
    assert.deepEqual(await walk(bob, '/agent?par=10'), bySubmission.map((r) => r.id));
    assert.deepEqual(await walk(bob, '/agent?ordre=recent&par=10'), bySubmission.map((r) => r.id).reverse(), 'the older address for the newest first still works');
  });

  test('filters and search keep working with a sort, and the tab counts do not move', async () => {
    const plain = await bob.get('/agent');
    const count = /À traiter \((\d+)\)/.exec(plain.body)?.[1];
    const sorted = await bob.get('/agent?tri=echeance');
    assert.equal(/À traiter \((\d+)\)/.exec(sorted.body)?.[1], count);
    const zinder = await walk(bob, '/agent?tri=echeance&q=Zinder&par=10');
    assert.equal(zinder.length, DOSSIERS / 3);
    assert.deepEqual(zinder, (await ordered('due', 'asc')).filter((id) => zinder.includes(id)), 'in deadline order');
    // The filter form carries the sort along.
    assert.match(sorted.body, /<input type="hidden" name="tri" value="echeance"\/>/);
  });

  test('a forged sort, order or cursor gets the default, never a server error', async () => {
    const bySubmission = await walk(bob, '/agent?par=10');
    for (const q of ['tri=nom', 'tri=echeance%27%3B--', 'ordre=n%C3%A9ant', 'tri[]=maj', 'apres=%%%']) {
      const res = await bob.get(`/agent?${q}&par=10`);
      assert.equal(res.statusCode, 200, q);
    }
    assert.deepEqual(ids((await bob.get('/agent?tri=nom&par=10')).body), bySubmission.slice(0, 10), 'an unknown sort is the default one');
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    const some = bySubmission[0]!;
    for (const cursor of [forged(`due|2026-02-31T00:00:00.000000Z|${some}`), forged(`due|9999-99-99T99:99:99.999999Z|${some}`), forged(`submitted|2026-01-01T00:00:00.000000Z|${some}`), forged('due|x|y'), 'pas-du-base64']) {
      const res = await bob.get(`/agent?tri=echeance&par=10&apres=${cursor}`);
      assert.equal(res.statusCode, 200, cursor);
      assert.deepEqual(ids(res.body), (await ordered('due', 'asc')).slice(0, 10), 'a cursor that does not fit this sort starts from the first page');
    }
  });
});
