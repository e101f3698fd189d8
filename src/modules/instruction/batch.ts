// Batch actions on dossiers ticked in the inbox: follow, label, take up, accept, refuse with one motivation, give to
// a team, write the same message. Each dossier goes through the same door as one by one — found in the
// agent's scope, at the version the inbox showed. A dossier changed since the list was drawn is skipped and
// counted; a dossier outside the scope (a forged id) refuses the whole batch with a 404.
import type { SessionUser } from '../../platform/auth/session.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { sendAdministrationMessage } from '../dossiers/index.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import { addLabel } from './labels.ts';

export const BATCH_ACTIONS = ['follow', 'label', 'review', 'accept', 'refuse', 'assign', 'message'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];
export const BATCH_MAX = 100;

export interface BatchInput {
  /** `id.version` as the inbox's checkboxes carry them. */
  items: string[];
  action: BatchAction;
  motivation: string;
  teamId: string;
  message: string;
  labelId: string;
}

export interface BatchResult {
  done: number;
  skipped: number;
}

export function isBatchAction(value: unknown): value is BatchAction {
  return typeof value === 'string' && (BATCH_ACTIONS as readonly string[]).includes(value);
}

export async function runBatch(env: service.Env, user: SessionUser, input: BatchInput, locale: string): Promise<BatchResult> {
  if (input.action === 'assign' && user.role !== 'manager') throw new HttpProblem(403, 'error.forbidden');
  const items = [...new Set(input.items)].slice(0, BATCH_MAX).flatMap((item) => {
    const [id, version] = item.split('.');
    return id && /^\d+$/.test(version ?? '') ? [{ id, version: Number(version) }] : [];
  });
  // Every ticked dossier must be in the scope: a forged or foreign id stops the whole batch before anything is done.
  const views = [];
  for (const item of items) views.push({ view: await service.dossierForAgent(env, user, item.id, locale), version: item.version });
  let done = 0;
  for (const { view, version } of views) if (await apply(env, user, view, version, input)) done++;
  return { done, skipped: input.items.length - done };
}

async function apply(env: service.Env, user: SessionUser, view: service.AgentView, version: number, input: BatchInput): Promise<boolean> {
  if (view.dossier.version !== version) return false;
  switch (input.action) {
    case 'follow':
      await store.setFollowed(env.db, view.dossier.id, user.id, true);
      return true;
    case 'label':
      return addLabel(env.db, view.dossier, input.labelId);
    case 'review':
    case 'accept':
    case 'refuse':
      return (await service.takeDecision(env, user, view, { action: input.action, motivation: input.motivation, version })).ok;
    case 'assign':
      return (await service.reassign(env, user, view, { teamId: input.teamId, version })).ok;
    case 'message':
      return (await sendAdministrationMessage(env, view.dossier.id, user.id, input.message)).ok;
  }
}
