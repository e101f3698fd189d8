// Labels: a manager names them, agents put them on their dossiers (one by one or ticked in the inbox) and
// filter the inbox by them; a label of another administration never goes on a dossier.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';

let t: TestApp;
let agent: Visitor;
let manager: Visitor;
let stranger: Visitor;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  // The procedure belongs to a service of the ministry: the ministry's manager names labels for all of it.
  const { parent_id: ministry } = await t.ctx.db.selectFrom('administrations').select('parent_id').where('id', '=', own).executeTakeFirstOrThrow();
  const team = await makeTeam(t, own, 'Greffe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  agent = (await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] })).v;
  manager = (await signedInStaff(t, { role: 'manager', administrationId: ministry ?? own })).v;
  stranger = (await signedInStaff(t, { role: 'manager', administrationId: other })).v;
});
after(() => t.close());

const labelId = async (name: string) => (await t.ctx.db.selectFrom('labels').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const labelsOf = async (dossierId: string) =>
  (await t.ctx.db.selectFrom('dossier_labels as dl').innerJoin('labels as l', 'l.id', 'dl.label_id').select('l.name').where('dl.dossier_id', '=', dossierId).orderBy('l.name').execute()).map((r) => r.name);

test('a manager names labels; a bad or repeated name is refused and nothing created', async () => {
  await manager.get('/agent/etiquettes');
  assert.equal(location(await manager.post('/agent/etiquettes', { nom: '  Pièce   manquante ' })), '/agent/etiquettes');
  assert.equal(location(await manager.post('/agent/etiquettes', { nom: 'Urgent' })), '/agent/etiquettes');
  assert.equal(location(await manager.post('/agent/etiquettes', { nom: 'Pièce manquante' })), '/agent/etiquettes?fait=pris');
  assert.equal(location(await manager.post('/agent/etiquettes', { nom: 'x'.repeat(41) })), '/agent/etiquettes?fait=nom');
  const page = await manager.get('/agent/etiquettes');
  assert.match(page.body, /Pièce manquante/);
  assert.equal((await t.ctx.db.selectFrom('labels').select('id').execute()).length, 2);
  await agent.get('/agent');
  assert.equal((await agent.post('/agent/etiquettes', { nom: 'Pirate' })).statusCode, 403, 'an agent does not name labels');
  await stranger.get('/agent/etiquettes');
  assert.equal((await stranger.post(`/agent/etiquettes/${await labelId('Urgent')}/suppression`, {})).statusCode, 404, "another administration's manager cannot delete it");
});

test('agents label a dossier, tick several in the inbox, and filter by label', async () => {
  const [a, b] = [await fileCasier(t), await fileCasier(t)];
  const [missing, urgent] = [await labelId('Pièce manquante'), await labelId('Urgent')];
  await agent.get(`/agent/dossiers/${a.id}`);
  assert.match(agent.lastHtml, /name="etiquettes" value="[0-9A-Z]+"/, 'the dossier page offers the labels');
  let res = await agent.post(`/agent/dossiers/${a.id}/etiquettes`, { etiquettes: [missing, urgent] });
  assert.equal(location(res), `/agent/dossiers/${a.id}?fait=done`);
  assert.deepEqual(await labelsOf(a.id), ['Pièce manquante', 'Urgent']);

  // A label of another administration slipped into the form: nothing changes.
  await stranger.get('/agent/etiquettes');
  await stranger.post('/agent/etiquettes', { nom: 'Étrangère' });
  await agent.get(`/agent/dossiers/${a.id}`);
  res = await agent.post(`/agent/dossiers/${a.id}/etiquettes`, { etiquettes: [await labelId('Étrangère')] });
  assert.equal(location(res), `/agent/dossiers/${a.id}?fait=labels`);
  assert.deepEqual(await labelsOf(a.id), ['Pièce manquante', 'Urgent']);

  await agent.get('/agent');
  const version = async (id: string) => (await t.ctx.db.selectFrom('dossiers').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  res = await agent.post('/agent/lot', { lot: [`${a.id}.${await version(a.id)}`, `${b.id}.${await version(b.id)}`], action: 'label', etiquette: urgent });
  assert.equal(location(res), '/agent?lot=2.0');
  assert.deepEqual(await labelsOf(b.id), ['Urgent']);

  const filtered = await agent.get(`/agent?etiquette=${missing}`);
  assert.match(filtered.body, new RegExp(`href="/agent/dossiers/${a.id}"`));
  assert.doesNotMatch(filtered.body, new RegExp(`href="/agent/dossiers/${b.id}"`));
  assert.match(filtered.body, /class="tag">Urgent</, 'the list shows each dossier\'s labels');
});
