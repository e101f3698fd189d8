// The fee a procedure's online form may ask: a fixed part in whole XOF, plus answers multiplied by a unit
// price (number of copies × 500, children listed × 1 000). Pure like the rest of the engine: the dossiers
// module computes it from the checked answers at submission, the payments module collects it.
import { z } from 'zod';
import type { DefinitionIssue } from './definition.ts';
import { visibleAnswers } from './conditions.ts';
import type { Answers, Fee, Field, FormDefinition } from './types.ts';

/** A fee above this is a mistake in the definition, not a price (100 million XOF). */
export const FEE_MAX = 100_000_000;

const xof = z.number().int('whole XOF: the franc CFA has no subunit in use').min(0).max(FEE_MAX);
const words = z.string().trim().min(1);
const label = z.union([words, z.object({ fr: words, en: words.optional(), ha: words.optional(), dje: words.optional(), wo: words.optional() }).strict()]);

export const feeSchema = z
  .object({
    /** What the applicant pays for, shown on the payment page and the receipt. */
    label: label.optional(),
    /** The fixed part, in whole XOF. */
    amount: xof,
    /** Parts computed from answers: an integer answer (or the items of a repeated block) × a unit price. */
    per: z
      .array(z.object({ field: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), price: xof.min(1) }).strict())
      .optional(),
  })
  .strict();

/** The rules the shape cannot say: a part names an integer question or a repeated block of the form. */
export function checkFee(def: FormDefinition): DefinitionIssue[] {
  const fields = new Map<string, Field>();
  for (const section of def.sections) for (const f of section.fields) fields.set(f.id, f);
  const issues: DefinitionIssue[] = [];
  // The fee asked at submission and the one asked once the request is accepted follow the same rules.
  for (const key of ['fee', 'feeOnAcceptance'] as const) {
    def[key]?.per?.forEach((part, i) => {
      const field = fields.get(part.field);
      if (!field) issues.push({ path: [key, 'per', i, 'field'], message: `no question "${part.field}" on a page of this form (questions inside a repeated block cannot be counted)` });
      else if (field.type !== 'integer' && field.type !== 'repeat') issues.push({ path: [key, 'per', i, 'field'], message: `"${part.field}" is a ${field.type}: a fee counts an integer question or a repeated block` });
    });
  }
  return issues;
}

/**
 * What the applicant owes for these (checked) answers, in whole XOF; 0 when the form asks no fee. Hidden
 * questions count for nothing, as they are not filed. Never above FEE_MAX, never a fraction.
 */
export function feeOf(def: FormDefinition, answers: Answers): number {
  return amountOf(def, def.fee, answers);
}

/**
 * What the applicant owes once the administration accepts the request (`feeOnAcceptance`, « accepted, pay to
 * receive »), for the answers filed; 0 when the form asks none. Same rules as `feeOf`.
 */
export function acceptanceFeeOf(def: FormDefinition, answers: Answers): number {
  return amountOf(def, def.feeOnAcceptance, answers);
}

function amountOf(def: FormDefinition, fee: Fee | undefined, answers: Answers): number {
  if (!fee) return 0;
  let total = fee.amount;
  if (fee.per && fee.per.length > 0) {
    const visible = visibleAnswers(def, answers);
    for (const part of fee.per) {
      const answer = visible[part.field];
      const n = Array.isArray(answer) ? answer.length : typeof answer === 'number' && Number.isInteger(answer) && answer > 0 ? answer : 0;
      total += n * part.price;
    }
  }
  return Math.min(total, FEE_MAX);
}
