// nginx (Debian's /usr/sbin/nginx) in front of the Guichet instances, as an operator would run it, but with a
// configuration of the test's own: everything it writes (pid file, logs, temporary files) lives in a temporary
// directory, it listens on a free loopback port and runs in the foreground as a child process of the test.
// The access log names, for every request, the client (X-Forwarded-For, one address per simulated citizen) and
// the instance(s) nginx tried, which is how the test tells who served whom.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface Nginx {
  base: string;
  pid: number;
  /** One entry per request answered so far. */
  accessLog(): Promise<AccessEntry[]>;
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

export interface AccessEntry {
  /** When nginx finished the request (ms since the epoch). */
  at: number;
  /** The first address of X-Forwarded-For: the simulated citizen. */
  client: string;
  method: string;
  path: string;
  status: number;
  /** Every instance tried, in order ("127.0.0.1:4001, 127.0.0.1:4002" when the first one failed). */
  upstreams: string[];
}

/** The configuration: round robin over `upstreamPorts`, a retry elsewhere only when nothing was sent yet or the request is idempotent. */
export function nginxConfig(dir: string, port: number, upstreamPorts: number[]): string {
  const asRoot = process.getuid?.() === 0;
  return `# Written by test/cluster/support/nginx.ts for one test run.
daemon off;
${asRoot ? 'user root;  # the workers write in the test temporary directory, private to root' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  log_format cluster '$msec|$http_x_forwarded_for|$request_method|$uri|$status|$upstream_addr';
  access_log ${dir}/access.log cluster;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 30m;
  client_body_buffer_size 1m;  # the test's uploads stay in memory (no "buffered to a temporary file" warnings)

  upstream guichet {
    # Round robin (nginx's default). One failed connection takes an instance out for 10 s.
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
  }

  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://guichet;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Another instance is tried when the connection fails, times out or the instance is shutting down (503).
      # nginx does so for a POST only when the request had not been sent yet (no "non_idempotent"): a
      # submission cut mid-way is not sent twice by nginx; the citizen sees an error page and sends it again.
      proxy_next_upstream error timeout http_503;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

export async function startNginx(dir: string, port: number, upstreamPorts: number[]): Promise<Nginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} not found (apt-get install nginx)`);
  await mkdir(dir, { recursive: true });
  const conf = join(dir, 'nginx.conf');
  await writeFile(conf, nginxConfig(dir, port, upstreamPorts));
  // -e: the error log from the very start (before the configuration is read nginx would open /var/log/nginx);
  // -p: the prefix for any relative path. Its own process group, so that stop() reaches the worker too.
  const child = spawn(NGINX, ['-c', conf, '-p', dir, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  // Detached, nginx would outlive a test process that dies without its teardown: kill its group on exit.
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killGroup);
  void exit.then(() => process.off('exit', killGroup));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM'); // fast shutdown of master and worker
    const timer = setTimeout(killGroup, 5000);
    await exit;
    clearTimeout(timer);
  };
  // Ready when it answers (any status: the instances may not be up yet).
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`nginx exited at start:\n${output}\n${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`);
    try {
      await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() - started > 10_000) {
        await stop();
        throw new Error(`nginx did not listen within 10 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    pid: child.pid!,
    async accessLog() {
      const text = await readFile(join(dir, 'access.log'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [msec = '0', xff = '', method = '', path = '', status = '0', upstream = ''] = line.split('|');
          return {
            at: Math.round(Number(msec) * 1000),
            client: xff.split(',')[0]!.trim(),
            method,
            path,
            status: Number(status),
            upstreams: upstream === '-' ? [] : upstream.split(/,\s*|\s+:\s+/),
          };
        });
    },
    errorLog: () => readFile(join(dir, 'error.log'), 'utf8').catch(() => ''),
    stop,
  };
}
