// The criminal record over HTTP: who gets in, registering convictions and events with homonyms and mistakes,
// the judge's bulletin n°1, bulletin n°3 of a request from the clerk's choice to the sealed PDF of the
// accepted dossier, bulletin n°2 through the API, and the audit trail of every search and view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../../test/support/app.ts';
import { fileCasier, location } from '../../../../test/support/applicant.ts';
import { makeTeam, signedInStaff } from '../../../../test/support/backoffice.ts';
import { pdfText } from '../../../../test/support/pdf-text.ts';
import type { Visitor } from '../../../../test/support/browser-session.ts';
import { createApiClient, grantRegistryRole } from './admin.ts';
import { DEMO_API_TOKEN } from './admin.ts';

let t: TestApp;
let justice: string;
let clerk: { id: string; v: Visitor };
let judge: { id: string; v: Visitor };
let stranger: { id: string; v: Visitor };

const CONVICTION = {
  juridiction: 'Tribunal de grande instance de Tahoua',
  reference_decision: 'Jugement n° 77/2024',
  date_decision: '04/06/2024',
  date_faits: '10/01/2024',
  infraction: 'Détournement de deniers publics',
  categorie: 'delit',
  prison_mois: '40',
  sursis_mois: '',
  amende: '',
  autre_peine: '',
  autre_peine_mois: '',
};
const AICHA = { nom: 'Issoufou', prenoms: 'Aïcha', date_naissance: '12/03/1994', lieu_naissance: 'Tahoua', pere: 'Issoufou Moussa', mere: 'Mariama Hamani', nin: '' };

before(async () => {
  t = await startTestApp({ seed: true });
  justice = (await t.ctx.db.selectFrom('administrations').select('id').where('code', '=', 'ne-justice').executeTakeFirstOrThrow()).id;
  // The seed's « Greffe (démo) » keeps the registry and receives the requests of bulletin n°3.
  const greffe = (await t.ctx.db.selectFrom('teams').select('id').where('name', '=', 'Greffe (démo)').executeTakeFirstOrThrow()).id;
  clerk = await signedInStaff(t, { role: 'agent', administrationId: justice, teamIds: [greffe], name: 'Greffier Test' });
  const bench = await makeTeam(t, justice, 'Juges d’instruction');
  await grantRegistryRole(t.ctx.db, bench, 'judge');
  judge = await signedInStaff(t, { role: 'agent', administrationId: justice, teamIds: [bench] });
  stranger = await signedInStaff(t, { role: 'manager', administrationId: justice });
});
after(() => t.close());

const audits = async (action: string) => (await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'subject_id', 'details']).where('action', '=', action).execute());

async function register(v: Visitor, fields: Record<string, string>) {
  await v.get('/agent/casier/condamnations/nouvelle');
  return v.post('/agent/casier/condamnations', fields);
}

test('only the registry\'s clerks and judges get in; a manager of the same ministry does not', async () => {
  assert.equal((await stranger.v.get('/agent/casier')).statusCode, 403);
  assert.match((await stranger.v.get('/agent/casier')).body, /réservé aux greffiers/);
  assert.equal((await stranger.v.get('/agent/casier/condamnations/nouvelle')).statusCode, 404);
  assert.equal((await clerk.v.get('/agent/casier')).statusCode, 200);
  assert.equal((await judge.v.get('/agent/casier')).statusCode, 200);
  // A judge reads bulletins n°1, not the clerks' pages.
  assert.equal((await judge.v.get('/agent/casier/condamnations/nouvelle')).statusCode, 404);
});

