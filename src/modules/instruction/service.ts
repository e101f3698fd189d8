// The back office's rules: every action starts by finding the dossier in the agent's scope (else: not found,
// whatever the reason), then asks the dossiers module to make the move. Opening a dossier, downloading one of
// its files and every decision are written to the audit log.
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { appendAudit } from '../../platform/audit/index.ts';
import { decide, openFiled, requestCorrection, type Action, type DecisionFile, type OpenDossier } from '../dossiers/index.ts';
import { scopeOf, visibleTeams, type Scope } from './scope.ts';
import * as store from './store.ts';
import type { I18n } from '../../platform/i18n/index.ts';
import type { InputField } from '../forms/index.ts';
import { territoryNames } from '../territories/index.ts';
import { labelsFor, type Label } from './labels.ts';
import { writeCursor, inboxHref, type InboxParams } from './inbox-query.ts';
import { columnsPreference, readColumnsForm, resolveColumns, saveColumns, type AnswerColumnChoice, type Direction, type InboxColumn, type SortKey } from './inbox-columns.ts';
import { columnGroups } from './exports/columns.ts';
import { publishedForm } from './exports/store.ts';
import { answerCell, cellText, type CellContext } from './exports/values.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

export type Env = { db: Kysely<DB>; blobs: BlobStore; config: Config };

export interface AgentView {
  scope: Scope;
  dossier: store.AgentDossier;
  open: OpenDossier;
}

/**
 * The dossier if the agent may see it; a 404 otherwise (never a 403: it would confirm that the id exists).
 * Someone asked for an opinion (`dossier.access === 'expert'`) gets in only where the route says `expert:
 * true` (reading the dossier and its files, answering); every other route — every action — finds nothing.
 */
export async function dossierForAgent(env: Env, user: SessionUser, id: string, locale: string, opts: { expert?: boolean } = {}): Promise<AgentView> {
  const scope = await scopeOf(env.db, user);
  // Operators read no citizen's file, even if someone put one in a team that was asked.
  const admitExpert = opts.expert === true && (user.role === 'agent' || user.role === 'manager');
  const dossier = ID.test(id) ? await store.dossierInScope(env.db, scope, id, user.id, admitExpert) : undefined;
  const open = dossier && (await openFiled(env.db, dossier.id, locale));
  if (!dossier || !open) throw new HttpProblem(404, 'instruction.error.notfound');
  return { scope, dossier, open };
}

export async function recordOpening(env: Env, user: SessionUser, view: AgentView): Promise<void> {
  await appendAudit(env.db, { ...about(user, view), action: 'dossier.open' });
}

export async function recordDownload(env: Env, user: SessionUser, view: AgentView, fileId: string): Promise<void> {
  await appendAudit(env.db, { ...about(user, view), action: 'dossier.download', details: { file: fileId } });
}

export type ActionOutcome = { ok: true } | { ok: false; error: 'stale' | 'state' | 'motivation' | 'fields' | 'reason' | 'team' };

export async function takeDecision(env: Env, user: SessionUser, view: AgentView, input: { action: Action; motivation: string; version: number; file?: DecisionFile }): Promise<ActionOutcome> {
  const now = new Date();
  const result = await decide(env, {
    dossierId: view.dossier.id,
    action: input.action,
    motivation: input.motivation,
    version: input.version,
    agentId: user.id,
    now,
    file: input.file,
    alsoInTransaction: (trx, status) => appendAudit(trx, { ...about(user, view), action: 'dossier.decision', details: { action: input.action, status, ...(input.file ? { file: input.file.id } : {}) } }),
  });
  return result.ok ? { ok: true } : { ok: false, error: result.reason === 'not-found' ? 'state' : result.reason };
}

export async function askCorrection(env: Env, user: SessionUser, view: AgentView, input: { fields: string[]; reason: string; version: number }): Promise<ActionOutcome> {
  const result = await requestCorrection(env, {
    dossierId: view.dossier.id,
    fields: input.fields,
    reason: input.reason,
    agentId: user.id,
    now: new Date(),
    version: input.version,
    alsoInTransaction: (trx) => appendAudit(trx, { ...about(user, view), action: 'dossier.correction', details: { fields: input.fields } }),
  });
  return result.ok ? { ok: true } : { ok: false, error: result.reason };
}

/** A manager moves a dossier to another team of his administration. */
export async function reassign(env: Env, user: SessionUser, view: AgentView, input: { teamId: string; version: number }): Promise<ActionOutcome> {
  if (user.role !== 'manager') throw new HttpProblem(403, 'error.forbidden');
  const teams = await visibleTeams(env.db, view.scope);
  if (!teams.some((t) => t.id === input.teamId)) return { ok: false, error: 'team' };
  if (!(await store.assignTeam(env.db, view.dossier.id, input.teamId, input.version))) return { ok: false, error: 'stale' };
  await appendAudit(env.db, { ...about(user, view), action: 'dossier.assign', details: { from: view.dossier.teamId, to: input.teamId } });
  return { ok: true };
}

/** Who did it, to which dossier, in which administration: the common part of the back office's audit entries. */
export function about(user: SessionUser, view: AgentView) {
  return { actorId: user.id, subject: { type: 'dossier', id: view.dossier.id }, administrationId: view.dossier.administrationId };
}

