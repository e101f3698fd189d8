// What the administration does with a filed dossier: take it up, decide it, reopen it. Each move is allowed
// from some states only; the agent's page carries the dossier's version, so when two agents act at once one
// wins and the other is told the dossier changed. The applicant hears of every move by SMS or e-mail, queued
// with the change.
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, DossierStatus } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import { applicantOf, notifyApplicant } from './notify-applicant.ts';
import * as store from './store.ts';

export const ACTIONS = ['review', 'accept', 'refuse', 'close', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

const MOVES: Record<Action, { from: DossierStatus[]; to: DossierStatus; event: string }> = {
  review: { from: ['submitted'], to: 'in_review', event: 'in_review' },
  accept: { from: ['submitted', 'in_review'], to: 'accepted', event: 'accepted' },
  refuse: { from: ['submitted', 'in_review'], to: 'refused', event: 'refused' },
  close: { from: ['submitted', 'in_review', 'correction'], to: 'closed', event: 'closed' },
  reopen: { from: ['accepted', 'refused', 'closed'], to: 'in_review', event: 'reopened' },
};

export const MOTIVATION_MAX = 4000;

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** Whether the action can be taken on a dossier in this state (the page offers only these). */
export function canTake(action: Action, status: DossierStatus): boolean {
  return MOVES[action].from.includes(status);
}

export type DecisionResult = { ok: true; status: DossierStatus } | { ok: false; reason: 'not-found' | 'stale' | 'state' | 'motivation' };

/** A file already in the blob store (checked by content), to be recorded with a final decision. */
export interface DecisionFile {
  id: string;
  blobKey: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
}

/** Only a decision that ends the instruction (accept, refuse, close) carries a file: the letter that says it. */
export function takesFile(action: Action): boolean {
  const to = MOVES[action].to;
  return to === 'accepted' || to === 'refused' || to === 'closed';
}

export interface DecisionInput {
  dossierId: string;
  action: Action;
  /** Required to refuse; kept on the timeline and sent to the applicant for every decision. */
  motivation: string;
  /** The version of the dossier the agent's page showed. */
  version: number;
  agentId: string | null;
  now: Date;
  /** Why the platform decided by itself (silence of the administration), instead of an agent. */
  automatic?: boolean;
  /**
   * Recorded with the decision's timeline event, in its transaction: no decision, no file row. Its blob is
   * the caller's to delete when the result is not ok (see decision-files.ts).
   */
  file?: DecisionFile;
  /** Written in the same transaction as the move (the back office's audit entry). */
  alsoInTransaction?: (trx: Transaction<DB>, status: DossierStatus) => Promise<unknown>;
}

export async function decide(env: { db: Kysely<DB>; config: Pick<Config, 'publicUrl'> }, input: DecisionInput): Promise<DecisionResult> {
  const move = MOVES[input.action];
  const motivation = input.motivation.trim();
  if (motivation.length > MOTIVATION_MAX || (input.action === 'refuse' && motivation === '')) return { ok: false, reason: 'motivation' };
  if (input.file && !takesFile(input.action)) return { ok: false, reason: 'state' };
  return env.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('dossiers').select(['id', 'status', 'version', 'reference', 'applicant_id']).where('id', '=', input.dossierId).forUpdate().executeTakeFirst();
    if (!row || row.status === 'draft') return { ok: false, reason: 'not-found' } as const;
    if (row.version !== input.version) return { ok: false, reason: 'stale' } as const;
    if (!move.from.includes(row.status)) return { ok: false, reason: 'state' } as const;
    const final = move.to === 'accepted' || move.to === 'refused' || move.to === 'closed';
    await trx
      .updateTable('dossiers')
      .set((eb) => ({ status: move.to, updated_at: input.now, version: eb('version', '+', 1), decided_at: final ? input.now : null }))
      .where('id', '=', row.id)
      .execute();
    const eventId = newId();
    await store.addEvent(trx, { id: eventId, dossierId: row.id, kind: input.automatic ? `${move.event}_silence` : move.event, status: move.to, actorId: input.agentId, note: motivation || undefined, at: input.now });
    const file = input.file;
    if (file) await store.insertAttachment(trx, { ...file, dossierId: row.id, field: null, messageId: null, eventId });
    const recipient = await applicantOf(trx, row.applicant_id!);
    await notifyApplicant(trx, env.config, recipient, { kind: move.event as 'in_review', dossierId: row.id, reference: row.reference!, params: { motivation } });
    await input.alsoInTransaction?.(trx, move.to);
    return { ok: true, status: move.to } as const;
  });
}