test('a conviction with mistakes is refused field by field in French, and nothing is written', async () => {
  const before = (await t.ctx.db.selectFrom('criminal_convictions').select('id').execute()).length;
  const res = await register(clerk.v, { ...AICHA, ...CONVICTION, date_naissance: '31/02/1994', categorie: 'vol', prison_mois: '12', sursis_mois: '20', date_faits: '01/01/2030' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Écrivez une date réelle/);
  assert.match(res.body, /crime, délit ou contravention/);
  assert.match(res.body, /ne peut pas dépasser l’emprisonnement/);
  assert.match(res.body, /dans le futur/);
  assert.match(res.body, /value="Détournement de deniers publics"/, 'what was typed is kept');
  const none = await register(clerk.v, { ...AICHA, ...CONVICTION, prison_mois: '' });
  assert.match(none.body, /au moins une peine/);
  assert.equal((await t.ctx.db.selectFrom('criminal_convictions').select('id').execute()).length, before);
});

test('registering: a new person, then homonyms are shown and the clerk decides', async () => {
  const res = await register(clerk.v, { ...AICHA, ...CONVICTION });
  assert.equal(res.statusCode, 303);
  const personId = /\/agent\/casier\/personnes\/([0-9A-Z]{26})/.exec(location(res))![1]!;
  const page = await clerk.v.get(location(res));
  assert.match(page.body, /Détournement de deniers publics/);
  assert.match(page.body, /3 ans et 4 mois d’emprisonnement ferme/);
  assert.match(page.body, /Figure au bulletin n° 3/);
  assert.equal((await audits('casier.register')).length >= 1, true);
  assert.ok((await audits('casier.view')).some((a) => a.subject_id === personId), 'the view of the person is audited');

  // The same identity again (given names in another order, no accent): the registered person is offered.
  const again = await register(clerk.v, { ...AICHA, prenoms: 'aicha', ...CONVICTION, infraction: 'Faux en écriture', prison_mois: '6' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Des personnes semblables sont déjà inscrites/);
  assert.match(again.body, new RegExp(`value="${personId}"`));
  // The clerk says it is her: the fiche joins the same person.
  const joined = await clerk.v.post('/agent/casier/condamnations', { ...AICHA, prenoms: 'aicha', ...CONVICTION, infraction: 'Faux en écriture', prison_mois: '6', choix: personId });
  assert.equal(location(joined).startsWith(`/agent/casier/personnes/${personId}`), true);
  assert.equal((await t.ctx.db.selectFrom('criminal_convictions').select('id').where('person_id', '=', personId).execute()).length, 2);
});

test('an event on a fiche: checked, written, and the bulletins follow it (rehabilitation leaves n°1 only)', async () => {
  const person = await t.ctx.db.selectFrom('criminal_persons').select('id').where('surname_key', '=', 'saley').where('father_name', '=', 'Saley Oumarou').executeTakeFirstOrThrow();
  const fiche = await t.ctx.db.selectFrom('criminal_convictions').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
  await clerk.v.get(`/agent/casier/personnes/${person.id}`);
  const bad = await clerk.v.post(`/agent/casier/condamnations/${fiche.id}/evenements`, { evenement: 'rehabilitation', date_evenement: '01/01/2001' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /ne peut pas précéder la décision/);
  const ok = await clerk.v.post(`/agent/casier/condamnations/${fiche.id}/evenements`, { evenement: 'rehabilitation', date_evenement: '02/02/2026', note: 'Arrêt de la chambre d’accusation' });
  assert.equal(ok.statusCode, 303);
  const page = await clerk.v.get(`/agent/casier/personnes/${person.id}`);
  assert.match(page.body, /02\/02\/2026 — Réhabilitation/);
  assert.match(page.body, /Figure au bulletin n° 1/);
  assert.match(page.body, /Ne figure pas au bulletin n° 2<span lang="fr"> — Condamnation effacée par la réhabilitation/);
  assert.ok((await audits('casier.event')).some((a) => a.subject_id === fiche.id));
  // A stranger cannot write on a fiche.
  await stranger.v.get('/agent');
  assert.equal((await stranger.v.post(`/agent/casier/condamnations/${fiche.id}/evenements`, { evenement: 'amnistie', date_evenement: '01/01/2026' })).statusCode, 404);
});

test('search: by names in any order, accents ignored; every search is audited', async () => {
  const before = (await audits('casier.search')).length;
  const res = await clerk.v.get('/agent/casier?q=garba+ABDOULAYE+moussa');
  assert.match(res.body, /MOUSSA Abdoulaye Garba/);
  const judges = await judge.v.get('/agent/casier?q=moussa&naissance=14/06/1985');
  assert.match(judges.body, /bulletin-1/, 'a judge is led to bulletin n°1');
  assert.match((await clerk.v.get('/agent/casier?naissance=99/99/1985')).body, /Écrivez une date réelle/);
  assert.equal((await audits('casier.search')).length, before + 2);
});

test('bulletin n°1 for a judge: the whole record with its mentions, audited', async () => {
  const person = await t.ctx.db.selectFrom('criminal_persons').select('id').where('surname_key', '=', 'moussa').executeTakeFirstOrThrow();
  const res = await judge.v.get(`/agent/casier/personnes/${person.id}/bulletin-1`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Vol aggravé/);
  assert.match(res.body, /Tapage nocturne/, 'the contravention is on n°1');
  assert.match(res.body, /Peine exécutée le 20\/05\/2022/);
  assert.ok((await audits('casier.view')).some((a) => a.actor_id === judge.id && a.subject_id === person.id));
  assert.equal((await stranger.v.get(`/agent/casier/personnes/${person.id}/bulletin-1`)).statusCode, 404);
  assert.equal((await judge.v.get(`/agent/casier/personnes/${person.id}`)).statusCode, 404);
});

test('bulletin n°3 of a request: nobody alike → « Néant », sealed and the dossier accepted in one go', async () => {
  const filed = await fileCasier(t);
  // Another identity than the one registered above.
  await t.ctx.db.updateTable('dossiers').set({ answers: JSON.stringify({ ...(await answersOf(filed.id)), nom: 'Abdou', prenoms: 'Sani', lieu_naissance: 'Agadez' }) }).where('id', '=', filed.id).execute();
  assert.equal((await stranger.v.get(`/agent/dossiers/${filed.id}/casier`)).statusCode, 404, 'not the clerk of this dossier');
  const dossierPage = await clerk.v.get(`/agent/dossiers/${filed.id}`);
  assert.match(dossierPage.body, /Consulter le casier/);
  const page = await clerk.v.get(`/agent/dossiers/${filed.id}/casier`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /le bulletin portera « Néant »/);
  const drawn = await clerk.v.get(`/agent/dossiers/${filed.id}/casier?choix=aucune`);
  assert.match(drawn.body, /class="nil">Néant/);
  const preview = await clerk.v.get(`/agent/dossiers/${filed.id}/casier/apercu?choix=aucune`);
  assert.equal(preview.headers['content-type'], 'application/pdf');
  assert.match(await pdfText(preview.rawPayload), /Néant/);
  const version = /name="version" value="(\d+)"/.exec(drawn.body)![1]!;
  const issued = await clerk.v.post(`/agent/dossiers/${filed.id}/casier/delivrance`, { version, choix: 'aucune' });
  assert.equal(location(issued), `/agent/dossiers/${filed.id}?fait=done`);
  const dossier = await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', filed.id).executeTakeFirstOrThrow();
  assert.equal(dossier.status, 'accepted');
  const doc = await t.ctx.db.selectFrom('documents').select(['id', 'kind', 'holder_name', 'holder_birth_date']).where('dossier_id', '=', filed.id).where('kind', '=', 'bulletin-3').executeTakeFirstOrThrow();
  assert.equal(doc.holder_name, 'ABDOU Sani');
  assert.equal(doc.holder_birth_date, '1994-03-12');
  // The applicant downloads it from his dossier.
  const download = await filed.v.get(`/dossiers/${filed.id}/documents/${doc.id}`);
  assert.equal(download.statusCode, 200);
  assert.match(await pdfText(download.rawPayload), /Néant/);
  assert.ok((await audits('casier.issue')).some((a) => a.subject_id === filed.id));
  // Issued once: the dossier is decided, a second attempt issues nothing.
  const twice = await clerk.v.post(`/agent/dossiers/${filed.id}/casier/delivrance`, { version, choix: 'aucune' });
  assert.match(location(twice), /probleme=(stale|state)/);
  assert.equal((await t.ctx.db.selectFrom('documents').select('id').where('dossier_id', '=', filed.id).where('kind', '=', 'bulletin-3').execute()).length, 1);
});

async function answersOf(id: string): Promise<Record<string, unknown>> {
  const row = await t.ctx.db.selectFrom('dossiers').select('answers').where('id', '=', id).executeTakeFirstOrThrow();
  return row.answers as Record<string, unknown>;
}

test('bulletin n°3 of a registered person: the exact match is proposed, the serious conviction is printed', async () => {
  const filed = await fileCasier(t); // Issoufou Aïcha, born 12/03/1994 in Tahoua: registered above
  const page = await clerk.v.get(`/agent/dossiers/${filed.id}/casier`);
  assert.match(page.body, /Une seule personne inscrite a exactement cette identité/);
  const personId = /name="choix" value="([0-9A-Z]{26})" checked/.exec(page.body)?.[1];
  assert.ok(personId, 'the exact match is preselected');
  const drawn = await clerk.v.get(`/agent/dossiers/${filed.id}/casier?choix=${personId}`);
  assert.match(drawn.body, /Détournement de deniers publics/);
  assert.doesNotMatch(drawn.body, /Faux en écriture/, 'six months firm is not on n°3');
  // A stale page issues nothing.
  const stale = await clerk.v.post(`/agent/dossiers/${filed.id}/casier/delivrance`, { version: '99', choix: personId });
  assert.match(location(stale), /probleme=stale/);
  // A forged choice (someone who is no candidate) is no choice.
  const other = await t.ctx.db.selectFrom('criminal_persons').select('id').where('surname_key', '=', 'moussa').executeTakeFirstOrThrow();
  const forged = await clerk.v.post(`/agent/dossiers/${filed.id}/casier/delivrance`, { version: '0', choix: other.id });
  assert.match(location(forged), /probleme=choice/);
  assert.equal((await t.ctx.db.selectFrom('documents').select('id').where('dossier_id', '=', filed.id).where('kind', '=', 'bulletin-3').execute()).length, 0);
  const version = /name="version" value="(\d+)"/.exec(drawn.body)![1]!;
  const issued = await clerk.v.post(`/agent/dossiers/${filed.id}/casier/delivrance`, { version, choix: personId });
  assert.equal(location(issued), `/agent/dossiers/${filed.id}?fait=done`);
  const doc = await t.ctx.db.selectFrom('documents').select('id').where('dossier_id', '=', filed.id).where('kind', '=', 'bulletin-3').executeTakeFirstOrThrow();
  const text = await pdfText((await filed.v.get(`/dossiers/${filed.id}/documents/${doc.id}`)).rawPayload);
  assert.match(text, /Détournement de deniers publics/);
  assert.match(text, /Tribunal de grande instance de Tahoua/);
  assert.doesNotMatch(text, /Néant/);
});

test('homonyms on a request: nothing is chosen for the clerk', async () => {
  const filed = await fileCasier(t);
  await t.ctx.db.updateTable('dossiers').set({ answers: JSON.stringify({ ...(await answersOf(filed.id)), nom: 'Saley', prenoms: 'Ibrahim', date_naissance: '1988-11-02', lieu_naissance: 'Dosso', nom_pere: 'Saley', nom_mere: '' }) }).where('id', '=', filed.id).execute();
  const page = await clerk.v.get(`/agent/dossiers/${filed.id}/casier`);
  assert.match(page.body, /Plusieurs personnes/);
  assert.equal((page.body.match(/name="choix" value="[0-9A-Z]{26}"/g) ?? []).length, 2);
  assert.doesNotMatch(page.body, /checked/);
});

test('bulletin n°2 through the API: token, right, identity, and « Néant » or the entries', async () => {
  const post = (body: unknown, token?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/casier/bulletin-2', payload: body as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const moussa = { surname: 'MOUSSA', given_names: 'Garba Abdoulaye', birth_date: '1985-06-14', birth_place: 'Zinder', father_name: 'Garba Moussa', mother_name: 'Hadiza Issa', purpose: 'emploi_public' };
  assert.equal((await post(moussa)).statusCode, 401);
  const noRight = await createApiClient(t.ctx.db, { name: 'Sans droit', administrationId: null, rights: [] });
  assert.equal((await post(moussa, noRight.token)).statusCode, 403);
  const bad = await post({ ...moussa, birth_date: '1985-13-40', purpose: 'curiosite' }, DEMO_API_TOKEN);
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().error.fields.sort(), ['birth_date', 'purpose']);
  const found = await post(moussa, DEMO_API_TOKEN);
  assert.equal(found.statusCode, 200);
  const body = found.json();
  assert.equal(body.status, 'found');
  // The délit is on n°2; the contravention is not.
  assert.deepEqual(body.entries.map((e: { offence: string }) => e.offence), ['Vol aggravé']);
  const nobody = await post({ ...moussa, surname: 'Inconnu', given_names: 'Personne', birth_date: '2000-01-01', father_name: undefined, mother_name: undefined }, DEMO_API_TOKEN);
  assert.equal(nobody.json().status, 'none');
  assert.equal(nobody.json().nil, true);
  const twins = await post({ surname: 'Saley', given_names: 'Ibrahim', birth_date: '1988-11-02', birth_place: 'Dosso', purpose: 'emploi_public' }, DEMO_API_TOKEN);
  assert.equal(twins.statusCode, 409);
  assert.equal(twins.json().entries, undefined, 'nothing of the record is returned');
  const sealed = await post({ ...moussa, pdf: true }, DEMO_API_TOKEN);
  const doc = sealed.json().document;
  assert.match(doc.reference, /^DOC-/);
  assert.match(await pdfText(Buffer.from(doc.pdf_base64, 'base64')), /Vol aggravé/);
  assert.equal((await audits('casier.api_bulletin2')).length, 4);
  const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  assert.ok(openapi.paths['/api/v1/casier/bulletin-2'].post, 'described for integrators');
});
