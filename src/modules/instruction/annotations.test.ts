// The agents' private annotations on Niger's criminal record request (its private fields "Vérification au
// fichier" and "Note interne du greffe"): written by the dossier's team and managers, checked by the forms
// engine, refused on a stale page, and never shown to the applicant — page, correction page or API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';
import type { FormDefinition } from '../forms/index.ts';
import { annotationForm } from './annotations-form.ts';

let t: TestApp;
let people: Record<'agent' | 'manager' | 'neighbour' | 'stranger', { id: string; v: Visitor }>;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Greffe du dossier');
  const neighbours = await makeTeam(t, own, 'Greffe voisin');
  const strangers = await makeTeam(t, other, 'Autre administration');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  people = {
    agent: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] }),
    manager: await signedInStaff(t, { role: 'manager', administrationId: own }),
    neighbour: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [neighbours] }),
    stranger: await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [strangers] }),
  };
});
after(() => t.close());

const page = (v: Visitor, id: string) => v.get(`/agent/dossiers/${id}`);
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const flash = (res: { headers: Record<string, unknown> }) => new URL(location(res), 'http://x').searchParams.get('fait');
const row = (id: string) => t.ctx.db.selectFrom('dossiers').select(['version', 'answers', 'updated_at', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
const annotations = async (id: string) =>
  (await t.ctx.db.selectFrom('dossier_annotations').select('answers').where('dossier_id', '=', id).executeTakeFirst())?.answers;
const annotate = async (v: Visitor, id: string, fields: Record<string, string>) => {
  const html = (await page(v, id)).body;
  return v.post(`/agent/dossiers/${id}/annotations`, { version: versionOn(html), ...fields });
};
const count = async (table: 'notifications' | 'audit_log') => Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the annotations form', () => {
  test('gathers the private fields, each keeping its section\'s condition; files and lists are left for later', () => {
    const def: FormDefinition = {
      sections: [
        { id: 'a', title: 'A', fields: [{ id: 'etranger', type: 'yesno', label: 'Étranger' }] },
        {
          id: 'b',
          title: 'B',
          visibleIf: { field: 'etranger', op: 'equals', value: true },
          fields: [
            { id: 'pays', type: 'text', label: 'Pays' },
            { id: 'visa_ok', type: 'yesno', label: 'Visa vérifié', private: true, visibleIf: { field: 'pays', op: 'filled' } },
            { id: 'scan', type: 'attachment', label: 'Scan', accept: ['pdf'], private: true },
          ],
        },
      ],
    };
    const form = annotationForm(def);
    assert.ok(form);
    assert.deepEqual(form.section.fields.map((f) => f.id), ['visa_ok']);
    assert.deepEqual(form.section.fields[0]!.visibleIf, { all: [{ field: 'etranger', op: 'equals', value: true }, { field: 'pays', op: 'filled' }] });
    assert.deepEqual(form.skipped, ['scan']);
    assert.deepEqual(form.definition.sections[1]!.fields.map((f) => f.id), ['pays'], 'the applicant\'s questions stay where they were');
    assert.equal(annotationForm({ sections: [def.sections[0]!] }), undefined, 'no private field: no section');
  });
});

