// PostgreSQL crashes (immediate stop: every backend killed, no checkpoint) while citizens are filing, stays
// down a few seconds, then starts again with crash recovery. Meanwhile the server must stay up, answer
// every request with a clean error page, say « not ready » on /readyz; afterwards it must reconnect by itself
// (no restart of the app), say ready, and take submissions again, the outbox delivering what waited. Run by
// `npm run test:crash` (not by `npm test`); figures and limits in docs/reliability.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { acknowledgement, newFlow, resubmit, runFlow, type FlowRecord } from './support/applicant-flow.ts';
import { countBy } from './support/count-by.ts';
import { runLoad } from './support/load.ts';
import { startStack } from './support/stack.ts';
import { awaitPaidFilings, drainReceipts, verifyFlows } from './support/verify.ts';
import { waitFor } from './support/wait.ts';

const CONCURRENCY = 8;
const OUTAGE_MS = 4000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('PostgreSQL crash and restart under load: /readyz tells the truth, the server survives and reconnects by itself', { timeout: 150_000 }, async (t) => {
  const began = Date.now();
  const stack = await startStack();
  try {
    const base = stack.guichet.base;
    const runId = randomBytes(3).toString('hex');
    const readyz = async () => (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(15_000) })).status;
    assert.equal(await readyz(), 200);

    // A citizen on the review page, key in hand, who clicks « Déposer » while the database is down.
    const probe = await runFlow(newFlow(base, 100_000, runId), { pdfBytes: 24_000, pngBytes: 12_000, stopAtReview: true });
    assert.equal(probe.stage, 'review', probe.error);

    let stopping = false;
    const startedAt = new Map<FlowRecord, number>();
    const load = runLoad({
      base,
      total: 2000, // a bound; the test stops the load long before
      concurrency: CONCURRENCY,
      runId,
      pdfBytes: 24_000,
      pngBytes: 12_000,
      stop: () => stopping,
      pauseAfterFailureMs: 500,
      onFlowStart: (flow) => startedAt.set(flow, Date.now()),
    });
    await sleep(5000);

    await stack.postgres.crash();
    const downAt = Date.now();
    const duringOutage: number[] = [];
    while (Date.now() - downAt < OUTAGE_MS) {
      duringOutage.push(await readyz());
      await sleep(100);
    }
    // The click during the outage: an error page, nothing half-done, no stack trace, the server alive.
    const click = await probe.browser.post(`/dossiers/${probe.draftId}/depot`, { cle: probe.key! });
    const clickBody = await click.text();
    assert.equal(click.status, 503, 'a submission while the database is down: "try again shortly", not a fault');
    assert.equal(click.headers.get('retry-after'), '10');
    assert.doesNotMatch(clickBody, /\n\s+at .+:\d+:\d+/, 'no stack trace in the error page');
    assert.deepEqual([...new Set(duringOutage)], [503], '/readyz says not ready all the while');
    assert.ok(stack.guichet.alive(), 'the server survives the outage');

    await stack.postgres.start();
    const backAt = Date.now();
    const reconnectMs = await waitFor(async () => (await readyz()) === 200, 30_000, '/readyz to say ready again');
    const readyAt = Date.now();
    assert.ok(stack.guichet.alive());
    const retried = await resubmit(probe);
    assert.equal(retried.status, 303);
    assert.match(retried.location, new RegExp(`^/dossiers/${probe.draftId}(\\?depose=1|/paiement)$`), 'the same key submits the dossier once the database is back');
    probe.heldForPayment = retried.location.endsWith('/paiement');
    probe.stage = 'acknowledged';

    await sleep(3000); // the load goes on against the reconnected server
    stopping = true;
    const flows = await load;

    // Every flow that started once /readyz said ready again went through.
    const failedAfter = flows.filter((f) => f.error && startedAt.get(f)! >= readyAt);
    assert.deepEqual(failedAfter.map((f) => `${f.n} ${f.stage}: ${f.error}`), [], 'submissions work again');
    // Those cut by the outage failed cleanly: an HTTP answer, never a dropped connection.
    const failed = flows.filter((f) => f.error);
    for (const f of failed) assert.match(f.error ?? '', /: 5\d\d\b/, `flow ${f.n} failed with ${f.error}`);
    // A citizen whose submission got an error page tries again with the same key.
    let retriedAfterOutage = 0;
    for (const f of failed.filter((f) => f.stage === 'submit-sent')) {
      const again = await resubmit(f);
      assert.equal(again.status, 303, `flow ${f.n}`);
      assert.match(again.location, acknowledgement(f.draftId!), `flow ${f.n}: the same dossier`);
      f.heldForPayment = again.location.endsWith('/paiement');
      f.stage = 'acknowledged';
      retriedAfterOutage++;
    }

    // Receipts the worker had claimed when the database went away stay leased (30 s, no longer renewed) although this worker
    // lives on: the test moves the clock of those leases rather than wait for them (see docs/reliability.md).
    const leased = await stack.sql.query(`UPDATE jobs SET run_after = now() WHERE status = 'pending' AND attempts > 0 AND run_after > now() RETURNING id`);
    await awaitPaidFilings(stack, flows);
    await drainReceipts(stack);
    const verified = await verifyFlows(stack, [probe, ...flows]);
    // A receipt handed to the mail server just before its « sent » could be written leaves again later.
    assert.ok(verified.duplicateDeliveries <= leased.rowCount!, `${verified.duplicateDeliveries} receipts delivered twice`);
    const figures = {
      concurrency: CONCURRENCY,
      flows: flows.length,
      acknowledgedAfterOutage: flows.filter((f) => !f.error && startedAt.get(f)! >= readyAt).length,
      acknowledgedBeforeOutage: flows.filter((f) => !f.error && startedAt.get(f)! < downAt).length,
      failedDuringOutage: failed.length,
      statusesDuringOutage: countBy(failed.map((f) => /: (\d{3})\b/.exec(f.error ?? '')?.[1] ?? '?')),
      retriedAfterOutage,
      readyzDuringOutage: `${duringOutage.length} × 503`,
      outageMs: backAt - downAt,
      readyAfterPostgresBackMs: reconnectMs,
      jobsLeasedAtOutage: leased.rowCount,
      ...verified,
      runSeconds: Math.round((Date.now() - began) / 1000),
    };
    t.diagnostic(`postgres restart figures ${JSON.stringify(figures)}`);
  } catch (err) {
    // What the server said last is often the explanation.
    console.error(`server output (tail):\n${stack.guichet.output().slice(-4000)}`);
    throw err;
  } finally {
    await stack.teardown();
  }
});
