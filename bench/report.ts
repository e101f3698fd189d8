// docs/performance.md keeps one section per measurement (`npm run bench` on PGlite, on PostgreSQL, and the
// back office's `npm run bench:inbox`); a run replaces its own section and leaves the others.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = join(new URL('..', import.meta.url).pathname, 'docs/performance.md');

export async function mergeReport(name: string, report: string): Promise<string> {
  const existing = await readFile(FILE, 'utf8').catch(() => '');
  const sections = new Map<string, string>();
  for (const m of existing.matchAll(/<!-- bench:(.+?) -->\n([\s\S]*?)<!-- \/bench -->/g)) sections.set(m[1]!, m[2]!);
  sections.set(name, report);
  const body = [...sections].sort(([a], [b]) => a.localeCompare(b)).map(([key, text]) => `<!-- bench:${key} -->\n${text}<!-- /bench -->`).join('\n\n');
  return `# Performance\n\nWritten by \`npm run bench\` (embedded PGlite), \`DATABASE_URL=… npm run bench\` (PostgreSQL) and \`DATABASE_URL=… npm run bench:inbox\` (the back office).\n\n${body}\n`;
}

export async function writeSection(name: string, report: string): Promise<void> {
  await writeFile(FILE, await mergeReport(name, report));
}
