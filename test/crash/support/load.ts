// A bounded crowd of citizens: `total` applicant flows, `concurrency` at a time. Before starting each new flow
// a worker waits on `gate` (closed while the test has the server down), so that flows cut by a crash are the
// ones in flight at that moment, and the rest run once the server is back.
import { newFlow, runFlow, type FlowRecord } from './applicant-flow.ts';

export interface LoadOptions {
  base: string;
  total: number;
  concurrency: number;
  runId: string;
  pdfBytes: number;
  pngBytes: number;
  gate?: () => Promise<void>;
  /** No new flow starts once this says so (for a load that runs until the test has seen enough). */
  stop?: () => boolean;
  /** A citizen whose attempt failed waits this long before the next one starts (no busy loop in an outage). */
  pauseAfterFailureMs?: number;
  /** Called as each flow starts (synchronously after the gate opened for it). */
  onFlowStart?: (flow: FlowRecord) => void;
  /** Called after each flow ends, whatever its outcome. */
  onFlowEnd?: (flow: FlowRecord) => void;
}

export async function runLoad(opts: LoadOptions): Promise<FlowRecord[]> {
  const flows: FlowRecord[] = [];
  let next = 0;
  const worker = async () => {
    while (next < opts.total) {
      await opts.gate?.();
      if (opts.stop?.()) return;
      const n = next++;
      if (n >= opts.total) return;
      const flow = newFlow(opts.base, n + 1, opts.runId);
      flows.push(flow);
      opts.onFlowStart?.(flow);
      await runFlow(flow, opts);
      opts.onFlowEnd?.(flow);
      if (flow.stage !== 'acknowledged' && opts.pauseAfterFailureMs) await new Promise((resolve) => setTimeout(resolve, opts.pauseAfterFailureMs));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return flows.sort((a, b) => a.n - b.n);
}
