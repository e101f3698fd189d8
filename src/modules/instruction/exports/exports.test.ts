// Exports over HTTP: an agent exports his team's dossiers of a procedure (never another team's), as CSV or
// XLSX, at once when small or through the worker when large; the file is his alone; column sets are kept;
// bad input is refused in words and changes nothing; old exports go away.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../../test/support/app.ts';
import { fileCasier, location } from '../../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, signedInStaff } from '../../../../test/support/backoffice.ts';
import type { Visitor } from '../../../../test/support/browser-session.ts';
import { assertAccessible, browserSkip, launchBrowser } from '../../../../test/support/browser.ts';
import { newId } from '../../../platform/db/ids.ts';
import { runDueJobs } from '../../../platform/jobs/outbox.ts';
import { jobHandlers } from '../../../app.ts';
import { exportSettings } from './settings.ts';
import { purgeOldExports } from './service.ts';
import { parseCsv } from './testing.ts';

type Person = { id: string; v: Visitor };
let t: TestApp;
let procedureId: string;
let otherProcedureId: string;
let people: Record<'agent' | 'teammate' | 'manager' | 'stranger', Person>;
let own: string;
let other: string;
const refs: Record<'base' | 'tricky' | 'neighbour' | 'foreign', string> = { base: '', tricky: '', neighbour: '', foreign: '' };

const TRICKY_NAME = 'Ibrahim; dit "le Grand"\nde Birni-N\'Konni';
const FORMULA = '=HYPERLINK("http://pirate.example","Cliquez")';
const defaults = { ...exportSettings };

let copies = 0;
/** A copy of a filed dossier with other answers, team and time: faster than filing each through the pages. */
async function copyOf(id: string, into: { team: string; administration: string; answers: Record<string, unknown>; status?: 'submitted' | 'in_review' }): Promise<string> {
  const d = await t.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const reference = `DOS-2026-T${String(++copies).padStart(5, '0')}`;
  await t.ctx.db
    .insertInto('dossiers')
    .values({
      id: newId(),
      reference,
      procedure_id: d.procedure_id,
      revision_id: d.revision_id,
      applicant_id: d.applicant_id,
      status: into.status ?? 'submitted',
      answers: JSON.stringify({ ...d.answers, ...into.answers }),
      submitted_at: new Date(d.submitted_at!.getTime() + copies * 1000),
      team_id: into.team,
      administration_id: into.administration,
      due_at: d.due_at,
    })
    .execute();
  return reference;
}

before(async () => {
  t = await startTestApp({ seed: true });
  ({ procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire'));
  const team = await makeTeam(t, own, 'Greffe de Tahoua');
  const neighbours = await makeTeam(t, own, 'Greffe voisin');
  const strangers = await makeTeam(t, other, 'Autre administration');
  await t.ctx.db
    .insertInto('procedure_processing')
    .values({ procedure_id: procedureId, default_team_id: team })
    .onConflict((oc) => oc.column('procedure_id').doUpdateSet({ default_team_id: team }))
    .execute();
  // The neighbours and the strangers are given the procedure too (by a rule that never holds), so that each
  // may export it: their exports must hold their own dossiers and nothing of the agent's team.
  for (const [position, teamId] of [[101, neighbours], [102, strangers]] as const) {
    await t.ctx.db
      .insertInto('routing_rules')
      .values({ id: newId(), procedure_id: procedureId, position, team_id: teamId, condition: JSON.stringify({ field: 'lieu_naissance', op: 'equals', value: 'Nulle part' }) })
      .execute();
  }
  const base = await fileCasier(t);
  refs.base = base.reference;
  refs.tricky = await copyOf(base.id, { team, administration: own, answers: { nom: TRICKY_NAME, prenoms: FORMULA }, status: 'in_review' });
  refs.neighbour = await copyOf(base.id, { team: neighbours, administration: own, answers: { nom: 'Voisin' } });
  refs.foreign = await copyOf(base.id, { team: strangers, administration: other, answers: { nom: 'Étranger' } });
  const p = await t.ctx.db.selectFrom('procedures').select('id').where('id', '!=', procedureId).where('administration_id', 'not in', [own]).executeTakeFirstOrThrow();
  otherProcedureId = p.id;
  people = {
    agent: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team], name: 'Agent de Tahoua' }),
    teammate: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [neighbours] }),
    manager: await signedInStaff(t, { role: 'manager', administrationId: own }),
    stranger: await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [strangers] }),
  };
});
after(() => t.close());
afterEach(() => Object.assign(exportSettings, defaults));

