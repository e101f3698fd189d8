// Two Guichet instances on one PostgreSQL database behind nginx (round robin), as ARCHITECTURE.md's "Scaling
// out" plans them: they migrate one database together; a citizen's session holds whichever instance answers;
// the outbox worker runs on both and each message leaves once; sign-in limits hold across them; a rolling
// restart and a SIGKILL under load lose no acknowledged submission, and nginx sends what follows to the
// instance that is up. Run by `npm run test:cluster` (not by `npm test`); the figures go to the test's
// diagnostics and docs/reliability.md ("Two instances"). The tests run in order on one cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { acknowledgement, newFlow, resubmit, runFlow, type FlowRecord } from '../crash/support/applicant-flow.ts';
import { dossiersOf } from '../crash/support/inspect.ts';
import { HttpBrowser } from '../support/http-browser.ts';
import { runLoad } from '../crash/support/load.ts';
import { waitFor } from '../crash/support/wait.ts';
import { startCluster, type Cluster } from './support/cluster.ts';
import { deliveries, drainOutbox, queueBurst } from './support/outbox.ts';

const FILES = { pdfBytes: 16_000, pngBytes: 8_000 };
const OUTBOX_DOSSIERS = Number(process.env.CLUSTER_DOSSIERS ?? 50);
const BURST = 300;
const KILL_LOAD = Number(process.env.CLUSTER_KILL_SUBMISSIONS ?? 100);
/** Citizens waiting on their review page who all click « Déposer » as the instance dies. */
const HELD = 8;
/** How long the instance is frozen (SIGSTOP) before SIGKILL: the held submissions reach it meanwhile. */
const FROZEN_MS = 500;

let cluster: Cluster;
before(
  async () => {
    cluster = await startCluster();
  },
  { timeout: 240_000 },
);
after(async () => {
  await cluster?.teardown();
});

/** The instance that answered (nginx's X-Upstream header: the last address tried). */
const servedBy = (res: Response) => (res.headers.get('x-upstream') ?? '').split(/,\s*/).pop()!;

test('two instances started at once on an empty database apply each migration once', { timeout: 10_000 }, async () => {
  const files = (await readdir(new URL('../../migrations/', import.meta.url))).filter((f) => /^\d{4}_.+\.sql$/.test(f));
  // main.ts prints « migration <file> » for each one it applies.
  const appliedBy = cluster.instances.map((i) => [...i.process.output().matchAll(/^migration (\S+)$/gm)].map((m) => m[1]!));
  assert.deepEqual([...appliedBy.flat()].sort(), [...files].sort(), 'every migration applied, by one instance or the other, once');
  const { rows } = await cluster.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  assert.equal(rows[0]!.n, files.length);
});

test('a session opened on one instance holds on the other: sign up, file and follow the dossier while requests alternate', { timeout: 60_000 }, async (t) => {
  const flow = newFlow(cluster.base, 9001, randomBytes(3).toString('hex'));
  const client = '127.0.35.41'; // what newFlow puts in X-Forwarded-For for citizen 9001 (9001 = 35 × 256 + 41)
  await runFlow(flow, FILES);
  assert.equal(flow.stage, 'acknowledged', flow.error);
  assert.equal(flow.submitLocation, `/dossiers/${flow.draftId}?depose=1`, 'filed at once, receipt page');

  // Every request of his went through nginx: sign-up, each page of the form, the upload, the submission.
  const his = (await cluster.nginx.accessLog()).filter((e) => e.client === client);
  const [a, b] = cluster.instances;
  const count = (address: string) => his.filter((e) => e.upstreams.at(-1) === address).length;
  assert.ok(his.length >= 12, `${his.length} requests logged`);
  assert.ok(count(a.address) > 0 && count(b.address) > 0, `both instances served him: A ${count(a.address)}, B ${count(b.address)}`);
  assert.deepEqual(his.filter((e) => e.status >= 400).map((e) => `${e.method} ${e.path} ${e.status}`), [], 'no error on the way');
  // runFlow checked every answer (each page 200, each form to its next page): the session cookie one instance
  // set was honoured by the other all along.

  // Still signed in afterwards, whichever instance answers: his dossiers list and his dossier, several times.
  const { rows } = await cluster.sql.query<{ reference: string }>(`SELECT reference FROM dossiers WHERE id = $1`, [flow.draftId]);
  const reference = rows[0]!.reference;
  const answeredBy = new Set<string>();
  for (const path of ['/mes-dossiers', `/dossiers/${flow.draftId}`, '/mes-dossiers', `/dossiers/${flow.draftId}`]) {
    const res = await fetch(cluster.base + path, { headers: { cookie: flow.browser.cookie, 'x-forwarded-for': client }, redirect: 'manual' });
    const html = await res.text();
    assert.equal(res.status, 200, `${path}: ${res.status} ${res.headers.get('location')}`);
    assert.ok(html.includes(reference), `${path} shows ${reference}`);
    answeredBy.add(servedBy(res));
  }
  assert.deepEqual([...answeredBy].sort(), [a.address, b.address].sort(), 'both instances recognised his session');
  // And without the cookie the same page is refused: the pages above really were his session's.
  const anonymous = await fetch(`${cluster.base}/dossiers/${flow.draftId}`, { redirect: 'manual' });
  assert.notEqual(anonymous.status, 200);
  t.diagnostic(`session figures ${JSON.stringify({ requests: his.length, servedByA: count(a.address), servedByB: count(b.address) })}`);
});

