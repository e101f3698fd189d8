// The README's first command: `npm start` on an empty data directory serves the demo catalog, and stops
// cleanly on SIGTERM. (How fast it starts is measured by `npm run bench`, not asserted here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase } from './support/app.ts';

const ROOT = new URL('..', import.meta.url).pathname;

test('the server starts on an empty data directory, serves the demo catalog and stops on SIGTERM', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-start-'));
  // On PostgreSQL runs, a fresh database of its own; otherwise the embedded one in the empty data dir.
  const pgdb = process.env.DATABASE_URL ? await testDatabase() : undefined;
  await pgdb?.database.close();
  const env: Record<string, string> = { ...process.env as Record<string, string>, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  if (pgdb?.url) env.DATABASE_URL = pgdb.url;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${output}`)), 120_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const ready = /Guichet ready on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /casier judiciaire/i);
    const api = (await (await fetch(`${base}/api/v1/procedures?limit=1`)).json()) as { total: number };
    assert.ok(api.total >= 25);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    await pgdb?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