async function exportAs(who: Person, fields: Record<string, string | string[]>) {
  await who.v.get(`/agent/exports?demarche=${procedureId}`);
  return who.v.post('/agent/exports', { demarche: procedureId, format: 'csv', ...fields });
}

const csvOf = (res: { rawPayload: Buffer }) => {
  assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  return parseCsv(res.rawPayload.subarray(3).toString('utf8'));
};

async function xlsxRows(data: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const audits = (action: string, actorId: string) =>
  t.ctx.db.selectFrom('audit_log').select(['subject_type', 'subject_id', 'details']).where('action', '=', action).where('actor_id', '=', actorId).orderBy('seq').execute();

describe('the page', () => {
  test('offers the agent\'s procedure with its form\'s questions in French, grouped by page; the inbox links to it', async () => {
    const inbox = await people.agent.v.get('/agent');
    assert.match(inbox.body, /href="\/agent\/exports"/);
    const page = await people.agent.v.get('/agent/exports');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<legend>Votre identité<\/legend>/);
    assert.match(page.body, /name="colonnes" value="r\.nom"/);
    assert.match(page.body, /<label for="c-\d-r\.prenoms">Prénoms<\/label>/);
    assert.match(page.body, /Nom du demandeur/);
    assert.match(page.body, /name="_csrf" value="[^"]+"/);
  });

  test('refuses an operator', async () => {
    const operator = await signedInStaff(t, { role: 'operator' });
    assert.equal((await operator.v.get('/agent/exports')).statusCode, 403);
  });
});

