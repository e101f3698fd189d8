// The editors' JSON Schema (schemas/online-form.schema.json) is what json-schema.ts produces now, offers
// every field type with its words, and accepts every shipped online form while refusing common mistakes.
// No JSON Schema library: a small checker below covers the keywords the schema uses, and the first test
// fails if the schema starts using one it does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { FIELD_TYPES } from './definition.ts';
import { formJsonSchema, formJsonSchemaText, JSON_SCHEMA_FILE, schemaFieldTypes, undocumentedFieldTypes } from './json-schema.ts';

type Json = { [key: string]: unknown };
const ROOT = new URL('../../../', import.meta.url);

test('the committed schema is what the code produces now (run `npm run schema:forms` after a change)', () => {
  const committed = readFileSync(new URL(JSON_SCHEMA_FILE, ROOT), 'utf8');
  assert.equal(committed, formJsonSchemaText());
});

test('the schema is draft 2020-12, offers every field type, and explains each type and each of its keys', () => {
  const schema = formJsonSchema();
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(undocumentedFieldTypes(), []);
  assert.deepEqual([...schemaFieldTypes(schema)].sort(), [...FIELD_TYPES].sort());
  const defs = schema.$defs as Record<string, Json>;
  for (const type of FIELD_TYPES) {
    const def = defs[`${type}Field`];
    assert.ok(def && typeof def.title === 'string' && typeof def.description === 'string', `${type}: title and description`);
    for (const [key, property] of Object.entries(def.properties as Record<string, Json>)) {
      assert.equal(typeof property.description, 'string', `${type}.${key}: description`);
    }
  }
  assert.deepEqual([...keywordsOf(schema)].filter((k) => !KNOWN.has(k)), [], 'keywords the checker below does not know');
});

test('every shipped online form is accepted by the schema', () => {
  const schema = formJsonSchema();
  const forms = shippedForms();
  assert.ok(forms.length > 0);
  for (const { name, data } of forms) assert.deepEqual(check(schema, data), [], name);
});

test('the schema refuses the mistakes an editor should underline', () => {
  const schema = formJsonSchema();
  const form = (field: Json) => ({ sections: [{ id: 'page', title: 'Page', fields: [field] }] });
  const ok = { id: 'nom', type: 'text', label: 'Nom', required: true };
  assert.deepEqual(check(schema, form(ok)), []);
  const refused = {
    'a misspelt key': { ...ok, requried: true },
    'an unknown type': { ...ok, type: 'texte' },
    'no label': { id: 'nom', type: 'text' },
    'an id with a dash': { ...ok, id: 'mon-champ' },
    'a translation without French': { ...ok, label: { en: 'Name' } },
    'an unknown condition operator': { ...ok, visibleIf: { field: 'x', op: 'is', value: 1 } },
    'a choice without options': { id: 'c', type: 'choice', label: 'C', options: [] },
    'a file kind that does not exist': { id: 'f', type: 'attachment', label: 'F', accept: ['docx'] },
    'a date bound in another format': { id: 'd', type: 'date', label: 'D', min: '01/01/1990' },
    'a repeat inside a repeat': { id: 'r', type: 'repeat', label: 'R', fields: [{ id: 's', type: 'repeat', label: 'S', fields: [ok] }] },
  };
  for (const [mistake, field] of Object.entries(refused)) assert.notDeepEqual(check(schema, form(field)), [], mistake);
  assert.notDeepEqual(check(schema, { sections: [] }), [], 'no section');
});

function shippedForms(): { name: string; data: unknown }[] {
  const procedures = new URL('procedures/', ROOT);
  const forms = [];
  for (const country of readdirSync(procedures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    const dir = new URL(`${country}/online/`, procedures);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      forms.push({ name: `${country}/online/${file}`, data: parse(readFileSync(new URL(file, dir), 'utf8')) as unknown });
    }
  }
  return forms;
}

// ---- A small JSON Schema checker, for the keywords this schema uses --------------------------------------

const ANNOTATIONS = ['$schema', '$comment', '$defs', 'title', 'description'];
const ASSERTIONS = ['$ref', 'type', 'const', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum'];
const APPLICATORS = ['properties', 'required', 'additionalProperties', 'items', 'minItems', 'anyOf', 'oneOf'];
const KNOWN = new Set([...ANNOTATIONS, ...ASSERTIONS, ...APPLICATORS]);

/** Every keyword used anywhere in a schema (property and $defs names excluded). */
function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => keywordsOf(s, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      found.add(key);
      if (key === 'properties' || key === '$defs') Object.values(value as Json).forEach((s) => keywordsOf(s, found));
      else if (typeof value === 'object') keywordsOf(value, found);
    }
  }
  return found;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The problems of `value` against `schema`, as `path: message`; none when it is valid. */
function check(root: Json, value: unknown, schema: Json = root, path = '$'): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${path}: ${message}`);
  if (typeof schema.$ref === 'string') {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? (root.$defs as Record<string, Json>)[name] : undefined;
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    problems.push(...check(root, value, target, path));
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return [...problems, `${path}: ${actual}, expected ${types.join(' or ')}`];
  }
  if ('const' in schema && value !== schema.const) fail(`not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail(`not above ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (schema.items && typeof schema.items === 'object') value.forEach((item, i) => problems.push(...check(root, item, schema.items as Json, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const object = value as Json;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) fail(`missing ${key}`);
    for (const [key, v] of Object.entries(object)) {
      if (properties[key]) problems.push(...check(root, v, properties[key], `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown key ${key}`);
    }
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const results = branches.map((branch: Json) => check(root, value, branch, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) fail(`no ${keyword} branch fits (closest: ${results.sort((a, b) => a.length - b.length)[0]?.[0] ?? '?'})`);
    if (keyword === 'oneOf' && passing > 1) fail(`${passing} oneOf branches fit`);
  }
  return problems;
}
