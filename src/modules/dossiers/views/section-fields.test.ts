// The section page and its answers: what the inputs send must read back, through the forms engine, as the
// answers they were filled with; errors sit by their field; conditions and private fields are honoured.
// The round trip runs twice: with a small extractor of the HTML (always), and in Chromium with the real
// FormData of the form, which also runs public/form.js and axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Browser } from 'playwright-core';
import { createI18n } from '../../../platform/i18n/index.ts';
import { script } from '../../../platform/ui/assets.ts';
import { parseDefinition, readSection, type Answers, type AttachmentRef, type FormBody, type FormDefinition, type ReadContext, type Territories } from '../../forms/index.ts';
import { assertAccessible, browserSkip, launchBrowser } from '../../../../test/support/browser.ts';
import { AnswersView } from './answers-view.tsx';
import { FormScript } from './form-enhance.ts';
import { SectionFields, type SectionFieldsProps } from './section-fields.tsx';

const territories: Territories = {
  regions: [
    {
      code: 'ne8',
      name: 'Niamey',
      departments: [{ code: 'ne8-1', name: 'Ville de Niamey', communes: [{ code: 'ne8-1-1', name: 'Niamey I' }, { code: 'ne8-1-2', name: 'Niamey II' }] }],
    },
    {
      code: 'ne1',
      name: 'Agadez',
      departments: [
        { code: 'ne1-1', name: 'Arlit', communes: [{ code: 'ne1-1-1', name: 'Arlit' }] },
        { code: 'ne1-2', name: 'Tchirozérine', communes: [{ code: 'ne1-2-1', name: 'Tabelot' }] },
      ],
    },
  ],
};
const i18n = createI18n('fr', 'Africa/Niamey');
const ctx = (previous: Answers): ReadContext => ({
  now: new Date('2026-06-15T09:30:00Z'),
  timeZone: 'Africa/Niamey',
  country: 'ne',
  territories: { ne: territories },
  previous,
  attachments: {},
});
const file = (id: string, size = 250_000, kind: AttachmentRef['kind'] = 'pdf'): AttachmentRef => ({ id, name: `${id}.${kind}`, size, kind, sha256: 'c'.repeat(64) });
const fileHref = (ref: AttachmentRef) => `/fichiers/${ref.id}`;

