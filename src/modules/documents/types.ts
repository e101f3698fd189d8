// The documents module's vocabulary, shared by the other modules that issue documents (see index.ts).

export const DOCUMENT_KINDS = [
  'submission-receipt',
  'acceptance',
  'refusal',
  'closure',
  'bulletin-1',
  'bulletin-2',
  'bulletin-3',
  'birth-act-extract',
  'payment-receipt',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type DocumentLine =
  | { label: string; value: string }
  | { heading: string }
  | { paragraph: string }
  | { table: { head: string[]; rows: string[][] } };

export interface DocumentContent {
  kind: DocumentKind;
  /** The administration whose Ed25519 key seals it (administrations.id). */
  issuerAdministrationId: string;
  /** The dossier it belongs to, if any (the applicant can then download it). */
  dossierId?: string | null;
  /** birthDate ISO yyyy-mm-dd where relevant. */
  holder: { name: string; birthDate?: string | null };
  /** As printed, in French (the legal language). */
  title: string;
  lines: DocumentLine[];
  /** "Niamey" */
  place: string;
  /** "Le greffier en chef du tribunal de grande instance de Niamey" */
  signatory: string;
  expiresAt?: Date | null;
}

export interface IssuedDocument {
  id: string;
  reference: string;
  code: string;
  pdf: Uint8Array;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  reference: string;
  issuedAt: Date;
  revokedAt: Date | null;
  title: string;
}