describe('private annotations over HTTP', () => {
  test('the team\'s agent sees them, saves them and finds them again; version +1, audited, nobody told', async () => {
    const { id } = await fileCasier(t);
    const shown = await page(people.agent.v, id);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<h2 id="annotations-title">Annotations privées<\/h2>/);
    assert.match(shown.body, /Vérification au fichier/);
    assert.match(shown.body, /name="note_interne"/);
    const before = await row(id);
    const [mails, entries] = [await count('notifications'), await count('audit_log')];

    const res = await annotate(people.agent.v, id, { verification_fichier: 'a_verifier', note_interne: 'Homonyme né à Tahoua en 1994.' });
    assert.equal(res.statusCode, 303);
    assert.equal(flash(res), 'annotated');
    const after = await row(id);
    assert.equal(after.version, before.version + 1);
    assert.deepEqual(after.answers, before.answers, 'the applicant\'s answers are untouched');
    assert.equal(after.updated_at.getTime(), before.updated_at.getTime(), 'what the applicant sees of the dossier does not move');
    assert.deepEqual(await annotations(id), { verification_fichier: 'a_verifier', note_interne: 'Homonyme né à Tahoua en 1994.' });
    assert.equal(await count('notifications'), mails, 'no message to the applicant');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('subject_id', '=', id).where('action', '=', 'dossier.annotate').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_id, people.agent.id);
    assert.deepEqual((audit[0]!.details as { fields: string[] }).fields, ['note_interne', 'verification_fichier']);
    assert.ok((await count('audit_log')) > entries);

    const again = await people.agent.v.get(location(res));
    assert.match(again.body, /Annotations enregistrées/);
    assert.match(again.body, /value="a_verifier"[^>]*checked|checked[^>]*value="a_verifier"/);
    assert.match(again.body, /Homonyme né à Tahoua en 1994\./);

    // The same page posted again unchanged is no change: no version, no entry.
    await annotate(people.agent.v, id, { verification_fichier: 'a_verifier', note_interne: 'Homonyme né à Tahoua en 1994.' });
    assert.equal((await row(id)).version, after.version);
  });

  test('a refused value comes back beside its field, in French, and nothing is saved', async () => {
    const { id } = await fileCasier(t);
    await annotate(people.agent.v, id, { verification_fichier: 'conforme' });
    const before = await row(id);
    const res = await annotate(people.agent.v, id, { verification_fichier: 'peut-etre', note_interne: 'x'.repeat(1001) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Les annotations n'ont pas été enregistrées|Les annotations n&#x27;ont pas été enregistrées/);
    assert.match(res.body, /Choisissez une réponse dans la liste\./);
    assert.match(res.body, /Le texte doit contenir au plus 1\s?000 caractères\./);
    assert.match(res.body, /<a href="#f-verification_fichier">/, 'the summary links to the field');
    assert.match(res.body, /id="f-note_interne"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-note_interne"/);
    assert.match(res.body, /name="_csrf"/);
    const after = await row(id);
    assert.equal(after.version, before.version);
    assert.deepEqual(await annotations(id), { verification_fichier: 'conforme' });
  });

  test('a page older than the dossier is refused with the "dossier changed" notice', async () => {
    const { id } = await fileCasier(t);
    const old = versionOn((await page(people.agent.v, id)).body);
    await annotate(people.manager.v, id, { note_interne: 'Vu par le responsable.' });
    const res = await people.agent.v.post(`/agent/dossiers/${id}/annotations`, { version: old, note_interne: 'Écrasé ?' });
    assert.equal(flash(res), 'stale');
    assert.match((await people.agent.v.get(location(res))).body, /Le dossier a changé pendant que vous le lisiez/);
    assert.deepEqual(await annotations(id), { note_interne: 'Vu par le responsable.' });
    const missing = await people.agent.v.post(`/agent/dossiers/${id}/annotations`, { note_interne: 'Sans version' });
    assert.equal(flash(missing), 'stale', 'a form without its version can only be stale');
  });

  test('another team\'s agent and another administration get a 404 and change nothing', async () => {
    const { id } = await fileCasier(t);
    await annotate(people.agent.v, id, { note_interne: 'Note de l\'équipe.' });
    const before = await row(id);
    for (const who of ['neighbour', 'stranger'] as const) {
      const v = people[who].v;
      await v.get('/agent');
      const res = await v.post(`/agent/dossiers/${id}/annotations`, { version: String(before.version), note_interne: 'Intrus' });
      assert.equal(res.statusCode, 404, who);
      assert.equal((await page(v, id)).statusCode, 404, who);
    }
    assert.equal((await row(id)).version, before.version);
    assert.deepEqual(await annotations(id), { note_interne: 'Note de l\'équipe.' });
  });

  test('an agent of another team asked for an opinion reads the dossier, not the annotations', async () => {
    const { id } = await fileCasier(t);
    await annotate(people.agent.v, id, { note_interne: 'Réservé au greffe du dossier.' });
    const dueAt = new Date(Date.now() + 7 * 86_400_000);
    const opinion = { id: newId(), dossier_id: id, asked_by: people.agent.id, expert_id: people.neighbour.id, team_id: null, question: 'Votre avis ?', yes_no: false, due_at: dueAt };
    await t.ctx.db.insertInto('dossier_opinions').values(opinion).execute();
    const shown = await page(people.neighbour.v, id);
    assert.equal(shown.statusCode, 200, 'the expert reads the dossier');
    assert.doesNotMatch(shown.body, /Annotations privées|Réservé au greffe du dossier|name="note_interne"/);
    const res = await people.neighbour.v.post(`/agent/dossiers/${id}/annotations`, { version: versionOn(shown.body), note_interne: 'Avis glissé' });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await annotations(id), { note_interne: 'Réservé au greffe du dossier.' });
  });

  test('the applicant never sees them: dossier page, correction page, API — and a correction keeps them', async () => {
    const { v: applicant, id, reference } = await fileCasier(t);
    const secret = 'Mention confidentielle 7K3F';
    await annotate(people.agent.v, id, { verification_fichier: 'a_verifier', note_interne: secret });
    const html = (await page(people.agent.v, id)).body;
    const asked = await people.agent.v.post(`/agent/dossiers/${id}/correction`, { champs: ['nom_pere'], motif: 'Le nom du père diffère de l’acte.', version: versionOn(html) });
    assert.equal(flash(asked), 'done');

    const hidden = (body: string, where: string) => {
      for (const word of [secret, 'Vérification au fichier', 'Note interne', 'a_verifier', 'verification_fichier', 'Annotations privées']) {
        assert.ok(!body.includes(word), `${where} shows « ${word} »`);
      }
    };
    const mine = await applicant.get(`/dossiers/${id}`);
    assert.equal(mine.statusCode, 200);
    hidden(mine.body, 'the dossier page');
    const correction = await applicant.get(`/dossiers/${id}/correction`);
    assert.equal(correction.statusCode, 200);
    hidden(correction.body, 'the correction page');
    const api = await applicant.get(`/api/v1/dossiers/${reference}`);
    assert.equal(api.statusCode, 200);
    hidden(api.body, 'the API');

    const res = await applicant.postMultipart(`/dossiers/${id}/correction?_csrf=${applicant.csrf}`, { nom_pere: 'Issoufou Moussa Garba' });
    assert.equal(res.statusCode, 303);
    assert.equal((await row(id)).status, 'submitted');
    assert.deepEqual(await annotations(id), { verification_fichier: 'a_verifier', note_interne: secret }, 'the applicant\'s correction rewrites his answers only');
    hidden((await applicant.get(`/dossiers/${id}`)).body, 'the dossier page after the correction');
  });
});
