// The budgets of ../shared/ARCHITECTURE.md ("Budgets"), as the bench checks them: each figure of
// docs/performance.md is shown with its budget and ✓ or ✗.
export const BUDGETS = {
  /** A catalog fiche page serves at least this share of the bare Fastify route's requests/s, in the same run. */
  ficheRatio: 0.4,
  /** p99 latency of a page at that load, in ms. */
  p99Ms: 50,
  /** Dossier submissions per second against PostgreSQL (on 2 cores). */
  submissionsPerSecond: 500,
  /** A citizen page: compressed HTML + CSS on the wire (the first TCP round trip), bytes. */
  citizenBytes: 14 * 1024,
  /** A back-office page: compressed, with its stylesheet and any island script, bytes. */
  backOfficeBytes: 60 * 1024,
  /** `npm start` on an empty data directory serves its first page within, in seconds. */
  startSeconds: 15,
} as const;

/** ✓ when the figure is within its budget, ✗ otherwise. */
export const mark = (ok: boolean): string => (ok ? '✓' : '✗');

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
