// The territory lists of the three countries: their size and shape, a few facts anyone there would check first,
// the forms engine accepting them, and the API that serves them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { checkValue, readField, type FieldContext, type InputField, type Country } from '../forms/index.ts';
import { communesOf, departmentsOf, territoriesOf, territoryNames } from './index.ts';
import { registerTerritoryApi } from './api.ts';

/** Regions (top level), department-level entries, communes, per docs/decisions/0005-territories.md. */
const EXPECTED: Record<Country, { regions: number; departments: number; communes: number }> = {
  ne: { regions: 8, departments: 67, communes: 266 }, // 63 departments + the 4 cities of special status
  sn: { regions: 14, departments: 46, communes: 553 },
  ci: { regions: 33, departments: 108, communes: 201 }, // 31 regions + 2 autonomous districts; Abidjan's stand-in department
};

const byName = <T extends { name: string }>(list: readonly T[], name: string): T => {
  const found = list.find((x) => x.name === name);
  assert.ok(found, `${name} not found among ${list.map((x) => x.name).join(', ')}`);
  return found;
};

for (const country of Object.keys(EXPECTED) as Country[]) {
  test(`${country}: counts, unique codes, non-empty names, communes everywhere`, () => {
    const lists = territoriesOf(country);
    const departments = lists.regions.flatMap((r) => r.departments);
    const communes = departments.flatMap((d) => d.communes);
    assert.deepEqual(
      { regions: lists.regions.length, departments: departments.length, communes: communes.length },
      EXPECTED[country],
    );
    for (const level of [lists.regions, departments, communes]) {
      const codes = level.map((x) => x.code);
      assert.equal(new Set(codes).size, codes.length, `duplicate codes: ${codes.filter((c, i) => codes.indexOf(c) !== i)}`);
      for (const { code, name } of level) {
        assert.match(code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        assert.ok(code.length <= 40, code);
        assert.ok(name.trim() !== '' && name === name.trim() && name.normalize('NFC') === name, JSON.stringify(name));
      }
    }
    for (const d of departments) assert.ok(d.communes.length >= 1, `${d.name} has no commune`);
    // Names are unique among siblings, so a picker never shows the same entry twice.
    for (const r of lists.regions) {
      assert.equal(new Set(r.departments.map((d) => d.name)).size, r.departments.length, r.name);
      for (const d of r.departments) assert.equal(new Set(d.communes.map((c) => c.name)).size, d.communes.length, d.name);
    }
    assert.match(lists.asOf, /^\d{4}$/);
    assert.ok(lists.source.length > 0);
  });
}

test('ne: the regions, Niamey as a city, Birni N’Konni in Tahoua', () => {
  const { regions } = territoriesOf('ne');
  assert.deepEqual(
    regions.map((r) => r.name),
    ['Agadez', 'Diffa', 'Dosso', 'Maradi', 'Niamey', 'Tahoua', 'Tillabéri', 'Zinder'],
  );
  const konni = byName(byName(regions, 'Tahoua').departments, "Birni N'Konni");
  byName(konni.communes, "Birni N'Konni");
  const niamey = byName(regions, 'Niamey').departments;
  assert.deepEqual(niamey.map((d) => d.name), ['Ville de Niamey']);
  assert.deepEqual(niamey[0]!.communes.map((c) => c.name), ['Niamey I', 'Niamey II', 'Niamey III', 'Niamey IV', 'Niamey V']);
  // 63 departments of the 2011 reform, and the cities of Maradi, Tahoua and Zinder beside Niamey.
  const cities = regions.flatMap((r) => r.departments).filter((d) => d.name.startsWith('Ville de '));
  assert.deepEqual(cities.map((d) => d.name).sort(), ['Ville de Maradi', 'Ville de Niamey', 'Ville de Tahoua', 'Ville de Zinder']);
  byName(byName(byName(regions, 'Agadez').departments, 'Tchirozérine').communes, 'Agadez');
  byName(byName(byName(regions, 'Tillabéri').departments, 'Balléyara').communes, 'Tagazar');
});

test('sn: Dakar’s departments, Keur Massar since 2021, Touba in Mbacké', () => {
  const { regions } = territoriesOf('sn');
  const dakar = byName(regions, 'Dakar');
  assert.deepEqual(dakar.departments.map((d) => d.name), ['Dakar', 'Guédiawaye', 'Keur Massar', 'Pikine', 'Rufisque']);
  byName(byName(dakar.departments, 'Dakar').communes, 'Plateau');
  byName(byName(dakar.departments, 'Keur Massar').communes, 'Keur Massar Nord');
  byName(byName(byName(regions, 'Diourbel').departments, 'Mbacké').communes, 'Touba Mosquée');
  // Two communes named Mlomp, in two departments of Ziguinchor: distinct codes.
  const ziguinchor = byName(regions, 'Ziguinchor').departments;
  const mlomps = ['Bignona', 'Oussouye'].map((d) => byName(byName(ziguinchor, d).communes, 'Mlomp').code);
  assert.notEqual(mlomps[0], mlomps[1]);
});

test('ci: autonomous districts first, Cocody in Abidjan, the communes of 2018', () => {
  const { regions } = territoriesOf('ci');
  assert.deepEqual(regions.slice(0, 2).map((r) => r.name), ["District autonome d'Abidjan", 'District autonome de Yamoussoukro']);
  const abidjan = regions[0]!.departments;
  byName(byName(abidjan, 'Abidjan').communes, 'Cocody');
  byName(byName(byName(regions, 'Gbêkê').departments, 'Bouaké').communes, 'Bouaké');
  byName(byName(byName(regions, 'Sud-Comoé').departments, 'Adiaké').communes, 'Assinie-Mafia');
  byName(byName(byName(regions, 'Kabadougou').departments, 'Gbéléban').communes, 'Gbéléban');
});

test('departmentsOf, communesOf, territoryNames: by code, empty or undefined when unknown', () => {
  const tahoua = byName(territoriesOf('ne').regions, 'Tahoua');
  const konni = byName(tahoua.departments, "Birni N'Konni");
  const commune = byName(konni.communes, "Birni N'Konni");

  const departments = departmentsOf('ne', tahoua.code);
  assert.equal(departments.length, tahoua.departments.length);
  assert.deepEqual(departments.find((d) => d.code === konni.code), { code: konni.code, name: "Birni N'Konni" });
  assert.deepEqual(departmentsOf('ne', 'nowhere'), []);
  assert.deepEqual(departmentsOf('sn', tahoua.code), []);

  assert.deepEqual(communesOf('ne', tahoua.code, konni.code), konni.communes.map(({ code, name }) => ({ code, name })));
  assert.deepEqual(communesOf('ne', tahoua.code, 'nowhere'), []);
  const maradi = byName(territoriesOf('ne').regions, 'Maradi');
  assert.deepEqual(communesOf('ne', maradi.code, konni.code), [], 'a department under another region');

  const value = { region: tahoua.code, department: konni.code, commune: commune.code };
  assert.deepEqual(territoryNames('ne', value), { region: 'Tahoua', department: "Birni N'Konni", commune: "Birni N'Konni" });
  assert.deepEqual(territoryNames('ne', { region: tahoua.code }), { region: 'Tahoua', department: undefined, commune: undefined });
  assert.deepEqual(territoryNames('ne', { ...value, commune: 'nowhere' }), { region: 'Tahoua', department: "Birni N'Konni", commune: undefined });
  assert.deepEqual(territoryNames('ne', { ...value, region: maradi.code }), { region: 'Maradi', department: undefined, commune: undefined });
  assert.deepEqual(territoryNames('ci', value), { region: undefined, department: undefined, commune: undefined });
});

test('the lists are read once and cannot be changed by a caller', () => {
  const lists = territoriesOf('sn');
  assert.equal(territoriesOf('sn'), lists);
  assert.throws(() => {
    (lists.regions as unknown[]).push({});
  });
  assert.throws(() => {
    lists.regions[0]!.name = 'Ailleurs';
  });
  // What the helpers return is the caller's own copy.
  const copy = departmentsOf('sn', lists.regions[0]!.code);
  copy[0]!.name = 'Ailleurs';
  assert.notEqual(lists.regions[0]!.departments[0]!.name, 'Ailleurs');
});

test('the forms engine accepts a real commune and refuses one of another department', () => {
  const ctx: FieldContext = {
    now: new Date('2026-06-15T09:30:00Z'),
    timeZone: 'Africa/Niamey',
    country: 'ne',
    territories: { ne: territoriesOf('ne'), sn: territoriesOf('sn'), ci: territoriesOf('ci') },
  };
  const field: InputField = { id: 'lieu', label: 'Lieu', type: 'territory', required: true };
  const tahoua = byName(territoriesOf('ne').regions, 'Tahoua');
  const konni = byName(tahoua.departments, "Birni N'Konni");
  const bouza = byName(tahoua.departments, 'Bouza');
  const good = { region: tahoua.code, department: konni.code, commune: byName(konni.communes, "Birni N'Konni").code };

  assert.deepEqual(readField(field, good, 'lieu', ctx), { value: good });
  assert.deepEqual(checkValue(field, good, 'lieu', ctx), { value: good });
  const elsewhere = { ...good, commune: byName(bouza.communes, 'Bouza').code };
  assert.equal(readField(field, elsewhere, 'lieu', ctx).error?.key, 'forms.error.commune');
  assert.equal(checkValue(field, elsewhere, 'lieu', ctx).error?.key, 'forms.error.commune');
  assert.equal(readField(field, { ...good, department: bouza.code }, 'lieu', ctx).error?.key, 'forms.error.commune');

  // Another country's lists, named by the field.
  const dakar = byName(territoriesOf('sn').regions, 'Dakar');
  const pikine = byName(dakar.departments, 'Pikine');
  const sn = { region: dakar.code, department: pikine.code, commune: byName(pikine.communes, 'Mbao').code };
  assert.deepEqual(readField({ ...field, country: 'sn' }, sn, 'lieu', ctx), { value: sn });
  assert.equal(readField({ ...field, country: 'sn' }, good, 'lieu', ctx).error?.key, 'forms.error.region');

  // Every code stays within what the engine accepts when it checks a draft without the lists.
  const free: FieldContext = { contextFree: true };
  for (const country of ['ne', 'sn', 'ci'] as const) {
    for (const r of territoriesOf(country).regions) {
      for (const d of r.departments) {
        for (const c of d.communes) {
          const v = { region: r.code, department: d.code, commune: c.code };
          assert.deepEqual(checkValue({ ...field, country }, v, 'lieu', free), { value: v });
          assert.deepEqual(checkValue({ ...field, country }, v, 'lieu', ctx), { value: v });
        }
      }
    }
  }
});

test('GET /api/v1/territories/:country: the whole tree, cached a day; 404 for another country', async (t) => {
  const app = Fastify();
  registerTerritoryApi(app);
  t.after(() => app.close());

  const res = await app.inject('/api/v1/territories/ci');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'public, max-age=86400');
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = res.json();
  const lists = territoriesOf('ci');
  assert.equal(body.country, 'ci');
  assert.equal(body.source, lists.source);
  assert.equal(body.as_of, lists.asOf);
  assert.deepEqual(body.regions, lists.regions);

  for (const path of ['/api/v1/territories/fr', '/api/v1/territories/NE', '/api/v1/territories/__proto__']) {
    const missing = await app.inject(path);
    assert.equal(missing.statusCode, 404, path);
    assert.match(String(missing.headers['content-type']), /^application\/json/);
    assert.equal(missing.headers['cache-control'], undefined);
    assert.equal(missing.json().error.status, 404);
    assert.equal(typeof missing.json().error.message, 'string');
  }
});
