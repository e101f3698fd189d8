// Dossiers: the applicant's side of the procedure engine (drafts, pages, submission, follow-up) and its API,
// and the moves the back office makes on a filed dossier.
export { dossierRoutes, sendDownload } from './routes.tsx';
export { dossierApi } from './api.ts';
export { dossierOpenApi } from './openapi.ts';
export { purgeUnclaimedDrafts, timeline, messagesOf, attachmentsOf, attachmentOf, type AttachmentRow } from './store.ts';
export { openFiled } from './filed.ts';
export { addEvent } from './store.ts';
export type { OpenDossier } from './drafts.ts';
export { decide, canTake, isAction, ACTIONS, MOTIVATION_MAX, type Action, type DecisionResult } from './decisions.ts';
export { requestCorrection, correctableFields, openCorrection } from './corrections.ts';
export { postMessage, sendAdministrationMessage } from './messages.ts';
export { DossierAnswers, StatusTag, errorMessages } from './views/shared.tsx';
export { SectionFields } from './views/section-fields.tsx';
export { validationContext } from './context.ts';
export { MessageForm, MessageThread, Timeline } from './views/follow-up.tsx';
