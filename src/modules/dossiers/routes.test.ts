// The applicant's journey over HTTP, as a browser without JavaScript walks it: start from the fiche, answer
// each page (files included), review, submit once, follow the dossier.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { fillCasier, IDENTITY, location, newApplicant as newApplicantOf, PDF, PNG, startCasier, submitKeyOf, withoutFee } from '../../../test/support/applicant.ts';
import { requestCorrection } from './corrections.ts';
import { purgeUnclaimedDrafts } from './store.ts';

let t: TestApp;
const newApplicant = () => newApplicantOf(t);
before(async () => {
  t = await startTestApp({ seed: true });
  // The free submission, filed at once, is what this file follows; the fee's path is payments/payments.test.ts.
  await withoutFee(t, 'extrait-casier-judiciaire');
});
after(() => t.close());

const dossierRow = (id: string) => t.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();

describe('filing the criminal record request without JavaScript', () => {
  test('an anonymous visitor is sent to sign in and comes back to the procedure', async () => {
    const v = new Visitor(t.app, { 'x-forwarded-for': '10.2.9.1' });
    const start = await v.get('/demarches/extrait-casier-judiciaire/en-ligne');
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /Votre identité/);
    let res = await v.post('/demarches/extrait-casier-judiciaire/en-ligne', {});
    assert.equal(location(res), '/connexion');
    await v.get('/inscription');
    res = await v.post('/inscription/email', { email: 'revient@exemple.ne', ename: 'Revient', password: 'un mot de passe solide 2026' });
    assert.equal(location(res), '/demarches/extrait-casier-judiciaire/en-ligne', 'after signing up, back to the procedure');
  });

  test('the fiche links to the online procedure', async () => {
    const v = new Visitor(t.app);
    const fiche = await v.get('/demarches/extrait-casier-judiciaire');
    assert.match(fiche.body, /href="\/demarches\/extrait-casier-judiciaire\/en-ligne"/);
  });

  test('pages, review, one submission, a receipt with a reference and an SMS', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await fillCasier(v, id);
    const review = await v.get(`/dossiers/${id}/recapitulatif`);
    assert.match(review.body, /Issoufou/);
    assert.match(review.body, /acte de naissance\.pdf/);
    const key = await submitKeyOf(v, id);

    const res = await v.post(`/dossiers/${id}/depot`, { cle: key });
    assert.equal(location(res), `/dossiers/${id}?depose=1`);
    const receipt = await v.get(location(res));
    const reference = /DOS-\d{4}-[0-9A-HJKMNP-TV-Z]{6}/.exec(receipt.body)?.[0];
    assert.ok(reference, 'the receipt shows the reference');
    assert.match(receipt.body, /Déposé/);

    const row = await dossierRow(id);
    assert.equal(row?.status, 'submitted');
    assert.equal(row?.reference, reference);
    const sms = await t.ctx.db.selectFrom('notifications').selectAll().where('body', 'like', `%${reference}%`).execute();
    assert.equal(sms.length, 1, 'one receipt message');
    assert.equal(sms[0]!.channel, 'email', 'an account without phone gets the receipt by e-mail');

    const mine = await v.get('/mes-dossiers');
    assert.match(mine.body, new RegExp(reference));

    // The same key again (a double click, a retry after a timeout): the same dossier, the same receipt.
    const again = await v.post(`/dossiers/${id}/depot`, { cle: key });
    assert.equal(location(again), `/dossiers/${id}`);
    const count = await t.ctx.db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).where('reference', '=', reference).executeTakeFirst();
    assert.equal(Number(count?.n), 1);
  });

  test('twenty submissions of the same key at once make one dossier and twenty identical answers', async () => {
    // Several rounds: on PostgreSQL the requests really overlap, and a missing row lock shows in some of them.
    for (let round = 0; round < 3; round++) {
      const v = await newApplicant();
      const id = await startCasier(v);
      await fillCasier(v, id);
      const key = await submitKeyOf(v, id);
      const answers = await Promise.all(Array.from({ length: 20 }, () => v.post(`/dossiers/${id}/depot`, { cle: key })));
      for (const res of answers) assert.equal(res.statusCode, 303);
      const targets = new Set(answers.map((r) => location(r).replace('?depose=1', '')));
      assert.deepEqual([...targets], [`/dossiers/${id}`]);
      assert.equal(answers.filter((r) => location(r).endsWith('?depose=1')).length, 1, 'one request did the submission');
      const events = await t.ctx.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).execute();
      assert.equal(events.length, 1, 'one "submitted" event');
      const sent = await t.ctx.db.selectFrom('notifications').select('id').where('body', 'like', `%${(await dossierRow(id))!.reference}%`).execute();
      assert.equal(sent.length, 1, 'one receipt message');
    }
  });

  test('a submit key spent on one dossier is refused on another draft', async () => {
    const v = await newApplicant();
    const first = await startCasier(v);
    await fillCasier(v, first);
    const key = await submitKeyOf(v, first);
    await v.post(`/dossiers/${first}/depot`, { cle: key });
    const second = await startCasier(v);
    await fillCasier(v, second);
    await v.get(`/dossiers/${second}/recapitulatif`);
    const res = await v.post(`/dossiers/${second}/depot`, { cle: key });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /déjà servi/);
    assert.equal((await dossierRow(second))?.status, 'draft', 'the second draft is untouched');
  });

  test('an incomplete draft cannot be submitted and the review says what is missing', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await v.get(`/dossiers/${id}/pages/identite`);
    await v.post(`/dossiers/${id}/pages/identite`, IDENTITY);
    const review = await v.get(`/dossiers/${id}/recapitulatif`);
    assert.match(review.body, /Avant de déposer/);
    assert.doesNotMatch(review.body, /name="cle"/);
    const res = await v.post(`/dossiers/${id}/depot`, { cle: 'a'.repeat(32) });
    assert.equal(res.statusCode, 400);
    assert.equal((await dossierRow(id))?.status, 'draft');
  });
});

