// Dossiers: the applicant's side of the procedure engine (drafts, pages, submission, follow-up) and its API.
export { dossierRoutes } from './routes.tsx';
export { dossierApi } from './api.ts';
export { dossierOpenApi } from './openapi.ts';
export { purgeUnclaimedDrafts } from './store.ts';
