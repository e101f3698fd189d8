// Exports of dossiers (CSV, XLSX): the pages under /agent/exports, the worker's job that builds large ones,
// and the maintenance task that deletes them after a week.
export { exportRoutes } from './routes.tsx';
export { EXPORT_JOB, exportJobHandler, purgeOldExports } from './service.ts';
export { exportSettings } from './settings.ts';
export { EXPORTS_PATH } from './paths.ts';
