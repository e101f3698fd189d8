// Where someone lives or something is: an administrative territory picked from lists, a postal-less address,
// a point on a map.
import { fail, none, obj, ok, str, type Validator } from './field-kit.ts';
import type { AddressField, GeoField, TerritoryField } from './types.ts';

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * Region → department → commune, each code checked against the country's lists (and against its parent: a
 * commune of another department is refused). Without lists for the country nothing can be checked, so the
 * answer is refused: a deployment that forgets to load them finds out at once, not after filing bad codes.
 */
export const territory: Validator<TerritoryField> = (field, input, path, ctx) => {
  const t = obj(input);
  const [region, department, commune] = [str(t.region), str(t.department), str(t.commune)];
  if (region === '' && department === '' && commune === '') return none;
  const depth = { region: 1, department: 2, commune: 3 }[field.level ?? 'commune'];
  const country = field.country ?? ctx.country;
  const lists = country ? ctx.territories?.[country] : undefined;
  if (!lists) {
    const codes = [region, department, commune].slice(0, depth);
    if (!ctx.contextFree || codes.some((c) => !CODE.test(c))) return fail(path, 'forms.error.territory');
    return ok(depth === 1 ? { region } : depth === 2 ? { region, department } : { region, department, commune });
  }
  const r = lists.regions.find((x) => x.code === region);
  if (!r) return fail(path, 'forms.error.region');
  if (depth === 1) return ok({ region });
  const d = r.departments.find((x) => x.code === department);
  if (!d) return fail(path, 'forms.error.department');
  if (depth === 2) return ok({ region, department });
  if (!d.communes.some((x) => x.code === commune)) return fail(path, 'forms.error.commune');
  return ok({ region, department, commune });
};

const oneLine = (v: unknown) => str(v).replace(/\s*[\r\n\t]+\s*/g, ' ');

/** Many places have no street name: the line takes a neighbourhood and a landmark (« derrière la mosquée »). */
export const address: Validator<AddressField> = (_field, input, path) => {
  const a = obj(input);
  const [line, city, commune] = [oneLine(a.line), oneLine(a.city), oneLine(a.commune)];
  if (line === '' && city === '' && commune === '') return none;
  if (line === '') return fail(path, 'forms.error.address');
  if (city === '') return fail(path, 'forms.error.addresscity');
  if (line.length > 200) return fail(path, 'forms.error.maxlength', { max: 200 });
  if (city.length > 100 || commune.length > 100) return fail(path, 'forms.error.maxlength', { max: 100 });
  return ok(commune === '' ? { line, city } : { line, city, commune });
};

function coordinate(v: unknown, limit: number): number | null {
  // A stored coordinate is a number already (String(1e-7) would not read back).
  const n = typeof v === 'number' ? v : /^[+-]?\d{1,3}(?:[.,]\d{1,12})?$/.test(str(v)) ? Number(str(v).replace(',', '.')) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? (n === 0 ? 0 : n) : null;
}

export const geo: Validator<GeoField> = (_field, input, path) => {
  const g = obj(input);
  if (str(g.lat) === '' && str(g.lon) === '') return none;
  const [lat, lon] = [coordinate(g.lat, 90), coordinate(g.lon, 180)];
  return lat === null || lon === null ? fail(path, 'forms.error.geo') : ok({ lat, lon });
};
