// Steps of `npm run bench` that run as child processes of their own and write their own section of the
// report (to BENCH_OUT when set, which the child inherits): the back office's million dossiers
// (bench/inbox.ts, PostgreSQL only; BENCH_INBOX=0 skips it) and the documents sealed and verified per second
// (bench/documents.ts).
import { spawn } from 'node:child_process';
import { ROOT } from './server.ts';

/** Why the inbox step will not run, or undefined when it will. */
export function inboxSkipped(): string | undefined {
  if (process.env.BENCH_INBOX === '0') return 'Skipped in this run (BENCH_INBOX=0): « Back office on PostgreSQL » keeps the figures of its last run, with their date.';
  if (!process.env.DATABASE_URL) return 'Not run on PGlite: the million dossiers need PostgreSQL (`DATABASE_URL=… npm run bench`).';
  return undefined;
}

/** Runs bench/inbox.ts unless skipped; true when it ran (it throws when it fails). */
export async function runInboxStep(): Promise<boolean> {
  if (inboxSkipped()) return false;
  await runScript('bench/inbox.ts');
  return true;
}

/** Runs one bench script to its end; throws when it fails. */
export async function runScript(script: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: process.env, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
}
