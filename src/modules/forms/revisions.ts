// When a procedure publishes a new revision of its form, drafts move to it: an answer is kept when the new
// revision has a field of that id and type that still accepts it. Submitted dossiers never move.
import { validateAnswers } from './read.ts';
import type { Answers, Field, FormDefinition, ReadContext } from './types.ts';

function fieldTypes(def: FormDefinition): Map<string, Field['type']> {
  return new Map(def.sections.flatMap((s) => s.fields.map((f) => [f.id, f.type] as const)));
}

export function migrateAnswers(from: FormDefinition, to: FormDefinition, answers: Answers, ctx: ReadContext): { answers: Answers; dropped: string[] } {
  const before = fieldTypes(from);
  const after = fieldTypes(to);
  const sameType = Object.fromEntries(Object.entries(answers).filter(([id]) => after.has(id) && before.get(id) === after.get(id)));
  // Checked field by field, so that a required field still unanswered does not drop the others.
  const kept: Answers = {};
  const { answers: valid, errors } = validateAnswers(to, sameType, ctx);
  const invalid = new Set(errors.map((e) => e.field.split('.')[0]));
  for (const [id, value] of Object.entries(valid)) if (!invalid.has(id)) kept[id] = value;
  return { answers: kept, dropped: Object.keys(answers).filter((id) => !(id in kept)) };
}
