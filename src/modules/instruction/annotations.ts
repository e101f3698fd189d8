// The agents' private annotations on a dossier: answers to the procedure's private fields, written by the
// dossier's team and its managers, checked by the forms engine, never shown to the applicant nor sent to him.
// They live in their own table (docs/decisions/0010-back-office.md, "Private annotations").
import type { SessionUser } from '../../platform/auth/session.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { appendAudit, canonicalJson } from '../../platform/audit/index.ts';
import { readSection, type Answers, type FieldError, type FormBody } from '../forms/index.ts';
import { validationContext } from '../dossiers/index.ts';
import { annotationForm, type AnnotationForm } from './annotations-form.ts';
import * as store from './annotations-store.ts';
import type { AgentView, Env } from './service.ts';

/** What the dossier page needs to draw the annotations: the form, the saved values, a refused post. */
export interface AnnotationsState {
  form: AnnotationForm;
  values: Answers;
  /** The body just posted, shown again with `errors` (or after choosing a region, to list its departments). */
  raw?: FormBody;
  errors: FieldError[];
}

export type AnnotateOutcome = { ok: true } | { ok: false; error: 'stale' } | { ok: false; error: 'fields'; state: AnnotationsState };

/**
 * The dossier's team (an agent sees only his teams' dossiers) and the managers over it. Said here, not only
 * left to the scope, so that a role given dossier pages later (an expert asked for an opinion) does not
 * get to write the team's notes by the way.
 */
export function mayAnnotate(user: SessionUser, view: AgentView): boolean {
  if (user.role === 'manager') return view.scope.by === 'administration' && view.scope.ids.includes(view.dossier.administrationId ?? '');
  if (user.role === 'agent') return view.scope.by === 'team' && view.scope.ids.includes(view.dossier.teamId ?? '');
  return false;
}

/** Undefined when the reader may not annotate or the procedure has nothing to annotate: no section then. */
export async function annotationsState(env: Env, user: SessionUser, view: AgentView): Promise<AnnotationsState | undefined> {
  const form = mayAnnotate(user, view) ? annotationForm(view.open.definition) : undefined;
  if (!form) return undefined;
  return { form, values: await store.annotationsOf(env.db, view.dossier.id), errors: [] };
}

export async function annotate(env: Env, user: SessionUser, view: AgentView, input: { body: FormBody; version: number; now: Date }): Promise<AnnotateOutcome> {
  const state = await annotationsState(env, user, view);
  if (!state) throw new HttpProblem(404, 'instruction.error.notfound');
  // A page drawn before another change is refused before its values are even read, as decisions are.
  if (input.version !== view.dossier.version) return { ok: false, error: 'stale' };
  const ctx = { ...validationContext(env.config, input.now), previous: view.open.dossier.answers, attachments: {} };
  const read = readSection(state.form.definition, state.form.section.id, input.body, ctx);
  if (read.errors.length > 0) return { ok: false, error: 'fields', state: { ...state, raw: input.body, errors: read.errors } };

  const changed = changedFields(state.values, read.answers);
  // Saving the page unchanged is no change: no new version (another agent's open page stays valid), no entry.
  if (changed.length === 0) return { ok: true };
  const saved = await env.db.transaction().execute(async (trx) => {
    if (!(await store.bumpVersion(trx, view.dossier.id, input.version))) return false;
    await store.writeAnnotations(trx, { dossierId: view.dossier.id, answers: read.answers, userId: user.id, at: input.now });
    // Which annotations changed, not their values: the audit log is read more widely than the dossier.
    await appendAudit(trx, {
      actorId: user.id,
      action: 'dossier.annotate',
      subject: { type: 'dossier', id: view.dossier.id },
      administrationId: view.dossier.administrationId,
      details: { fields: changed },
    });
    return true;
  });
  return saved ? { ok: true } : { ok: false, error: 'stale' };
}

/** The ids whose value differs between two sets of annotations (key order aside: jsonb reorders keys). */
function changedFields(before: Answers, after: Answers): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  const json = (a: Answers, id: string) => canonicalJson(Object.hasOwn(a, id) ? a[id] : null);
  return [...ids].filter((id) => json(before, id) !== json(after, id)).sort();
}
