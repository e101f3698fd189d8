// Administrative territories (region → department → commune) of Niger, Senegal and Côte d'Ivoire: the lists the
// forms engine checks a `territory` answer against (`ctx.territories`) and the pickers that fill one. They are
// reference data kept in reference/territories/<country>.json (levels, sources and updates:
// docs/decisions/0005-territories.md); each file is read and checked once, on first use, then kept frozen.
import { readFileSync } from 'node:fs';
import type { Country, Territories, TerritoryValue } from '../forms/types.ts';

/** One country's lists, with where they come from and the year of the texts they follow. */
export interface TerritoryReference extends Territories {
  source: string;
  asOf: string;
}

export interface Place {
  code: string;
  name: string;
}

/** Same rule as the codes the forms engine accepts without lists (field-place.ts): at most 40 characters. */
const CODE = /^[a-z0-9-]{1,40}$/;

const loaded = new Map<Country, TerritoryReference>();

export function territoriesOf(country: Country): TerritoryReference {
  let lists = loaded.get(country);
  if (!lists) {
    const file = new URL(`../../../reference/territories/${country}.json`, import.meta.url);
    lists = deepFreeze(checked(JSON.parse(readFileSync(file, 'utf8')), `reference/territories/${country}.json`));
    loaded.set(country, lists);
  }
  return lists;
}

/** The departments of a region, without their communes; empty for an unknown region. */
export function departmentsOf(country: Country, regionCode: string): Place[] {
  const region = territoriesOf(country).regions.find((r) => r.code === regionCode);
  return (region?.departments ?? []).map(place);
}

/** The communes of a department of that region; empty when either code is unknown or they do not belong together. */
export function communesOf(country: Country, regionCode: string, departmentCode: string): Place[] {
  const region = territoriesOf(country).regions.find((r) => r.code === regionCode);
  const department = region?.departments.find((d) => d.code === departmentCode);
  return (department?.communes ?? []).map(place);
}

/**
 * The names to show for a stored answer. A part is left out when its code is unknown — or is not a child of the
 * part above it, so a name is never shown under the wrong parent.
 */
export function territoryNames(country: Country, value: TerritoryValue): { region?: string; department?: string; commune?: string } {
  const region = territoriesOf(country).regions.find((r) => r.code === value.region);
  const department = region?.departments.find((d) => d.code === value.department);
  const commune = department?.communes.find((c) => c.code === value.commune);
  return { region: region?.name, department: department?.name, commune: commune?.name };
}

const place = ({ code, name }: Place): Place => ({ code, name });

/**
 * The file as data of the expected shape, or an error naming the first problem: a hand-edited list that is wrong
 * stops the process at its first use instead of refusing good answers later.
 */
function checked(raw: unknown, file: string): TerritoryReference {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  const record = (v: unknown, where: string): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(`${where} is not an object`);
  const list = (v: unknown, where: string): unknown[] => (Array.isArray(v) && v.length > 0 ? v : fail(`${where} is not a non-empty list`));
  const text = (v: unknown, where: string): string => (typeof v === 'string' && v.trim() !== '' ? v : fail(`${where} is missing`));
  const codes = [new Set<string>(), new Set<string>(), new Set<string>()];
  const entry = (v: unknown, level: 0 | 1 | 2, where: string) => {
    const e = record(v, where);
    const code = text(e.code, `${where}.code`);
    if (!CODE.test(code)) fail(`${where}.code "${code}" is not lowercase letters, digits and dashes (40 at most)`);
    if (codes[level]!.has(code)) fail(`${where}.code "${code}" is used twice`);
    codes[level]!.add(code);
    return { e, code, name: text(e.name, `${where}.name`) };
  };

  const doc = record(raw, 'the file');
  const regions = list(doc.regions, 'regions').map((r, ri) => {
    const region = entry(r, 0, `regions[${ri}]`);
    const departments = list(region.e.departments, `${region.code}.departments`).map((d, di) => {
      const department = entry(d, 1, `${region.code}.departments[${di}]`);
      const communes = list(department.e.communes, `${department.code}.communes`).map((c, ci) => {
        const commune = entry(c, 2, `${department.code}.communes[${ci}]`);
        return { code: commune.code, name: commune.name };
      });
      return { code: department.code, name: department.name, communes };
    });
    return { code: region.code, name: region.name, departments };
  });
  return { source: text(doc.source, 'source'), asOf: text(doc.asOf, 'asOf'), regions };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
