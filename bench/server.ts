// Starts a server in a process of its own for the benches (bench/run.ts, bench/profile.ts): Guichet's
// src/main.ts or the bare Fastify route of bench/hello.ts. The load generator stays in the bench's process, so
// the server's CPU is its own and its figures are not mixed with autocannon's.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const ROOT = new URL('..', import.meta.url).pathname;

export interface Server {
  child: ChildProcess;
  port: number;
  url: string;
  /** SIGINT, then waits for the exit (a --cpu-prof file is written then); SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** Guichet as in production, on an empty data directory, seeded with the demo catalog, without the worker. */
export function guichetEnv(dataDir: string, databaseUrl?: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    SEED_DEMO: 'true',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // The load comes from one address: the per-IP limits would otherwise answer 429 after a few hundred requests.
    RATE_LIMIT_PER_MINUTE: '100000000',
    WORKER: 'false',
    // Required in production; the bench's throwaway instance gets a key of its own.
    DOCUMENTS_MASTER_KEY: randomBytes(32).toString('hex'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

/** Starts `script` (relative to the project) and resolves once it prints the port it listens on. */
export function startServer(script: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start in 120 s`));
    }, 120_000);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let out = '';
    let started = false;
    // The pipe is read to the end (a full pipe would block the server), but only the start is looked at.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (started) return;
      out += chunk.toString();
      // bench/hello.ts prints "ready <port>", src/main.ts "Guichet ready on http://host:<port> …".
      const ready = /^ready (\d+)/m.exec(out) ?? /Guichet ready on http:\/\/[^:]+:(\d+)/.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      started = true;
      const port = Number(ready[1]);
      resolve({
        child,
        port,
        url: `http://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGINT');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}`));
    });
  });
}