describe('pages check what they receive', () => {
  test('a mistake is shown next to the field and the good answers are kept', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await v.get(`/dossiers/${id}/pages/identite`);
    const res = await v.post(`/dossiers/${id}/pages/identite`, { ...IDENTITY, date_naissance: '31/02/1994' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Saisissez une date valide/);
    assert.match(res.body, /href="#f-date_naissance"/);
    const row = await dossierRow(id);
    assert.equal((row?.answers as Record<string, unknown>).nom, 'Issoufou', 'valid answers are saved');
    assert.equal((row?.answers as Record<string, unknown>).date_naissance, undefined);
  });

  test('answers to hidden fields, unknown fields and agents’ fields are discarded', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await v.get(`/dossiers/${id}/pages/identite`);
    await v.post(`/dossiers/${id}/pages/identite`, { ...IDENTITY, pays_naissance: 'Mali', intrus: 'x', usage: 'visa' });
    const answers = (await dossierRow(id))?.answers as Record<string, unknown>;
    assert.equal(answers.pays_naissance, undefined, 'hidden: born in Niger');
    assert.equal(answers.intrus, undefined);
    assert.equal(answers.usage, undefined, 'a field of another page');
  });

  test('disguised, truncated, empty and oversized files are refused and nothing is kept', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    const filesDir = join(t.config.dataDir, 'files');
    const stored = async () => (await readdir(filesDir, { recursive: true }).catch(() => [])).filter((n) => String(n).length > 20).length;
    const before = await stored();
    const cases: [string, Buffer, RegExp][] = [
      ['programme.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), /PDF, JPEG, PNG/],
      ['coupe.pdf', PDF.subarray(0, 40), /PDF, JPEG, PNG/],
      ['vide.pdf', Buffer.alloc(0), /vide/],
      ['image.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /PDF, JPEG, PNG/],
      ['enorme.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10), Buffer.from('%%EOF')]), /5 Mo/],
    ];
    for (const [name, data, message] of cases) {
      await v.get(`/dossiers/${id}/pages/piece`);
      const res = await v.postMultipart(`/dossiers/${id}/pages/piece`, {}, { acte_naissance: { name, data } });
      assert.equal(res.statusCode, 400, name);
      assert.match(res.body, message, name);
    }
    assert.equal(await stored(), before, 'no file left in the store');
    const rows = await t.ctx.db.selectFrom('dossier_attachments').selectAll().where('dossier_id', '=', id).execute();
    assert.equal(rows.length, 0, 'no attachment recorded');
  });

  test('an upload cut off half-way or with too many files leaves nothing behind', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    const filesDir = join(t.config.dataDir, 'files');
    const stored = async () => (await readdir(filesDir, { recursive: true }).catch(() => [])).filter((n) => /[0-9A-Z]{26}(\.tmp)?$/.test(String(n))).length;
    const before = await stored();
    await v.get(`/dossiers/${id}/pages/piece`);
    const boundary = '----coupe';
    const cut = await t.app.inject({
      method: 'POST',
      url: `/dossiers/${id}/pages/piece?_csrf=${encodeURIComponent(v.csrf)}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: `gsid=${v.cookies.get('gsid')}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="acte_naissance"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 début sans fin`,
    });
    assert.ok(cut.statusCode >= 400 && cut.statusCode < 500, `a clear refusal, got ${cut.statusCode}`);
    const many = await v.postMultipart(`/dossiers/${id}/pages/piece`, {}, {
      acte_naissance: { name: 'a.pdf', data: PDF },
      piece_identite: { name: 'b.png', data: PNG },
      intrus: { name: 'c.pdf', data: PDF },
      encore: { name: 'd.pdf', data: PDF },
    });
    assert.ok([200, 303, 413].includes(many.statusCode), `got ${many.statusCode}`);
    const rows = await t.ctx.db.selectFrom('dossier_attachments').select('blob_key').where('dossier_id', '=', id).execute();
    assert.equal(await stored(), before + rows.length, 'every stored file belongs to a recorded attachment');
  });

  test('another applicant’s draft and files are not found', async () => {
    const owner = await newApplicant();
    const id = await startCasier(owner);
    await fillCasier(owner, id);
    const file = await t.ctx.db.selectFrom('dossier_attachments').select('id').where('dossier_id', '=', id).executeTakeFirstOrThrow();
    const ownDownload = await owner.get(`/dossiers/${id}/pieces/${file.id}`);
    assert.equal(ownDownload.statusCode, 200);
    assert.match(String(ownDownload.headers['content-disposition']), /^attachment;/);

    const other = await newApplicant();
    for (const url of [`/dossiers/${id}/pages/identite`, `/dossiers/${id}/recapitulatif`, `/dossiers/${id}`, `/dossiers/${id}/pieces/${file.id}`]) {
      const res = await other.get(url);
      assert.equal(res.statusCode, 404, url);
    }
    await other.get('/mes-dossiers');
    const post = await other.post(`/dossiers/${id}/pages/identite`, { ...IDENTITY, nom: 'Pirate' });
    assert.equal(post.statusCode, 404);
    const del = await other.post(`/dossiers/${id}/supprimer`, {});
    assert.equal(del.statusCode, 404);
    assert.equal(((await dossierRow(id))?.answers as Record<string, unknown>).nom, 'Issoufou');
  });
});

describe('messages', () => {
  test('the applicant writes to the administration with a document; nobody else can', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await fillCasier(v, id);
    await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) });
    await v.get(`/dossiers/${id}`);
    const empty = await v.postMultipart(`/dossiers/${id}/messages`, { message: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Écrivez votre message/);
    const bad = await v.postMultipart(`/dossiers/${id}/messages`, { message: 'Voici le reçu.' }, { fichier1: { name: 'virus.pdf', data: Buffer.from('MZ....') } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Voici le reçu\./, 'the text typed is kept');
    const res = await v.postMultipart(`/dossiers/${id}/messages`, { message: 'Voici le reçu de paiement.' }, { fichier1: { name: 'reçu.pdf', data: PDF } });
    assert.equal(res.statusCode, 303);
    const page = await v.get(`/dossiers/${id}`);
    assert.match(page.body, /Voici le reçu de paiement\./);
    assert.match(page.body, /reçu\.pdf/);
    const messages = await t.ctx.db.selectFrom('dossier_messages').select('id').where('dossier_id', '=', id).execute();
    assert.equal(messages.length, 1, 'refused messages left nothing');

    const other = await newApplicant();
    await other.get('/mes-dossiers');
    const intrusion = await other.postMultipart(`/dossiers/${id}/messages`, { message: 'Intrus' });
    assert.equal(intrusion.statusCode, 404);
    assert.equal((await other.get(`/dossiers/${id}/correction`)).statusCode, 404);
  });
});

describe('drafts', () => {
  test('a draft is listed, resumed and deleted with its files', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await fillCasier(v, id);
    const mine = await v.get('/mes-dossiers');
    assert.match(mine.body, /Brouillon/);
    assert.match(mine.body, new RegExp(`/dossiers/${id}/recapitulatif`));
    const res = await v.post(`/dossiers/${id}/supprimer`, {});
    assert.equal(location(res), '/mes-dossiers?supprime=1');
    assert.equal(await dossierRow(id), undefined);
    const files = await t.ctx.db.selectFrom('dossier_attachments').selectAll().where('dossier_id', '=', id).execute();
    assert.equal(files.length, 0);
  });
});

describe('corrections', () => {
  test('the applicant changes only the asked answers and sends the dossier back', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await fillCasier(v, id);
    await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) });
    const env = { db: t.ctx.db, blobs: t.ctx.blobs, config: t.config };
    const now = new Date();
    assert.deepEqual(await requestCorrection(env, { dossierId: id, fields: ['certifie_inconnu'], reason: 'x', agentId: null, now }), { ok: false, reason: 'fields' });
    const asked = await requestCorrection(env, { dossierId: id, fields: ['nom', 'acte_naissance'], reason: "Le nom ne correspond pas à l'acte joint, illisible.", agentId: null, now });
    assert.deepEqual(asked, { ok: true });
    const oldFile = ((await dossierRow(id))?.answers as Record<string, { id: string }>).acte_naissance!.id;

    const page = await v.get(`/dossiers/${id}`);
    assert.match(page.body, /Correction demandée/);
    assert.match(page.body, /illisible/);
    const form = await v.get(`/dossiers/${id}/correction`);
    assert.match(form.body, /name="nom"/);
    assert.match(form.body, /name="acte_naissance"/);
    assert.doesNotMatch(form.body, /name="prenoms"/, 'only the asked answers are offered');

    const wrong = await v.postMultipart(`/dossiers/${id}/correction`, { nom: '' });
    assert.equal(wrong.statusCode, 400);
    assert.equal((await dossierRow(id))?.status, 'correction', 'nothing changes on a mistake');

    const res = await v.postMultipart(`/dossiers/${id}/correction`, { nom: 'Issoufou Maïga', prenoms: 'Pirate' }, { acte_naissance: { name: 'acte lisible.pdf', data: PDF } });
    assert.equal(location(res), `/dossiers/${id}?corrige=1`);
    const row = await dossierRow(id);
    const answers = row?.answers as Record<string, unknown>;
    assert.equal(row?.status, 'submitted');
    assert.equal(answers.nom, 'Issoufou Maïga');
    assert.equal(answers.prenoms, 'Aïcha', 'an answer not asked stays as filed');
    assert.equal((answers.acte_naissance as { name: string }).name, 'acte lisible.pdf');
    const files = await t.ctx.db.selectFrom('dossier_attachments').select('id').where('dossier_id', '=', id).execute();
    assert.ok(!files.some((f) => f.id === oldFile), 'the replaced file is gone');
    const events = await t.ctx.db.selectFrom('dossier_events').select('kind').where('dossier_id', '=', id).orderBy('created_at').orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.kind), ['submitted', 'correction_requested', 'correction_answered']);
    assert.deepEqual(await requestCorrection(env, { dossierId: (await startCasier(v)), fields: ['nom'], reason: 'x', agentId: null, now }), { ok: false, reason: 'state' }, 'a draft cannot be sent back');
  });
});

describe('repeated blocks without JavaScript', () => {
  test('rows are added and removed with buttons of the page, the others kept in order', async () => {
    const v = await newApplicant();
    await v.get('/demarches/appel-candidatures-eig/en-ligne');
    const started = await v.post('/demarches/appel-candidatures-eig/en-ligne', {});
    const id = location(started).split('/')[2]!;
    const page = `/dossiers/${id}/pages/experiences`;
    const row = (i: number, organisation: string) => ({
      [`experiences.${i}.organisation`]: organisation,
      [`experiences.${i}.poste`]: 'Développeuse',
      [`experiences.${i}.date_debut`]: '01/02/2020',
      [`experiences.${i}.en_cours`]: 'yes',
      [`experiences.${i}.realisations`]: 'Un site de paiement des factures.',
    });
    await v.get(page);
    let res = await v.post(page, { ...row(0, 'Banque Agricole'), _add: 'experiences' });
    assert.equal(location(res), `${page}?ajouter=experiences`);
    const shown = await v.get(location(res));
    assert.match(shown.body, /name="experiences\.1\.organisation"/, 'an empty second row is offered');
    res = await v.post(page, { ...row(0, 'Banque Agricole'), ...row(1, 'Mairie de Zinder'), _remove: 'experiences.0' });
    assert.equal(location(res), page);
    const answers = (await dossierRow(id))?.answers as Record<string, { organisation: string }[]>;
    assert.deepEqual(answers.experiences?.map((e) => e.organisation), ['Mairie de Zinder']);
  });
});

describe('the dossiers API', () => {
  test('a partner prefills a draft; the citizen claims it by its link, once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/procedures/extrait-casier-judiciaire/dossiers',
      payload: { answers: { nom: 'Moussa', date_naissance: '2090-01-01', acte_naissance: { id: 'x', sha256: 'a'.repeat(64) }, inconnu: 1 } },
    });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.deepEqual(body.ignored.sort(), ['acte_naissance', 'date_naissance', 'inconnu']);
    const path = new URL(body.url).pathname;
    assert.equal(path, `/brouillons/${body.prefill_token}`);

    const v = await newApplicant();
    const claim = await v.get(path);
    assert.match(location(claim), /\/pages\/identite$/);
    const id = location(claim).split('/')[2]!;
    assert.equal(((await dossierRow(id))?.answers as Record<string, unknown>).nom, 'Moussa');
    const thief = await newApplicant();
    assert.equal((await thief.get(path)).statusCode, 404, 'a link serves once');
  });

  test('prefilled drafts nobody claims are deleted after a week', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/procedures/extrait-casier-judiciaire/dossiers', payload: { answers: { nom: 'Oublié' } } });
    const { id } = res.json();
    await purgeUnclaimedDrafts(t.ctx.db, new Date(Date.now() + 6 * 86_400_000));
    assert.ok(await dossierRow(id), 'kept within the week');
    await purgeUnclaimedDrafts(t.ctx.db, new Date(Date.now() + 8 * 86_400_000));
    assert.equal(await dossierRow(id), undefined);
    assert.ok(await t.ctx.db.selectFrom('dossiers').select('id').where('applicant_id', 'is not', null).executeTakeFirst(), 'owned drafts stay');
  });

  test('a prefill cannot bring files, even inside repeated blocks, nor agents’ annotations', async () => {
    const fake = { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', name: 'faux.pdf', size: 1000, kind: 'pdf', sha256: 'a'.repeat(64) };
    const complaint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/procedures/plainte-administration/dossiers',
      payload: { answers: { pieces: [{ description: 'Reçu', fichier: fake }] } },
    });
    assert.equal(complaint.statusCode, 201);
    assert.deepEqual(complaint.json().ignored, ['pieces.0.fichier']);
    const extract = await t.app.inject({ method: 'POST', url: '/api/v1/procedures/extrait-acte-naissance/dossiers', payload: { answers: { acte_retrouve: 'oui' } } });
    assert.deepEqual(extract.json().ignored, ['acte_retrouve']);
    const row = await dossierRow(extract.json().id);
    assert.deepEqual(row?.answers, {});
  });

  test('bad prefill requests get a clear JSON error', async () => {
    const notOnline = await t.app.inject({ method: 'POST', url: '/api/v1/procedures/passeport/dossiers', payload: { answers: {} } });
    assert.equal(notOnline.statusCode, 404);
    const badAnswers = await t.app.inject({ method: 'POST', url: '/api/v1/procedures/extrait-casier-judiciaire/dossiers', payload: { answers: [1, 2] } });
    assert.equal(badAnswers.statusCode, 400);
    assert.match(badAnswers.json().error.message, /answers/);
  });

  test('a dossier is read by reference by its owner only', async () => {
    const v = await newApplicant();
    const id = await startCasier(v);
    await fillCasier(v, id);
    await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) });
    const reference = (await dossierRow(id))!.reference!;
    const own = await v.get(`/api/v1/dossiers/${reference.toLowerCase()}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().status, 'submitted');
    assert.equal(own.json().timeline[0].event, 'submitted');
    const other = await newApplicant();
    assert.equal((await other.get(`/api/v1/dossiers/${reference}`)).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${reference}` })).statusCode, 401);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/procedures/{slug}/dossiers'].post);
    assert.ok(doc.paths['/api/v1/dossiers/{reference}'].get);
  });
});
