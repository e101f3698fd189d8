// The contract between the section pages and their one optional script, public/form.js (plain ES2017, no
// dependency, served under a hashed name because the CSP allows no inline script).
//
// - A field whose condition looks at an answer of the SAME page is rendered (the page must work without
//   script) inside an element carrying `data-visible-if`: the part of its condition that depends on this
//   page, as JSON. What other pages' answers decide is settled on the server and left out. Each leaf is
//   `{ field, op, value?, type }` where `field` is the INPUT NAME to look at (`id`, or `repeatId.index.childId`
//   for a sibling inside the same item) and `type` the field type, which says how to read the raw input
//   (yes/no radios send `yes`/`no`, a date is typed `27/03/1990`, an amount `25 000`…). Combinations keep
//   the forms engine's shape: `{ all: [...] }`, `{ any: [...] }`. The script hides the element while its
//   condition is false; inputs inside a hidden element count as empty, as the server counts hidden answers.
// - A territory picker is an element with `data-territory="<country>"` holding its selects (region first)
//   and `_refine` submit buttons; the script fetches `/api/v1/territories/<country>` once, fills the lower
//   lists as the upper ones change and hides the buttons. If the fetch fails, the buttons stay.
// - A stored file is shown in an element with `data-file="<path>"` whose checkbox `<path>._remove` says
//   whether it is kept: the script counts it as an answer while kept (conditions "filled"/"empty").
import { h } from 'preact';
import { script } from '../../../platform/ui/assets.ts';
import { evaluate, type Answers, type Condition, type ConditionOp, type Field, type FieldType } from '../../forms/index.ts';

/** The script tag of section pages (deferred: the page is usable before it runs, and without it). */
export function FormScript() {
  return h('script', { src: script.href, defer: true });
}

/** A condition leaf resolved to an input of the page. `target` is the field looked at (for words, not JSON). */
export interface PageLeaf {
  field: string;
  op: ConditionOp;
  value?: string | number | boolean;
  type: FieldType;
  target: Field;
}
export type PageCondition = { all: PageCondition[] } | { any: PageCondition[] } | PageLeaf;

/** Where a condition's field ids are found on the page: an item's siblings first, then the page's fields. */
export interface ConditionScope {
  /** Visible answers of the other pages (visibleAnswers of the draft without this page's ids). */
  outer: Answers;
  /** This page's top-level fields by id. */
  page: ReadonlyMap<string, Field>;
  /** Inside an item of a repeated block: its fields by id and the prefix of their names (`rep.0.`). */
  item?: { prefix: string; fields: ReadonlyMap<string, Field> };
}

/**
 * Splits a condition into what other pages decide (evaluated now) and what this page decides: `false` when
 * the field cannot show whatever is typed on this page, `true` when it always shows, else the condition
 * left for this page's inputs.
 */
export function pageCondition(condition: Condition, scope: ConditionScope): boolean | PageCondition {
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const parts = (isAll ? condition.all : condition.any).map((c) => pageCondition(c, scope));
    // all: one false part decides, true parts drop out; any: the other way round.
    if (parts.includes(!isAll)) return !isAll;
    const rest = parts.filter((p): p is PageCondition => typeof p !== 'boolean');
    if (rest.length === 0) return isAll;
    if (rest.length === 1) return rest[0]!;
    return isAll ? { all: rest } : { any: rest };
  }
  const sibling = scope.item?.fields.get(condition.field);
  const target = sibling ?? scope.page.get(condition.field);
  if (!target) return evaluate(condition, scope.outer);
  const name = sibling ? `${scope.item!.prefix}${condition.field}` : condition.field;
  const leaf: PageLeaf = { field: name, op: condition.op, type: target.type, target };
  if (condition.value !== undefined) leaf.value = condition.value;
  return leaf;
}

/** The `data-visible-if` attribute's value. */
export function conditionJson(condition: PageCondition): string {
  return JSON.stringify(condition, (key, value: unknown) => (key === 'target' ? undefined : value));
}