describe('a small export, downloaded at once', () => {
  test('CSV: the chosen columns, answers intact with their accents, `;`, quotes and line breaks, a formula neutralised', async () => {
    const res = await exportAs(people.agent, { colonnes: ['d.reference', 'd.team', 'r.nom', 'r.prenoms', 'r.sexe', 'r.acte_naissance'] });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="extrait-casier-judiciaire-\d{8}-\d{4}\.csv"$/);
    const [header, ...rows] = csvOf(res);
    assert.deepEqual(header, ['Référence', 'Équipe', 'Nom', 'Prénoms', 'Sexe', 'Acte de naissance ou jugement supplétif']);
    assert.deepEqual(
      rows.map((r) => r[0]),
      [refs.base, refs.tricky],
      'his team\'s dossiers only, in submission order',
    );
    assert.deepEqual(rows[0], [refs.base, 'Greffe de Tahoua', 'Issoufou', 'Aïcha', 'Féminin', 'acte de naissance.pdf']);
    assert.equal(rows[1]![2], TRICKY_NAME);
    assert.equal(rows[1]![3], `'${FORMULA}`);
    const [entry] = await audits('export.download', people.agent.id);
    assert.equal(entry?.subject_type, 'procedure');
    assert.deepEqual((entry?.details as { rows: number }).rows, 2);
  });

  test('XLSX for the manager: his whole administration, never another one', async () => {
    const res = await exportAs(people.manager, { colonnes: ['d.reference', 'r.nom', 'd.submitted_at'], format: 'xlsx' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [header, ...rows] = await xlsxRows(res.rawPayload);
    assert.deepEqual(header, ['Référence', 'Déposé le', 'Nom'], 'the columns in the page\'s order');
    assert.deepEqual(
      rows.map((r) => [r[0], r[2]]),
      [
        [refs.base, 'Issoufou'],
        [refs.tricky, TRICKY_NAME],
        [refs.neighbour, 'Voisin'],
      ],
    );
    assert.ok(rows.every((r) => r[1] instanceof Date), 'dates are dates');
  });

  test('another team exports its own dossiers and none of the agent\'s', async () => {
    for (const [who, mine] of [['teammate', refs.neighbour], ['stranger', refs.foreign]] as const) {
      const res = await exportAs(people[who], { colonnes: ['d.reference'] });
      assert.equal(res.statusCode, 200, `${who}: ${res.body.slice(0, 300)}`);
      assert.deepEqual(csvOf(res), [['Référence'], [mine]], who);
    }
  });

  test('the inbox filters: status and dates', async () => {
    const reviewed = await exportAs(people.agent, { colonnes: ['d.reference', 'd.status'], statut: 'in_review' });
    assert.deepEqual(csvOf(reviewed).slice(1), [[refs.tricky, 'En instruction']]);
    const future = await exportAs(people.agent, { colonnes: ['d.reference'], du: '01/01/2099' });
    assert.deepEqual(csvOf(future), [['Référence']], 'a day typed as people write it');
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = await exportAs(people.agent, { colonnes: ['d.reference'], du: '2020-01-01', au: today });
    assert.equal(csvOf(upToToday).length, 3);
  });
});

describe('bad input', () => {
  test('is refused with a French message, changes nothing and is never a server error', async () => {
    const count = async () => {
      const { rows } = await sql<{ n: string }>`SELECT (SELECT count(*) FROM exports) + (SELECT count(*) FROM export_column_sets) + (SELECT count(*) FROM jobs) AS n`.execute(t.ctx.db);
      return Number(rows[0]!.n);
    };
    const before = await count();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ demarche: otherProcedureId, colonnes: 'd.reference' }, 'Choisissez une démarche parmi celles qui vous sont confiées.'],
      [{ demarche: 'pas-un-identifiant', colonnes: 'd.reference' }, 'Choisissez une démarche parmi celles qui vous sont confiées.'],
      [{ colonnes: [] }, 'Cochez au moins une colonne.'],
      [{ colonnes: ['d.reference', 'r.inexistant'] }, 'Une des colonnes demandées'],
      [{ colonnes: Array.from({ length: 400 }, (_, i) => `r.c${i}`) }, 'Trop de colonnes : 300 au plus.'],
      [{ colonnes: 'd.reference', format: 'pdf' }, 'Choisissez le format du fichier : CSV ou XLSX.'],
      [{ colonnes: 'd.reference', statut: 'draft' }, 'Choisissez un statut dans la liste.'],
      [{ colonnes: 'd.reference', du: '31/02/2026' }, 'Cette date n'],
      [{ colonnes: 'd.reference', du: '2026-05-01', au: '2026-04-01' }, 'La date de fin est avant la date de début.'],
      [{ colonnes: 'd.reference', action: 'enregistrer', nom: '' }, 'Donnez un nom à ce jeu de colonnes.'],
      [{ colonnes: 'd.reference', action: 'enregistrer', nom: 'x'.repeat(81) }, 'trop long'],
    ];
    for (const [fields, message] of cases) {
      const res = await exportAs(people.agent, fields);
      assert.equal(res.statusCode, 400, `${JSON.stringify(fields).slice(0, 80)}: ${res.statusCode}`);
      assert.ok(res.body.includes(message), `${message} in ${res.body.slice(0, 200)}`);
      assert.match(res.body, /Il y a un problème/);
    }
    const forgedSet = await people.agent.v.get(`/agent/exports?demarche=${procedureId}&jeu=${newId()}`);
    assert.equal(forgedSet.statusCode, 400);
    assert.ok(forgedSet.body.includes('Ce jeu de colonnes n'));
    const foreign = await people.agent.v.get(`/agent/exports?demarche=${otherProcedureId}`);
    assert.equal(foreign.statusCode, 400);
    for (const url of [`/agent/exports/${newId()}/fichier`, '/agent/exports/..%2F..%2Fetc/fichier']) assert.equal((await people.agent.v.get(url)).statusCode, 404, url);
    await people.agent.v.get('/agent/exports');
    assert.equal((await people.agent.v.post(`/agent/exports/jeux/${newId()}/suppression`, {})).statusCode, 404);
    assert.equal(await count(), before);
  });
});

