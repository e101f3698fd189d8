// A real Kannel on loopback for tests: bearerbox, smsbox (the `sendsms` HTTP interface Guichet talks to)
// and Kannel's fake SMS centre, which prints every message it receives. Stopped by pid, always.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BEARERBOX = '/usr/sbin/bearerbox';
const SMSBOX = '/usr/sbin/smsbox';
const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

export const kannelSkip = !existsSync(BEARERBOX) && !process.env.CI ? 'Kannel is not installed (apt-get install kannel kannel-extras)' : false;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface SmsReceived {
  from: string;
  to: string;
  text: string;
  /** How the SMS centre got it: 7-bit text or UCS-2. */
  coding: 'text' | 'ucs-2' | 'data';
}

export interface Kannel {
  sendsmsUrl: string;
  user: string;
  password: string;
  /** Messages the fake SMS centre has received so far. */
  received(): SmsReceived[];
  waitFor(predicate: (m: SmsReceived) => boolean, timeoutMs?: number): Promise<SmsReceived>;
  stop(): Promise<void>;
}

/** Decodes fakesmsc's line format: "<from to type data>", data url-encoded, UCS-2 (UTF-16BE) when coding=2. */
function parseLine(line: string): SmsReceived | null {
  const m = /Got message \d+: <(\S+) (\S+) (text|ucs-2|data) (.*)>$/.exec(line);
  if (!m) return null;
  // Percent-escapes here are raw bytes, not UTF-8: decode them one by one.
  const bytes = Buffer.from(m[4]!.replace(/\+/g, ' ').replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  const text = m[3] === 'ucs-2' ? bytes.swap16().toString('utf16le') : bytes.toString('utf8');
  return { from: m[1]!, to: m[2]!, text, coding: m[3] as SmsReceived['coding'] };
}

export async function startKannel(): Promise<Kannel> {
  const dir = await mkdtemp(join(tmpdir(), 'kannel-'));
  const [admin, box, smsc, sendsms] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const user = 'guichet';
  const password = 'kannel-test-secret';
  await writeFile(
    join(dir, 'kannel.conf'),
    `group = core
admin-port = ${admin}
admin-password = ${password}-admin
admin-interface = 127.0.0.1
smsbox-port = ${box}
box-allow-ip = 127.0.0.1
log-file = ${dir}/bearerbox.log
log-level = 1

group = smsc
smsc = fake
smsc-id = FAKE
host = 127.0.0.1
port = ${smsc}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${box}
sendsms-port = ${sendsms}
sendsms-interface = 127.0.0.1
log-file = ${dir}/smsbox.log
log-level = 1

group = sendsms-user
username = ${user}
password = ${password}

group = sms-service
keyword = default
text = "ok"
`,
  );
  const children: ChildProcess[] = [];
  const received: SmsReceived[] = [];
  const stop = async () => {
    for (const c of children.reverse()) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    children.push(spawn(BEARERBOX, [join(dir, 'kannel.conf')], { stdio: 'ignore' }));
    await waitForPort(smsc);
    children.push(spawn(SMSBOX, [join(dir, 'kannel.conf')], { stdio: 'ignore' }));
    // The fake centre sends one message a day at most (we only want what it receives).
    const fake = spawn(FAKESMSC, ['-H', '127.0.0.1', '-r', String(smsc), '-i', '86400', '-m', '-1', '100 200 text ping'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(fake);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const sms = parseLine(line);
        if (sms) received.push(sms);
      }
    };
    fake.stdout!.on('data', onData);
    fake.stderr!.on('data', onData);
    await waitForPort(sendsms);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    sendsmsUrl: `http://127.0.0.1:${sendsms}/cgi-bin/sendsms`,
    user,
    password,
    received: () => [...received],
    async waitFor(predicate, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const found = received.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no such SMS within ${timeoutMs} ms; received: ${JSON.stringify(received)}`);
    },
    stop,
  };
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  const { connect } = await import('node:net');
  while (Date.now() < end) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} did not open`);
}
