// Act numbers: one sequence per commune register and year, never shared by two registrations running at once,
// never skipped when a registration rolls back. On PGlite and, with DATABASE_URL, on PostgreSQL (where the
// transactions really run side by side on separate connections).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase } from '../../../../test/support/app.ts';
import { migrate } from '../../../platform/db/migrate.ts';
import type { Database } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/db/ids.ts';
import { actNumber, localYear, nextActNumber } from './numbering.ts';
import { ensureRegister } from './registers.ts';

let database: Database;
let drop: () => Promise<void>;
let registerA: string;
let registerB: string;

before(async () => {
  ({ database, drop } = await testDatabase());
  await migrate(database);
  const admin = newId();
  await database.db.insertInto('administrations').values({ id: admin, code: 'ne-essai-ec', country: 'ne', parent_id: null, name: 'Centre essai', acronym: null }).execute();
  const make = (commune: string) => ensureRegister(database.db, { id: newId(), country: 'ne', communeCode: commune, administrationId: admin, centreName: commune, place: 'Niamey', signatory: 'L’officier' });
  registerA = await make('niamey-ville-niamey-iii');
  registerB = await make('niamey-ville-niamey-iv');
});
after(async () => {
  await database.close();
  await drop();
});

const draw = (registerId: string, year: number) => database.db.transaction().execute((trx) => nextActNumber(trx, registerId, year));

test('each register counts on its own, and starts again at 1 each year', async () => {
  assert.deepEqual([await draw(registerA, 2026), await draw(registerA, 2026), await draw(registerA, 2026)], [1, 2, 3]);
  assert.equal(await draw(registerB, 2026), 1);
  assert.equal(await draw(registerA, 2027), 1);
  assert.equal(await draw(registerA, 2026), 4);
  assert.equal(actNumber(2026, 123), '2026/000123');
});

test('a registration that rolls back gives its number back: no gap', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      assert.equal(await nextActNumber(trx, registerB, 2026), 2);
      throw new Error('the act could not be written');
    }),
    /could not be written/,
  );
  assert.equal(await draw(registerB, 2026), 2);
});

test('registrations running at once never share a number and leave no hole', async () => {
  const n = 12;
  const numbers = await Promise.all(
    Array.from({ length: n }, () =>
      database.db.transaction().execute(async (trx) => {
        const drawn = await nextActNumber(trx, registerB, 2030);
        // Hold the row a moment, as a registration does while it writes the act and its audit entry.
        await new Promise((r) => setTimeout(r, 5));
        return drawn;
      }),
    ),
  );
  assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i + 1));
});

test('the register year is the calendar year of the service\'s time zone', () => {
  // 23:30 UTC on 31 December is already the next year in Niamey (UTC+1), not yet in Dakar (UTC+0).
  assert.equal(localYear(new Date('2026-12-31T23:30:00Z'), 'Africa/Niamey'), 2027);
  assert.equal(localYear(new Date('2026-12-31T23:30:00Z'), 'Africa/Dakar'), 2026);
});