// ——— The inbox ———

/** Tab counts stop here ("plus de 1 000"): an exact count of a million rows is not worth a slow inbox. */
export const COUNT_CAP = 1000;

export interface InboxLine extends store.InboxRow {
  /** The chosen answers as text, by column id (`r.<field>`). */
  cells: Record<string, string>;
}

export interface InboxView {
  tab: store.Tab;
  counts: Record<store.Tab, number>;
  countCap: number;
  rows: InboxLine[];
  next?: string;
  raw: Record<string, string>;
  procedures: { id: string; title: string }[];
  teams: { id: string; name: string }[];
  labels: Label[];
  columns: InboxColumn[];
  /** The questions of the procedure the inbox is filtered on, offered as columns (none without that filter). */
  answerChoices: AnswerColumnChoice[];
  /** The procedure the column choice applies to (the filter's), if any. */
  procedureId?: string;
  sort: SortKey;
  order: Direction;
}

type AnswerChoice = AnswerColumnChoice & { field: InputField };

/**
 * The questions of a procedure of the reader's scope that can be a column: plain questions of its published
 * form (a repeated block's would need one cell per item), not the agents' private ones (kept apart, in
 * dossier_annotations).
 */
export async function answerChoices(env: Env, procedureId: string | undefined, procedures: { id: string }[], i18n: I18n): Promise<AnswerChoice[]> {
  if (!procedureId || !procedures.some((p) => p.id === procedureId)) return [];
  const groups = columnGroups(await publishedForm(env.db, procedureId), i18n);
  return groups.flatMap((g) => g.columns).flatMap((c) => (c.kind === 'answer' && !c.block && !c.field.private ? [{ id: c.field.id, label: c.label, field: c.field }] : []));
}

/** One page of the reader's inbox with the columns he chose, the counts of its tabs and the filters' lists. */
export async function inboxView(env: Env, user: SessionUser, params: InboxParams, i18n: I18n): Promise<InboxView> {
  const { db } = env;
  const scope = await scopeOf(db, user);
  const locale = i18n.locale;
  const procedureId = params.filters.procedureId;
  // One wave of queries: the page brings its rows' answers whenever the inbox is filtered on a procedure
  // (the only case where some may be shown), so it need not wait for the agent's columns.
  const query = { scope, userId: user.id, tab: params.tab, filters: params.filters, sort: params.sort, order: params.order, after: params.after, limit: params.pageSize + 1, locale, answers: procedureId !== undefined };
  const proceduresAndChoices = store.proceduresInScope(db, scope, locale).then(async (procedures) => ({ procedures, choices: await answerChoices(env, procedureId, procedures, i18n) }));
  const [{ procedures, choices }, pref, found, counts, teams, labels] = await Promise.all([
    proceduresAndChoices,
    columnsPreference(db, user.id),
    store.inboxPage(db, query),
    store.tabCounts(db, scope, user.id, params.filters, COUNT_CAP),
    visibleTeams(db, scope),
    labelsFor(db, user.administrationId),
  ]);
  const columns = resolveColumns(pref, procedureId, choices);
  const shown = choices.filter((c) => columns.some((col) => col.kind === 'answer' && col.field === c.id));
  const page = found.slice(0, params.pageSize);
  const last = page.at(-1);
  const apres = found.length > params.pageSize && last ? writeCursor(params.sort, { key: last.sortKey, id: last.id }) : undefined;
  const next = apres ? inboxHref(params.raw, { onglet: params.tab, apres }) : undefined;
  const cellContext: CellContext = { i18n, country: env.config.country, territoryNames };
  const rows = page.map((r) => ({
    ...r,
    cells: Object.fromEntries(shown.map((c) => [`r.${c.id}`, cellText(answerCell(c.field, r.answers?.[c.id], cellContext), locale)])),
  }));
  const sortParams = { sort: params.sort, order: params.order };
  return { tab: params.tab, counts, countCap: COUNT_CAP, rows, next, raw: params.raw, procedures, teams, labels, columns, answerChoices: choices.map(({ id, label }) => ({ id, label })), procedureId: procedures.some((p) => p.id === procedureId) ? procedureId : undefined, ...sortParams };
}

/**
 * Keeps the columns the agent ticked in the "Colonnes" panel: for the procedure the inbox was filtered on
 * (when it is one of his scope), else for his inbox at large. `defaut` forgets the choice. Refused (nothing
 * kept) with more questions than the table can hold; ids nobody offered are dropped.
 */
export async function chooseColumns(env: Env, user: SessionUser, form: { procedureId?: string; reset: boolean; body: unknown }, i18n: I18n): Promise<'saved' | 'answers'> {
  const scope = await scopeOf(env.db, user);
  const procedures = form.procedureId ? await store.proceduresInScope(env.db, scope, i18n.locale) : [];
  const procedureId = procedures.some((p) => p.id === form.procedureId) ? form.procedureId : undefined;
  if (form.reset) {
    await saveColumns(env.db, user.id, procedureId, undefined);
    return 'saved';
  }
  const read = readColumnsForm(form.body, await answerChoices(env, procedureId, procedures, i18n));
  if (!read.ok) return read.error;
  await saveColumns(env.db, user.id, procedureId, read.ids);
  return 'saved';
}
