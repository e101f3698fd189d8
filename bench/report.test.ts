// The bench replaces its own section of docs/performance.md and nothing else: the notes written by hand
// around the sections (what broke first under load, and why) survive every run. Part of `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeReport, reportFile, writeSection } from './report.ts';

const FILE = `# Performance

Intro written by hand.

<!-- bench:PostgreSQL -->
## On PostgreSQL
old figures
<!-- /bench -->

What broke first: the session fiche (written by hand).

<!-- bench:PGlite (embedded) -->
## On PGlite
kept figures
<!-- /bench -->
`;

test('a run replaces its section where it stands and keeps every other line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  const file = join(dir, 'perf.md');
  await writeFile(file, FILE);
  const merged = await mergeReport('PostgreSQL', '## On PostgreSQL\nnew figures $& $1\n', file);
  assert.equal(merged, FILE.replace('old figures', () => 'new figures $& $1'));
});

test('a section not yet in the file is added at its end', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  const file = join(dir, 'perf.md');
  await writeFile(file, FILE);
  const merged = await mergeReport('Back office (PostgreSQL)', '## Back office\nfigures\n', file);
  assert.ok(merged.startsWith(FILE.trimEnd()));
  assert.ok(merged.endsWith('\n\n<!-- bench:Back office (PostgreSQL) -->\n## Back office\nfigures\n<!-- /bench -->\n'));
});

test('BENCH_OUT sends the report to another file and leaves docs/performance.md alone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  const out = join(dir, 'trial.md');
  const docs = await readFile(new URL('../docs/performance.md', import.meta.url), 'utf8');
  process.env.BENCH_OUT = out;
  try {
    assert.equal(reportFile(), out);
    await writeSection('PGlite (embedded)', '## On PGlite (embedded)\ntrial figures\n');
  } finally {
    delete process.env.BENCH_OUT;
  }
  assert.equal(await readFile(new URL('../docs/performance.md', import.meta.url), 'utf8'), docs);
  const trial = await readFile(out, 'utf8');
  assert.match(trial, /<!-- bench:PGlite \(embedded\) -->\n## On PGlite \(embedded\)\ntrial figures\n<!-- \/bench -->/);
  // Started from docs/performance.md: its other sections are in the trial file too.
  assert.match(trial, /<!-- bench:PostgreSQL -->/);
});