function definition(): FormDefinition {
  const parsed = parseDefinition({
    sections: [
      {
        id: 'identite',
        title: 'Votre identité',
        fields: [{ id: 'nationalite', type: 'choice', label: 'Nationalité', options: [{ value: 'ne', label: 'Nigérienne' }, { value: 'autre', label: 'Autre' }] }],
      },
      {
        id: 'demande',
        title: 'Votre demande',
        fields: [
          { id: 'titre', type: 'heading', text: 'La demande' },
          { id: 'intro', type: 'explanation', text: 'Répondez comme sur vos papiers.' },
          { id: 'nom', type: 'text', label: 'Nom', required: true, maxLength: 80 },
          { id: 'motif', type: 'textarea', label: 'Motif' },
          { id: 'enfants_nb', type: 'integer', label: "Nombre d'enfants", min: 0 },
          { id: 'surface', type: 'decimal', label: 'Surface (ha)', decimals: 3 },
          { id: 'revenu', type: 'amount', label: 'Revenu mensuel' },
          { id: 'naissance', type: 'date', label: 'Date de naissance', past: true },
          { id: 'rdv', type: 'datetime', label: 'Rendez-vous' },
          { id: 'courriel', type: 'email', label: 'Adresse e-mail' },
          { id: 'telephone', type: 'phone', label: 'Téléphone' },
          { id: 'marie', type: 'yesno', label: 'Êtes-vous marié(e) ?', required: true },
          { id: 'conjoint', type: 'text', label: 'Nom du conjoint', visibleIf: { field: 'marie', op: 'equals', value: true } },
          { id: 'certifie', type: 'checkbox', label: "Je certifie l'exactitude de mes réponses", required: true },
          { id: 'situation', type: 'choice', label: 'Situation', options: [{ value: 'salarie', label: 'Salarié' }, { value: 'independant', label: 'Indépendant' }] },
          {
            id: 'service',
            type: 'choice',
            label: 'Service',
            display: 'select',
            options: [{ value: 'etat_civil', label: 'État civil' }, { value: 'justice', label: 'Justice' }],
          },
          {
            id: 'langues',
            type: 'multichoice',
            label: 'Langues parlées',
            options: [{ value: 'fr', label: 'Français' }, { value: 'ha', label: 'Hausa' }, { value: 'dje', label: 'Zarma' }],
          },
          { id: 'lieu', type: 'territory', label: 'Commune de résidence', required: true },
          { id: 'adresse', type: 'address', label: 'Adresse' },
          { id: 'nin', type: 'nationalId', label: "Numéro d'identification" },
          { id: 'plan', type: 'attachment', label: 'Plan du terrain', accept: ['pdf', 'jpeg'], maxSizeMb: 2, template: '/modeles/plan.pdf' },
          { id: 'piece', type: 'identityDocument', label: "Pièce d'identité" },
          { id: 'lien', type: 'dossierLink', label: 'Dossier lié' },
          { id: 'position', type: 'geo', label: 'Emplacement' },
          { id: 'passeport', type: 'text', label: 'Numéro de passeport', visibleIf: { field: 'nationalite', op: 'equals', value: 'autre' } },
          { id: 'note_agent', type: 'textarea', label: 'Note de l’agent', private: true },
          {
            id: 'enfants',
            type: 'repeat',
            label: 'Vos enfants',
            itemLabel: 'Enfant',
            max: 5,
            fields: [
              { id: 'prenom', type: 'text', label: 'Prénom', required: true },
              { id: 'ne_le', type: 'date', label: 'Né le' },
              { id: 'scolarise', type: 'yesno', label: 'Scolarisé ?' },
              { id: 'ecole', type: 'text', label: 'École', visibleIf: { field: 'scolarise', op: 'equals', value: true } },
              { id: 'acte', type: 'attachment', label: 'Acte de naissance', accept: ['pdf'] },
            ],
          },
        ],
      },
    ],
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.definition;
}

const def = definition();
const section = def.sections[1]!;

/** The answers of the page under test, typed as the engine stores them. */
const pageAnswers: Answers = {
  nom: 'Issa Moussa',
  motif: 'Première ligne\nDeuxième ligne',
  enfants_nb: 3,
  surface: 12.125,
  revenu: 125000,
  naissance: '1990-03-27',
  rdv: '2026-07-01T13:30:00Z',
  courriel: 'issa@exemple.ne',
  telephone: '+22790123456',
  marie: true,
  conjoint: 'Aïcha',
  certifie: true,
  situation: 'independant',
  service: 'justice',
  langues: ['fr', 'dje'],
  lieu: { region: 'ne8', department: 'ne8-1', commune: 'ne8-1-2' },
  adresse: { line: 'Quartier Plateau, derrière la mosquée', city: 'Niamey', commune: 'Niamey II' },
  nin: 'AB12345',
  plan: file('plan'),
  piece: { kind: 'passport', number: 'P1234567', file: file('passeport', 1_800_000, 'jpeg') },
  lien: 'DOS-2026-7K3F9Q',
  position: { lat: 13.5127, lon: 2.1126 },
  enfants: [
    { prenom: 'Amina', ne_le: '2015-09-01', scolarise: true, ecole: 'École Yantala', acte: file('acte-amina') },
    { prenom: 'Moussa', scolarise: false },
  ],
};
// Another page's answer, and an agent's note the applicant must never see.
const answers: Answers = { nationalite: 'ne', ...pageAnswers, note_agent: 'Dossier suivi de près' };

function render(overrides: Partial<SectionFieldsProps> = {}): string {
  return renderToString(
    h(SectionFields, { def, section, answers, errors: [], i18n, locale: 'fr', country: 'ne', territories, fileHref, ...overrides }),
  );
}

// ---- A tiny extractor of what a browser would send (files aside) -----------------------------------------------

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag);
  return m ? decode(m[1] ?? '') : undefined;
};

