import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPack, PackError } from './pack-reader.ts';
import { PROCEDURES_DIR } from '../../seed.ts';

test('the shipped country packs are valid and large enough for a real demo', async () => {
  const minimum = { ne: 25, sn: 10, ci: 10 };
  for (const [country, min] of Object.entries(minimum)) {
    const pack = await readPack(join(PROCEDURES_DIR, country));
    assert.equal(pack.pack.country, country);
    assert.ok(pack.procedures.length >= min, `${country}: ${pack.procedures.length} procedures, expected at least ${min}`);
    for (const form of pack.forms) assert.ok(pack.procedures.some((p) => p.slug === form.slug));
    for (const p of pack.procedures) {
      assert.ok(p.fr.documents.length > 0 || p.cost === 0, `${country}/${p.slug} lists its documents`);
    }
  }
});

async function packWith(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'pack-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const PACK = `country: ne
administrations:
  - code: ne-x
    name: Ministère X
service_points: []
`;

test('the Niger pack ships the online form of the criminal record extract request', async () => {
  const pack = await readPack(join(PROCEDURES_DIR, 'ne'));
  const form = pack.forms.find((f) => f.slug === 'extrait-casier-judiciaire');
  assert.ok(form);
  assert.deepEqual(form.definition.sections.map((s) => s.id), ['identite', 'piece', 'contact', 'engagement']);
});

test('an online form with a mistake is reported at its line', async () => {
  const dir = await packWith({
    'pack.yaml': PACK,
    'ma-demarche.yaml': 'slug: ma-demarche\ncategory: justice\nadministration: ne-x\nupdated: 2026-01-01\nfr:\n  title: T\n  summary: S\n',
  });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'online'));
  await writeFile(
    join(dir, 'online', 'ma-demarche.yaml'),
    'sections:\n  - id: s\n    title: S\n    fields:\n      - { id: a, type: text, label: A, visibleIf: { field: b, op: filled } }\n      - { id: b, type: text, label: B }\n',
  );
  await writeFile(join(dir, 'online', 'orpheline.yaml'), 'sections:\n  - { id: s, title: S, fields: [] }\n');
  try {
    await assert.rejects(readPack(dir), (err: unknown) => {
      assert.ok(err instanceof PackError);
      assert.match(err.message, /online\/ma-demarche\.yaml:5: sections\.0\.fields\.0\.visibleIf\.field: condition on "b"/);
      assert.match(err.message, /online\/orpheline\.yaml:1: no fiche orpheline\.yaml/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a fixed fee must be the fiche’s cost; the Niger criminal record extract asks its 1 000 FCFA', async () => {
  const shipped = await readPack(join(PROCEDURES_DIR, 'ne'));
  assert.equal(shipped.forms.find((f) => f.slug === 'extrait-casier-judiciaire')?.definition.fee?.amount, 1000);
  const dir = await packWith({
    'pack.yaml': PACK,
    'ma-demarche.yaml': 'slug: ma-demarche\ncategory: justice\nadministration: ne-x\ncost: 1000\nupdated: 2026-01-01\nfr:\n  title: T\n  summary: S\n',
  });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'online'));
  await writeFile(join(dir, 'online', 'ma-demarche.yaml'), 'fee: { amount: 1500 }\nsections:\n  - { id: s, title: S, fields: [{ id: a, type: text, label: A }] }\n');
  try {
    await assert.rejects(readPack(dir), /online\/ma-demarche\.yaml:1: fee\.amount \(1500\) differs from the fiche's cost \(1000\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('problems are reported with their file and line', async () => {
  const dir = await packWith({
    'pack.yaml': PACK,
    'ma-demarche.yaml': `slug: ma-demarche
category: justice
administration: ne-x
cost: -5
updated: 2026-01-01
fr:
  title: Titre
  summary: Résumé
`,
    'autre.yaml': `slug: autre
category: pas-une-categorie
administration: ne-inconnue
updated: 2026-01-01
fr:
  title: Titre
  summary: Résumé
`,
    'casse.yaml': 'slug: [unterminated\n',
    'lien.yaml': 'slug: lien\ncategory: justice\nadministration: ne-x\nupdated: 2026-01-01\nonline: { available: true, url: "javascript:alert(1)" }\nfr:\n  title: T\n  summary: S\n',
  });
  try {
    await assert.rejects(readPack(dir), (err: unknown) => {
      assert.ok(err instanceof PackError);
      const text = err.message;
      assert.match(text, /ma-demarche\.yaml:4: cost/);
      assert.match(text, /autre\.yaml:2: category/);
      assert.match(text, /casse\.yaml:\d+:/);
      assert.match(text, /lien\.yaml:5: online\.url: an https:\/\/ address/, 'no script link reaches a page');
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cross references are checked: administrations, service points, file names', async () => {
  const dir = await packWith({
    'pack.yaml': PACK,
    'nom-different.yaml': `slug: une-demarche
category: justice
administration: ne-inconnue
service_points: [nulle-part]
updated: 2026-01-01
fr:
  title: Titre
  summary: Résumé
`,
  });
  try {
    await assert.rejects(readPack(dir), /file name must be the slug/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
