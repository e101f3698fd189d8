// The documents' addresses, for the pages of other modules that link to them.

/** The applicant's download of a document of his dossier. */
export const applicantDocumentPath = (dossierId: string, documentId: string) => `/dossiers/${dossierId}/documents/${documentId}`;
/** The receipt of submission, generated on first download. */
export const receiptPath = (dossierId: string) => `/dossiers/${dossierId}/accuse-de-reception`;
/** The letter of the dossier's current decision (acceptance or refusal), generated on first download. */
export const decisionLetterPath = (dossierId: string) => `/dossiers/${dossierId}/lettre-de-decision`;
/** An agent's download of a document of a dossier in his scope, and its revocation form. */
export const agentDocumentPath = (dossierId: string, documentId: string) => `/agent/dossiers/${dossierId}/documents/${documentId}`;
export const agentRevokePath = (documentId: string) => `/agent/documents/${documentId}/revocation`;
/** The dossier's documents in the back office: previews, issued documents. */
export const agentDocumentsPath = (dossierId: string) => `/agent/dossiers/${dossierId}/documents`;
/** What acceptance or refusal would issue, unsealed. */
export const agentPreviewPath = (dossierId: string) => `/agent/dossiers/${dossierId}/apercu-document`;
export const VERIFY_PAGE = '/verifier';
export const KEYS_FILE = '/.well-known/guichet-keys.json';
