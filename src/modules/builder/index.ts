// The procedure builder: managers put a procedure's online form together in the back office, preview it as
// an applicant and publish it (a new revision of the forms engine; dossiers stay on the one they were filed on).
export { builderRoutes } from './routes.tsx';
export { draftRevision, saveDraft, discardDraft, publishDraft } from './store.ts';
