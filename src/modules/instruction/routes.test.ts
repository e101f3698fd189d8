// The back office over HTTP: a dossier filed by a citizen is routed to a team by its answers, shows up in
// that team's inbox (and nobody else's), and its agents take it up, ask for a correction, write, decide.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { pickTeam } from './routing.ts';

let t: TestApp;
let teams: { tahoua: string; niamey: string; stranger: string };
let people: Record<'tahoua' | 'niamey' | 'stranger' | 'manager', { id: string; v: Visitor }>;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  teams = { tahoua: await makeTeam(t, own, 'Greffe de Tahoua'), niamey: await makeTeam(t, own, 'Greffe de Niamey'), stranger: await makeTeam(t, other, 'Autre administration') };
  // Born in Tahoua → the Tahoua clerks; everything else → Niamey.
  await processProcedure(t, procedureId, { defaultTeamId: teams.niamey, legalDelayDays: 15 });
  await t.ctx.db
    .insertInto('routing_rules')
    .values({ id: newId(), procedure_id: procedureId, position: 1, team_id: teams.tahoua, condition: JSON.stringify({ field: 'lieu_naissance', op: 'equals', value: 'Tahoua' }) })
    .execute();
  people = {
    tahoua: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [teams.tahoua] }),
    niamey: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [teams.niamey] }),
    stranger: await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [teams.stranger] }),
    manager: await signedInStaff(t, { role: 'manager', administrationId: own }),
  };
});
after(() => t.close());

const dossier = (id: string) => t.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const rowOf = (id: string) => new RegExp(`href="/agent/dossiers/${id}"`);
const flash = (res: { headers: Record<string, unknown> }) => new URL(location(res), 'http://x').searchParams.get('fait');

describe('routing', () => {
  test('the first rule that holds wins, a territory is tested by its parts, else the default team', () => {
    const rules = [
      { teamId: 'zinder', condition: { field: 'lieu.region', op: 'equals' as const, value: 'NE-ZIN' } },
      { teamId: 'urgent', condition: { any: [{ field: 'urgence', op: 'equals' as const, value: true }, { field: 'age', op: 'gt' as const, value: 70 }] } },
    ];
    assert.equal(pickTeam(rules, 'defaut', { lieu: { region: 'NE-ZIN', department: 'NE-ZIN-01', commune: 'NE-ZIN-01-01' }, urgence: true }), 'zinder');
    assert.equal(pickTeam(rules, 'defaut', { age: 82 }), 'urgent');
    assert.equal(pickTeam(rules, 'defaut', { age: 30 }), 'defaut');
    assert.equal(pickTeam([], null, {}), null);
  });

  test('a dossier is filed with the team its answers route it to, its administration and its legal deadline', async () => {
    const { id } = await fileCasier(t);
    const row = await dossier(id);
    assert.equal(row.team_id, teams.tahoua, 'born in Tahoua: the Tahoua clerks');
    assert.equal(row.stage, 'to_process');
    assert.ok(row.due_at && row.submitted_at);
    assert.equal(Math.round((row.due_at.getTime() - row.submitted_at.getTime()) / 86_400_000), 15);
  });
});

