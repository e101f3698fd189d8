// When a procedure publishes a new revision of its form, drafts move to it: an answer is kept when the new
// revision has a field of the same id and type that still accepts the value; the others are dropped and
// listed, so the applicant can be told what to answer again. Submitted dossiers never move (the caller's
// rule): they stay bound to the revision they were filed on.
import type { FieldContext } from './field-kit.ts';
import { checkValue } from './fields.ts';
import { DEFAULT_REPEAT_MAX } from './walk.ts';
import { isInput, type Answer, type Answers, type ChildField, type Field, type FormDefinition, type RepeatField, type ValidationContext } from './types.ts';

export interface Migration {
  answers: Answers;
  /** Paths of the answers not carried over: `id`, `repeatId.index` or `repeatId.index.childId`. */
  dropped: string[];
}

const topFields = (def: FormDefinition) => new Map<string, Field>(def.sections.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));

/**
 * `required` is not checked (a draft is unfinished), nor are conditions (the applicant may still change the
 * answers they depend on): submission checks both. Without `ctx`, checks that need the clock or the territory
 * lists are left to submission too; with it, a date that had to be in the future and no longer is goes.
 */
export function migrateAnswers(from: FormDefinition, to: FormDefinition, answers: Answers, ctx?: ValidationContext): Migration {
  const fieldCtx: FieldContext = ctx ?? { contextFree: true };
  const [before, after] = [topFields(from), topFields(to)];
  const kept: Answers = {};
  const dropped: string[] = [];
  for (const [id, value] of Object.entries(answers) as [string, Answer][]) {
    const [old, next] = [before.get(id), after.get(id)];
    if (!old || !next || old.type !== next.type || !isInput(next)) {
      dropped.push(id);
      continue;
    }
    const moved = next.type === 'repeat' ? moveItems(old as RepeatField, next, id, value, fieldCtx, dropped) : moveValue(next, value, id, fieldCtx);
    if (moved === 'invalid') dropped.push(id);
    else if (moved !== undefined) kept[id] = moved;
  }
  return { answers: kept, dropped };
}

/** The value as the new field reads it; `undefined` for an empty one (nothing lost), 'invalid' when refused. */
function moveValue(field: ChildField, value: unknown, path: string, ctx: FieldContext): Answer | undefined | 'invalid' {
  if (!isInput(field)) return 'invalid';
  const read = checkValue(field, value, path, ctx);
  return read.error ? 'invalid' : read.value;
}

function moveItems(old: RepeatField, next: RepeatField, id: string, value: unknown, ctx: FieldContext, dropped: string[]): Answers[] | 'invalid' {
  if (!Array.isArray(value)) return 'invalid';
  const max = next.max ?? DEFAULT_REPEAT_MAX;
  const items: Answers[] = [];
  value.forEach((raw: unknown, index) => {
    if (items.length >= max || !raw || typeof raw !== 'object' || Array.isArray(raw)) {
      dropped.push(`${id}.${index}`);
      return;
    }
    const item: Answers = {};
    for (const [childId, childValue] of Object.entries(raw)) {
      const [a, b] = [old.fields.find((c) => c.id === childId), next.fields.find((c) => c.id === childId)];
      const moved = a && b && a.type === b.type ? moveValue(b, childValue, `${id}.${index}.${childId}`, ctx) : 'invalid';
      if (moved === 'invalid') dropped.push(`${id}.${index}.${childId}`);
      else if (moved !== undefined) item[childId] = moved;
    }
    if (Object.keys(item).length > 0) items.push(item);
  });
  return items.length > 0 ? items : 'invalid';
}
