// Dossiers: the applicant's side of the procedure engine (drafts, pages, submission, follow-up) and its API,
// and the moves the back office makes on a filed dossier.
export { dossierRoutes, sendDownload } from './routes.tsx';
export { dossierApi } from './api.ts';
export { dossierOpenApi } from './openapi.ts';
export { purgeUnclaimedDrafts, timeline, messagesOf, attachmentsOf, attachmentOf, type AttachmentRow } from './store.ts';
export { openFiled } from './filed.ts';
export { addEvent } from './store.ts';
export type { OpenDossier } from './drafts.ts';
export { decide, canTake, isAction, takesFile, ACTIONS, MOTIVATION_MAX, type Action, type DecisionResult, type DecisionFile } from './decisions.ts';
export { readDecisionForm, keepingFileIfDone, DECISION_FILE, DECISION_FILE_MB } from './decision-files.ts';
export { requestCorrection, correctableFields, openCorrection } from './corrections.ts';
export { postMessage, sendAdministrationMessage } from './messages.ts';
export { DossierAnswers, StatusTag, errorMessages } from './views/shared.tsx';
export { SectionFields, fileSize } from './views/section-fields.tsx';
export { validationContext } from './context.ts';
export { MessageForm, MessageThread, Timeline } from './views/follow-up.tsx';
export {
  NEWS_KINDS,
  PLACEHOLDERS,
  TEMPLATE_PARTS,
  KIND_STATUS,
  chooseTemplate,
  fill,
  newsValues,
  placeholdersFor,
  platformTemplate,
  unknownPlaceholders,
  type NewsKind,
  type Placeholder,
  type TemplatePart,
  type TemplateSet,
  type Values,
} from './notice-templates.ts';
export { fileHeldDossier, type FileHeldResult } from './submit.ts';
export { dossierPath, paymentPath } from './paths.ts';
// A draft prefilled for a citizen to claim by a link (the API's prefill, and the civil-status assisted mode).
export { createPrefilled } from './drafts.ts';
export { prefillPath } from './paths.ts';
