// The rules of a form definition that its shape cannot say. Each one stops a mistake that would otherwise
// reach applicants: a question that never shows (a condition on a later field, an option value misspelt in
// a condition), answers filed under the wrong question (an id used twice), bounds that nobody can satisfy.
import { parseDate } from './field-date.ts';
import { compiledPattern, TEXT_MAX } from './field-text.ts';
import type { DefinitionIssue } from './definition.ts';
import { DEFAULT_REPEAT_MAX } from './walk.ts';
import type { Condition, ConditionOp, Field, FormDefinition } from './types.ts';

type Path = (string | number)[];
type Known = Map<string, Field>;
type Add = (path: Path, message: string) => void;

export function crossCheck(def: FormDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (path: Path, message: string) => issues.push({ path, message });
  const sectionIds = new Set<string>();
  // Fields asked so far, in reading order: what a condition may look at.
  const known: Known = new Map();
  def.sections.forEach((section, si) => {
    const path = ['sections', si];
    if (sectionIds.has(section.id)) add([...path, 'id'], `section id "${section.id}" used twice`);
    sectionIds.add(section.id);
    checkCondition(section.visibleIf, [...path, 'visibleIf'], known, false, add);
    section.fields.forEach((field, fi) => {
      checkField(field, [...path, 'fields', fi], known, add);
      if (known.has(field.id)) add([...path, 'fields', fi, 'id'], `id "${field.id}" used twice`);
      else known.set(field.id, field);
    });
  });
  return issues;
}

function checkField(field: Field, path: Path, known: Known, add: Add): void {
  checkCondition(field.visibleIf, [...path, 'visibleIf'], known, 'private' in field && field.private === true, add);
  const minOverMax = (min: number | string | undefined, max: number | string | undefined) => {
    if (min !== undefined && max !== undefined && min > max) add([...path, 'min'], `min (${min}) is greater than max (${max})`);
  };
  switch (field.type) {
    case 'text':
      if (field.minLength !== undefined && field.minLength > (field.maxLength ?? TEXT_MAX)) {
        add([...path, 'minLength'], `minLength (${field.minLength}) is greater than maxLength (${field.maxLength ?? TEXT_MAX})`);
      }
      if (field.pattern !== undefined && !compiledPattern(field.pattern)) add([...path, 'pattern'], 'not a valid regular expression');
      break;
    case 'integer':
    case 'decimal':
    case 'amount':
      minOverMax(field.min, field.max);
      break;
    case 'date':
    case 'datetime':
      if (field.past && field.future) add([...path, 'future'], 'past and future cannot both be required');
      minOverMax(field.min, field.max);
      break;
    case 'choice':
    case 'multichoice': {
      const values = field.options.map((o) => o.value);
      values.forEach((v, i) => {
        if (values.indexOf(v) !== i) add([...path, 'options', i, 'value'], `option value "${v}" used twice`);
      });
      if (field.type === 'multichoice') {
        minOverMax(field.min, field.max);
        if (field.min !== undefined && field.min > values.length) add([...path, 'min'], `min (${field.min}) is more than the ${values.length} options`);
      }
      break;
    }
    case 'repeat': {
      minOverMax(field.min, field.max ?? DEFAULT_REPEAT_MAX);
      // Inside an item: the form's earlier fields and the item's earlier fields (which win over a same id).
      const inItem: Known = new Map(known);
      const ids = new Set<string>();
      field.fields.forEach((child, ci) => {
        checkField(child, [...path, 'fields', ci], inItem, add);
        if (ids.has(child.id)) add([...path, 'fields', ci, 'id'], `id "${child.id}" used twice in this repeated block`);
        ids.add(child.id);
        inItem.set(child.id, child);
      });
      break;
    }
  }
}

function checkCondition(condition: Condition | undefined, path: Path, known: Known, fromPrivate: boolean, add: Add): void {
  if (!condition) return;
  if ('all' in condition) return condition.all.forEach((c, i) => checkCondition(c, [...path, 'all', i], known, fromPrivate, add));
  if ('any' in condition) return condition.any.forEach((c, i) => checkCondition(c, [...path, 'any', i], known, fromPrivate, add));
  const target = known.get(condition.field);
  if (!target) return add([...path, 'field'], `condition on "${condition.field}", which is not a field asked before`);
  if (target.type === 'heading' || target.type === 'explanation') {
    return add([...path, 'field'], `condition on "${condition.field}", a ${target.type}, which has no answer`);
  }
  // Applicants never answer private fields, so what they see cannot depend on one.
  if ('private' in target && target.private && !fromPrivate) return add([...path, 'field'], `condition on "${condition.field}", a private field that applicants never answer`);
  const needsValue = condition.op !== 'empty' && condition.op !== 'filled';
  if (needsValue && condition.value === undefined) return add([...path, 'value'], `"${condition.op}" needs a value`);
  if (!needsValue && condition.value !== undefined) return add([...path, 'value'], `"${condition.op}" takes no value`);
  if (!needsValue) return;
  const problem = opProblem(target, condition.op) ?? valueProblem(target, condition.value!);
  if (problem) add([...path, problem.at], problem.message);
}

const ORDERED = new Set(['integer', 'decimal', 'amount', 'date', 'datetime']);
const PRESENCE_ONLY = new Set(['address', 'geo', 'attachment', 'identityDocument', 'repeat']);

function opProblem(target: Field, op: ConditionOp) {
  const at = 'op';
  if (PRESENCE_ONLY.has(target.type)) return { at, message: `only "empty" and "filled" apply to "${target.id}", a ${target.type}` };
  if ((op === 'lt' || op === 'gt') && !ORDERED.has(target.type)) {
    return { at, message: `"${op}" compares numbers and dates; "${target.id}" is a ${target.type}` };
  }
  if (op === 'includes' && !['multichoice', 'text', 'textarea'].includes(target.type)) {
    return { at, message: `"includes" applies to a multichoice or a text; "${target.id}" is a ${target.type}` };
  }
  return undefined;
}

/** The value must be one the field can hold: a misspelt option would make the condition silently false. */
function valueProblem(target: Field, value: string | number | boolean) {
  const at = 'value';
  switch (target.type) {
    case 'choice':
    case 'multichoice':
      return typeof value === 'string' && target.options.some((o) => o.value === value)
        ? undefined
        : { at, message: `"${String(value)}" is not an option of "${target.id}" (${target.options.map((o) => o.value).join(', ')})` };
    case 'yesno':
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : { at, message: `"${target.id}" is answered yes or no: write true or false` };
    case 'integer':
    case 'decimal':
    case 'amount':
      return typeof value === 'number' ? undefined : { at, message: `"${target.id}" is a number: write the value without quotes` };
    case 'date':
      return typeof value === 'string' && parseDate(value) === value ? undefined : { at, message: 'write the date as YYYY-MM-DD' };
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/.test(value) && parseDate(value.slice(0, 10)) !== null
        ? undefined
        : { at, message: 'write the date as YYYY-MM-DD (or a UTC time YYYY-MM-DDTHH:MMZ)' };
    default:
      return undefined;
  }
}
