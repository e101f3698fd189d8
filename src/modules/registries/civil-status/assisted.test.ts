// Assisted mode: a maternity's agent declares a birth for the parents from the back office; the parent gets a
// link by SMS, opens it signed in, and finds the declaration prefilled with what the maternity typed. Bad input
// is refused with a message and prepares nothing; staff of no health facility are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../../test/support/app.ts';
import { location } from '../../../../test/support/applicant.ts';
import { signedInStaff } from '../../../../test/support/backoffice.ts';
import type { Visitor } from '../../../../test/support/browser-session.ts';
import { localDay } from './numbering.ts';

let t: TestApp;
let midwife: Visitor;
let stranger: Visitor;
const FORM = '/agent/etat-civil/declarations/nouvelle';

before(async () => {
  t = await startTestApp({ seed: true });
  const maternity = await t.ctx.db.selectFrom('administrations').select('id').where('code', '=', 'ne-sante-maternite-gazobi').executeTakeFirstOrThrow();
  const team = await t.ctx.db.selectFrom('teams').select('id').where('administration_id', '=', maternity.id).executeTakeFirstOrThrow();
  midwife = (await signedInStaff(t, { role: 'agent', administrationId: maternity.id, teamIds: [team.id] })).v;
  stranger = (await signedInStaff(t, { role: 'agent', administrationId: maternity.id })).v;
});
after(() => t.close());

const today = () => localDay(new Date(), t.config.timeZone).split('-').reverse().join('/');
const answers = (over: Record<string, string> = {}) => ({
  nom_enfant: 'Abdou',
  prenoms_enfant: 'Nafissa',
  sexe: 'f',
  date: today(),
  heure: '00:05',
  nom_mere: 'Boubacar',
  prenoms_mere: 'Safiatou',
  nom_pere: '',
  prenoms_pere: '',
  telephone: '96 12 34 56',
  ...over,
});

async function state() {
  const drafts = await t.ctx.db.selectFrom('dossiers').select(({ fn }) => fn.countAll<number>().as('n')).where('prefill_hash', 'is not', null).executeTakeFirstOrThrow();
  const sms = await t.ctx.db.selectFrom('notifications').select(({ fn }) => fn.countAll<number>().as('n')).where('recipient', '=', '+22796123456').executeTakeFirstOrThrow();
  return { drafts: Number(drafts.n), sms: Number(sms.n) };
}

test('the maternity\'s agent declares a birth; the parent opens the texted link and finds it prefilled', async () => {
  const home = await midwife.get('/agent/etat-civil');
  assert.equal(location(home), FORM, 'the register address leads a health-centre agent to the form');
  const page = await midwife.get(FORM);
  assert.equal(page.statusCode, 200);
  const res = await midwife.post(FORM, answers());
  assert.equal(res.statusCode, 200, res.body.slice(0, 400));
  const link = /(http[^<\s]*\/brouillons\/[A-Za-z0-9_-]+)/.exec(res.body)?.[1];
  assert.ok(link, 'the page shows the link');
  const sms = await t.ctx.db.selectFrom('notifications').select(['channel', 'body']).where('recipient', '=', '+22796123456').executeTakeFirstOrThrow();
  assert.equal(sms.channel, 'sms');
  assert.ok(sms.body.includes(link) && sms.body.includes('Maternité Issaka Gazobi') && sms.body.includes('Nafissa Abdou'), sms.body);
  assert.equal((await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'civil_status.assisted_start').execute()).length, 1);

  const parent = await signedInStaff(t, { role: 'applicant', name: 'Safiatou Boubacar' });
  const opened = await parent.v.get(new URL(link).pathname);
  assert.equal(opened.statusCode, 303);
  const draft = await t.ctx.db.selectFrom('dossiers').select(['status', 'answers']).where('applicant_id', '=', parent.id).executeTakeFirstOrThrow();
  assert.equal(draft.status, 'draft');
  const a = draft.answers as Record<string, unknown>;
  assert.equal(a.nom_enfant, 'Abdou');
  assert.equal(a.prenoms_enfant, 'Nafissa');
  assert.equal(a.lieu_type, 'formation_sanitaire');
  assert.equal(a.formation_sanitaire, 'Maternité Issaka Gazobi');
  assert.deepEqual(a.commune_naissance, { region: 'niamey', department: 'niamey-ville', commune: 'niamey-ville-niamey-i' });
  assert.equal(a.telephone, '+22796123456');
  // 00:05 in Niamey is 23:05 UTC the day before: the time typed is the service's local time.
  assert.match(String(a.date_heure_naissance), /T23:05:00Z$/);
});

test('a birth in the future, over 60 days ago or without the mother is refused with a message; nothing is prepared', async () => {
  const before = await state();
  const cases: [Record<string, string>, RegExp][] = [
    [{ date: `01/01/${new Date().getUTCFullYear() + 1}` }, /La naissance ne peut pas être dans le futur/],
    [{ date: '01/01/2020' }, /plus de 60 jours/],
    [{ nom_mere: '', prenoms_mere: '' }, /Le nom et les prénoms de la mère sont obligatoires/],
    [{ date: '31/02/2026' }, /Indiquez une date réelle/],
    [{ telephone: '12' }, /numéro de téléphone valide/],
  ];
  for (const [over, message] of cases) {
    await midwife.get(FORM);
    const res = await midwife.post(FORM, answers(over));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, message);
  }
  assert.deepEqual(await state(), before);
});

test('staff of no health facility cannot declare for the parents', async () => {
  const before = await state();
  assert.equal((await stranger.get(FORM)).statusCode, 403);
  await stranger.get('/agent');
  assert.equal((await stranger.post(FORM, answers())).statusCode, 403);
  assert.deepEqual(await state(), before);
});
