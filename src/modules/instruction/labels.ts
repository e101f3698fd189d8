// Labels: a manager names them for his administration; agents put them on dossiers to sort their work. A
// dossier takes the labels of its administration and of the administrations above it (a ministry's label serves
// its courts' registries too).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { newId } from '../../platform/db/ids.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { appendAudit } from '../../platform/audit/index.ts';

export interface Label {
  id: string;
  name: string;
}

export const LABEL_MAX_LENGTH = 40;

/** The labels a dossier of this administration can carry: its own and its ancestors'. */
export async function labelsFor(db: Kysely<DB>, administrationId: string | null): Promise<Label[]> {
  if (!administrationId) return [];
  const { rows } = await sql<Label>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM administrations WHERE id = ${administrationId}
      UNION SELECT a.id, a.parent_id FROM administrations a JOIN up ON a.id = up.parent_id)
    SELECT l.id, l.name FROM labels l JOIN up ON up.id = l.administration_id ORDER BY l.name`.execute(db);
  return rows;
}

export async function labelsOf(db: Kysely<DB>, dossierId: string): Promise<Label[]> {
  return db.selectFrom('dossier_labels as dl').innerJoin('labels as l', 'l.id', 'dl.label_id').select(['l.id', 'l.name']).where('dl.dossier_id', '=', dossierId).orderBy('l.name').execute();
}

/** Sets a dossier's labels to the chosen ones among those it can carry; an unknown id refuses the whole change. */
export async function setLabels(db: Kysely<DB>, dossier: { id: string; administrationId: string | null }, chosen: string[]): Promise<boolean> {
  const allowed = new Set((await labelsFor(db, dossier.administrationId)).map((l) => l.id));
  if (chosen.some((id) => !allowed.has(id))) return false;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dossier_labels').where('dossier_id', '=', dossier.id).execute();
    if (chosen.length > 0) await trx.insertInto('dossier_labels').values([...new Set(chosen)].map((label_id) => ({ dossier_id: dossier.id, label_id }))).execute();
  });
  return true;
}

/** Adds one label (the inbox's batch action); false when the dossier cannot carry it. */
export async function addLabel(db: Kysely<DB>, dossier: { id: string; administrationId: string | null }, labelId: string): Promise<boolean> {
  if (!(await labelsFor(db, dossier.administrationId)).some((l) => l.id === labelId)) return false;
  await db.insertInto('dossier_labels').values({ dossier_id: dossier.id, label_id: labelId }).onConflict((oc) => oc.doNothing()).execute();
  return true;
}

export type LabelError = 'name' | 'taken';

/** A manager creates a label in his own administration. */
export async function createLabel(db: Kysely<DB>, manager: SessionUser, name: string): Promise<LabelError | null> {
  const administrationId = managedAdministration(manager);
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '' || clean.length > LABEL_MAX_LENGTH) return 'name';
  const taken = await db.selectFrom('labels').select('id').where('administration_id', '=', administrationId).where('name', '=', clean).executeTakeFirst();
  if (taken) return 'taken';
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('labels').values({ id, administration_id: administrationId, name: clean }).execute();
    await appendAudit(trx, { actorId: manager.id, action: 'label.create', subject: { type: 'label', id }, administrationId, details: { name: clean } });
  });
  return null;
}

/** A manager deletes one of his administration's labels (it leaves every dossier); another's is not found. */
export async function deleteLabel(db: Kysely<DB>, manager: SessionUser, labelId: string): Promise<void> {
  const administrationId = managedAdministration(manager);
  await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('labels').where('id', '=', labelId).where('administration_id', '=', administrationId).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new HttpProblem(404, 'instruction.labels.notfound');
    await appendAudit(trx, { actorId: manager.id, action: 'label.delete', subject: { type: 'label', id: labelId }, administrationId });
  });
}

export async function ownLabels(db: Kysely<DB>, manager: SessionUser): Promise<Label[]> {
  return db.selectFrom('labels').select(['id', 'name']).where('administration_id', '=', managedAdministration(manager)).orderBy('name').execute();
}

function managedAdministration(user: SessionUser): string {
  if (user.role !== 'manager' || !user.administrationId) throw new HttpProblem(403, 'error.forbidden');
  return user.administrationId;
}
