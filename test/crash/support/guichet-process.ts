// The Guichet server as a child process (`node --import tsx src/main.ts`, the process `npm start` runs), so
// that the test can kill it with SIGKILL and start it again on the same port, database and data directory.
import { spawn } from 'node:child_process';

const ROOT = new URL('../../..', import.meta.url).pathname;

export interface GuichetProcess {
  base: string;
  pid: number;
  /** Everything it printed (for failure messages). */
  output(): string;
  /** `kill -9`: no handler runs, in-flight requests and transactions are cut where they are. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
  /** Whether the process is still alive (it must survive a database outage). */
  alive(): boolean;
}

export async function startGuichet(env: Record<string, string>, port: number): Promise<GuichetProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Keep the tail only: a few hundred requests' logs are not needed to explain a failure.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Guichet did not start within 120 s:\n${output}`)), 120_000);
    const watch = () => {
      if (/Guichet ready on/.test(output)) {
        clearTimeout(timer);
        child.stdout!.off('data', watch);
        resolve();
      }
    };
    child.stdout!.on('data', watch);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`Guichet exited during start:\n${output}`));
    });
  });

  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    alive: () => !exited,
    async kill9() {
      child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