test(`the worker runs on both instances and each message leaves once: ${OUTBOX_DOSSIERS} receipts, then a burst of ${BURST}`, { timeout: 150_000 }, async (t) => {
  const [a, b] = cluster.instances;
  const flows = await runLoad({ base: cluster.base, total: OUTBOX_DOSSIERS, concurrency: 8, runId: randomBytes(3).toString('hex'), ...FILES });
  assert.deepEqual(flows.filter((f) => f.stage !== 'acknowledged').map((f) => `${f.n} ${f.stage}: ${f.error}`), []);
  await drainOutbox(cluster.sql, 60_000);

  // Each receipt: queued once with its dossier, delivered once, by one instance or the other.
  const receiptsBy = { A: 0, B: 0 };
  for (const flow of flows) {
    const [dossier, ...more] = await dossiersOf(cluster.sql, cluster.dataDir, flow.email);
    assert.equal(more.length, 0, `flow ${flow.n}: one dossier`);
    assert.equal(dossier!.status, 'submitted');
    assert.equal(dossier!.receipts.length, 1, `flow ${flow.n}: one receipt queued`);
    const sent = deliveries(cluster, dossier!.reference!);
    assert.equal(sent.total, 1, `flow ${flow.n}: receipt of ${dossier!.reference} delivered ${sent.total} times (A ${sent.A}, B ${sent.B})`);
    receiptsBy.A += sent.A;
    receiptsBy.B += sent.B;
  }

  // A burst committed at once: both workers claim from the same queue (FOR UPDATE SKIP LOCKED) at the same time.
  const tag = `burst-${randomBytes(3).toString('hex')}`;
  const tokens = await queueBurst(cluster.sql, BURST, tag);
  const drainMs = await drainOutbox(cluster.sql, 60_000);
  const burstBy = { A: 0, B: 0 };
  for (const token of tokens) {
    const sent = deliveries(cluster, `Message ${token}.`);
    assert.equal(sent.total, 1, `${token} delivered ${sent.total} times (A ${sent.A}, B ${sent.B})`);
    burstBy.A += sent.A;
    burstBy.B += sent.B;
  }
  assert.ok(burstBy.A > 0 && burstBy.B > 0, `both workers took part: A ${burstBy.A}, B ${burstBy.B}`);
  // Each job was claimed once: no worker ever ran one that another had (or was) running.
  const { rows } = await cluster.sql.query<{ attempts: number; n: number }>(
    `SELECT attempts, count(*)::int AS n FROM jobs WHERE kind = 'notify.send' GROUP BY attempts ORDER BY attempts`,
  );
  assert.deepEqual(rows, [{ attempts: 1, n: rows.reduce((s, r) => s + r.n, 0) }], 'every job ran on its first claim');
  assert.ok(a.process.alive() && b.process.alive());
  t.diagnostic(`outbox figures ${JSON.stringify({ dossiers: flows.length, receiptsBy, burst: BURST, burstBy, burstDrainedMs: drainMs })}`);
});

