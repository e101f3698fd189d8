// Reads and validates a country pack directory, reporting every problem with its file and line so that the
// people who write packs (often not developers) can fix them without reading code.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { packFileSchema, procedureFileSchema, type PackFile, type ProcedureFile } from './pack-schema.ts';
import { parseDefinition, type FormDefinition } from '../forms/index.ts';

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

export interface OnlineForm {
  slug: string;
  definition: FormDefinition;
}

export interface Pack {
  dir: string;
  pack: PackFile;
  procedures: ProcedureFile[];
  forms: OnlineForm[];
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
      pack = parseYaml(file, source, withSchema(packFileSchema), problems);
    } else {
      const procedure = parseYaml(file, source, withSchema(procedureFileSchema), problems);
      if (procedure && name.replace(/\.ya?ml$/, '') !== procedure.slug) {
        problems.push({ file, line: 1, message: `file name must be the slug: ${procedure.slug}.yaml` });
      } else if (procedure) procedures.push(procedure);
    }
  }
  const forms = await readForms(join(dir, 'online'), problems);
  if (pack) problems.push(...crossCheck(dir, pack, procedures));
  for (const form of forms) {
    const fiche = procedures.find((p) => p.slug === form.slug);
    if (!fiche) {
      problems.push({ file: shown(join(dir, 'online', `${form.slug}.yaml`)), line: 1, message: `no fiche ${form.slug}.yaml for this online form` });
    } else if (form.definition.fee && !form.definition.fee.per?.length && fiche.cost !== undefined && fiche.cost !== form.definition.fee.amount) {
      // A fixed fee is the fiche's cost: citizens read one and pay the other (decision 0017).
      const message = `fee.amount (${form.definition.fee.amount}) differs from the fiche's cost (${fiche.cost})`;
      problems.push({ file: shown(join(dir, 'online', `${form.slug}.yaml`)), line: 1, message });
    }
  }
  if (problems.length > 0 || !pack) throw new PackError(problems);
  return { dir, pack, procedures, forms };
}

/** Online forms: `online/<slug>.yaml`, the form of the fiche with that slug (docs/procedures.md). */
async function readForms(dir: string, problems: PackProblem[]): Promise<OnlineForm[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return [];
  }
  const forms: OnlineForm[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const definition = parseYaml(shown(path), await readFile(path, 'utf8'), checkForm, problems);
    if (definition) forms.push({ slug: name.replace(/\.ya?ml$/, ''), definition });
  }
  return forms;
}

interface Issue {
  path: (string | number)[];
  message: string;
}

type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Parses a YAML file and checks its content, reporting each problem at the line it comes from. */
function parseYaml<T>(file: string, source: string, check: (data: unknown) => Checked<T>, problems: PackProblem[]): T | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! });
    }
    return undefined;
  }
  const result = check(doc.toJS());
  if (result.ok) return result.value;
  for (const issue of result.issues) {
    problems.push({ file, line: lineOf(doc, issue.path, lineCounter), message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  return undefined;
}

/** A zod schema as a check; an unknown key is shown where it is written, not where its parent starts. */
function withSchema<S extends z.ZodTypeAny>(schema: S) {
  return (data: unknown): Checked<z.infer<S>> => {
    const result = schema.safeParse(data);
    if (result.success) return { ok: true, value: result.data };
    return {
      ok: false,
      issues: result.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        return issue.code === 'unrecognized_keys' && issue.keys[0] ? { path: [...path, issue.keys[0]], message: issue.message } : { path, message: issue.message };
      }),
    };
  };
}

function checkForm(data: unknown): Checked<FormDefinition> {
  const parsed = parseDefinition(data);
  return parsed.ok ? { ok: true, value: parsed.definition } : { ok: false, issues: parsed.issues };
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
