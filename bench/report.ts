// docs/performance.md keeps one section per measurement (`npm run bench` on PGlite, on PostgreSQL, and the
// back office's million dossiers), each between markers; a run replaces its own sections and leaves the rest.
//
// BENCH_OUT=/tmp/perf.md writes there instead (starting from that file if it exists, else from
// docs/performance.md): a trial run on a busy machine must not replace the figures of a quiet one. The
// variable reaches the steps the bench runs as child processes (bench/inbox.ts) too.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const DOCS = join(new URL('..', import.meta.url).pathname, 'docs/performance.md');

/** Where the report goes: docs/performance.md, or BENCH_OUT. */
export function reportFile(): string {
  return process.env.BENCH_OUT || DOCS;
}

const HEADER = `# Performance

Written by \`npm run bench\`: the citizen pages, submissions and page weights on the embedded PGlite, or on
PostgreSQL with \`DATABASE_URL=…\`, where it also times the back office's inbox and search on a million dossiers
(\`bench/inbox.ts\`, also \`npm run bench:inbox\` alone). Each section says on what machine and when it ran.
`;

/**
 * The file with the section `name` replaced where it stands (or added at the end). Everything outside the
 * sections' markers (the introduction, notes written by hand on what broke first and why) is kept as it is.
 */
export async function mergeReport(name: string, report: string, target = reportFile()): Promise<string> {
  const from = existsSync(target) ? target : DOCS;
  const existing = (await readFile(from, 'utf8').catch(() => '')) || HEADER;
  const section = `<!-- bench:${name} -->\n${report.endsWith('\n') ? report : `${report}\n`}<!-- /bench -->`;
  const marker = new RegExp(`<!-- bench:${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->\n[\\s\\S]*?<!-- \\/bench -->`);
  if (marker.test(existing)) return existing.replace(marker, () => section);
  return `${existing.replace(/\n*$/, '')}\n\n${section}\n`;
}

export async function writeSection(name: string, report: string): Promise<void> {
  const target = reportFile();
  await writeFile(target, await mergeReport(name, report, target));
}
