// The procedure builder over HTTP, as a browser without JavaScript walks it: a manager builds a two-page form
// with a condition and an attachment, is stopped by bad settings (nothing saved), previews, publishes; a
// citizen then files on it, and stays on that revision when the form is published again. Other
// administrations' managers are refused everywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { signInByPassword } from '../../../test/support/agent.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed.ts';
import { newId } from '../../platform/db/ids.ts';
import { accountStore, hashPassword } from '../accounts/index.ts';
import { parseDefinition, type FormDefinition } from '../forms/index.ts';
import { canonical } from './service.ts';
import { draftRevision } from './store.ts';
import { plan } from './edit.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SLUG = 'certificat-nationalite';
const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

let visitors = 0;
const signIn = (email: string, password = DEMO_PASSWORD) => signInByPassword(t.app, email, password, `10.7.0.${++visitors}`);
const demo = (role: 'applicant' | 'manager' | 'operator') => signIn(DEMO_ACCOUNTS.find((a) => a.role === role)!.email);

async function newApplicant(): Promise<Visitor> {
  const v = new Visitor(t.app, { 'x-forwarded-for': `10.8.0.${++visitors}` });
  await v.get('/inscription');
  const res = await v.post('/inscription/email', { email: `citoyen${visitors}@exemple.ne`, ename: `Citoyen ${visitors}`, password: 'un mot de passe solide 2026' });
  assert.equal(res.statusCode, 303, 'the applicant signs up');
  return v;
}

const idOf = async (slug: string) =>
  (await t.ctx.db.selectFrom('procedures').select('id').where('country', '=', 'ne').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

const revOf = (html: string) => /name="rev" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * Posts a builder form as a browser would from the page last seen (its CSRF token and form fingerprint);
 * lists become repeated fields (checkboxes).
 */
async function send(v: Visitor, url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ _csrf: v.csrf, rev: revOf(v.lastHtml) });
  for (const [k, value] of Object.entries(fields)) for (const x of [value].flat()) body.append(k, x);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...v.cookies].map(([k, x]) => `${k}=${x}`).join('; '),
      'x-forwarded-for': '10.9.9.9',
      ...headers,
    },
  });
}

async function draftOf(procedureId: string): Promise<FormDefinition | undefined> {
  return (await draftRevision(t.ctx.db, procedureId))?.definition;
}

