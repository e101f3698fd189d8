// The rules of exports. An export holds only dossiers of the author's scope (scope.ts), re-read when the
// file is built: a job that runs later re-applies the scope of that moment, so an agent who left the team
// or a manager who lost his administration gets nothing. Small exports are built during the request; larger
// ones are queued (an `exports` row and its job in one transaction) and built by the worker into the blob
// store, then the author is told. Only the author downloads an export, and every download is audited.
import type { Kysely } from 'kysely';
import type { Config } from '../../../config.ts';
import type { DB, ExportFormat } from '../../../platform/db/schema.ts';
import type { SessionUser } from '../../../platform/auth/session.ts';
import type { BlobStore } from '../../../platform/storage/blobs.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import { enqueue, type JobHandler } from '../../../platform/jobs/outbox.ts';
import type { MaintenanceTask } from '../../../platform/jobs/maintenance.ts';
import { queueMessage } from '../../../platform/notify/messages.ts';
import { HttpProblem } from '../../../platform/http/errors.tsx';
import { createI18n, isLocale, type I18n } from '../../../platform/i18n/index.ts';
import { territoryNames } from '../../territories/index.ts';
import { scopeOf, type Scope } from '../scope.ts';
import { proceduresInScope } from '../store.ts';
import { buildExport, collect, type BuildInput } from './build.ts';
import { columnGroups, pickColumns, type Column, type ColumnGroup } from './columns.ts';
import { ID, readFilters, readFormat, type ExportForm, type InputError } from './input.ts';
import { exportSettings } from './settings.ts';
import * as store from './store.ts';
import { wallClock, type CellContext } from './values.ts';

export type Env = { db: Kysely<DB>; blobs: BlobStore; config: Config };

export const EXPORT_JOB = 'instruction.export';
const DAY_MS = 86_400_000;

/** Agents and managers export their dossiers; an operator runs the platform and reads none. */
export function mayExport(user: Pick<SessionUser, 'role'>): boolean {
  return user.role === 'agent' || user.role === 'manager';
}

export interface Workspace {
  scope: Scope;
  procedures: { id: string; title: string }[];
}

/** The author's scope and the procedures he may export: those whose dossiers reach his teams or administration. */
export async function workspaceOf(db: Kysely<DB>, user: SessionUser, locale: string): Promise<Workspace> {
  const scope = await scopeOf(db, user);
  return { scope, procedures: await proceduresInScope(db, scope, locale) };
}

export interface ProcedureView {
  id: string;
  title: string;
  groups: ColumnGroup[];
  sets: store.ColumnSet[];
}

/** A procedure of the workspace with its columns and the agent's saved sets; undefined if it is not his. */
export async function procedureView(env: Env, user: SessionUser, ws: Workspace, procedureId: string, i18n: I18n): Promise<ProcedureView | undefined> {
  const procedure = ws.procedures.find((p) => p.id === procedureId);
  if (!procedure) return undefined;
  const [form, sets] = await Promise.all([store.publishedForm(env.db, procedure.id), store.columnSets(env.db, user.id, procedure.id)]);
  return { ...procedure, groups: columnGroups(form, i18n), sets };
}

type Checked<T> = ({ ok: true } & T) | { ok: false; errors: InputError[]; view?: ProcedureView };

/** The procedure and columns of a posted form, if they are the agent's to choose. */
async function checkColumns(env: Env, user: SessionUser, ws: Workspace, form: ExportForm, i18n: I18n): Promise<Checked<{ view: ProcedureView; columns: Column[] }>> {
  const view = ID.test(form.procedureId) ? await procedureView(env, user, ws, form.procedureId, i18n) : undefined;
  if (!view) return { ok: false, errors: [{ field: 'demarche', key: 'instruction.export.error.procedure' }] };
  const fail = (key: InputError['key'], params?: InputError['params']): Checked<never> => ({ ok: false, errors: [{ field: 'colonnes', key, params }], view });
  if (form.columns.length === 0) return fail('instruction.export.error.nocolumn');
  if (form.columns.length > exportSettings.maxColumns) return fail('instruction.export.error.toomany', { n: exportSettings.maxColumns });
  const { columns, unknown } = pickColumns(view.groups, form.columns);
  if (unknown.length > 0) return fail('instruction.export.error.column');
  return { ok: true, view, columns };
}

export type ExportOutcome =
  | { ok: true; kind: 'file'; fileName: string; format: ExportFormat; body: Buffer; rows: number }
  | { ok: true; kind: 'queued'; id: string }
  | { ok: false; errors: InputError[]; view?: ProcedureView };

