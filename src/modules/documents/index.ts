// Documents: PDF deliverables (receipts, letters, bulletins, extracts) sealed with the issuing administration's
// Ed25519 key, carrying a QR code anyone can verify offline (docs/verification.md) and online at /verifier.
//
// Addresses (paths.ts):
//   GET  /dossiers/:id/documents/:documentId          the applicant (owner of the dossier) downloads a document
//   GET  /dossiers/:id/accuse-de-reception             the receipt of submission, generated on first download
//   GET  /agent/dossiers/:id/documents/:documentId     an agent whose scope holds the dossier downloads it
//   GET  /agent/dossiers/:id/apercu-document           what acceptance/refusal would issue, unsealed
//   GET|POST /agent/dossiers/:id/documents/:documentId/revocation   revoke with a reason
//   GET  /verifier, GET /V/:code, POST /api/v1/verify, GET /.well-known/guichet-keys.json
export type { DocumentKind, DocumentLine, DocumentContent, IssuedDocument, DocumentSummary } from './types.ts';
export { DOCUMENT_KINDS } from './types.ts';
export { issueDocument, previewDocument, documentsOfDossier, verifyCode, type Verification } from './service.ts';
export { applicantDocumentPath, agentDocumentPath, agentRevokePath, agentPreviewPath, receiptPath, VERIFY_PAGE } from './paths.ts';
export { agentDocumentsPath, decisionLetterPath } from './paths.ts';
export { documentRoutes } from './routes.tsx';
export { documentsOpenApi } from './openapi.ts';
export { DocumentsSection } from './views/documents-section.tsx';
export { rotateKey } from './keys.ts';
