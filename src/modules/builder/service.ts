// Rules of the procedure builder: what a manager edits (the draft, else a copy of the published form, else an
// empty form), that nothing invalid is ever saved (parseDefinition on every change), that two people editing
// at once do not overwrite each other silently (each page carries a fingerprint of the form it showed), and
// publication: the draft becomes the published revision, the fiche says the procedure is online.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { formField } from '../../platform/http/form.ts';
import { parseDefinition, type FormDefinition, type Locale } from '../forms/index.ts';
import { canEdit, isStaff } from '../catalog/admin-service.ts';
import { catalogChanged } from '../catalog/store.ts';
import { onlineStart } from '../dossiers/paths.ts';
import * as store from './store.ts';
import { plan, type Body, type BuilderError, type Editing } from './edit.ts';
import { issueWords, placeIssues } from './issues.ts';

export type Access = { ok: true; procedure: store.BuilderProcedure } | { ok: false; status: 403 | 404 };

/** The procedure, if it exists in this country and `user` may build its form (canEdit, as for its fiche). */
export async function access(db: Kysely<DB>, user: SessionUser, procedureId: string, country: string, locale: string): Promise<Access> {
  if (!isStaff(user)) return { ok: false, status: 403 };
  const procedure = /^[0-9A-Za-z]{1,40}$/.test(procedureId) ? await store.procedureOf(db, procedureId, locale) : undefined;
  if (!procedure || procedure.country !== country) return { ok: false, status: 404 };
  if (!(await canEdit(db, user, procedure.administrationId))) return { ok: false, status: 403 };
  return { ok: true, procedure };
}

export interface BuilderState {
  /** What the builder shows and changes. */
  definition: FormDefinition;
  source: 'draft' | 'published' | 'empty';
  draft?: store.Revision;
  published?: store.Revision;
  /** Fingerprint of what is shown: a change posted from an older page is refused, not applied over another's. */
  rev: string;
}

export async function loadState(db: Parameters<typeof store.draftRevision>[0], procedureId: string): Promise<BuilderState> {
  const [draft, published] = [await store.draftRevision(db, procedureId), await store.publishedRevision(db, procedureId)];
  const source = draft ? 'draft' : published ? 'published' : 'empty';
  const definition = draft?.definition ?? published?.definition ?? { sections: [] };
  const rev = createHash('sha256')
    .update(`${source} ${draft?.id ?? ''} ${published?.id ?? ''} ${canonical(definition)}`)
    .digest('base64url')
    .slice(0, 16);
  return { definition, source, draft, published, rev };
}

/** JSON with keys sorted: the same form gives the same text whatever order jsonb gave its keys back in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type Outcome =
  /** Saved (or nothing to save): redirect to the builder, on `done` (an element to bring into view). */
  | { kind: 'saved'; done: string }
  /** Not saved: the builder again with the posted editor and its errors. */
  | { kind: 'invalid'; editing: Editing; errors: BuilderError[] }
  /** The editor again with one more rule row; nothing saved. */
  | { kind: 'redisplay'; editing: Editing }
  /** The page was made on a form that has changed since. */
  | { kind: 'conflict' };

/** Applies a posted action to the form being built, saving the draft only when the result is a valid form. */
export async function apply(db: Kysely<DB>, procedureId: string, body: Body, locale: Locale): Promise<Outcome> {
  const action = formField(body, 'action', 40);
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await store.lockProcedure(trx, procedureId);
    const state = await loadState(trx, procedureId);
    if (formField(body, 'rev', 40) !== state.rev) return { kind: 'conflict' };
    if (action === 'discard') {
      await store.discardDraft(trx, procedureId);
      return { kind: 'saved', done: 'discarded' };
    }
    const change = plan(state.definition, body, action);
    if (change.kind === 'gone') return { kind: 'saved', done: '' };
    if (change.kind === 'redisplay') return change;
    const parsed = parseDefinition(change.definition);
    const errors = [...change.errors, ...(parsed.ok ? [] : placeIssues(parsed.issues, change.definition, change.subject, locale, state.definition))];
    if (errors.length > 0 || !parsed.ok) return { kind: 'invalid', editing: change.editing, errors };
    if (canonical(parsed.definition) !== canonical(state.definition)) await store.saveDraft(trx, procedureId, parsed.definition);
    return { kind: 'saved', done: change.done };
  });
}

export type Publication = { kind: 'published'; number: number } | { kind: 'nothing' } | { kind: 'conflict' } | { kind: 'invalid'; errors: BuilderError[] };

/**
 * Publishes the draft: in one transaction it becomes the published revision (the previous one superseded,
 * kept for the dossiers filed on it) and the fiche says the procedure is done online at its start page; then
 * every instance's cached fiche pages expire.
 */
export async function publish(db: Kysely<DB>, procedure: store.BuilderProcedure, rev: string, locale: Locale): Promise<Publication> {
  const result = await db.transaction().execute(async (trx): Promise<Publication> => {
    await store.lockProcedure(trx, procedure.id);
    const state = await loadState(trx, procedure.id);
    if (rev !== state.rev) return { kind: 'conflict' };
    if (!state.draft) return { kind: 'nothing' };
    // Saved drafts were checked; a draft written by older code is checked again before anyone files on it.
    const parsed = parseDefinition(state.draft.definition);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.issues.map((i) => ({ at: 'sections', ...issueWords(i.message, [state.draft!.definition], locale) })) };
    const revision = await store.publishDraft(trx, procedure.id);
    await store.putOnline(trx, procedure.id, onlineStart(procedure.slug));
    return { kind: 'published', number: revision!.number };
  });
  if (result.kind === 'published') await catalogChanged(db);
  return result;
}
