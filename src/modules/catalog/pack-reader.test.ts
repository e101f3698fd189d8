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
  });
  try {
    await assert.rejects(readPack(dir), (err: unknown) => {
      assert.ok(err instanceof PackError);
      const text = err.message;
      assert.match(text, /ma-demarche\.yaml:4: cost/);
      assert.match(text, /autre\.yaml:2: category/);
      assert.match(text, /casse\.yaml:\d+:/);
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