/** Builds a small export now, or queues a large one for the worker. */
export async function requestExport(env: Env, user: SessionUser, form: ExportForm, i18n: I18n): Promise<ExportOutcome> {
  const ws = await workspaceOf(env.db, user, i18n.locale);
  const checked = await checkColumns(env, user, ws, form, i18n);
  const format = readFormat(form);
  const filters = readFilters(form);
  const errors = [...(checked.ok ? [] : checked.errors), ...format.errors, ...filters.errors];
  if (!checked.ok || !format.format || errors.length > 0) return { ok: false, errors, view: checked.view };
  const query: store.ExportQuery = { scope: ws.scope, procedureId: checked.view.id, filters: filters.filters };
  const fileName = await fileNameOf(env, checked.view.id, format.format, new Date());
  const details = { procedure: checked.view.id, format: format.format, columns: checked.columns.map((c) => c.id), filters: filters.filters };
  const about = { actorId: user.id, administrationId: user.administrationId };

  if ((await store.countUpTo(env.db, query, exportSettings.syncMax)) <= exportSettings.syncMax) {
    const { rows, taken } = await buildExport(env.db, buildInput(env, query, checked.columns, format.format, i18n), collect);
    await appendAudit(env.db, { ...about, action: 'export.download', subject: { type: 'procedure', id: checked.view.id }, details: { ...details, rows } });
    return { ok: true, kind: 'file', fileName, format: format.format, body: taken, rows };
  }
  const id = await env.db.transaction().execute(async (trx) => {
    const id = await store.insertExport(trx, { userId: user.id, procedureId: checked.view.id, format: format.format!, columns: details.columns, filters: filters.filters, locale: i18n.locale, fileName });
    await enqueue(trx, EXPORT_JOB, { exportId: id });
    // Last write of the transaction: the audit log's head stays locked until the commit.
    await appendAudit(trx, { ...about, action: 'export.request', subject: { type: 'export', id }, details });
    return id;
  });
  return { ok: true, kind: 'queued', id };
}

function buildInput(env: Env, query: store.ExportQuery, columns: Column[], format: ExportFormat, i18n: I18n): BuildInput {
  const cells: CellContext = { i18n, country: env.config.country, territoryNames };
  return { query, columns, format, cells, sheetName: i18n.t('instruction.export.sheet'), pageSize: exportSettings.pageSize };
}

