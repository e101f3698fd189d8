// Documents sealed and verified per second (`node --import tsx bench/documents.ts`; with DATABASE_URL on
// PostgreSQL). Writes its section of docs/performance.md (or BENCH_OUT), like the other steps of the bench.
//   - issuing: render the PDF, seal, store the file, record the row — 4 at a time, as a few clerks would;
//   - verifying a code as /verifier does (key and revocation lookups), 10 at a time;
//   - checking a code offline (decode and Ed25519 only), what a verifier app does.
// Service calls, not HTTP: the verification endpoints are rate-limited per address, which a load generator
// on one address would only measure as refusals.
import { generateKeyPairSync } from 'node:crypto';
import { startTestApp } from '../test/support/app.ts';
import { newId } from '../src/platform/db/ids.ts';
import { issueDocument, verifyCode, type DocumentContent } from '../src/modules/documents/index.ts';
import { checkCode, sealCode, type PublicKeyInfo } from '../src/modules/documents/seal.ts';
import { describeMachine, machineLine } from './machine.ts';
import { writeSection } from './report.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WRITE = !process.argv.includes('--no-write');

/** Runs `work` with `concurrency` loops for SECONDS; returns completions per second. */
async function rate(concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const end = Date.now() + SECONDS * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) await work(done++);
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

const t = await startTestApp();
const machine = await describeMachine(process.env.DATABASE_URL);
const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
try {
  const issuer = newId();
  await t.ctx.db.insertInto('administrations').values({ id: issuer, code: 'bench-tgi', country: 'ne', parent_id: null, name: 'Tribunal de grande instance de Niamey', acronym: null }).execute();
  const content = (i: number): DocumentContent => ({
    kind: 'bulletin-3',
    issuerAdministrationId: issuer,
    holder: { name: `Aïcha Issoufou ${i}`, birthDate: '1994-03-12' },
    title: 'Bulletin n°3 du casier judiciaire',
    lines: [{ heading: 'Condamnations' }, { paragraph: 'Néant' }, { label: 'Lieu de naissance', value: 'Tahoua' }],
    place: 'Niamey',
    signatory: 'Le greffier en chef du tribunal de grande instance de Niamey',
  });
  await issueDocument(t.ctx, content(0)); // the key, and a warm JIT
  const issued = await rate(4, (i) => issueDocument(t.ctx, content(i)));
  const sample = await issueDocument(t.ctx, content(1));
  const verified = await rate(10, () => verifyCode(t.ctx.db, sample.code));

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key: PublicKeyInfo = { id: 'BENCH000', x: publicKey.export({ format: 'jwk' }).x!, validFrom: new Date('2026-01-01'), validUntil: null, administration: { id: issuer, code: 'bench', name: 'bench', country: 'ne' } };
  const code = sealCode({ kind: 'bulletin-3', keyId: 'BENCH000', issuedAt: new Date('2026-11-28T10:00:00Z'), expiresOn: null, holderBirthDate: '1994-03-12', contentHash: 'ab'.repeat(32), reference: 'DOC-2026-7K3F9QXA', holderName: 'Aïcha Issoufou' }, privateKey);
  const offline = await rate(1, () => checkCode(code, async () => key));

  const section = [
    `## Documents (${database})`,
    '',
    `${machineLine(machine)}; ${SECONDS} s per measure (\`bench/documents.ts\`).`,
    '',
    '| measure | per second |',
    '|---|---|',
    `| documents issued (PDF rendered, sealed, stored, recorded; 4 at a time) | ${issued.toFixed(1)} |`,
    `| codes verified as /verifier does (key and revocation read; 10 at a time) | ${verified.toFixed(0)} |`,
    `| codes checked offline (decode and Ed25519 only, one core) | ${offline.toFixed(0)} |`,
    '',
  ].join('\n');
  console.log(section);
  if (WRITE) await writeSection(`documents-${database}`, section);
} finally {
  await t.close();
}