function extract(html: string): FormBody {
  const body: FormBody = {};
  const add = (name: string, value: string) => {
    const before = body[name];
    body[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  };
  const re = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g;
  for (const m of html.matchAll(re)) {
    const tag = /^<\w+\b[^>]*>/.exec(m[0])![0];
    const name = attr(tag, 'name');
    if (!name) continue;
    if (m[0].startsWith('<textarea')) add(name, decode(m[1]!));
    else if (m[0].startsWith('<select')) {
      const chosen = [...m[2]!.matchAll(/<option\b[^>]*>/g)].map((o) => o[0]).find((o) => attr(o, 'selected') !== undefined);
      add(name, chosen ? (attr(chosen, 'value') ?? '') : '');
    } else {
      const type = attr(tag, 'type') ?? 'text';
      if (type === 'file' || type === 'submit') continue;
      if ((type === 'checkbox' || type === 'radio') && attr(tag, 'checked') === undefined) continue;
      add(name, attr(tag, 'value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
    }
  }
  return body;
}

test('every field type reads back as the answers it was filled with', () => {
  const body = extract(render());
  const read = readSection(def, 'demande', body, ctx(answers));
  assert.deepEqual(read.errors, []);
  assert.deepEqual(read.answers, pageAnswers);
});

test('inputs are named as readSection reads them, typed for phones, with no type=number', () => {
  const html = render();
  const body = extract(html);
  assert.equal(body['lieu.region'], 'ne8');
  assert.equal(body['enfants.1.prenom'], 'Moussa');
  assert.deepEqual(body.langues, ['fr', 'dje']);
  assert.equal(body.revenu, '125 000');
  assert.equal(body.naissance, '27/03/1990');
  assert.equal(body.rdv, '01/07/2026 14:30', 'shown in the service time zone');
  assert.equal(body.surface, '12,125');
  assert.doesNotMatch(html, /type="number"/);
  assert.match(html, /<input[^>]*name="revenu"[^>]*inputmode="numeric"|<input[^>]*inputmode="numeric"[^>]*name="revenu"/);
  assert.match(html, /type="tel"[^>]*name="telephone"|name="telephone"[^>]*type="tel"/);
  assert.match(html, /<input[^>]*type="file"[^>]*name="plan"[^>]*accept="application\/pdf,image\/jpeg"/);
  assert.match(html, /Taille maximale : 2 Mo/);
  assert.match(html, /href="\/modeles\/plan\.pdf"/);
  // A stored file: its name, size and link, and a box to remove it.
  assert.match(html, /<a href="\/fichiers\/plan">plan\.pdf<\/a> \(245 Ko\)/);
  assert.match(html, /name="plan\._remove"/);
  assert.match(html, /name="piece\._remove"/);
  assert.match(html, /\(1,7 Mo\)/);
  // Territory: lower lists hold what the chosen upper level holds, with buttons to refine without script.
  assert.match(html, /<button[^>]*name="_refine" value="lieu"[^>]*>Afficher les départements<\/button>/);
  assert.match(html, /Niamey II/);
  assert.doesNotMatch(html, /Tabelot|Arlit/);
  // Repeat: a fieldset per item, Remove per item, Add below.
  assert.match(html, /<legend>Enfant 1<\/legend>/);
  assert.match(html, /<legend>Enfant 2<\/legend>/);
  assert.match(html, /name="_remove" value="enfants\.1"[^>]*>Retirer : Enfant 2</);
  assert.match(html, /name="_add" value="enfants"[^>]*>Ajouter : Enfant</);
  // Required in words.
  assert.match(html, /<label for="f-nom">Nom<span class="req"> \(obligatoire\)<\/span><\/label>/);
  // Every question has an element `f-<path>` for the error summary's links.
  for (const f of section.fields) {
    if (f.type !== 'heading' && f.type !== 'explanation' && !['passeport', 'note_agent'].includes(f.id)) assert.match(html, new RegExp(`id="f-${f.id}"`), f.id);
  }
  // Unique ids.
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  // Every input, select and textarea has a label.
  for (const m of html.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
    if (/type="(submit|hidden)"/.test(m[0])) continue;
    const id = attr(m[0], 'id');
    assert.ok(id && html.includes(`for="${id}"`), `label for ${m[0]}`);
  }
});

test('a long page stays well inside the 14 KB budget (with the stylesheet and the layout around it)', (t) => {
  const bytes = brotliCompressSync(render()).length;
  t.diagnostic(`27 fields, 2 items: ${bytes} bytes compressed`);
  assert.ok(bytes < 6 * 1024, `${bytes} bytes`);
});

test('extra items and the minimum give empty rows; a new draft shows one row', () => {
  const html = render({ extraItems: { enfants: 1 } });
  assert.match(html, /<legend>Enfant 3<\/legend>/);
  assert.match(html, /name="enfants\.2\.prenom"/);
  const empty = render({ answers: {} });
  assert.match(empty, /name="enfants\.0\.prenom"/);
  assert.doesNotMatch(empty, /enfants\.1\./);
});

test('errors sit by their field and are tied to it; what was posted is shown again', () => {
  const raw: FormBody = { ...extract(render()), enfants_nb: 'trois', 'enfants.1.prenom': '', 'enfants.1.scolarise': 'no' };
  const read = readSection(def, 'demande', raw, ctx(answers));
  assert.deepEqual(
    read.errors.map((e) => e.field),
    ['enfants_nb', 'enfants.1.prenom'],
  );
  const html = render({ raw, errors: [...read.errors, { field: 'nom', key: 'forms.error.pattern', message: { fr: 'Écrivez le nom en lettres.' } }] });
  assert.match(html, /<input[^>]*id="f-enfants_nb"[^>]*>/);
  const input = /<input[^>]*id="f-enfants_nb"[^>]*>/.exec(html)![0];
  assert.equal(attr(input, 'value'), 'trois');
  assert.match(attr(input, 'aria-describedby') ?? '', /\bf-enfants_nb-error\b/);
  assert.equal(attr(input, 'aria-invalid'), 'true');
  assert.match(html, /<p class="error" id="f-enfants_nb-error">Saisissez un nombre entier, par exemple 3\.<\/p>/);
  // The error comes before its input, inside the same field block.
  const block = /<div class="field invalid">(?:(?!<div class="field).)*?id="f-enfants_nb"/s.exec(html);
  assert.ok(block && block[0].includes('f-enfants_nb-error'));
  assert.match(html, /id="f-enfants\.1\.prenom-error">Ce champ est obligatoire\./);
  // A definition's own message wins over the key's.
  assert.match(html, /id="f-nom-error">Écrivez le nom en lettres\.</);
});

test('a field hidden by another page is absent; a same-page condition is left to the page, in words too', () => {
  const html = render();
  assert.doesNotMatch(html, /name="passeport"|Numéro de passeport/);
  const other = render({ answers: { ...answers, nationalite: 'autre' } });
  assert.match(other, /name="passeport"/);

  const wrapper = /<div data-visible-if="([^"]*)"[^>]*>(?:(?!<\/div>).)*name="conjoint"/s.exec(html) ?? /<div class="field" data-visible-if="([^"]*)">(?:(?!<\/div>).)*name="conjoint"/s.exec(html);
  assert.ok(wrapper, 'conjoint is wrapped');
  assert.deepEqual(JSON.parse(decode(wrapper[1]!)), { field: 'marie', op: 'equals', value: true, type: 'yesno' });
  assert.match(html, /Seulement si vous avez répondu «\u00a0Oui\u00a0» à «\u00a0Êtes-vous marié\(e\) \?\u00a0»\./);
  // Inside an item, a sibling is named with the item's index.
  assert.match(html, /data-visible-if="\{&quot;field&quot;:&quot;enfants\.1\.scolarise&quot;/);
});

test('private fields never render, whatever the answers hold', () => {
  const html = render();
  assert.doesNotMatch(html, /note_agent|Note de l’agent|Dossier suivi/);
});

test('the form script is a deferred external script with a hashed name', () => {
  const html = renderToString(h(FormScript, {}));
  assert.match(html, /^<script src="\/static\/form\.[0-9a-f]{10}\.js" defer><\/script>$/);
  assert.ok(script.br.length < 3 * 1024, `form.js is ${script.br.length} bytes compressed`);
});

// ---- Answers, read-only -----------------------------------------------------------------------------------------

test('answers are written for people, hidden and private ones left out', () => {
  const html = renderToString(
    h(AnswersView, { def, answers, i18n, locale: 'fr', country: 'ne', territories, fileHref, sectionHref: (id: string) => `/d/x/${id}` }),
  );
  assert.match(html, /<h2>Votre demande<\/h2>/);
  assert.match(html, /<a href="\/d\/x\/demande" aria-label="Modifier : Votre demande">Modifier<\/a>/);
  assert.match(html, /<dt>Date de naissance<\/dt><dd>27 mars 1990<\/dd>/);
  assert.match(html, /<dt>Rendez-vous<\/dt><dd>1 juillet 2026 (à )?14:30<\/dd>/);
  assert.match(html, /<dt>Revenu mensuel<\/dt><dd>125\u00a0000\u00a0FCFA<\/dd>/);
  assert.match(html, /<dt>Êtes-vous marié\(e\) \?<\/dt><dd>Oui<\/dd>/);
  assert.match(html, /<dt>Situation<\/dt><dd>Indépendant<\/dd>/);
  assert.match(html, /<li>Français<\/li><li>Zarma<\/li>/);
  assert.match(html, /<dd>Niamey II, Ville de Niamey, Niamey<\/dd>/);
  assert.match(html, /<a href="\/fichiers\/plan">plan\.pdf<\/a> \(245 Ko\)/);
  assert.match(html, /Passeport P1234567/);
  assert.match(html, /\+227 90 12 34 56/);
  assert.match(html, /<strong>Enfant 2<\/strong>/);
  assert.match(html, /<dt>École<\/dt><dd>(<span class="text">)?École Yantala/);
  assert.doesNotMatch(html, /Numéro de passeport|Note de l’agent|Dossier suivi/);
  // Moussa is not at school: the school question does not apply to him.
  assert.equal(html.match(/<dt>École<\/dt>/g)?.length, 1);
  const sparse = renderToString(h(AnswersView, { def, answers: { nom: 'Issa' }, i18n, locale: 'fr', country: 'ne', fileHref }));
  assert.match(sparse, /<dt>Motif<\/dt><dd><span class="meta">Non renseigné<\/span><\/dd>/);
  assert.match(sparse, /<dt>Êtes-vous marié\(e\) \?<\/dt><dd><span class="meta">À compléter<\/span><\/dd>/);
  assert.doesNotMatch(sparse, /Modifier/);
  const nested = renderToString(h(AnswersView, { def, answers, i18n, locale: 'fr', country: 'ne', fileHref, headingLevel: 3 }));
  assert.match(nested, /<h3>Votre demande<\/h3>/);
  const names = renderToString(
    h(AnswersView, { def, answers, i18n: createI18n('en', 'Africa/Niamey'), locale: 'en', country: 'ne', fileHref, names: () => ({ region: 'R', department: 'D', commune: 'C' }) }),
  );
  assert.match(names, /<dd>C, D, R<\/dd>/);
  assert.match(names, /<dd>Yes<\/dd>/);
});

// ---- In a real browser ------------------------------------------------------------------------------------------

let browser: Browser;
before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const css = readFileSync(new URL('../../../../public/app.css', import.meta.url), 'utf8');
const formJs = readFileSync(new URL('../../../../public/form.js', import.meta.url), 'utf8');
const ORIGIN = 'http://guichet.test';

function page(fields: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Votre demande</title>
<link rel="stylesheet" href="/app.css"><script src="/form.js" defer></script></head>
<body><main><h1>Votre demande</h1><form method="post" action="/envoyer" enctype="multipart/form-data" novalidate>${fields}
<button>Enregistrer et continuer</button></form></main></body></html>`;
}

async function open(html: string, territoriesApi: 'ok' | 'fail' = 'ok') {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  let fetched = 0;
  await p.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    const csp = { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" };
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html, headers: csp });
    if (url.pathname === '/app.css') return route.fulfill({ contentType: 'text/css', body: css });
    if (url.pathname === '/form.js') return route.fulfill({ contentType: 'text/javascript', body: formJs });
    if (url.pathname === '/api/v1/territories/ne') {
      fetched++;
      return territoriesApi === 'ok' ? route.fulfill({ contentType: 'application/json', body: JSON.stringify(territories) }) : route.fulfill({ status: 503, body: '' });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await p.goto(`${ORIGIN}/`);
  return { p, context, errors, fetched: () => fetched };
}

test('in Chromium: the form data reads back as the answers; the page passes axe', { skip: browserSkip }, async () => {
  const { p, context, errors } = await open(page(render()));
  await assertAccessible(p);
  const body = (await p.evaluate(() => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new FormData(document.querySelector('form')!)) {
      if (typeof v !== 'string') continue;
      const before = out[k];
      out[k] = before === undefined ? v : [...(Array.isArray(before) ? before : [before]), v];
    }
    return out;
  })) as FormBody;
  const read = readSection(def, 'demande', body, ctx(answers));
  assert.deepEqual(read.errors, []);
  assert.deepEqual(read.answers, pageAnswers);
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `no horizontal scrolling at 320 px (${width})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Chromium: Enter in a text box submits as Continue, not as an item or list button', { skip: browserSkip }, async () => {
  const { p, context } = await open(page(render()));
  await p.evaluate(() => {
    document.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault();
      (window as unknown as { submitter: string }).submitter = (e.submitter as HTMLButtonElement | null)?.name || '(nameless)';
    });
  });
  await p.locator('#f-nom').press('Enter');
  assert.equal(await p.evaluate(() => (window as unknown as { submitter: string }).submitter), '(nameless)');
  await context.close();
});

test('in Chromium: form.js shows and hides same-page questions as answers change', { skip: browserSkip }, async () => {
  const { p, context, errors } = await open(page(render()));
  const conjoint = p.locator('#f-conjoint');
  const ecole1 = p.locator('[id="f-enfants.1.ecole"]');
  assert.ok(await conjoint.isVisible());
  assert.ok(!(await ecole1.isVisible()), 'Moussa is not at school: hidden at load');
  await p.getByRole('group', { name: /Êtes-vous marié/ }).getByLabel('Non').check();
  assert.ok(!(await conjoint.isVisible()));
  await p.getByRole('group', { name: /Êtes-vous marié/ }).getByLabel('Oui').check();
  assert.ok(await conjoint.isVisible());
  await p.getByRole('group', { name: 'Enfant 2' }).getByLabel('Oui').check();
  assert.ok(await ecole1.isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Chromium: form.js fills the lower territory lists, or leaves the buttons when it cannot', { skip: browserSkip }, async () => {
  const { p, context, errors, fetched } = await open(page(render()));
  await p.locator('#f-lieu').selectOption('ne1');
  await p.waitForFunction(() => document.querySelectorAll('[id="f-lieu.department"] option').length === 3);
  assert.deepEqual(await p.locator('[id="f-lieu.department"] option').allTextContents(), ['Choisir…', 'Arlit', 'Tchirozérine']);
  assert.equal(await p.locator('[id="f-lieu.commune"]').inputValue(), '');
  assert.ok(!(await p.getByRole('button', { name: 'Afficher les départements' }).isVisible()));
  await p.locator('[id="f-lieu.department"]').selectOption('ne1-2');
  await p.waitForFunction(() => document.querySelectorAll('[id="f-lieu.commune"] option').length === 2);
  assert.equal(fetched(), 1, 'the tree is fetched once');
  assert.deepEqual(errors, []);
  await context.close();

  const failing = await open(page(render()), 'fail');
  await failing.p.locator('#f-lieu').selectOption('ne1');
  await failing.p.waitForTimeout(200);
  assert.ok(await failing.p.getByRole('button', { name: 'Afficher les départements' }).isVisible());
  assert.deepEqual(failing.errors, []);
  await failing.context.close();
});
