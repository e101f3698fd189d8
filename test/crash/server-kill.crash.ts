// The server killed with SIGKILL in the middle of a few hundred concurrent submissions with attachments, then
// started again. What a citizen was told stands: every submission acknowledged before the crash exists once,
// submitted, with the very bytes uploaded; a submission whose answer never came is either whole or still a
// draft, and sending its key again gives that same dossier; each receipt is delivered. Run by
// `npm run test:crash` (not by `npm test`); figures and limits in docs/reliability.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { acknowledgement, resubmit, type FlowRecord } from './support/applicant-flow.ts';
import { strayBlobs } from './support/inspect.ts';
import { countBy } from './support/count-by.ts';
import { runLoad } from './support/load.ts';
import { startStack } from './support/stack.ts';
import { awaitPaidFilings, drainReceipts, verifyFlows } from './support/verify.ts';
import { waitFor } from './support/wait.ts';

const TOTAL = Number(process.env.CRASH_SUBMISSIONS ?? 300);
const CONCURRENCY = 30;
/** The kill comes once this share of the crowd has been told « dossier déposé ». */
const KILL_AT_SHARE = 0.4;

test(`kill -9 of the server during ${TOTAL} concurrent submissions loses or duplicates no acknowledged one`, { timeout: 170_000 }, async (t) => {
  const began = Date.now();
  const stack = await startStack();
  try {
    const base = stack.guichet.base;
    let acknowledged = 0;
    const inFlight = new Set<FlowRecord>();
    // The crash: once enough citizens were told « dossier déposé », at a moment when several submissions are
    // on their way (or after 3 s at most), no new citizen starts (the gate closes in the same tick) and the
    // server gets SIGKILL; the flows in flight are cut wherever they are.
    let cutFlows: Set<FlowRecord> | undefined;
    let killed: Promise<void> | undefined;
    let reopen!: () => void;
    let gate: Promise<void> = Promise.resolve();
    let killRequested!: () => void;
    const killTime = new Promise<void>((resolve) => (killRequested = resolve));
    let fallback: NodeJS.Timeout | undefined;
    const crash = () => {
      if (cutFlows) return;
      clearTimeout(fallback);
      gate = new Promise<void>((resolve) => (reopen = resolve));
      cutFlows = new Set(inFlight);
      killed = stack.guichet.kill9();
      killRequested();
    };
    const submitting = () => [...inFlight].filter((f) => f.stage === 'submit-sent').length;
    const load = runLoad({
      base,
      total: TOTAL,
      concurrency: CONCURRENCY,
      runId: randomBytes(3).toString('hex'),
      pdfBytes: 48_000,
      pngBytes: 24_000,
      gate: () => gate,
      onFlowStart: (flow) => {
        inFlight.add(flow);
        flow.onStage = (f) => {
          // A few milliseconds later: some of those submissions reach the database, some not yet.
          if (f.stage === 'submit-sent' && acknowledged >= TOTAL * KILL_AT_SHARE && submitting() >= 3) setTimeout(crash, 20);
        };
      },
      onFlowEnd: (flow) => {
        inFlight.delete(flow);
        if (!flow.error && ++acknowledged === Math.ceil(TOTAL * KILL_AT_SHARE)) fallback = setTimeout(crash, 3000);
      },
    });

    await Promise.race([killTime, load.then(() => assert.fail(`the load ended before ${TOTAL * KILL_AT_SHARE} acknowledgements`))]);
    await killed;
    const killedAt = Date.now();
    await waitFor(() => inFlight.size === 0, 60_000, 'the requests in flight to end after the kill');
    const cut = [...cutFlows!].filter((f) => f.error);
    const cutStages = cut.map((f) => (f.payment ? `payment-${f.payment}` : f.stage === 'acknowledged' ? 'payment-page' : f.stage));
    const acknowledgedBeforeKill = acknowledged;
    const cutDuringSubmit = cut.filter((f) => f.stage === 'submit-sent');

    const restartMs = await stack.restartGuichet();
    const downMs = Date.now() - killedAt;
    reopen();
    const flows = await load;

    // Every citizen not caught in flight by the kill went through.
    const failedOutsideKill = flows.filter((f) => f.error && !cutFlows!.has(f));
    assert.deepEqual(failedOutsideKill.map((f) => `${f.n} ${f.stage}: ${f.error}`), [], 'only the requests in flight at the kill may fail');

    // Sending the same key again after the restart, as a browser retry would: the same dossier, never a second.
    let cutButCommitted = 0;
    for (const flow of flows.filter((f) => f.stage === 'acknowledged' || f.stage === 'submit-sent')) {
      const again = await resubmit(flow);
      assert.equal(again.status, 303, `flow ${flow.n}: ${again.status}`);
      assert.match(again.location, acknowledgement(flow.draftId!), `flow ${flow.n}: the same dossier`);
      if (flow.stage === 'acknowledged') {
        // Filed: the dossier page (no second receipt); held for its fee: its payment page again, or the
        // dossier page once the payment filed it.
        if (!flow.heldForPayment) assert.equal(again.location, `/dossiers/${flow.draftId}`, `flow ${flow.n}: already filed`);
        else assert.match(again.location, new RegExp(`^/dossiers/${flow.draftId}(/paiement)?$`), `flow ${flow.n}: already held`);
      } else {
        // Cut during the submission: committed before the kill (the dossier page) or only now (the receipt).
        if (again.location === `/dossiers/${flow.draftId}`) cutButCommitted++;
        flow.heldForPayment = again.location.endsWith('/paiement');
        flow.stage = 'acknowledged';
      }
    }

    // Receipts whose delivery the killed worker had claimed are held by their lease (30 s): the test moves
    // the clock of those leases instead of waiting, as another worker would find them 2 minutes later.
    const leased = await stack.sql.query(`UPDATE jobs SET run_after = now() WHERE status = 'pending' AND attempts > 0 AND run_after > now() RETURNING id`);
    await awaitPaidFilings(stack, flows);
    await drainReceipts(stack);
    const verified = await verifyFlows(stack, flows);
    // At-least-once towards the mail or SMS gateway: only a receipt being sent at the very moment of the kill
    // can leave twice, so a duplicate is only allowed among the receipts the dead worker had claimed.
    assert.ok(verified.duplicateDeliveries <= leased.rowCount!, `${verified.duplicateDeliveries} receipts delivered twice`);
    assert.ok(stack.guichet.alive());

    const stray = await strayBlobs(stack.sql, stack.dataDir);
    const figures = {
      submissions: TOTAL,
      concurrency: CONCURRENCY,
      acknowledgedBeforeKill,
      inFlightAtKill: cutFlows!.size,
      cutFlows: cut.length,
      cutAtStage: countBy(cutStages),
      cutDuringSubmit: cutDuringSubmit.length,
      cutButCommitted,
      ...verified,
      jobsLeasedAtKill: leased.rowCount,
      serverRestartMs: restartMs,
      serverDownMs: downMs,
      strayBlobs: stray,
      runSeconds: Math.round((Date.now() - began) / 1000),
    };
    t.diagnostic(`crash figures ${JSON.stringify(figures)}`);
  } catch (err) {
    // What the server said last is often the explanation.
    console.error(`server output (tail):\n${stack.guichet.output().slice(-4000)}`);
    throw err;
  } finally {
    await stack.teardown();
  }
});
