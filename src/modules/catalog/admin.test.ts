import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { signInByPassword } from '../../../test/support/agent.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

let visitors = 0;
const signedIn = (role: 'applicant' | 'manager' | 'operator') => signInByPassword(t.app, DEMO_ACCOUNTS.find((a) => a.role === role)!.email, DEMO_PASSWORD, `10.1.0.${++visitors}`);

const idOf = async (slug: string) =>
  (await t.ctx.db.selectFrom('procedures').select('id').where('country', '=', 'ne').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

/** The fields of the edit form as the page shows them, so a test changes only what it means to. */
function formValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    const name = m[1]!;
    if (/type="checkbox"/.test(tag)) {
      if (/ checked/.test(tag)) values[name] = 'on';
    } else if (!/type="file"/.test(tag)) values[name] = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) values[m[1]!] = m[2]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) values[m[1]!] = /<option value="([^"]+)" selected/.exec(m[2]!)?.[1] ?? '';
  return values;
}

describe('back office for fiches', () => {
  test('visitors are sent to sign in, applicants are refused', async () => {
    assert.equal((await t.app.inject('/admin')).statusCode, 303);
    const applicant = await signedIn('applicant');
    assert.equal((await applicant.get('/admin')).statusCode, 403);
    assert.equal((await applicant.get(`/admin/demarches/${await idOf('extrait-casier-judiciaire')}`)).statusCode, 403);
  });

  test('a manager lists only his administration\'s fiches and cannot open another\'s', async () => {
    const manager = await signedIn('manager');
    const list = await manager.get('/admin');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /casier judiciaire/i);
    assert.doesNotMatch(list.body, /Passeport/);
    assert.equal((await manager.get(`/admin/demarches/${await idOf('passeport')}`)).statusCode, 403);
  });

  test('preview shows the change without saving it; save publishes it and search finds it', async () => {
    const manager = await signedIn('manager');
    const id = await idOf('extrait-casier-judiciaire');
    const page = await manager.get(`/admin/demarches/${id}`);
    assert.equal(page.statusCode, 200);
    const values = formValues(page.body);
    const preview = await manager.post(`/admin/demarches/${id}`, { ...values, summary: 'Résumé relu par le greffe zoubidou.', action: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /zoubidou/);
    assert.match(preview.body, /Aperçu/);
    assert.doesNotMatch((await t.app.inject('/demarches/extrait-casier-judiciaire')).body, /zoubidou/);

    await manager.get(`/admin/demarches/${id}`);
    const saved = await manager.post(`/admin/demarches/${id}`, { ...values, summary: 'Résumé relu par le greffe zoubidou.', cost: '1 500', action: 'save' });
    assert.equal(saved.statusCode, 303);
    const pub = await t.app.inject('/demarches/extrait-casier-judiciaire');
    assert.match(pub.body, /zoubidou/);
    assert.match(pub.body, /1\u00a0500\u00a0FCFA/);
    const found = (await t.app.inject('/api/v1/procedures?q=zoubidou')).json();
    assert.equal(found.items[0]?.slug, 'extrait-casier-judiciaire');
  });

  test('an English text can be added; empty fields keep the French', async () => {
    const operator = await signedIn('operator');
    const id = await idOf('passeport');
    await operator.get(`/admin/demarches/${id}?langue=en`);
    const values = formValues(operator.lastHtml);
    const res = await operator.post(`/admin/demarches/${id}?langue=en`, { ...values, title: 'Ordinary passport (edited)', action: 'save' });
    assert.equal(res.statusCode, 303);
    const en = await t.app.inject('/demarches/passeport?lang=en');
    assert.match(en.body, /Ordinary passport \(edited\)/);
  });

  test('invalid input is explained and nothing is saved', async () => {
    const operator = await signedIn('operator');
    const id = await idOf('passeport');
    await operator.get(`/admin/demarches/${id}`);
    const values = formValues(operator.lastHtml);
    const res = await operator.post(`/admin/demarches/${id}`, { ...values, title: '', cost: '12,5', category: 'inconnue', onlineUrl: '//evil.example/phish', action: 'save' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Ce champ est obligatoire/);
    assert.match(res.body, /nombre entier/);
    assert.match(res.body, /situation de vie/);
    assert.match(res.body, /https:\/\//);
    const fiche = (await t.app.inject('/api/v1/procedures/passeport')).json();
    assert.notEqual(fiche.title, '');
  });

  test('an audio reading is accepted by content, refused otherwise, and played from the fiche', async () => {
    const operator = await signedIn('operator');
    const id = await idOf('extrait-acte-naissance');
    await operator.get(`/admin/demarches/${id}`);
    const upload = (bytes: Buffer, filename: string) => {
      const boundary = '----guichet';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="${filename}"\r\nContent-Type: audio/mpeg\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/admin/demarches/${id}/audio?langue=fr&_csrf=${encodeURIComponent(operator.csrf)}`,
        payload: body,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: `gsid=${operator.cookies.get('gsid')}` },
      });
    };
    const fake = await upload(Buffer.from('<?php echo "not audio"; ?>'), 'evil.mp3');
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /pas un enregistrement audio/);
    const mp3 = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'), Buffer.alloc(2000, 0x55)]);
    assert.equal((await upload(mp3, 'lecture.mp3')).statusCode, 303);
    const fiche = await t.app.inject('/demarches/extrait-acte-naissance');
    assert.match(fiche.body, /<audio controls preload="none" src="\/demarches\/extrait-acte-naissance\/audio\/fr"/);
    const audio = await t.app.inject('/demarches/extrait-acte-naissance/audio/fr');
    assert.equal(audio.statusCode, 200);
    assert.equal(audio.headers['content-type'], 'audio/mpeg');
    assert.match(String(audio.headers['content-disposition']), /^attachment/);
    assert.equal(audio.rawPayload.length, mp3.length);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/admin/demarches/${id}/audio`, payload: '', headers: { cookie: `gsid=${operator.cookies.get('gsid')}` } });
    assert.equal(noCsrf.statusCode, 403);
  });
});