describe('building, previewing and publishing a form without JavaScript', () => {
  let id: string;
  let base: string;
  let manager: Visitor;
  let dossierId: string;
  let revision1: string;

  before(async () => {
    id = await idOf(SLUG);
    base = `/admin/demarches/${id}/formulaire`;
    manager = await demo('manager');
  });

  test('the fiche editor links to the builder, which starts empty', async () => {
    const fiche = await manager.get(`/admin/demarches/${id}`);
    assert.match(fiche.body, new RegExp(`href="${base}"`));
    const page = await manager.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Pas encore de formulaire en ligne/);
    assert.match(page.body, /Ajouter la page/);
  });

  test('a manager builds two pages, a condition and an attachment', async () => {
    await manager.get(base);
    let res = await send(manager, base, { action: 'add-section', newsection_fr: 'Votre identité' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(location(res), `${base}?ok=section-votre_identite#f-section-votre_identite`);

    // Adding a question: choose its type (a GET form), fill the editor, save.
    const editor = await manager.get(`${base}?dans=votre_identite&type=text`);
    assert.match(editor.body, /Nouvelle question : Texte court/);
    assert.match(editor.body, /Aucune question n&#39;est posée avant|Aucune question n'est posée avant/, 'the first question can have no condition');
    res = await send(manager, base, { action: 'save-field', dans: 'votre_identite', type: 'text', label_fr: 'Nom', required: 'on', maxLength: '80', cond_rows: '1' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));

    await manager.get(`${base}?dans=votre_identite&type=yesno`);
    res = await send(manager, base, {
      action: 'save-field',
      dans: 'votre_identite',
      type: 'yesno',
      id: 'ne_au_niger',
      label_fr: 'Êtes-vous né(e) au Niger ?',
      label_en: 'Were you born in Niger?',
      required: 'on',
      cond_rows: '1',
    });
    assert.equal(res.statusCode, 303);

    // The condition editor offers the questions asked before, and only those.
    const third = await manager.get(`${base}?dans=votre_identite&type=text`);
    const select = /<select id="f-cond_0_field"[^>]*>([\s\S]*?)<\/select>/.exec(third.body)?.[1] ?? '';
    assert.match(select, /value="nom"/);
    assert.match(select, /value="ne_au_niger"/);
    res = await send(manager, base, {
      action: 'save-field',
      dans: 'votre_identite',
      type: 'text',
      id: 'pays_naissance',
      label_fr: 'Pays de naissance',
      required: 'on',
      cond_rows: '1',
      cond_0_field: 'ne_au_niger',
      cond_0_op: 'equals',
      cond_0_value: 'non',
    });
    assert.equal(res.statusCode, 303);

    await manager.get(base);
    res = await send(manager, base, { action: 'add-section', newsection_fr: 'Pièces justificatives' });
    assert.equal(res.statusCode, 303);
    await manager.get(`${base}?dans=pieces_justificatives&type=attachment`);
    res = await send(manager, base, {
      action: 'save-field',
      dans: 'pieces_justificatives',
      type: 'attachment',
      id: 'acte_naissance',
      label_fr: 'Acte de naissance',
      required: 'on',
      accept: ['pdf', 'jpeg'],
      maxSizeMb: '5',
      cond_rows: '1',
    });
    assert.equal(res.statusCode, 303);

    const draft = await draftOf(id);
    assert.ok(draft && parseDefinition(draft).ok, 'the draft is a valid form');
    assert.deepEqual(
      draft.sections.map((s) => [s.id, s.fields.map((f) => f.id)]),
      [
        ['votre_identite', ['nom', 'ne_au_niger', 'pays_naissance']],
        ['pieces_justificatives', ['acte_naissance']],
      ],
    );
    assert.deepEqual(draft.sections[0]!.fields[2]!.visibleIf, { field: 'ne_au_niger', op: 'equals', value: false });
    assert.deepEqual(draft.sections[0]!.fields[1]!.type === 'yesno' && draft.sections[0]!.fields[1]!.label, { fr: 'Êtes-vous né(e) au Niger ?', en: 'Were you born in Niger?' });
    assert.deepEqual(draft.sections[1]!.fields[0], { id: 'acte_naissance', type: 'attachment', label: 'Acte de naissance', required: true, accept: ['pdf', 'jpeg'], maxSizeMb: 5 });

    const page = await manager.get(base);
    assert.match(page.body, /Question posée seulement si « Êtes-vous né\(e\) au Niger \? » est égal à « Non »/);
    // Editing an existing question shows its settings.
    const edit = await manager.get(`${base}?champ=pays_naissance`);
    assert.match(edit.body, /<option value="ne_au_niger" selected/);
    assert.match(edit.body, /name="cond_0_value"[^>]*value="non"/);
  });

  test('bad settings are explained in French where they are, and nothing is saved', async () => {
    const before = canonical(await draftOf(id));

    // min > max on a new number question: the error is on the "min" input of the editor.
    await manager.get(`${base}?dans=votre_identite&type=integer`);
    let res = await send(manager, base, { action: 'save-field', dans: 'votre_identite', type: 'integer', label_fr: 'Âge', min: '10', max: '5', cond_rows: '1' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-min-error">Le minimum \(10\) est plus grand que le maximum \(5\)/);
    assert.match(res.body, /<a href="#f-min">Le minimum/, 'the error summary links to the input');
    assert.match(res.body, /name="label_fr"[^>]*value="Âge"/, 'what was typed is kept');
    assert.equal(canonical(await draftOf(id)), before);

    // An id already taken, typed by hand.
    await manager.get(`${base}?dans=pieces_justificatives&type=text`);
    res = await send(manager, base, { action: 'save-field', dans: 'pieces_justificatives', type: 'text', id: 'nom', label_fr: 'Nom de jeune fille', cond_rows: '1' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-id-error">L&#39;identifiant « nom » est déjà celui d&#39;une autre question|id="f-id-error">L'identifiant « nom » est déjà celui d'une autre question/);

    // A letter where a number goes.
    await manager.get(`${base}?champ=nom`);
    res = await send(manager, base, { action: 'save-field', champ: 'nom', label_fr: 'Nom', maxLength: 'quatre-vingts', cond_rows: '1' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-maxLength-error">Écrivez un nombre entier/);

    // A condition on a question asked later, posted by hand: refused on its rule.
    await manager.get(`${base}?champ=nom`);
    res = await send(manager, base, { action: 'save-field', champ: 'nom', label_fr: 'Nom', cond_rows: '1', cond_0_field: 'pays_naissance', cond_0_op: 'filled' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-cond_0_field-error">La condition porte sur « Pays de naissance », qui n&#39;est pas une question posée avant|id="f-cond_0_field-error">La condition porte sur « Pays de naissance », qui n'est pas une question posée avant/);

    // Moving the yes/no question below the one that depends on it breaks that one's condition: said there.
    await manager.get(base);
    res = await send(manager, base, { action: 'field-down', champ: 'ne_au_niger' });
    assert.equal(res.statusCode, 400);
    const item = /<li id="f-item-pays_naissance"[\s\S]*?<\/li>/.exec(res.body)?.[0] ?? '';
    assert.match(item, /class="error">La condition porte sur « Êtes-vous né\(e\) au Niger \? »/);

    // A wrong value for a yes/no question.
    await manager.get(`${base}?champ=pays_naissance`);
    res = await send(manager, base, { action: 'save-field', champ: 'pays_naissance', label_fr: 'Pays de naissance', cond_rows: '1', cond_0_field: 'ne_au_niger', cond_0_op: 'equals', cond_0_value: 'peut-être' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-cond_0_value-error">Cette question se répond par oui ou non/);

    assert.equal(canonical(await draftOf(id)), before, 'nothing was saved');
  });

  test('more rules, moves and an edit from a page shown before another change', async () => {
    await manager.get(`${base}?champ=pays_naissance`);
    const res = await send(manager, base, { action: 'more-rules', champ: 'pays_naissance', label_fr: 'Pays de naissance (changé)', cond_rows: '2', cond_0_field: 'ne_au_niger', cond_0_op: 'equals', cond_0_value: 'non' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /id="f-cond_2_field"/, 'a third rule row');
    assert.match(res.body, /value="Pays de naissance \(changé\)"/, 'the typed label stays');

    // Two tabs: the second change, made from the page shown before the first, is refused.
    const stale = (await manager.get(base)).body;
    let moved = await send(manager, base, { action: 'field-up', champ: 'nom' });
    assert.equal(moved.statusCode, 303, 'nothing above the first question: nothing to do');
    moved = await send(manager, base, { action: 'field-down', champ: 'nom' });
    assert.equal(moved.statusCode, 303);
    assert.deepEqual((await draftOf(id))!.sections[0]!.fields.map((f) => f.id), ['ne_au_niger', 'nom', 'pays_naissance']);
    manager.lastHtml = stale;
    const refused = await send(manager, base, { action: 'delete-field', champ: 'nom' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Le formulaire a changé entre-temps/);
    await manager.get(base);
    moved = await send(manager, base, { action: 'field-up', champ: 'nom' });
    assert.equal(moved.statusCode, 303);
    assert.deepEqual((await draftOf(id))!.sections[0]!.fields.map((f) => f.id), ['nom', 'ne_au_niger', 'pays_naissance']);
  });

  test('the preview shows each page as applicants will see it, with links between pages', async () => {
    const first = await manager.get(`${base}/apercu?page=votre_identite`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<h1>Votre identité<\/h1>/);
    assert.match(first.body, /Page 1 sur 2/);
    assert.match(first.body, /name="ne_au_niger" value="yes"/);
    assert.match(first.body, new RegExp(`href="${base}/apercu\\?page=pieces_justificatives"`));
    const second = await manager.get(`${base}/apercu?page=pieces_justificatives`);
    assert.match(second.body, /type="file"[^>]*name="acte_naissance"[^>]*accept="application\/pdf,image\/jpeg"/);
    assert.match(second.body, new RegExp(`href="${base}/apercu\\?page=votre_identite"`));
    assert.equal((await t.ctx.db.selectFrom('dossiers').select('id').where('procedure_id', '=', id).execute()).length, 0, 'a preview files nothing');
  });

  test('publishing puts the procedure online: the fiche links to it and a citizen files on it', async () => {
    assert.equal((await t.app.inject(`/demarches/${SLUG}/en-ligne`)).statusCode, 404, 'not online before publication');
    await manager.get(base);
    const res = await send(manager, `${base}/publier`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), `${base}?publie=1`);
    const page = await manager.get(location(res));
    assert.match(page.body, /Formulaire publié \(révision 1\)/);
    assert.match(page.body, /Formulaire en ligne : révision 1/);

    const revisions = await t.ctx.db.selectFrom('procedure_revisions').select(['id', 'number', 'status']).where('procedure_id', '=', id).execute();
    assert.deepEqual(revisions.map((r) => [r.number, r.status]), [[1, 'published']]);
    revision1 = revisions[0]!.id;
    const proc = await t.ctx.db.selectFrom('procedures').select(['online_available', 'online_url']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(proc, { online_available: true, online_url: `/demarches/${SLUG}/en-ligne` });

    const fiche = await t.app.inject(`/demarches/${SLUG}`);
    assert.match(fiche.body, new RegExp(`href="/demarches/${SLUG}/en-ligne"`));

    const citizen = await newApplicant();
    assert.equal((await citizen.get(`/demarches/${SLUG}/en-ligne`)).statusCode, 200);
    let r = await citizen.post(`/demarches/${SLUG}/en-ligne`, {});
    assert.equal(r.statusCode, 303);
    dossierId = /\/dossiers\/([0-9A-Z]{26})\/pages\/votre_identite$/.exec(location(r))?.[1] ?? '';
    assert.ok(dossierId, location(r));
    await citizen.get(`/dossiers/${dossierId}/pages/votre_identite`);
    r = await citizen.post(`/dossiers/${dossierId}/pages/votre_identite`, { nom: 'Issoufou', ne_au_niger: 'no' });
    assert.equal(r.statusCode, 400, 'born abroad: the country is asked');
    assert.match(r.body, /Pays de naissance/);
    r = await citizen.post(`/dossiers/${dossierId}/pages/votre_identite`, { nom: 'Issoufou', ne_au_niger: 'no', pays_naissance: 'Bénin' });
    assert.equal(location(r), `/dossiers/${dossierId}/pages/pieces_justificatives`);
    await citizen.get(location(r));
    r = await citizen.postMultipart(`/dossiers/${dossierId}/pages/pieces_justificatives`, {}, { acte_naissance: { name: 'acte.pdf', data: PDF } });
    assert.equal(location(r), `/dossiers/${dossierId}/recapitulatif`, r.body.slice(0, 2000));
    const review = await citizen.get(`/dossiers/${dossierId}/recapitulatif`);
    const key = /name="cle" value="([^"]+)"/.exec(review.body)?.[1] ?? '';
    r = await citizen.post(`/dossiers/${dossierId}/depot`, { cle: key });
    assert.equal(r.statusCode, 303);
    const filed = await t.ctx.db.selectFrom('dossiers').select(['status', 'revision_id']).where('id', '=', dossierId).executeTakeFirstOrThrow();
    assert.deepEqual(filed, { status: 'submitted', revision_id: revision1 });
  });

  test('a second publication makes revision 2; the dossier filed on revision 1 stays on it', async () => {
    await manager.get(`${base}?dans=pieces_justificatives&type=email`);
    let res = await send(manager, base, { action: 'save-field', dans: 'pieces_justificatives', type: 'email', id: 'courriel', label_fr: 'Adresse e-mail', cond_rows: '1' });
    assert.equal(res.statusCode, 303);
    const page = await manager.get(base);
    assert.match(page.body, /Brouillon en cours \(révision 2\)\. Les demandeurs remplissent toujours la révision 1/);
    assert.equal((await t.ctx.db.selectFrom('procedure_revisions').select('status').where('id', '=', revision1).executeTakeFirstOrThrow()).status, 'published');
    res = await send(manager, `${base}/publier`, {});
    assert.equal(location(res), `${base}?publie=2`);

    const revisions = await t.ctx.db.selectFrom('procedure_revisions').select(['id', 'number', 'status']).where('procedure_id', '=', id).orderBy('number').execute();
    assert.deepEqual(revisions.map((r) => [r.number, r.status]), [
      [1, 'superseded'],
      [2, 'published'],
    ]);
    const filed = await t.ctx.db.selectFrom('dossiers').select('revision_id').where('id', '=', dossierId).executeTakeFirstOrThrow();
    assert.equal(filed.revision_id, revision1, 'the filed dossier stays pinned to revision 1');
    const published = revisions[1]!;
    const defn = (await t.ctx.db.selectFrom('procedure_revisions').select('definition').where('id', '=', published.id).executeTakeFirstOrThrow()).definition as FormDefinition;
    assert.deepEqual(defn.sections[1]!.fields.map((f) => f.id), ['acte_naissance', 'courriel']);

    // Publishing again without a draft does nothing; discarding a draft leaves the published form.
    await manager.get(base);
    res = await send(manager, `${base}/publier`, {});
    assert.equal(location(res), base);
    await manager.get(`${base}?champ=courriel`);
    await send(manager, base, { action: 'delete-field', champ: 'courriel' });
    assert.ok(await draftOf(id));
    await manager.get(base);
    res = await send(manager, base, { action: 'discard' });
    assert.equal(location(res), `${base}?abandonne=1`);
    assert.equal(await draftOf(id), undefined);
    assert.match((await manager.get(base)).body, /acte_naissance[\s\S]*courriel/, 'the builder shows the published form again');
  });

  test('the script gets #builder alone', async () => {
    const res = await manager.get(base, { 'x-requested-with': 'fetch' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-builder-fragment'], '1');
    assert.match(res.body, /^<div id="builder"/);
    assert.doesNotMatch(res.body, /<html/);
    await manager.get(base);
    const posted = await send(manager, base, { action: 'add-section', newsection_fr: '' }, { 'x-requested-with': 'fetch' });
    assert.equal(posted.statusCode, 400);
    assert.match(posted.body, /^<div id="builder"/);
    assert.match(posted.body, /Ce texte est obligatoire/);
  });
});

describe('pages, blocks and a published form', () => {
  test('editing a published form starts a draft from a copy of it; the online form is untouched', async () => {
    const id = await idOf('extrait-casier-judiciaire');
    const base = `/admin/demarches/${id}/formulaire`;
    const manager = await demo('manager');
    const page = await manager.get(base);
    assert.match(page.body, /Formulaire en ligne : révision 1/);
    assert.match(page.body, /id="f-item-piece_identite"/);
    const editor = await manager.get(`${base}?champ=sexe`);
    assert.match(editor.body, /f \| Féminin \| Female\nm \| Masculin \| Male/, 'options one a line');
    assert.match(editor.body, new RegExp(`href="${base}\\?vers=item-sexe#f-item-sexe"`), 'Cancel leads back to the question');
    const res = await send(manager, base, { action: 'save-field', champ: 'sexe', label_fr: 'Sexe', label_en: 'Sex', required: 'on', options: 'f | Féminin | Female\nm | Masculin | Male', display: 'select', cond_rows: '1' });
    assert.equal(res.statusCode, 303);
    const draft = await draftOf(id);
    const published = (await t.ctx.db.selectFrom('procedure_revisions').select('definition').where('procedure_id', '=', id).where('status', '=', 'published').executeTakeFirstOrThrow()).definition as FormDefinition;
    const sexe = (d: FormDefinition) => d.sections[0]!.fields.find((f) => f.id === 'sexe') as { display?: string };
    assert.equal(sexe(draft!).display, 'select');
    assert.equal(sexe(published).display, 'radio');
    assert.equal(draft!.sections.length, published.sections.length);
    const preview = await manager.get(`${base}/apercu?page=identite`);
    assert.match(preview.body, /Aperçu du brouillon/);
    assert.match(preview.body, /<select id="f-sexe" name="sexe"/);
  });

  test('a page with a condition, a repeated block and a question inside it', async () => {
    const id = await idOf('casier-judiciaire-ne-hors-du-pays');
    const base = `/admin/demarches/${id}/formulaire`;
    const manager = await demo('manager');
    await manager.get(base);
    await send(manager, base, { action: 'add-section', newsection_fr: 'Situation' });
    await manager.get(base);
    await send(manager, base, { action: 'save-field', dans: 'situation', type: 'yesno', id: 'a_des_enfants', label_fr: 'Avez-vous des enfants ?', cond_rows: '1' });
    await manager.get(base);
    await send(manager, base, { action: 'add-section', newsection_fr: 'Vos enfants' });

    // The page is shown only to those who have children.
    const editor = await manager.get(`${base}?section=vos_enfants`);
    assert.match(editor.body, /Modifier la page « Vos enfants »/);
    let res = await send(manager, base, {
      editor: 'section',
      action: 'save-section',
      section: 'vos_enfants',
      title_fr: 'Vos enfants',
      title_en: 'Your children',
      cond_rows: '1',
      cond_0_field: 'a_des_enfants',
      cond_0_op: 'equals',
      cond_0_value: 'oui',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));

    // A block of questions asked once per child, made with its first question, then one more inside it.
    await manager.get(`${base}?dans=vos_enfants&type=repeat`);
    res = await send(manager, base, { action: 'save-field', dans: 'vos_enfants', type: 'repeat', label_fr: 'Enfants', itemLabel_fr: 'Enfant', first_fr: 'Prénom', max: '10', cond_rows: '1' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const inBlock = await manager.get(`${base}?bloc=enfants&type=date`);
    assert.match(inBlock.body, /Nouvelle question : Date/);
    assert.doesNotMatch(/<select id="f-newtype-b-enfants"[\s\S]*?<\/select>/.exec(inBlock.body)?.[0] ?? 'repeat', /value="repeat"/, 'no block inside a block');
    res = await send(manager, base, { action: 'save-field', bloc: 'enfants', type: 'date', label_fr: 'Date de naissance', past: 'on', min: '01/01/1950', cond_rows: '1' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));

    const draft = (await draftOf(id))!;
    assert.deepEqual(draft.sections[1], {
      id: 'vos_enfants',
      title: { fr: 'Vos enfants', en: 'Your children' },
      visibleIf: { field: 'a_des_enfants', op: 'equals', value: true },
      fields: [
        {
          id: 'enfants',
          type: 'repeat',
          label: 'Enfants',
          itemLabel: 'Enfant',
          max: 10,
          fields: [
            { id: 'prenom', type: 'text', label: 'Prénom' },
            { id: 'date_de_naissance', type: 'date', label: 'Date de naissance', past: true, min: '1950-01-01' },
          ],
        },
      ],
    });
    // The block's questions move within it; deleting its last one is refused.
    await manager.get(base);
    res = await send(manager, base, { action: 'field-up', champ: 'enfants.date_de_naissance' });
    assert.equal(res.statusCode, 303);
    const fields = () => draftOf(id).then((d) => (d!.sections[1]!.fields[0] as { fields: { id: string }[] }).fields.map((f) => f.id));
    assert.deepEqual(await fields(), ['date_de_naissance', 'prenom']);
    await manager.get(base);
    await send(manager, base, { action: 'delete-field', champ: 'enfants.prenom' });
    await manager.get(base);
    res = await send(manager, base, { action: 'delete-field', champ: 'enfants.date_de_naissance' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Un bloc répété a au moins une question/);
    assert.deepEqual(await fields(), ['date_de_naissance']);
    // Deleting the question the page depends on is refused too, and said on the page.
    await manager.get(base);
    res = await send(manager, base, { action: 'delete-field', champ: 'a_des_enfants' });
    assert.equal(res.statusCode, 400);
    assert.match(/<section class="card" id="f-section-vos_enfants"[\s\S]*?<ol/.exec(res.body)?.[0] ?? '', /La condition porte sur « Avez-vous des enfants \? »/, 'a deleted question keeps its name in the message');
  });
});

describe('who may build', () => {
  let id: string;
  let base: string;
  before(async () => {
    id = await idOf('jugement-suppletif-naissance');
    base = `/admin/demarches/${id}/formulaire`;
  });

  test('visitors are sent to sign in; applicants and other administrations\' managers get 403 everywhere', async () => {
    const anonymous = await t.app.inject(base);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(location(anonymous), '/agent/connexion');
    assert.equal(location(await t.app.inject(`${base}/apercu`)), '/agent/connexion');

    const interieur = await t.ctx.db.selectFrom('administrations').select('id').where('code', '=', 'ne-interieur').executeTakeFirstOrThrow();
    await accountStore.insertUser(t.ctx.db, {
      id: newId(),
      email: 'gestionnaire.interieur@demo.guichet.ne',
      phone: '+22790000099',
      passwordHash: await hashPassword('un autre mot de passe 2026'),
      name: 'Gestionnaire Intérieur',
      role: 'manager',
      administrationId: interieur.id,
    });
    const other = await signIn('gestionnaire.interieur@demo.guichet.ne', 'un autre mot de passe 2026');
    const applicant = await demo('applicant');
    for (const v of [other, applicant]) {
      await v.get('/mon-compte'); // a page with the session's CSRF token
      for (const url of [base, `${base}?dans=x&type=text`, `${base}/apercu`, `${base}/apercu?page=x`]) {
        assert.equal((await v.get(url)).statusCode, 403, `GET ${url}`);
      }
      for (const [url, action] of [
        [base, 'add-section'],
        [base, 'save-field'],
        [base, 'discard'],
        [`${base}/publier`, ''],
      ] as const) {
        const res = await send(v, url, { action, newsection_fr: 'Intrusion' });
        assert.equal(res.statusCode, 403, `POST ${url} ${action}`);
        assert.match(res.body, /Vous n(&#39;|')avez pas accès/, 'refused as not allowed, not for a missing token');
      }
    }
    assert.equal(await draftOf(id), undefined, 'nothing was made');

    // The manager of this administration and an operator may.
    assert.equal((await (await demo('manager')).get(base)).statusCode, 200);
    assert.equal((await (await demo('operator')).get(base)).statusCode, 200);
  });
});

describe('editing a definition (pure)', () => {
  const def: FormDefinition = {
    sections: [
      { id: 'a', title: 'A', fields: [{ id: 'x', type: 'yesno', label: 'X' }] },
      { id: 'b', title: 'B', fields: [{ id: 'y', type: 'text', label: 'Y', visibleIf: { field: 'x', op: 'equals', value: true } }] },
    ],
  };

  test('a first field moving up ends the previous page; the base is never changed', () => {
    const moved = plan(def, { champ: 'y' }, 'field-up');
    assert.equal(moved.kind, 'change');
    if (moved.kind !== 'change') return;
    assert.deepEqual(moved.definition.sections.map((s) => s.fields.map((f) => f.id)), [['x', 'y'], []]);
    assert.deepEqual(def.sections[1]!.fields.map((f) => f.id), ['y']);
  });

  test('a repeated block is made with its first question; options are read one a line', () => {
    const block = plan(def, { type: 'repeat', dans: 'b', label_fr: 'Enfants', first_fr: 'Prénom', cond_rows: '1' }, 'save-field');
    assert.ok(block.kind === 'change' && block.errors.length === 0);
    assert.deepEqual(block.definition.sections[1]!.fields[1], { id: 'enfants', type: 'repeat', label: 'Enfants', fields: [{ id: 'prenom', type: 'text', label: 'Prénom' }] });
    assert.ok(parseDefinition(block.definition).ok);
    const choice = plan(def, { type: 'choice', dans: 'a', label_fr: 'Sexe', options: 'f | Féminin | Female\nm | Masculin\nAutre', cond_rows: '1' }, 'save-field');
    assert.ok(choice.kind === 'change');
    assert.deepEqual((choice.definition.sections[0]!.fields[1] as { options: unknown }).options, [
      { value: 'f', label: { fr: 'Féminin', en: 'Female' } },
      { value: 'm', label: 'Masculin' },
      { value: 'autre', label: 'Autre' },
    ]);
  });
});
