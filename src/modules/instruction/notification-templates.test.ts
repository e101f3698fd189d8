// A procedure's managers write what its applicants are told at each step; the next piece of news carries it,
// filled, in the applicant's language, while other procedures keep the platform's words. Mistakes (an unknown
// placeholder, an SMS too long once filled, another language before French) are refused and nothing is saved;
// another administration's manager does not find the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { decide } from '../dossiers/index.ts';

let t: TestApp;
let manager: Visitor;
let managerId: string;
let stranger: Visitor;
let procedureId: string;

before(async () => {
  t = await startTestApp({ seed: true });
  const adm = await administrationsOf(t, 'extrait-casier-judiciaire');
  procedureId = adm.procedureId;
  // The request's fee (payments) is not what this file is about: filed dossiers here go straight to the
  // registry. Done before any submission reads (and caches) the published form.
  await sql`UPDATE procedure_revisions SET definition = definition - 'fee' WHERE procedure_id = ${procedureId}`.execute(t.ctx.db);
  await processProcedure(t, procedureId, { defaultTeamId: await makeTeam(t, adm.own, 'Greffe'), legalDelayDays: 10 });
  ({ v: manager, id: managerId } = await signedInStaff(t, { role: 'manager', administrationId: adm.own }));
  stranger = (await signedInStaff(t, { role: 'manager', administrationId: adm.other })).v;
});
after(() => t.close());

const page = () => `/agent/routage/${procedureId}/notifications`;
const templates = () => t.ctx.db.selectFrom('procedure_notification_templates').select(['kind', 'locale', 'sms', 'subject', 'body']).where('procedure_id', '=', procedureId).orderBy('kind').orderBy('locale').execute();
const lastMessageTo = (recipient: string) => t.ctx.db.selectFrom('notifications').select(['channel', 'subject', 'body']).where('recipient', '=', recipient).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();

const FR_ACCEPTED = {
  evenement: 'accepted',
  langue: 'fr',
  sms: 'Greffe : dossier {reference} accepte ({status}). Venez le retirer avec votre piece d identite. {link}',
  objet: 'Votre extrait {reference} est prêt',
  corps: 'Bonjour,\n\nVotre demande « {procedure} » est acceptée : {motivation}\n\nSuivi : {link}',
  faire: 'enregistrer',
};
const EN_ACCEPTED = { ...FR_ACCEPTED, langue: 'en', sms: 'Court registry: dossier {reference} is {status}. Collect it with your ID card. {link}', objet: 'Extract {reference} ready', corps: 'Hello, {motivation} {link}' };

/** Files a dossier, gives its applicant a phone and a language, and accepts it as an agent would. */
async function acceptedDossier(phone: string, locale: string, options: { otherProcedure?: string } = {}): Promise<{ id: string; reference: string }> {
  const filed = await fileCasier(t);
  const { applicant_id } = await t.ctx.db.selectFrom('dossiers').select('applicant_id').where('id', '=', filed.id).executeTakeFirstOrThrow();
  await t.ctx.db.updateTable('users').set({ phone, locale }).where('id', '=', applicant_id!).execute();
  // Only the procedure a dossier belongs to decides whose words its news carries.
  if (options.otherProcedure) await t.ctx.db.updateTable('dossiers').set({ procedure_id: options.otherProcedure }).where('id', '=', filed.id).execute();
  const { version } = await t.ctx.db.selectFrom('dossiers').select('version').where('id', '=', filed.id).executeTakeFirstOrThrow();
  const outcome = await decide({ db: t.ctx.db, config: t.config }, { dossierId: filed.id, action: 'accept', motivation: 'Pièces conformes.', version, agentId: null, now: new Date() });
  assert.equal(outcome.ok, true);
  return filed;
}

