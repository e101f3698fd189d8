// Reads and validates a country pack directory, reporting every problem with its file and line so that the
// people who write packs (often not developers) can fix them without reading code.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { packFileSchema, procedureFileSchema, type PackFile, type ProcedureFile } from './pack-schema.ts';

/** A path as people read it: relative to the working directory when inside it, absolute otherwise. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export interface PackProblem {
  file: string;
  line: number;
  message: string;
}

export interface Pack {
  dir: string;
  pack: PackFile;
  procedures: ProcedureFile[];
}

export class PackError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  }
}

export async function readPack(dir: string): Promise<Pack> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const problems: PackProblem[] = [];
  if (!names.some((n) => /^pack\.ya?ml$/.test(n))) {
    throw new PackError([{ file: shown(join(dir, 'pack.yaml')), line: 0, message: 'file missing' }]);
  }
  let pack: PackFile | undefined;
  const procedures: ProcedureFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = shown(path);
    const source = await readFile(path, 'utf8');
    if (/^pack\.ya?ml$/.test(name)) {
      pack = parseYaml(file, source, packFileSchema, problems);
    } else {
      const procedure = parseYaml(file, source, procedureFileSchema, problems);
      if (procedure && name.replace(/\.ya?ml$/, '') !== procedure.slug) {
        problems.push({ file, line: 1, message: `file name must be the slug: ${procedure.slug}.yaml` });
      } else if (procedure) procedures.push(procedure);
    }
  }
  if (pack) problems.push(...crossCheck(dir, pack, procedures));
  if (problems.length > 0 || !pack) throw new PackError(problems);
  return { dir, pack, procedures };
}

function parseYaml<S extends z.ZodTypeAny>(
  file: string,
  source: string,
  schema: S,
  problems: PackProblem[],
): z.infer<S> | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // An unknown key is best shown where it is written, not where its parent starts.
    if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
    const where = issue.code === 'unrecognized_keys' ? path.slice(0, -1) : path;
    problems.push({ file, line: lineOf(doc, path, lineCounter), message: `${where.join('.') || '(root)'}: ${issue.message}` });
  }
  return undefined;
}

/** The line of the deepest node that exists along the path (a missing key points at its parent). */
function lineOf(doc: ReturnType<typeof parseDocument>, path: (string | number)[], lines: LineCounter): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function crossCheck(dir: string, pack: PackFile, procedures: ProcedureFile[]): PackProblem[] {
  const problems: PackProblem[] = [];
  const file = (slug: string) => shown(join(dir, `${slug}.yaml`));
  const administrations = new Set<string>();
  const walk = (nodes: PackFile['administrations']) => {
    for (const a of nodes) {
      administrations.add(a.code);
      walk(a.children ?? []);
    }
  };
  walk(pack.administrations);
  const points = new Set(pack.service_points.map((p) => p.code));
  for (const p of pack.service_points) {
    if (!administrations.has(p.administration)) {
      problems.push({ file: shown(join(dir, 'pack.yaml')), line: 1, message: `service point ${p.code}: unknown administration ${p.administration}` });
    }
  }
  const slugs = new Set<string>();
  for (const proc of procedures) {
    if (slugs.has(proc.slug)) problems.push({ file: file(proc.slug), line: 1, message: `slug ${proc.slug} used twice` });
    slugs.add(proc.slug);
    if (!administrations.has(proc.administration)) {
      problems.push({ file: file(proc.slug), line: 1, message: `unknown administration ${proc.administration}` });
    }
    for (const sp of proc.service_points) {
      if (!points.has(sp)) problems.push({ file: file(proc.slug), line: 1, message: `unknown service point ${sp}` });
    }
  }
  return problems;
}
