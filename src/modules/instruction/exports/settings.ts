// The sizes that shape an export. One object, so a test can lower the threshold and the page size and
// send a handful of dossiers through the worker's path instead of filing thousands.
export const exportSettings = {
  /** Up to this many dossiers, the file is built during the request and downloaded at once. */
  syncMax: 2000,
  /** Dossiers read per query by the builder (keyset pages): what is held in memory at a time. */
  pageSize: 500,
  /** Exports (rows and files) are deleted after this many days. */
  keepDays: 7,
  /** Most columns one export may have: bounds the work of a forged request. */
  maxColumns: 300,
  /** Saved column sets one agent may keep per procedure. */
  maxSets: 30,
};