test('sign-in limits behind two instances: the per-account limit is shared, the per-address HTTP limit counts per instance', { timeout: 60_000 }, async (t) => {
  const fr = JSON.parse(await readFile(new URL('../../locales/fr.json', import.meta.url), 'utf8')) as Record<string, string>;
  const [a, b] = cluster.instances;
  // One account attacked from one address: the database counts the tries (5 per 15 minutes), whichever
  // instance answers, so the sixth try is refused even though the tries alternate between instances.
  const attacker = new HttpBrowser(cluster.base, { headers: { 'x-forwarded-for': '127.0.77.1' } });
  await attacker.get('/connexion');
  const answers: string[] = [];
  const servers = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const res = await attacker.post('/connexion/email', { email: 'cible@exemple.ne', password: `essai-${i}` });
    const html = await res.text();
    servers.add(servedBy(res));
    answers.push(res.status === 429 ? '429' : html.includes(fr['auth.error.toomany']!) ? 'toomany' : html.includes(fr['auth.error.credentials']!) ? 'wrong' : `${res.status}?`);
  }
  assert.equal(servers.size, 2, 'both instances answered');
  assert.deepEqual(answers, ['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'toomany', 'toomany', 'toomany']);

  // Many accounts from one address: Fastify's limit (20 a minute on these forms) lives in each instance's
  // memory, so behind two instances 40 get through it; the database's per-address count (30 per 15 minutes)
  // still stops the guessing at 30 checks, whatever the number of instances.
  const crowd = new HttpBrowser(cluster.base, { headers: { 'x-forwarded-for': '127.0.77.2' } });
  await crowd.get('/connexion');
  const counts = { checked: 0, toomany: 0, http429: 0, other: 0 };
  for (let i = 0; i < 50; i++) {
    const res = await crowd.post('/connexion/email', { email: `personne-${i}@exemple.ne`, password: 'devine' });
    const html = await res.text();
    if (res.status === 429) counts.http429++;
    else if (html.includes(fr['auth.error.toomany']!)) counts.toomany++;
    else if (html.includes(fr['auth.error.credentials']!)) counts.checked++;
    else counts.other++;
  }
  assert.equal(counts.other, 0);
  assert.equal(counts.checked, 30, 'passwords checked for one address: the shared limit');
  assert.ok(counts.http429 > 0 && counts.http429 <= 50 - 20, `the HTTP limit refused ${counts.http429}`);
  assert.ok(a.process.alive() && b.process.alive());
  t.diagnostic(`sign-in limit figures ${JSON.stringify({ oneAccount: answers, oneAddress50Tries: counts })}`);
});

test('a rolling restart under load (SIGTERM, start again, one after the other): nothing lost, only a POST caught by the stopping instance fails, visibly', { timeout: 150_000 }, async (t) => {
  const [a, b] = cluster.instances;
  const runId = randomBytes(3).toString('hex');
  const restarts: Record<string, { stopMs: number; startMs: number; backInNginxMs: number }> = {};
  const stopWindows: [number, number][] = [];
  let rolling: Promise<void> | undefined;
  let rolledAt = 0;
  let rollError: Error | undefined;
  let acknowledged = 0;
  const failedAt = new Map<FlowRecord, number>();
  // What a deployment does: stop one instance (SIGTERM: in-flight requests finish, new ones go to the other),
  // start the new version, wait until nginx sends it requests again, then the same for the other. nginx took it
  // out when its connections were refused (max_fails=1) and tries it again only after fail_timeout (10 s):
  // stopping the other one sooner leaves nginx with « no live upstreams », a 502 for everyone.
  const roll = async () => {
    for (const instance of [b, a]) {
      const stopping = Date.now();
      await instance.process.stop();
      stopWindows.push([stopping, Date.now()]);
      const stopMs = Date.now() - stopping;
      const startMs = await instance.restart();
      const backInNginxMs = await waitFor(
        async () => servedBy(await fetch(`${cluster.base}/healthz`)) === instance.address,
        30_000,
        `nginx to send requests to ${instance.name} again`,
      );
      restarts[instance.name] = { stopMs, startMs, backInNginxMs };
    }
    rolledAt = Date.now();
  };
  const startedAt = Date.now();
  // The citizens keep filing all along, and a second more.
  const flows = await runLoad({
    base: cluster.base,
    total: 5000,
    concurrency: 8,
    runId,
    ...FILES,
    stop: () => (rolledAt > 0 && Date.now() > rolledAt + 1000) || rollError !== undefined,
    onFlowEnd: (flow) => {
      if (flow.stage !== 'acknowledged') failedAt.set(flow, Date.now());
      else if (++acknowledged === 8) rolling = roll().catch((err) => void (rollError = err as Error));
    },
  });
  await rolling;
  if (rollError) throw rollError;
  assert.ok(a.process.alive() && b.process.alive());

  // A request the stopping instance had accepted but not begun is answered 503 (Fastify while closing) or cut:
  // nginx passes a GET to the other instance, not a POST. So only POSTs fail, during a stop, with an error page.
  const log = (await cluster.nginx.accessLog()).filter((e) => e.at >= startedAt);
  const duringStop = (at: number) => stopWindows.some(([from, to]) => at >= from && at <= to + 1000);
  const errors = log.filter((e) => e.status >= 500);
  assert.deepEqual(errors.filter((e) => e.method !== 'POST' || !duringStop(e.at)).map((e) => `${e.method} ${e.path} ${e.status}`), [], 'errors other than a POST during a stop');
  const failed = flows.filter((f) => f.stage !== 'acknowledged');
  assert.deepEqual(failed.filter((f) => !/: 50[23]\b/.test(f.error ?? '') || !duringStop(failedAt.get(f)!)).map((f) => `${f.n} ${f.stage}: ${f.error}`), []);
  // A submission that failed so is sent again by its citizen (same key): one dossier, never two.
  for (const flow of failed.filter((f) => f.stage === 'submit-sent')) {
    const again = await resubmit(flow);
    assert.match(again.location, acknowledgement(flow.draftId!), `flow ${flow.n}: ${again.status}`);
    flow.stage = 'acknowledged';
  }
  const submitted = (
    await cluster.sql.query(`SELECT count(*)::int AS n FROM dossiers d JOIN users u ON u.id = d.applicant_id WHERE d.status = 'submitted' AND u.email LIKE $1`, [`crash-${runId}-%`])
  ).rows[0].n;
  assert.equal(submitted, flows.filter((f) => f.stage === 'acknowledged').length, 'one dossier per acknowledged citizen, none other');
  t.diagnostic(
    `rolling restart figures ${JSON.stringify({
      citizens: flows.length,
      acknowledged,
      requests: log.length,
      retriedOnTheOther: log.filter((e) => e.upstreams.length > 1).length,
      failedPosts: countBy(errors.map((e) => `${e.status} ${e.path.replace(/[0-9A-Z]{26}/, ':id')}`)),
      // nginx's own words for them (e.g. « upstream prematurely closed connection »).
      nginxSaid: countBy(
        (await cluster.nginx.errorLog())
          .split('\n')
          .filter((l) => l.includes('[error]') && l.includes('"POST '))
          .map((l) => /\[error\] [^:]+: \*\d+ (.*?), client/.exec(l)?.[1] ?? l),
      ),
      restarts,
      seconds: Math.round((Date.now() - startedAt) / 1000),
    })}`,
  );
});

test(`SIGKILL of one instance during ${KILL_LOAD} submissions through nginx loses no acknowledged one`, { timeout: 120_000 }, async (t) => {
  const [a, b] = cluster.instances;
  let acknowledged = 0;
  let killedAt = 0;
  let exitedAt = 0;
  /** When each failed flow got its error. */
  const failedAt = new Map<FlowRecord, number>();
  let acknowledgedBeforeKill = 0;
  const inFlight = new Set<FlowRecord>();
  let inFlightAtKill = new Set<FlowRecord>();
  let killing: Promise<void> | undefined;
  let fallback: NodeJS.Timeout | undefined;
  const runId = randomBytes(3).toString('hex');
  // A few citizens stop on their review page, key in hand. At the kill the instance is first frozen (SIGSTOP:
  // the kernel still accepts connections, nothing answers) and they all click « Déposer » at once: round robin
  // sends some of these submissions to the frozen instance whatever the crowd's timing, then SIGKILL cuts them.
  const held = await Promise.all(Array.from({ length: HELD }, (_, i) => runFlow(newFlow(cluster.base, 5001 + i, runId), { ...FILES, stopAtReview: true })));
  assert.deepEqual(held.filter((f) => f.stage !== 'review').map((f) => `${f.n} ${f.stage}: ${f.error}`), []);
  let heldAnswers: Promise<{ status: number; location: string; at: number }[]> | undefined;
  const kill = () => {
    if (killing) return;
    clearTimeout(fallback);
    inFlightAtKill = new Set([...inFlight, ...held]);
    acknowledgedBeforeKill = acknowledged;
    killedAt = Date.now();
    process.kill(b.process.pid, 'SIGSTOP');
    heldAnswers = Promise.all(held.map(async (f) => ((f.stage = 'submit-sent'), { ...(await resubmit(f)), at: Date.now() })));
    killing = new Promise((resolve) => setTimeout(resolve, FROZEN_MS))
      .then(() => b.process.kill9())
      .then(() => void (exitedAt = Date.now()));
  };
  const submitting = () => [...inFlight].filter((f) => f.stage === 'submit-sent').length;
  const threshold = Math.ceil(KILL_LOAD * 0.3);
  // The citizens keep coming through nginx during and after the kill: nobody holds them back.
  const flows = await runLoad({
    base: cluster.base,
    total: KILL_LOAD,
    concurrency: 10,
    runId,
    ...FILES,
    onFlowStart: (flow) => {
      inFlight.add(flow);
      flow.onStage = (f) => {
        // Kill while submissions are on their way (a few ms later: some reach the database, some not yet).
        if (f.stage === 'submit-sent' && acknowledged >= threshold && submitting() >= 2) setTimeout(kill, 15);
      };
    },
    onFlowEnd: (flow) => {
      inFlight.delete(flow);
      if (flow.stage !== 'acknowledged') failedAt.set(flow, Date.now());
      if (flow.stage === 'acknowledged' && ++acknowledged === threshold) fallback = setTimeout(kill, 3000);
    },
  });
  assert.ok(killing, 'the instance was killed during the load');
  await killing;
  assert.ok(!b.process.alive() && a.process.alive());
  // The held submissions: those the survivor took are acknowledged; those sent to the frozen instance got
  // nginx's 502 when it died (a POST already sent is not passed to another instance).
  const heldResults = await heldAnswers!;
  held.forEach((f, i) => {
    const { status, location, at } = heldResults[i]!;
    f.submitStatus = status;
    f.submitLocation = location;
    if (status === 303 && location === `/dossiers/${f.draftId}?depose=1`) f.stage = 'acknowledged';
    else {
      assert.equal(status, 502, `held ${f.n}: ${status} ${location}`);
      f.error = `submission: ${status}`;
      failedAt.set(f, at);
    }
  });
  const heldOnDead = held.filter((f) => f.stage !== 'acknowledged');
  assert.ok(heldOnDead.length > 0, `round robin sent ${heldOnDead.length} of ${HELD} held submissions to the frozen instance`);
  const everyone = [...flows, ...held];

  // Only requests that were on the killed instance when it died may fail, and visibly (nginx's 502), never as
  // a hang or a wrong success. "On it" includes a request sent in the last instants before the process was
  // gone (accepted by the kernel into the dead process's queue): its 502 comes at the moment of the exit.
  const failed = everyone.filter((f) => f.stage !== 'acknowledged');
  const late = failed.filter((f) => failedAt.get(f)! > exitedAt + 1000);
  assert.deepEqual(late.map((f) => `${f.n} ${f.stage}: ${f.error} at kill + ${failedAt.get(f)! - killedAt} ms`), [], 'failures after the kill');
  assert.deepEqual(failed.filter((f) => !/: 502\b/.test(f.error ?? '')).map((f) => `${f.n} ${f.stage}: ${f.error}`), [], 'failures are a visible 502');

  const acknowledgedByLoad = flows.filter((f) => f.stage === 'acknowledged').length;
  const failedAtStage = countBy(failed.map((f) => f.stage));
  // The citizen whose submission got a 502 presses « Déposer » again (same one-time key): the same dossier,
  // never a second; and an acknowledged one sent again is recognised as already filed.
  let cutButCommitted = 0;
  let cutSubmissions = 0;
  for (const flow of everyone.filter((f) => f.key && (f.stage === 'acknowledged' || f.stage === 'submit-sent'))) {
    const again = await resubmit(flow);
    assert.equal(again.status, 303, `flow ${flow.n}: ${again.status}`);
    assert.match(again.location, acknowledgement(flow.draftId!), `flow ${flow.n}: the same dossier`);
    if (flow.stage === 'acknowledged') assert.equal(again.location, `/dossiers/${flow.draftId}`, `flow ${flow.n}: already filed`);
    else {
      cutSubmissions++;
      if (again.location === `/dossiers/${flow.draftId}`) cutButCommitted++; // the killed instance had committed it
      // Sent to the frozen instance, never read by it: filed only now, by this retry, with the receipt page.
      if (heldOnDead.includes(flow)) assert.equal(again.location, `/dossiers/${flow.draftId}?depose=1`, `held ${flow.n}`);
      flow.stage = 'acknowledged';
    }
  }

  // Receipts claimed by the killed instance's worker are held by its lease (30 s); the survivor takes them
  // when it expires. The test moves those leases' clock instead of waiting.
  const leased = await cluster.sql.query(`UPDATE jobs SET run_after = now() WHERE status = 'pending' AND attempts > 0 AND run_after > now() RETURNING id`);
  await drainOutbox(cluster.sql, 60_000);

  // What the citizens were told stands: one dossier each, filed, with its key, its files and one receipt.
  let duplicateDeliveries = 0;
  for (const flow of everyone) {
    const kept = await dossiersOf(cluster.sql, cluster.dataDir, flow.email);
    const label = `flow ${flow.n} (${flow.stage}${flow.error ? `: ${flow.error}` : ''})`;
    assert.ok(kept.length <= 1, `${label}: ${kept.length} dossiers`);
    const d = kept[0];
    for (const f of d?.files ?? []) assert.equal(f.stored, f.recorded, `${label}: blob of ${f.field}`);
    if (flow.stage !== 'acknowledged') {
      // Cut before its submission: never filed behind the citizen's back.
      assert.ok(!d || d.status === 'draft', `${label}: ${d?.status}`);
      continue;
    }
    assert.ok(d, `${label}: acknowledged but absent`);
    assert.equal(d.status, 'submitted', label);
    assert.equal(d.submitKey, flow.key, label);
    assert.equal(d.submittedEvents, 1, `${label}: one 'submitted' event`);
    assert.equal(d.receipts.length, 1, `${label}: one receipt queued`);
    assert.deepEqual(d.files.map((f) => [f.field, f.stored]), Object.entries(flow.sha256).sort(([x], [y]) => x.localeCompare(y)), `${label}: files`);
    const sent = deliveries(cluster, d.reference!).total;
    assert.ok(sent >= 1, `${label}: receipt never delivered`);
    duplicateDeliveries += sent - 1;
  }
  // At least once towards the mail server: only a receipt being sent at the very moment of the kill can leave twice.
  assert.ok(duplicateDeliveries <= leased.rowCount!, `${duplicateDeliveries} receipts delivered twice, ${leased.rowCount} leased at the kill`);
  const submitted = (
    await cluster.sql.query(`SELECT count(*)::int AS n FROM dossiers d JOIN users u ON u.id = d.applicant_id WHERE d.status = 'submitted' AND u.email LIKE $1`, [`crash-${runId}-%`])
  ).rows[0].n;
  assert.equal(submitted, everyone.filter((f) => f.stage === 'acknowledged').length, 'no filed dossier beyond what the citizens were told');

  // nginx stopped sending to the dead instance: from shortly after the kill, only the survivor answered.
  const log = await cluster.nginx.accessLog();
  const afterKill = log.filter((e) => e.at > killedAt + 1000);
  assert.ok(afterKill.length > 0, 'requests after the kill');
  assert.deepEqual(afterKill.filter((e) => e.upstreams.at(-1) !== a.address).map((e) => `${e.method} ${e.path} ${e.upstreams.join(', ')}`), []);
  const retried = log.filter((e) => e.upstreams.length > 1);
  t.diagnostic(
    `kill figures ${JSON.stringify({
      submissions: KILL_LOAD,
      concurrency: 10,
      acknowledgedBeforeKill,
      acknowledgedAfterKill: acknowledgedByLoad - acknowledgedBeforeKill,
      inFlightAtKill: inFlightAtKill.size - HELD,
      heldSubmissions: HELD,
      heldOnKilledInstance: heldOnDead.length,
      killToExitMs: exitedAt - killedAt,
      failedVisibly: failed.length,
      failedAmongThoseInFlight: failed.filter((f) => inFlightAtKill.has(f)).length,
      failedAtStage,
      cutSubmissions,
      cutButCommitted,
      requestsThroughNginx: log.length,
      requestsAfterKill: afterKill.length,
      retriedOnSurvivor: retried.length,
      retriedMethods: countBy(retried.map((e) => e.method)),
      receiptsLeasedAtKill: leased.rowCount,
      duplicateDeliveries,
    })}`,
  );
  await waitFor(() => a.process.alive(), 1000, 'the survivor to stay up');
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