describe('the inbox', () => {
  test('shows a dossier to its team and its manager, never to another team or administration', async () => {
    const { id, reference } = await fileCasier(t);
    for (const who of ['tahoua', 'manager'] as const) {
      const page = await people[who].v.get('/agent');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, rowOf(id), `${who} sees it in "À traiter"`);
      assert.match(page.body, /À traiter \((\d+)\)/);
    }
    for (const who of ['niamey', 'stranger'] as const) {
      const page = await people[who].v.get(`/agent?q=${reference}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, rowOf(id), `${who} does not`);
      assert.match(page.body, /À traiter \(0\)/, `${who}'s count does not include it`);
    }
  });

  test('search by reference, filters and keyset pages', async () => {
    const { id, reference } = await fileCasier(t);
    const v = people.tahoua.v;
    const found = await v.get(`/agent?q=${reference.toLowerCase()}`);
    assert.equal(found.body.match(/href="\/agent\/dossiers\//g)?.length, 1, 'a reference finds its dossier only');
    assert.match(found.body, rowOf(id));
    assert.doesNotMatch((await v.get('/agent?statut=accepted')).body, rowOf(id), 'a status filter leaves it out');
    assert.match((await v.get('/agent?champ=lieu_naissance&valeur=Tahoua')).body, rowOf(id), 'a filter on an answer finds it');
    assert.match((await v.get('/agent?q=Issoufou')).body, rowOf(id), 'words of the answers find it');
    assert.doesNotMatch((await v.get('/agent?du=2099-01-01')).body, rowOf(id));
    assert.equal((await v.get('/agent?du=pas-une-date&onglet=nimporte&apres=%%%')).statusCode, 200, 'a garbled address still opens the inbox');

    // Pages of one dossier each walk the whole tab, each dossier once, in submission order.
    const all = await t.ctx.db.selectFrom('dossiers').select('id').where('team_id', '=', teams.tahoua).where('stage', '=', 'to_process').orderBy('submitted_at').orderBy('id').execute();
    const seen: string[] = [];
    let next: string | undefined = '/agent?par=1';
    while (next && seen.length <= all.length) {
      const page = await v.get(next);
      seen.push(...[...page.body.matchAll(/href="\/agent\/dossiers\/([0-9A-Z]{26})"/g)].map((m) => m[1]!));
      next = /<a href="([^"]+)" rel="next"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    }
    assert.deepEqual(seen, all.map((r) => r.id));
  });
});

describe('processing a dossier', () => {
  test('an agent outside its team gets a 404 for the dossier and its files; its own agent opens it, and the opening is audited', async () => {
    const { id, reference } = await fileCasier(t);
    for (const who of ['niamey', 'stranger'] as const) {
      assert.equal((await people[who].v.get(`/agent/dossiers/${id}`)).statusCode, 404);
    }
    const page = await people.tahoua.v.get(`/agent/dossiers/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(reference));
    const file = /href="(\/agent\/dossiers\/[0-9A-Z]+\/pieces\/[0-9A-Z]+)"/.exec(page.body)?.[1];
    assert.ok(file, 'the attachments are linked');
    const download = await people.tahoua.v.get(file);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.equal((await people.stranger.v.get(file)).statusCode, 404);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', id).orderBy('seq').execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_id]),
      [
        ['dossier.open', people.tahoua.id],
        ['dossier.download', people.tahoua.id],
      ],
    );
    assert.equal((await verifyAuditChain(t.ctx.db)).ok, true);
  });

  test('take up, refuse without motivation (refused), accept on a stale page (refused), accept', async () => {
    const { id } = await fileCasier(t);
    const v = people.tahoua.v;
    let page = await v.get(`/agent/dossiers/${id}`);
    const first = versionOn(page.body);
    let res = await v.post(`/agent/dossiers/${id}/decision`, { action: 'review', version: first });
    assert.equal(flash(res), 'done');
    assert.equal((await dossier(id)).status, 'in_review');

    page = await v.get(`/agent/dossiers/${id}`);
    res = await v.post(`/agent/dossiers/${id}/decision`, { action: 'refuse', motivation: '  ', version: versionOn(page.body) });
    assert.equal(flash(res), 'motivation');
    res = await v.post(`/agent/dossiers/${id}/decision`, { action: 'accept', motivation: '', version: first });
    assert.equal(flash(res), 'stale', 'a page drawn before the dossier changed');
    assert.equal((await dossier(id)).status, 'in_review', 'nothing changed');

    res = await v.post(`/agent/dossiers/${id}/decision`, { action: 'accept', motivation: 'Pièces conformes.', version: versionOn(page.body) });
    assert.equal(flash(res), 'done');
    const row = await dossier(id);
    assert.equal(row.status, 'accepted');
    assert.equal(row.stage, 'closed');
    assert.ok(row.decided_at);
    const mails = await t.ctx.db.selectFrom('notifications').select('subject').where('subject', 'like', `%${row.reference}%`).orderBy('created_at').execute();
    assert.deepEqual(mails.map((m) => m.subject), [`Dossier ${row.reference} déposé`, `Dossier ${row.reference} en instruction`, `Dossier ${row.reference} accepté`]);
    res = await v.post(`/agent/dossiers/${id}/decision`, { action: 'refuse', motivation: 'Trop tard', version: String(row.version) });
    assert.equal(flash(res), 'state', 'a decided dossier is not decided again');
  });

  test('two agents deciding at once: one wins, the other is told', async () => {
    const { id } = await fileCasier(t);
    const other = await signedInStaff(t, { role: 'agent', administrationId: (await dossier(id)).administration_id, teamIds: [teams.tahoua] });
    const [a, b] = [people.tahoua.v, other.v];
    const [pa, pb] = await Promise.all([a.get(`/agent/dossiers/${id}`), b.get(`/agent/dossiers/${id}`)]);
    const results = await Promise.all([
      a.post(`/agent/dossiers/${id}/decision`, { action: 'accept', motivation: '', version: versionOn(pa.body) }),
      b.post(`/agent/dossiers/${id}/decision`, { action: 'refuse', motivation: 'Incomplet', version: versionOn(pb.body) }),
    ]);
    assert.deepEqual(results.map(flash).sort(), ['done', 'stale']);
    const events = await t.ctx.db.selectFrom('dossier_events').select('kind').where('dossier_id', '=', id).execute();
    assert.equal(events.filter((e) => e.kind === 'accepted' || e.kind === 'refused').length, 1, 'one decision on the timeline');
  });

  test('a correction goes back to the applicant, who answers it; the message with a file reaches them', async () => {
    const { id, v: applicant, reference } = await fileCasier(t);
    const v = people.tahoua.v;
    let page = await v.get(`/agent/dossiers/${id}`);
    let res = await v.post(`/agent/dossiers/${id}/correction`, { champs: [], motif: 'x', version: versionOn(page.body) });
    assert.equal(flash(res), 'fields', 'no field ticked: nothing sent');
    res = await v.post(`/agent/dossiers/${id}/correction`, { champs: ['nom_pere', 'nom_mere'], motif: 'Les noms des parents ne correspondent pas à l’acte.', version: versionOn(page.body) });
    assert.equal(flash(res), 'done');
    assert.equal((await dossier(id)).status, 'correction');

    await applicant.get(`/dossiers/${id}/correction`);
    res = await applicant.postMultipart(`/dossiers/${id}/correction?_csrf=${applicant.csrf}`, { nom_pere: 'Issoufou Moussa Garba', nom_mere: 'Mariama Hamani' });
    assert.equal(location(res), `/dossiers/${id}?corrige=1`);
    const row = await dossier(id);
    assert.equal(row.status, 'submitted');
    assert.equal((row.answers as Record<string, unknown>).nom_pere, 'Issoufou Moussa Garba');

    page = await v.get(`/agent/dossiers/${id}`);
    res = await v.postMultipart(`/agent/dossiers/${id}/messages?_csrf=${v.csrf}`, { message: 'Merci, nous reprenons votre dossier.' }, { fichier1: { name: 'convocation.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') } });
    assert.equal(res.statusCode, 303);
    const followUp = await applicant.get(`/dossiers/${id}`);
    assert.match(followUp.body, /Merci, nous reprenons votre dossier\./);
    assert.match(followUp.body, /convocation\.pdf/);
    const told = await t.ctx.db.selectFrom('notifications').select('subject').where('subject', '=', `Dossier ${reference} : nouveau message`).execute();
    assert.equal(told.length, 1);
  });

  test('a manager moves a dossier to another team of his administration, not to a stranger team; an agent cannot', async () => {
    const { id } = await fileCasier(t);
    const page = await people.manager.v.get(`/agent/dossiers/${id}`);
    let res = await people.manager.v.post(`/agent/dossiers/${id}/equipe`, { equipe: teams.stranger, version: versionOn(page.body) });
    assert.equal(flash(res), 'team');
    res = await people.manager.v.post(`/agent/dossiers/${id}/equipe`, { equipe: teams.niamey, version: versionOn(page.body) });
    assert.equal(flash(res), 'done');
    assert.equal((await dossier(id)).team_id, teams.niamey);
    assert.equal((await people.tahoua.v.get(`/agent/dossiers/${id}`)).statusCode, 404, 'the first team no longer sees it');
    const niamey = await people.niamey.v.get(`/agent/dossiers/${id}`);
    res = await people.niamey.v.post(`/agent/dossiers/${id}/equipe`, { equipe: teams.tahoua, version: versionOn(niamey.body) });
    assert.equal(res.statusCode, 403);
  });

  test('followed dossiers have their tab', async () => {
    const { id, reference } = await fileCasier(t);
    const v = people.tahoua.v;
    await v.get(`/agent/dossiers/${id}`);
    await v.post(`/agent/dossiers/${id}/suivi`, { suivre: '1' });
    assert.match((await v.get('/agent?onglet=followed')).body, new RegExp(reference));
    await v.get(`/agent/dossiers/${id}`);
    await v.post(`/agent/dossiers/${id}/suivi`, { suivre: '0' });
    assert.doesNotMatch((await v.get('/agent?onglet=followed')).body, new RegExp(reference));
  });
});

describe('batch actions from the inbox', () => {
  const ticked = async (id: string) => `${id}.${(await dossier(id)).version}`;

  test('ticked dossiers are taken up together; one changed since the list was drawn is left aside and counted', async () => {
    const [a, b, c] = [await fileCasier(t), await fileCasier(t), await fileCasier(t)];
    const v = people.tahoua.v;
    await v.get('/agent');
    const lot = [await ticked(a.id), await ticked(b.id), await ticked(c.id)];
    // Meanwhile someone takes up c.
    const page = await v.get(`/agent/dossiers/${c.id}`);
    await v.post(`/agent/dossiers/${c.id}/decision`, { action: 'review', version: versionOn(page.body) });
    await v.get('/agent');
    // The agent had searched and sorted by due date: he comes back to the same list.
    const res = await v.post('/agent/lot', { lot, action: 'review', retour: 'onglet=to_process&tri=echeance&q=Issoufou' });
    assert.equal(location(res), '/agent?q=Issoufou&tri=echeance&lot=2.1');
    assert.match((await v.get(location(res))).body, /2 dossier\(s\) traité\(s\), 1 laissé\(s\) de côté/);
    for (const d of [a, b, c]) assert.equal((await dossier(d.id)).status, 'in_review');
  });

  test('a refusal without motivation, or a foreign dossier among the ticked ones, changes nothing', async () => {
    const mine = await fileCasier(t);
    const v = people.tahoua.v;
    await v.get('/agent');
    let res = await v.post('/agent/lot', { lot: [await ticked(mine.id)], action: 'refuse', motivation: ' ' });
    assert.equal(location(res), '/agent?lot=motivation');
    // A dossier of the Niamey team slipped into the form: the whole batch is refused.
    const theirs = await fileCasier(t);
    await t.ctx.db.updateTable('dossiers').set({ team_id: teams.niamey }).where('id', '=', theirs.id).execute();
    await v.get('/agent');
    res = await v.post('/agent/lot', { lot: [await ticked(mine.id), await ticked(theirs.id)], action: 'refuse', motivation: 'Pièces illisibles.' });
    assert.equal(res.statusCode, 404);
    assert.equal((await dossier(mine.id)).status, 'submitted');
    assert.equal((await dossier(theirs.id)).status, 'submitted');
  });

  test('one message to several applicants, and a manager gives several dossiers to a team', async () => {
    const [a, b] = [await fileCasier(t), await fileCasier(t)];
    const v = people.tahoua.v;
    await v.get('/agent');
    let res = await v.post('/agent/lot', { lot: [await ticked(a.id), await ticked(b.id)], action: 'message', message: 'Le greffe sera fermé vendredi.' });
    assert.equal(location(res), '/agent?lot=2.0');
    assert.match((await a.v.get(`/dossiers/${a.id}`)).body, /Le greffe sera fermé vendredi\./);
    res = await v.post('/agent/lot', { lot: [await ticked(a.id)], action: 'assign', equipe: teams.niamey });
    assert.equal(res.statusCode, 403, 'an agent does not reassign');
    const m = people.manager.v;
    await m.get('/agent');
    res = await m.post('/agent/lot', { lot: [await ticked(a.id), await ticked(b.id)], action: 'assign', equipe: teams.niamey });
    assert.equal(location(res), '/agent?lot=2.0');
    assert.equal((await dossier(b.id)).team_id, teams.niamey);
  });
});

describe('the audit journal', () => {
  test('a manager reads who opened which dossier in his administration; agents and other administrations do not', async () => {
    const { id, reference } = await fileCasier(t);
    await people.tahoua.v.get(`/agent/dossiers/${id}`);
    const journal = await people.manager.v.get('/agent/journal');
    assert.equal(journal.statusCode, 200);
    assert.match(journal.body, new RegExp(`<code>dossier.open</code></td><td><a href="/agent/dossiers/${id}">${reference}</a>`));
    assert.equal((await people.tahoua.v.get('/agent/journal')).statusCode, 403);
    const elsewhere = await signedInStaff(t, { role: 'manager', administrationId: (await administrationsOf(t, 'extrait-casier-judiciaire')).other });
    assert.doesNotMatch((await elsewhere.v.get('/agent/journal')).body, new RegExp(reference));
  });
});