/** `extrait-casier-judiciaire-20261201-1405.csv`: the procedure and the moment, in plain ASCII. */
async function fileNameOf(env: Env, procedureId: string, format: ExportFormat, now: Date): Promise<string> {
  const slug = (await store.procedureSlug(env.db, procedureId)).replace(/[^a-z0-9-]/g, '-');
  const stamp = wallClock(now, env.config.timeZone).at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${slug}-${stamp}.${format}`;
}

// ---- Saved column sets --------------------------------------------------------------------------------------

const NAME_MAX = 80;

export async function saveColumnSet(env: Env, user: SessionUser, form: ExportForm, i18n: I18n): Promise<{ ok: true; id: string; procedureId: string } | { ok: false; errors: InputError[]; view?: ProcedureView }> {
  const ws = await workspaceOf(env.db, user, i18n.locale);
  const checked = await checkColumns(env, user, ws, form, i18n);
  const errors = checked.ok ? [] : [...checked.errors];
  if (!form.setName) errors.push({ field: 'nom', key: 'instruction.export.error.name' });
  else if (form.setName.length > NAME_MAX) errors.push({ field: 'nom', key: 'instruction.export.error.namelong' });
  const view = checked.view;
  if (view && !view.sets.some((s) => s.name === form.setName) && view.sets.length >= exportSettings.maxSets) errors.push({ field: 'nom', key: 'instruction.export.error.sets', params: { n: exportSettings.maxSets } });
  if (!checked.ok || errors.length > 0) return { ok: false, errors, view };
  const id = await store.saveColumnSet(env.db, { userId: user.id, procedureId: checked.view.id, name: form.setName, columns: checked.columns.map((c) => c.id) });
  return { ok: true, id, procedureId: checked.view.id };
}

/** Deletes one of the agent's sets; anyone else's id (or none) is not found. */
export async function deleteColumnSet(env: Env, user: SessionUser, id: string): Promise<string> {
  const deleted = ID.test(id) ? await store.deleteColumnSet(env.db, user.id, id) : undefined;
  if (!deleted) throw new HttpProblem(404, 'instruction.export.error.setnotfound');
  return deleted.procedureId;
}

// ---- Exports built by the worker ----------------------------------------------------------------------------

/** A stored export for its author to download: a 404 for anyone else, or once its rights or its days are gone. */
export async function openExport(env: Env, user: SessionUser, id: string, now = new Date()) {
  const record = ID.test(id) ? await store.exportById(env.db, id) : undefined;
  const fresh = record && record.createdAt.getTime() > now.getTime() - exportSettings.keepDays * DAY_MS;
  if (!record || !fresh || record.userId !== user.id || record.status !== 'ready' || !record.blobKey) throw new HttpProblem(404, 'instruction.export.error.notfound');
  const ws = await workspaceOf(env.db, user, record.locale);
  if (!ws.procedures.some((p) => p.id === record.procedureId)) throw new HttpProblem(404, 'instruction.export.error.notfound');
  const file = await env.blobs.get(record.blobKey);
  if (!file) throw new HttpProblem(404, 'instruction.export.error.notfound');
  await appendAudit(env.db, {
    actorId: user.id,
    administrationId: user.administrationId,
    action: 'export.download',
    subject: { type: 'export', id: record.id },
    details: { procedure: record.procedureId, format: record.format, columns: record.columns, filters: record.filters, rows: record.rowCount },
  });
  return { record, file };
}

export function exportJobHandler(env: Env): JobHandler {
  return async (payload) => {
    const record = await store.exportById(env.db, String(payload.exportId));
    if (!record || record.status !== 'pending') return; // deleted, or finished by an earlier run
    const i18n = createI18n(isLocale(record.locale) ? record.locale : env.config.defaultLocale, env.config.timeZone);
    const author = await env.db.selectFrom('users').select(['id', 'name', 'phone', 'email', 'role', 'administration_id as administrationId']).where('id', '=', record.userId).executeTakeFirst();
    const built = author ? await buildStored(env, record, author, i18n) : { ok: false as const, error: 'author gone' };
    await env.db.transaction().execute(async (trx) => {
      const finished = await store.finishExport(trx, record.id, built.ok ? { status: 'ready', blobKey: built.blobKey, rowCount: built.rows } : { status: 'failed', error: built.error });
      if (finished && author) await tellAuthor(env, trx, author, record, i18n, built.ok ? built.rows : undefined);
      // Another run finished it first: this run's file is nobody's.
      else if (built.ok) await env.blobs.delete(built.blobKey);
    });
  };
}

type Built = { ok: true; blobKey: string; rows: number } | { ok: false; error: string };

async function buildStored(env: Env, record: store.ExportRecord, author: SessionUser, i18n: I18n): Promise<Built> {
  if (!mayExport(author)) return { ok: false, error: 'rights' };
  const ws = await workspaceOf(env.db, author, record.locale);
  if (!ws.procedures.some((p) => p.id === record.procedureId)) return { ok: false, error: 'rights' };
  // The form may have changed since: columns that no longer exist are left out.
  const { columns } = pickColumns(columnGroups(await store.publishedForm(env.db, record.procedureId), i18n), record.columns);
  if (columns.length === 0) return { ok: false, error: 'columns' };
  const query: store.ExportQuery = { scope: ws.scope, procedureId: record.procedureId, filters: record.filters };
  try {
    const { rows, taken } = await buildExport(env.db, buildInput(env, query, columns, record.format, i18n), (file) => env.blobs.putStream(file));
    return { ok: true, blobKey: taken, rows };
  } catch (err) {
    // Rebuilding would fail the same way: the agent is told and may ask again.
    return { ok: false, error: String((err as Error).message ?? err) };
  }
}

/** An e-mail when the author has an address, else an SMS, saying the file is ready (or could not be made). */
async function tellAuthor(env: Env, trx: Kysely<DB>, author: SessionUser, record: store.ExportRecord, i18n: I18n, rows: number | undefined): Promise<void> {
  const params = { procedure: record.procedureTitle, n: rows ?? 0, days: exportSettings.keepDays, url: `${env.config.publicUrl}/agent/exports` };
  const body = i18n.t(rows === undefined ? 'instruction.export.message.failed' : 'instruction.export.message.ready', params);
  if (author.email) await queueMessage(trx, { channel: 'email', to: author.email, subject: i18n.t('instruction.export.message.subject'), body });
  else if (author.phone) await queueMessage(trx, { channel: 'sms', to: author.phone, body });
}

/** Exports are deleted, rows and files, after exportSettings.keepDays days. */
export function purgeOldExports(blobs: BlobStore): MaintenanceTask {
  return async (db, now) => {
    const before = new Date(now.getTime() - exportSettings.keepDays * DAY_MS);
    for (;;) {
      const batch = await store.exportsOlderThan(db, before, 100);
      // The file first: if the row went first, a crash in between would leave a file nothing points at.
      for (const e of batch) {
        if (e.blobKey) await blobs.delete(e.blobKey);
        await store.deleteExport(db, e.id);
      }
      if (batch.length < 100) break;
    }
  };
}
