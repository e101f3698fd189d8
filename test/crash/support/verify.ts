// The promises of a submission, checked flow by flow against what the server kept (database, blob store) and
// what left it (the SMTP sink): an acknowledged submission exists once, submitted with its key, its one
// timeline event, the very bytes uploaded and its receipt delivered; one that was never acknowledged is
// either all of that or a draft; no file row ever points to a missing or altered blob; one dossier at most per citizen.
import assert from 'node:assert/strict';
import type { FlowRecord } from './applicant-flow.ts';
import { dossiersOf } from './inspect.ts';
import type { Stack } from './stack.ts';
import { waitFor } from './wait.ts';

export interface Verified {
  /** Acknowledged (the receipt page, or the payment's answer for a fee) and filed. */
  acknowledged: number;
  /** Held for its fee, with a reference, its payment never acknowledged (cut by the crash): not filed. */
  heldForPayment: number;
  /** Submitted although the citizen never saw the answer (possible only when the answer was lost). */
  filedUnacknowledged: number;
  draftsLeft: number;
  neverCreated: number;
  /** Receipts delivered more than once (counted beyond the first). */
  duplicateDeliveries: number;
}

/**
 * Waits until every dossier whose payment was acknowledged is filed: the sandbox provider's confirmation
 * comes through the outbox, a second or so later, and after a crash once the job is due again.
 */
export async function awaitPaidFilings(stack: Stack, flows: FlowRecord[], timeoutMs = 60_000): Promise<number> {
  const ids = flows.filter((f) => f.payment === 'acknowledged').map((f) => f.draftId!);
  return waitFor(
    async () => (await stack.sql.query(`SELECT count(*)::int AS n FROM dossiers WHERE id = ANY($1) AND status <> 'submitted'`, [ids])).rows[0].n === 0,
    timeoutMs,
    'every paid dossier to be filed',
  );
}

/** Waits until the outbox has delivered every receipt (the worker must be alive and connected). */
export async function drainReceipts(stack: Stack, timeoutMs = 60_000): Promise<number> {
  return waitFor(
    async () => (await stack.sql.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'notify.send' AND status <> 'done'`)).rows[0].n === 0,
    timeoutMs,
    'the outbox to deliver every receipt',
  );
}

export async function verifyFlows(stack: Stack, flows: FlowRecord[]): Promise<Verified> {
  const figures: Verified = { acknowledged: 0, heldForPayment: 0, filedUnacknowledged: 0, draftsLeft: 0, neverCreated: 0, duplicateDeliveries: 0 };
  for (const flow of flows) {
    const kept = await dossiersOf(stack.sql, stack.dataDir, flow.email);
    const label = `flow ${flow.n} (${flow.stage}${flow.error ? `: ${flow.error}` : ''})`;
    assert.ok(kept.length <= 1, `${label}: ${kept.length} dossiers for one applicant`);
    for (const d of kept) {
      for (const f of d.files) assert.equal(f.stored, f.recorded, `${label}: blob of ${f.field} missing or altered`);
    }
    const d = kept[0];
    if (flow.stage === 'acknowledged' || d?.status === 'submitted') {
      // Acknowledged, or filed although its answer never came back (the commit's reply lost): whole either way.
      assert.ok(d, `${label}: acknowledged but not in the database`);
      assert.equal(d.id, flow.draftId);
      assert.deepEqual(
        d.files.map((f) => [f.field, f.stored]),
        Object.entries(flow.sha256).sort(([a], [b]) => a.localeCompare(b)),
        `${label}: the files stored are the ones uploaded`,
      );
      if (d.status !== 'submitted') {
        // Held for its fee, with its reference: allowed only while no payment was acknowledged.
        assert.ok(flow.heldForPayment, `${label}: acknowledged as filed but ${d.status}`);
        assert.equal(d.status, 'draft', label);
        assert.ok(d.reference, `${label}: held for payment without a reference`);
        assert.notEqual(flow.payment, 'acknowledged', `${label}: paid but never filed`);
        figures.heldForPayment++;
        continue;
      }
      const told = flow.stage === 'acknowledged' && (!flow.heldForPayment || flow.payment === 'acknowledged');
      if (told) figures.acknowledged++;
      else figures.filedUnacknowledged++;
      assert.equal(d.submitKey, flow.key, label);
      assert.equal(d.submittedEvents, 1, `${label}: one 'submitted' event`);
      assert.equal(d.receipts.length, 1, `${label}: one receipt queued`);
      assert.equal(d.receipts[0]!.status, 'sent', label);
      const delivered = stack.smtp.mails.filter((m) => m.to.includes(flow.email) && m.text.includes(d.reference!)).length;
      assert.ok(delivered >= 1, `${label}: receipt never delivered`);
      figures.duplicateDeliveries += delivered - 1;
    } else if (d) {
      // Never acknowledged: still a draft, whatever pages it had saved.
      assert.equal(d.status, 'draft', label);
      figures.draftsLeft++;
    } else figures.neverCreated++;
  }
  const submitted = (await stack.sql.query(`SELECT count(*)::int AS n FROM dossiers WHERE status = 'submitted'`)).rows[0].n;
  assert.equal(submitted, figures.acknowledged + figures.filedUnacknowledged, 'no submitted dossier outside the flows');
  return figures;
}
