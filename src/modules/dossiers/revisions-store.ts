// Revisions of a procedure's form. Published revisions are frozen: a new form is a new revision, and the
// previous one is kept ('superseded') because dossiers filed on it still point at it.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import type { FormDefinition } from '../forms/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface Revision {
  id: string;
  procedureId: string;
  number: number;
  definition: FormDefinition;
}

const columns = ['id', 'procedure_id as procedureId', 'number', 'definition'] as const;

export async function publishedRevision(db: Q, procedureId: string): Promise<Revision | undefined> {
  return (await db
    .selectFrom('procedure_revisions')
    .select(columns)
    .where('procedure_id', '=', procedureId)
    .where('status', '=', 'published')
    .executeTakeFirst()) as Revision | undefined;
}

// Published and superseded revisions never change: once read, a revision is kept (a draft revision of the
// builder is never cached). A few hundred procedures' forms fit easily in memory.
const frozen = new Map<string, Revision>();
const FROZEN_MAX = 2000;

export async function revisionById(db: Q, id: string): Promise<Revision | undefined> {
  const known = frozen.get(id);
  if (known) return known;
  const row = await db.selectFrom('procedure_revisions').select([...columns, 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const { status, ...revision } = row as Revision & { status: string };
  if (status !== 'draft') {
    if (frozen.size >= FROZEN_MAX) frozen.delete(frozen.keys().next().value!);
    frozen.set(id, revision);
  }
  return revision;
}

/** The id of the procedure's published revision: enough to tell whether a dossier is on the current form. */
export async function publishedRevisionId(db: Q, procedureId: string): Promise<string | undefined> {
  const row = await db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirst();
  return row?.id;
}

/**
 * Publishes `definition` as the procedure's form, unless it is the form already published (importing the
 * same pack twice makes no new revision). Returns the published revision.
 */
export async function publishDefinition(trx: Transaction<DB>, procedureId: string, definition: FormDefinition): Promise<Revision> {
  // Serialises publications of one procedure: two imports at once must not both take the next number.
  await trx.selectFrom('procedures').select('id').where('id', '=', procedureId).forUpdate().execute();
  const current = await publishedRevision(trx, procedureId);
  if (current && sameDefinition(current.definition, definition)) return current;
  const last = await trx
    .selectFrom('procedure_revisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await trx.updateTable('procedure_revisions').set({ status: 'superseded' }).where('procedure_id', '=', procedureId).where('status', '=', 'published').execute();
  const id = newId();
  await trx
    .insertInto('procedure_revisions')
    .values({ id, procedure_id: procedureId, number, status: 'published', definition: JSON.stringify(definition), published_at: new Date() })
    .execute();
  return { id, procedureId, number, definition };
}

/** Equal as data, whatever the order of keys (jsonb does not keep it). */
function sameDefinition(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
