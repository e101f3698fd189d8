// What a posted page asks for besides its answers. Without JavaScript, adding a row to a repeated block,
// removing one, or showing the departments of the region just chosen are buttons of the same form: the
// page is saved, then shown again.
import type { FormBody, FormDefinition, Section } from '../forms/index.ts';
import { MB } from '../forms/field-file.ts';
import { MAX_ITEMS } from '../forms/walk.ts';
import { fileFieldAt, maxSizeMb } from './drafts.ts';

export type PageAction =
  | { kind: 'continue' }
  | { kind: 'save-and-leave' }
  | { kind: 'refine' }
  | { kind: 'add-item'; repeatId: string }
  | { kind: 'remove-item'; repeatId: string; index: number };

const one = (body: FormBody, name: string): string | undefined => {
  const v = Object.hasOwn(body, name) ? body[name] : undefined;
  return Array.isArray(v) ? v[0] : v;
};

export function pageAction(body: FormBody): PageAction {
  const remove = one(body, '_remove');
  const match = remove ? /^([a-z][a-z0-9_]*)\.(\d{1,3})$/.exec(remove) : null;
  if (match) return { kind: 'remove-item', repeatId: match[1]!, index: Number(match[2]) };
  const add = one(body, '_add');
  if (add && /^[a-z][a-z0-9_]*$/.test(add)) return { kind: 'add-item', repeatId: add };
  if (one(body, '_refine') !== undefined) return { kind: 'refine' };
  if (one(body, '_save') !== undefined) return { kind: 'save-and-leave' };
  return { kind: 'continue' };
}

/** Which file inputs a page has and how large each file may be. */
export function pageLimits(def: FormDefinition, section: Section) {
  return fieldLimits(def, section.fields);
}

/** The same for the correction page, which holds the asked fields of several sections. */
export function correctionLimits(def: FormDefinition, asked: Set<string>) {
  return fieldLimits(def, def.sections.flatMap((s) => s.fields.filter((f) => asked.has(f.id))));
}

function fieldLimits(def: FormDefinition, fields: Section['fields']) {
  let files = 0;
  for (const field of fields) {
    if (field.type === 'attachment' || field.type === 'identityDocument') files += 1;
    if (field.type === 'repeat') files += field.fields.filter((c) => c.type === 'attachment' || c.type === 'identityDocument').length * (field.max ?? 20);
  }
  const ids = new Set(fields.map((f) => f.id));
  return {
    files: Math.min(files, MAX_ITEMS),
    fileLimit(path: string): number | undefined {
      if (!ids.has(path.split('.')[0]!)) return undefined;
      const field = fileFieldAt(def, path);
      return field ? maxSizeMb(field) * MB : undefined;
    },
  };
}

/**
 * The page as if the row had never been there: its inputs are taken out of the body and its files marked
 * removed, so reading the page drops it (rows are read in order, so the ones after it move up).
 */
export function withoutItem(section: Section, body: FormBody, repeatId: string, index: number): { body: FormBody; removals: string[] } {
  const prefix = `${repeatId}.${index}.`;
  const kept = Object.fromEntries(Object.entries(body).filter(([name]) => !name.startsWith(prefix)));
  const repeat = section.fields.find((f) => f.id === repeatId);
  const files = repeat?.type === 'repeat' ? repeat.fields.filter((c) => c.type === 'attachment' || c.type === 'identityDocument') : [];
  return { body: kept, removals: files.map((c) => `${prefix}${c.id}`) };
}