describe('column sets', () => {
  test('are saved under a name, ticked again when chosen, replaced by the same name, and nobody else\'s', async () => {
    const saved = await exportAs(people.agent, { action: 'enregistrer', nom: 'Suivi mensuel', colonnes: ['r.nom', 'd.reference'] });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const url = location(saved);
    const setId = new URL(url, 'http://x').searchParams.get('jeu')!;
    assert.match(url, /fait=jeu/);
    const page = await people.agent.v.get(url);
    const checked = [...page.body.matchAll(/<input type="checkbox"[^>]*value="([^"]+)"[^>]*checked/g)].map((m) => m[1]);
    assert.deepEqual(checked, ['d.reference', 'r.nom']);
    assert.match(page.body, /Suivi mensuel/);
    // Reused: the page's ticked columns make the export.
    const reused = await people.agent.v.post('/agent/exports', { demarche: procedureId, format: 'csv', colonnes: checked as string[] });
    assert.deepEqual(csvOf(reused)[0], ['Référence', 'Nom']);
    const again = await exportAs(people.agent, { action: 'enregistrer', nom: 'Suivi mensuel', colonnes: ['d.status'] });
    assert.equal(new URL(location(again), 'http://x').searchParams.get('jeu'), setId, 'the same set, its columns replaced');
    const sets = await t.ctx.db.selectFrom('export_column_sets').select('columns').where('user_id', '=', people.agent.id).execute();
    assert.deepEqual(sets.map((s) => s.columns), [['d.status']]);
    const theirs = await people.teammate.v.get(`/agent/exports?demarche=${procedureId}&jeu=${setId}`);
    assert.equal(theirs.statusCode, 400, 'another agent cannot use it');
    await people.teammate.v.get('/agent/exports');
    assert.equal((await people.teammate.v.post(`/agent/exports/jeux/${setId}/suppression`, {})).statusCode, 404, 'nor delete it');
    await people.agent.v.get('/agent/exports');
    const deleted = await people.agent.v.post(`/agent/exports/jeux/${setId}/suppression`, {});
    assert.equal(deleted.statusCode, 303);
    assert.equal((await t.ctx.db.selectFrom('export_column_sets').select('id').where('id', '=', setId).execute()).length, 0);
  });
});