test('an unknown placeholder, an SMS too long once filled, or English before French: refused, nothing saved', async () => {
  const editor = await manager.get(`${page()}?evenement=accepted&langue=fr`);
  assert.equal(editor.statusCode, 200);
  assert.match(editor.body, /Votre dossier \{reference\} est accepté/, 'the platform text is the starting point, with the managers\' placeholders');

  let res = await manager.post(page(), { ...FR_ACCEPTED, sms: 'Dossier {reference} : {referense} {motivation}' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /SMS : \{referense\}, \{motivation\} n(’|&#39;|')existe pas pour cette étape/);
  assert.match(res.body, /Dossier \{reference\} : \{referense\}/, 'the text comes back as typed');

  // 190 characters with a typographic apostrophe (UCS-2: 67 per part) plus a procedure title: over 3 parts.
  res = await manager.post(page(), { ...FR_ACCEPTED, sms: `L’administration : ${'x'.repeat(170)} {procedure}` });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Le SMS pourrait faire 4 SMS une fois rempli, au plus 3 sont permis/);
  assert.match(res.body, /hors de l(’|&#39;|')alphabet GSM \(’ °\)/, 'names the characters that force UCS-2 (° of « n°3 » in the title)');

  res = await manager.post(page(), EN_ACCEPTED);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Écrivez d(’|&#39;|')abord le texte français/);

  // A no-break space pasted from a word processor forces UCS-2 too: named, since it cannot be seen.
  res = await manager.post(page(), { ...FR_ACCEPTED, sms: 'Dossier {reference}\u00a0: accepté', faire: 'apercu' });
  assert.match(res.body, /en Unicode à cause de espace insécable, 1 SMS/);
  res = await manager.post(page(), { ...FR_ACCEPTED, faire: 'apercu' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Greffe : dossier DOS-2026-7K3F9Q accepte \(Accepté\)/, 'the preview fills a sample dossier');
  assert.deepEqual(await templates(), [], 'neither the refusals nor the preview saved anything');
});

test('the procedure\'s words reach its applicants, filled, in their language; other procedures keep the platform\'s', async () => {
  await manager.get(`${page()}?evenement=accepted&langue=fr`);
  assert.equal(location(await manager.post(page(), FR_ACCEPTED)), `${page()}?evenement=accepted&langue=fr&fait=enregistre#editeur`);
  await manager.get(`${page()}?evenement=accepted&langue=en`);
  assert.equal(location(await manager.post(page(), EN_ACCEPTED)), `${page()}?evenement=accepted&langue=en&fait=enregistre#editeur`);
  assert.deepEqual((await templates()).map((r) => `${r.kind}/${r.locale}`), ['accepted/en', 'accepted/fr']);
  const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'notifications.update').orderBy('seq').execute();
  assert.deepEqual(audit.map((a) => [a.actor_id, (a.details as { locale: string }).locale]), [[managerId, 'fr'], [managerId, 'en']]);

  const english = await acceptedDossier('+22790700001', 'en');
  const sms = await lastMessageTo('+22790700001');
  assert.equal(sms.channel, 'sms');
  assert.equal(sms.body, `Court registry: dossier ${english.reference} is Accepted. Collect it with your ID card. ${t.config.publicUrl}/dossiers/${english.id}`);

  // Hausa: neither the procedure nor the platform speaks it for this step, so the procedure's French goes.
  const hausa = await acceptedDossier('+22790700002', 'ha');
  assert.equal((await lastMessageTo('+22790700002')).body, `Greffe : dossier ${hausa.reference} accepte (Accepté). Venez le retirer avec votre piece d identite. ${t.config.publicUrl}/dossiers/${hausa.id}`);

  const other = await t.ctx.db.selectFrom('procedures').select('id').where('online_available', '=', true).where('id', '!=', procedureId).executeTakeFirstOrThrow();
  const elsewhere = await acceptedDossier('+22790700003', 'en', { otherProcedure: other.id });
  assert.equal((await lastMessageTo('+22790700003')).body, `Guichet: your dossier ${elsewhere.reference} is accepted. Details: ${t.config.publicUrl}/dossiers/${elsewhere.id}`);
});

test('the receipt of a submission uses the procedure\'s words too, by e-mail with its subject', async () => {
  await manager.get(`${page()}?evenement=submitted&langue=fr`);
  const res = await manager.post(page(), {
    evenement: 'submitted',
    langue: 'fr',
    sms: 'Greffe : {reference} reçu.',
    objet: 'Demande {reference} reçue',
    corps: 'Votre demande « {procedure} » ({reference}) est reçue. Réponse au plus tard le {due_date}. {motivation-free}',
    faire: 'enregistrer',
  });
  assert.equal(res.statusCode, 400, '{motivation-free} is no placeholder');
  await manager.post(page(), { evenement: 'submitted', langue: 'fr', sms: 'Greffe : {reference} reçu.', objet: 'Demande {reference} reçue', corps: 'Votre demande « {procedure} » ({reference}) est reçue. Réponse au plus tard le {due_date}.', faire: 'enregistrer' });
  const filed = await fileCasier(t);
  const { email } = await t.ctx.db.selectFrom('users').innerJoin('dossiers', 'dossiers.applicant_id', 'users.id').select('users.email').where('dossiers.id', '=', filed.id).executeTakeFirstOrThrow();
  const mail = await lastMessageTo(email!);
  assert.equal(mail.subject, `Demande ${filed.reference} reçue`);
  assert.match(mail.body, new RegExp(`^Votre demande « Extrait de casier judiciaire[^»]*» \\(${filed.reference}\\) est reçue\\. Réponse au plus tard le \\d{1,2} \\S+ \\d{4}\\.$`));
});

test('French goes last, and another administration\'s manager finds no page', async () => {
  await manager.get(`${page()}?evenement=accepted&langue=fr`);
  let res = await manager.post(page(), { evenement: 'accepted', langue: 'fr', faire: 'supprimer' });
  assert.equal(location(res), `${page()}?evenement=accepted&langue=fr&fait=francais#editeur`);
  await manager.post(page(), { evenement: 'accepted', langue: 'en', faire: 'supprimer' });
  res = await manager.post(page(), { evenement: 'accepted', langue: 'fr', faire: 'supprimer' });
  assert.equal(location(res), `${page()}?evenement=accepted&langue=fr&fait=supprime#editeur`);
  assert.deepEqual((await templates()).map((r) => `${r.kind}/${r.locale}`), ['submitted/fr']);

  assert.equal((await stranger.get(page())).statusCode, 404);
  await stranger.get('/agent/routage');
  res = await stranger.post(page(), { ...FR_ACCEPTED });
  assert.equal(res.statusCode, 404);
  assert.deepEqual((await templates()).map((r) => `${r.kind}/${r.locale}`), ['submitted/fr'], 'nothing saved');
});
