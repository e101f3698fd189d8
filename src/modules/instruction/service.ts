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
import { decide, openFiled, requestCorrection, type Action, type OpenDossier } from '../dossiers/index.ts';
import { scopeOf, visibleTeams, type Scope } from './scope.ts';
import * as store from './store.ts';

export type Env = { db: Kysely<DB>; blobs: BlobStore; config: Config };

export interface AgentView {
  scope: Scope;
  dossier: store.AgentDossier;
  open: OpenDossier;
}

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

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

export async function takeDecision(env: Env, user: SessionUser, view: AgentView, input: { action: Action; motivation: string; version: number }): Promise<ActionOutcome> {
  const now = new Date();
  const result = await decide(env, {
    dossierId: view.dossier.id,
    action: input.action,
    motivation: input.motivation,
    version: input.version,
    agentId: user.id,
    now,
    alsoInTransaction: (trx, status) => appendAudit(trx, { ...about(user, view), action: 'dossier.decision', details: { action: input.action, status } }),
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