describe('a large export, built by the worker', () => {
  const runJobs = async () => {
    while ((await runDueJobs(t.ctx.db, jobHandlers(t.ctx))) > 0);
  };
  const exportRow = (userId: string) => t.ctx.db.selectFrom('exports').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();

  test('is queued with its job, built page by page into the blob store, announced, downloaded by its author alone', async () => {
    // A threshold of one dossier and pages of one: the agent's two dossiers go through the worker in two pages.
    Object.assign(exportSettings, { syncMax: 1, pageSize: 1 });
    const res = await exportAs(people.agent, { colonnes: ['d.reference', 'r.nom'] });
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), '/agent/exports?fait=attente#exports');
    let row = await exportRow(people.agent.id);
    assert.equal(row.status, 'pending');
    const job = await t.ctx.db.selectFrom('jobs').select('payload').where('kind', '=', 'instruction.export').executeTakeFirstOrThrow();
    assert.deepEqual(job.payload, { exportId: row.id });
    assert.equal((await audits('export.request', people.agent.id)).at(-1)?.subject_id, row.id);
    assert.match((await people.agent.v.get(location(res))).body, /En préparation/);

    await runJobs();
    row = await exportRow(people.agent.id);
    assert.equal(row.status, 'ready');
    assert.equal(row.row_count, 2);
    const told = await t.ctx.db.selectFrom('notifications').innerJoin('users', 'users.email', 'notifications.recipient').select('body').where('users.id', '=', people.agent.id).execute();
    assert.ok(told.some((n) => /est prêt : 2 dossiers/.test(n.body) && n.body.includes('/agent/exports')), 'the author is told');

    const list = await people.agent.v.get('/agent/exports');
    assert.match(list.body, /Prêt \(2 dossiers\)/);
    assert.ok(list.body.includes(`href="/agent/exports/${row.id}/fichier"`));
    const file = await people.agent.v.get(`/agent/exports/${row.id}/fichier`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-disposition'], `attachment; filename="${row.file_name}"`);
    assert.deepEqual(csvOf(file), [
      ['Référence', 'Nom'],
      [refs.base, 'Issoufou'],
      [refs.tricky, TRICKY_NAME],
    ]);
    const downloads = await audits('export.download', people.agent.id);
    assert.equal(downloads.at(-1)?.subject_id, row.id);
    for (const who of ['teammate', 'manager', 'stranger'] as const) {
      assert.equal((await people[who].v.get(`/agent/exports/${row.id}/fichier`)).statusCode, 404, `${who} gets a 404`);
    }
  });

  test('XLSX through the worker reads back with the manager\'s rows', async () => {
    Object.assign(exportSettings, { syncMax: 1, pageSize: 2 });
    const res = await exportAs(people.manager, { colonnes: ['d.reference'], format: 'xlsx' });
    assert.equal(res.statusCode, 303);
    await runJobs();
    const row = await exportRow(people.manager.id);
    assert.equal(row.status, 'ready');
    const file = await people.manager.v.get(`/agent/exports/${row.id}/fichier`);
    assert.deepEqual(await xlsxRows(file.rawPayload), [['Référence'], [refs.base], [refs.tricky], [refs.neighbour]]);
  });

  test('re-applies the author\'s scope when it runs: a manager who lost his administration gets nothing', async () => {
    Object.assign(exportSettings, { syncMax: 1 });
    const manager = await signedInStaff(t, { role: 'manager', administrationId: own });
    assert.equal((await exportAs(manager, { colonnes: ['d.reference'] })).statusCode, 303);
    await t.ctx.db.updateTable('users').set({ administration_id: other }).where('id', '=', manager.id).execute();
    await runJobs();
    const row = await exportRow(manager.id);
    assert.equal(row.status, 'failed');
    assert.equal(row.blob_key, null, 'no file was made');
    assert.equal((await manager.v.get(`/agent/exports/${row.id}/fichier`)).statusCode, 404);
  });
});

test('the page passes axe, with its list, a saved set and errors shown', { skip: browserSkip }, async () => {
  await exportAs(people.agent, { action: 'enregistrer', nom: 'Pour axe', colonnes: ['d.reference'] });
  const pages = [(await people.agent.v.get('/agent/exports')).body, (await exportAs(people.agent, { colonnes: [], du: 'hier' })).body];
  assert.match(pages[0]!, /Prêt \(2 dossiers\)/);
  assert.match(pages[1]!, /Cochez au moins une colonne/);
  const browser = await launchBrowser();
  try {
    for (const html of pages) {
      const page = await browser.newPage();
      await page.setContent(html);
      await assertAccessible(page);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});

test('exports older than a week are deleted with their files', async () => {
  const [old] = await t.ctx.db.selectFrom('exports').select(['id', 'blob_key']).where('status', '=', 'ready').execute();
  assert.ok(old?.blob_key);
  await t.ctx.db.updateTable('exports').set({ created_at: new Date(Date.now() - 8 * 86_400_000) }).where('id', '=', old.id).execute();
  const others = await t.ctx.db.selectFrom('exports').select('id').where('id', '!=', old.id).execute();
  await purgeOldExports(t.ctx.blobs)(t.ctx.db, new Date());
  assert.equal(await t.ctx.blobs.get(old.blob_key), null);
  const left = await t.ctx.db.selectFrom('exports').select('id').execute();
  assert.deepEqual(left.map((r) => r.id).sort(), others.map((r) => r.id).sort());
});
