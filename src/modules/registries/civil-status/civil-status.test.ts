// The civil-status register end to end, as its users notice it: a declaration drawn up as a numbered birth
// act by the commune's officer (dossier accepted, parent told), a mention in its margin, an extract request
// answered with a sealed PDF the applicant downloads and reads; another commune's officer and plain agents
// kept out; bad declarations and mentions refused with a clear message and nothing written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../../test/support/app.ts';
import { location } from '../../../../test/support/applicant.ts';
import { signedInStaff } from '../../../../test/support/backoffice.ts';
import { pdfText } from '../../../../test/support/pdf-text.ts';
import { civilWorld, declarationAnswers, extractAnswers, fileCivil, type CivilWorld } from './test-setup.ts';
import { localYear, nextActNumber } from './numbering.ts';

let t: TestApp;
let w: CivilWorld;
let year: number;
before(async () => {
  t = await startTestApp({ seed: true });
  w = await civilWorld(t);
  year = localYear(new Date(), t.config.timeZone);
});
after(() => t.close());

const number = (n: number) => `${year}/${String(n).padStart(6, '0')}`;

async function register(id: string) {
  const page = await w.officerI.v.get(`/agent/etat-civil/dossiers/${id}`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0';
  return w.officerI.v.post(`/agent/etat-civil/dossiers/${id}/enregistrement`, { version });
}

async function dossierState(id: string) {
  const row = await t.ctx.db.selectFrom('dossiers').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const acts = await t.ctx.db.selectFrom('birth_acts').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const counters = await t.ctx.db.selectFrom('civil_act_counters').selectAll().orderBy('register_id').execute();
  const mentions = await t.ctx.db.selectFrom('birth_act_mentions').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return JSON.stringify({ row, acts: Number(acts.n), counters, mentions: Number(mentions.n) });
}

const auditCount = async (action: string) =>
  Number((await t.ctx.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

let actId = '';
let actNumberText = '';

test('the officer checks a declaration and draws up the act: numbered in the commune\'s register, dossier accepted, parent told', async () => {
  const { id, reference } = await fileCivil(t, w, 'declaration-naissance', declarationAnswers());
  // The agents' dossier page leads to the register.
  const agentPage = await w.officerI.v.get(`/agent/dossiers/${id}`);
  assert.equal(agentPage.statusCode, 200);
  assert.match(agentPage.body, new RegExp(`href="/agent/etat-civil/dossiers/${id}"`));

  const page = await w.officerI.v.get(`/agent/etat-civil/dossiers/${id}`);
  assert.match(page.body, /Aïchatou Zeinab Moussa/);
  assert.match(page.body, /Maternité Issaka Gazobi, Niamey I/);
  assert.match(page.body, /Dresser l&#39;acte de naissance|Dresser l'acte de naissance/);

  const first = await dossierState(id);
  const res = await register(id);
  assert.equal(res.statusCode, 303);
  const to = location(res);
  actId = /\/agent\/etat-civil\/actes\/([0-9A-Z]{26})\?enregistre=1$/.exec(to)?.[1] ?? '';
  assert.ok(actId, to);
  assert.notEqual(await dossierState(id), first);

  const act = await t.ctx.db.selectFrom('birth_acts').selectAll().where('id', '=', actId).executeTakeFirstOrThrow();
  assert.equal(act.register_id, w.registerI);
  assert.equal(act.year, year);
  assert.equal(act.dossier_id, id);
  assert.equal(act.officer_name, 'Zeinabou Officier');
  assert.equal(act.declarant, 'la mère, Mariama Hamani');
  actNumberText = number(act.number);

  const actPage = await w.officerI.v.get(to);
  assert.equal(actPage.statusCode, 200);
  assert.match(actPage.body, new RegExp(`Acte de naissance n° ${actNumberText}`));
  assert.match(actPage.body, /Issa Moussa/);

  const dossier = await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(dossier.status, 'accepted');
  const event = await t.ctx.db.selectFrom('dossier_events').select('note').where('dossier_id', '=', id).where('kind', '=', 'accepted').executeTakeFirstOrThrow();
  assert.match(event.note ?? '', new RegExp(`acte n° ${actNumberText}`));
  const applicantMail = await t.ctx.db.selectFrom('users').select('email').where('id', '=', w.applicant.id).executeTakeFirstOrThrow();
  const told = await t.ctx.db.selectFrom('notifications').select('body').where('recipient', '=', applicantMail.email!).execute();
  assert.ok(told.some((m) => m.body.includes(reference) && m.body.includes(actNumberText)), 'the parent is told, with the act number');
  assert.equal(await auditCount('civil_status.register'), 1);

  // Registering the same declaration again changes nothing.
  const before = await dossierState(id);
  const again = await w.officerI.v.post(`/agent/etat-civil/dossiers/${id}/enregistrement`, { version: '1' });
  assert.equal(again.statusCode, 303);
  assert.equal(await dossierState(id), before);
});

test('numbers follow each other in a commune\'s register; two registrations at once get two consecutive numbers', async () => {
  const a = await fileCivil(t, w, 'declaration-naissance', declarationAnswers({ prenoms_enfant: 'Ali' }));
  const b = await fileCivil(t, w, 'declaration-naissance', declarationAnswers({ prenoms_enfant: 'Hassan' }));
  const c = await fileCivil(t, w, 'declaration-naissance', declarationAnswers({ prenoms_enfant: 'Housseini' }));
  const before = (await t.ctx.db.selectFrom('civil_act_counters').select('last_number').where('register_id', '=', w.registerI).where('year', '=', year).executeTakeFirstOrThrow()).last_number;
  // Each officer's page is drawn first (its version and CSRF token), then the three forms are sent at once.
  const pages = await Promise.all([a, b, c].map(async (d) => {
    const { v } = await signedInStaff(t, { role: 'agent', administrationId: w.adminI, teamIds: [w.teamI] });
    const page = await v.get(`/agent/etat-civil/dossiers/${d.id}`);
    assert.equal(page.statusCode, 200);
    return { v, d };
  }));
  const results = await Promise.all(pages.map(({ v, d }) => v.post(`/agent/etat-civil/dossiers/${d.id}/enregistrement`, { version: '0' })));
  for (const r of results) assert.equal(r.statusCode, 303, r.body.slice(0, 300));
  const numbers = (await t.ctx.db.selectFrom('birth_acts').select('number').where('dossier_id', 'in', [a.id, b.id, c.id]).execute()).map((r) => r.number).sort((x, y) => x - y);
  assert.deepEqual(numbers, [before + 1, before + 2, before + 3]);
  // Another commune's register counts on its own.
  const counters = await t.ctx.db.selectFrom('civil_act_counters').selectAll().where('register_id', '=', w.registerII).execute();
  assert.deepEqual(counters, []);
});

test('a registration waiting behind another one\'s number takes the next; behind a rolled back one, the same', async () => {
  for (const outcome of ['commit', 'rollback'] as const) {
    const d = await fileCivil(t, w, 'declaration-naissance', declarationAnswers({ prenoms_enfant: `Attente ${outcome}` }));
    const page = await w.officerI.v.get(`/agent/etat-civil/dossiers/${d.id}`);
    assert.equal(page.statusCode, 200);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let drawn = 0;
    let registration: Promise<{ statusCode: number }> | undefined;
    // Another registration holds the counter row, uncommitted, while this one is sent.
    const other = t.ctx.db.transaction().execute(async (trx) => {
      drawn = await nextActNumber(trx, w.registerI, year);
      registration = w.officerI.v.post(`/agent/etat-civil/dossiers/${d.id}/enregistrement`, { version: '0' });
      setTimeout(release, 300);
      await held;
      if (outcome === 'rollback') throw new Error('rolled back');
    });
    if (outcome === 'rollback') await assert.rejects(other, /rolled back/);
    else await other;
    assert.equal((await registration!).statusCode, 303);
    const act = await t.ctx.db.selectFrom('birth_acts').select('number').where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
    assert.equal(act.number, outcome === 'commit' ? drawn + 1 : drawn);
  }
});

test('another commune\'s officer, a plain agent and the applicant find nothing, and change nothing', async () => {
  const { id } = await fileCivil(t, w, 'declaration-naissance', declarationAnswers({ prenoms_enfant: 'Rabi' }));
  const before = await dossierState(id);
  for (const who of [w.officerII, w.stranger]) {
    assert.equal((await who.v.get(`/agent/etat-civil/dossiers/${id}`)).statusCode, 404);
    await who.v.get('/agent');
    assert.equal((await who.v.post(`/agent/etat-civil/dossiers/${id}/enregistrement`, { version: '0' })).statusCode, 404);
    assert.equal((await who.v.get(`/agent/etat-civil/actes/${actId}`)).statusCode, 404);
    assert.equal((await who.v.post(`/agent/etat-civil/actes/${actId}/mentions`, { nature: 'death', date: '01/01/2026', texte: 'x', autorite: 'y' })).statusCode, 404);
  }
  // The register's search page is for officers only.
  assert.equal((await w.stranger.v.get('/agent/etat-civil')).statusCode, 403);
  const elsewhere = await w.officerII.v.get(`/agent/etat-civil?numero=1&annee=${year}`);
  assert.equal(elsewhere.statusCode, 200);
  assert.doesNotMatch(elsewhere.body, /Moussa/, 'Niamey II\'s search does not reach Niamey I\'s acts');
  const citizen = await w.applicant.v.get(`/agent/etat-civil/dossiers/${id}`);
  assert.ok(citizen.statusCode === 403 || citizen.statusCode === 303, String(citizen.statusCode));
  assert.equal(await dossierState(id), before);
});

test('a declaration with a birth in the future or without its mother is refused with a clear message; nothing is written', async () => {
  const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 16) + ':00Z';
  for (const [answers, message] of [
    [declarationAnswers({ date_heure_naissance: future }), /La date de naissance est dans le futur/],
    [declarationAnswers({ nom_mere: '', prenoms_mere: '' }), /Le nom et les prénoms de la mère sont obligatoires/],
  ] as const) {
    const { id } = await fileCivil(t, w, 'declaration-naissance', answers);
    const page = await w.officerI.v.get(`/agent/etat-civil/dossiers/${id}`);
    assert.match(page.body, message);
    assert.doesNotMatch(page.body, /enregistrement/, 'no registration form is offered');
    const before = await dossierState(id);
    const res = await w.officerI.v.post(`/agent/etat-civil/dossiers/${id}/enregistrement`, { version: '0' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, message);
    assert.match(res.body, /Aucun acte n&#39;a été dressé|Aucun acte n'a été dressé/);
    assert.equal(await dossierState(id), before);
  }
});

test('a mention is written in the margin (audited); a bad one is refused and nothing is added', async () => {
  const bad = await w.officerI.v.post(`/agent/etat-civil/actes/${actId}/mentions`, { nature: 'recognition', date: '31/02/2026', texte: '', autorite: 'Officier' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Indiquez une date réelle/);
  assert.match(bad.body, /Écrivez le texte de la mention/);
  const future = await w.officerI.v.post(`/agent/etat-civil/actes/${actId}/mentions`, { nature: 'marriage', date: `01/01/${year + 2}`, texte: 'Mariée', autorite: 'Officier' });
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /La date ne peut pas être dans le futur/);
  assert.equal(Number((await t.ctx.db.selectFrom('birth_act_mentions').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);

  const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('/');
  await w.officerI.v.get(`/agent/etat-civil/actes/${actId}`);
  const res = await w.officerI.v.post(`/agent/etat-civil/actes/${actId}/mentions`, { nature: 'rectification', date: today, texte: 'Prénom rectifié en « Aïchatou Zeinabou » par jugement n° 245', autorite: 'Tribunal de grande instance de Niamey' });
  assert.equal(location(res), `/agent/etat-civil/actes/${actId}?ajoute=1`);
  const page = await w.officerI.v.get(location(res));
  assert.match(page.body, /Prénom rectifié en « Aïchatou Zeinabou »/);
  assert.equal(await auditCount('civil_status.mention_add'), 1);
  assert.ok((await auditCount('civil_status.act_view')) >= 2, 'every view of an act is audited');
});

test('an extract request is answered from the act: sealed PDF with the number, names and later mention, downloaded by the applicant', async () => {
  const act = await t.ctx.db.selectFrom('birth_acts').select(['number', 'year', sql<string>`birth_date::text`.as('birthDate')]).where('id', '=', actId).executeTakeFirstOrThrow();
  const { id } = await fileCivil(t, w, 'extrait-acte-naissance', extractAnswers({ nom: 'Moussa', prenoms: 'Aïchatou Zeinab', date_naissance: act.birthDate }, { numero: String(act.number), annee: act.year }));
  const searchesBefore = await auditCount('civil_status.search');
  const page = await w.officerI.v.get(`/agent/etat-civil/dossiers/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`value="${actId}"`), 'the act is found from the request\'s number and year');
  assert.equal(await auditCount('civil_status.search'), searchesBefore + 1, 'the search is audited');

  const preview = await w.officerI.v.get(`/agent/etat-civil/dossiers/${id}/apercu?acte=${actId}`);
  assert.equal(preview.statusCode, 200);
  assert.equal(preview.headers['content-type'], 'application/pdf');
  assert.equal(Number((await t.ctx.db.selectFrom('documents').select(({ fn }) => fn.countAll<number>().as('n')).where('dossier_id', '=', id).executeTakeFirstOrThrow()).n), 0, 'a preview issues nothing');

  const res = await w.officerI.v.post(`/agent/etat-civil/dossiers/${id}/extrait`, { version: '0', acte: actId });
  assert.equal(location(res), `/agent/etat-civil/dossiers/${id}?fait=issued`);
  const dossier = await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(dossier.status, 'accepted');
  const doc = await t.ctx.db.selectFrom('documents').select(['id', 'kind', 'holder_name', 'holder_birth_date', 'administration_id']).where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(doc.kind, 'birth-act-extract');
  assert.equal(doc.holder_name, 'Aïchatou Zeinab Moussa');
  assert.equal(doc.administration_id, w.adminI);

  const download = await w.applicant.v.get(`/dossiers/${id}/documents/${doc.id}`);
  assert.equal(download.statusCode, 200);
  const text = await pdfText(download.rawPayload);
  assert.match(text, new RegExp(actNumberText));
  assert.match(text, /Aïchatou Zeinab/);
  assert.match(text, /Moussa/);
  assert.match(text, /Mariama Hamani/);
  assert.match(text, /Prénom rectifié en « Aïchatou Zeinabou »/, 'the mention added after registration is on the extract');
  assert.equal(await auditCount('civil_status.extract_issue'), 1);
});

test('without a number, the act is found by the child\'s names and birth date', async () => {
  const act = await t.ctx.db.selectFrom('birth_acts').select([sql<string>`birth_date::text`.as('birthDate')]).where('id', '=', actId).executeTakeFirstOrThrow();
  const { id } = await fileCivil(t, w, 'extrait-acte-naissance', extractAnswers({ nom: 'MOUSSA', prenoms: 'Aichatou', date_naissance: act.birthDate }));
  const page = await w.officerI.v.get(`/agent/etat-civil/dossiers/${id}`);
  assert.match(page.body, new RegExp(`value="${actId}"`));
  // Someone else's act of another register is never offered, even with a forged form.
  const res = await w.officerI.v.post(`/agent/etat-civil/dossiers/${id}/extrait`, { version: '0', acte: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
  assert.equal(location(res), `/agent/etat-civil/dossiers/${id}?fait=act`);
});
