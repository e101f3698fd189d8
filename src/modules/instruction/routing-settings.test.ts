// A manager sets how a procedure is processed from his pages: default team, legal delay, silence, reminder,
// and routing rules in order; the next dossier filed follows them. Bad input is refused and changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';

let t: TestApp;
let manager: Visitor;
let procedureId: string;
let teams: { tahoua: string; niamey: string; foreign: string };

before(async () => {
  t = await startTestApp({ seed: true });
  const adm = await administrationsOf(t, 'extrait-casier-judiciaire');
  procedureId = adm.procedureId;
  teams = { tahoua: await makeTeam(t, adm.own, 'Greffe de Tahoua'), niamey: await makeTeam(t, adm.own, 'Greffe de Niamey'), foreign: await makeTeam(t, adm.other, 'Ailleurs') };
  manager = (await signedInStaff(t, { role: 'manager', administrationId: adm.own })).v;
});
after(() => t.close());

const page = () => `/agent/routage/${procedureId}`;
const settings = () => t.ctx.db.selectFrom('procedure_processing').selectAll().where('procedure_id', '=', procedureId).executeTakeFirst();
const rules = () => t.ctx.db.selectFrom('routing_rules').select(['id', 'team_id', 'condition']).where('procedure_id', '=', procedureId).orderBy('position').execute();

test('processing settings: saved when sound, refused with a reason otherwise', async () => {
  assert.match((await manager.get('/agent/routage')).body, new RegExp(`href="${page()}"`));
  await manager.get(page());
  const before = JSON.stringify(await settings());
  for (const [fields, notice] of [
    [{ equipe: teams.foreign, delai: '15', silence: 'none', rappel: '3' }, 'team'],
    [{ equipe: teams.niamey, delai: '0', silence: 'none', rappel: '3' }, 'delay'],
    [{ equipe: teams.niamey, delai: '', silence: 'accept', rappel: '3' }, 'delay'],
    [{ equipe: teams.niamey, delai: '15', silence: 'peut-être', rappel: '3' }, 'silence'],
    [{ equipe: teams.niamey, delai: '15', silence: 'none', rappel: '99' }, 'reminder'],
  ] as const) {
    assert.equal(location(await manager.post(page(), fields)), `${page()}?fait=${notice}`);
  }
  assert.equal(JSON.stringify(await settings()), before, 'nothing changed');
  assert.equal(location(await manager.post(page(), { equipe: teams.niamey, delai: '15', silence: 'accept', rappel: '2' })), `${page()}?fait=saved`);
  const saved = await settings();
  assert.deepEqual([saved?.default_team_id, saved?.legal_delay_days, saved?.silence, saved?.reminder_days], [teams.niamey, 15, 'accept', 2]);
});

test('rules: added after checks, read as sentences, raised and deleted; the next dossier follows them', async () => {
  await manager.get(page());
  assert.equal(location(await manager.post(`${page()}/regles`, { equipe: teams.tahoua, champ0: 'inconnu', op0: 'equals', valeur0: 'x' })), `${page()}?fait=field`);
  assert.equal(location(await manager.post(`${page()}/regles`, { equipe: teams.tahoua, champ0: 'lieu_naissance', op0: 'equals', valeur0: ' ' })), `${page()}?fait=value`);
  assert.equal(location(await manager.post(`${page()}/regles`, { equipe: teams.tahoua })), `${page()}?fait=conditions`);
  assert.equal(location(await manager.post(`${page()}/regles`, { equipe: teams.foreign, champ0: 'lieu_naissance', op0: 'filled' })), `${page()}?fait=team`);
  assert.equal((await rules()).length, 0);

  // Everything born outside Niger to Niamey; then those born in Tahoua to Tahoua, raised above it.
  await manager.post(`${page()}/regles`, { equipe: teams.niamey, champ0: 'ne_au_niger', op0: 'equals', valeur0: 'non', champ1: 'lieu_naissance', op1: 'equals', valeur1: 'Agadez', lien: 'any' });
  await manager.post(`${page()}/regles`, { equipe: teams.tahoua, champ0: 'lieu_naissance', op0: 'equals', valeur0: 'Tahoua', champ1: 'ne_au_niger', op1: 'equals', valeur1: 'oui', lien: 'all' });
  let list = await rules();
  assert.deepEqual(list.map((r) => r.condition), [
    { any: [{ field: 'ne_au_niger', op: 'equals', value: false }, { field: 'lieu_naissance', op: 'equals', value: 'Agadez' }] },
    { all: [{ field: 'lieu_naissance', op: 'equals', value: 'Tahoua' }, { field: 'ne_au_niger', op: 'equals', value: true }] },
  ]);
  const shown = await manager.get(page());
  assert.match(shown.body, /Lieu de naissance[^<]* est égal à « Tahoua » et /);
  await manager.post(`${page()}/regles/${list[1]!.id}/monter`, {});
  list = await rules();
  assert.equal(list[0]!.team_id, teams.tahoua);

  const { id } = await fileCasier(t);
  const filed = await t.ctx.db.selectFrom('dossiers').select('team_id').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(filed.team_id, teams.tahoua, 'born in Tahoua, in Niger: the Tahoua rule, first since raised');

  await manager.get(page());
  assert.equal(location(await manager.post(`${page()}/regles/${list[0]!.id}/suppression`, {})), `${page()}?fait=saved`);
  assert.equal(location(await manager.post(`${page()}/regles/${list[0]!.id}/suppression`, {})), `${page()}?fait=rule`, 'gone already');
  assert.equal((await rules()).length, 1);
});

test('only managers set routing, and only for their administration', async () => {
  const adm = await administrationsOf(t, 'extrait-casier-judiciaire');
  const agent = await signedInStaff(t, { role: 'agent', administrationId: adm.own, teamIds: [teams.tahoua] });
  assert.equal((await agent.v.get('/agent/routage')).statusCode, 403);
  const stranger = await signedInStaff(t, { role: 'manager', administrationId: adm.other });
  assert.equal((await stranger.v.get(page())).statusCode, 404);
});
