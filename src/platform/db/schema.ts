// Kysely's view of the tables created by migrations/. Keep in step with the .sql files.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface UsersTable {
  id: string;
  phone: string | null;
  email: string | null;
  password_hash: string | null;
  name: string | null;
  role: Generated<'applicant' | 'agent' | 'manager' | 'operator'>;
  administration_id: string | null;
  locale: string | null;
  created_at: Timestamp;
  last_login_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string | null;
  csrf_token: string;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  expires_at: Date;
}

export interface OtpCodesTable {
  id: string;
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
}

export interface ThrottleTable {
  key: string;
  window_start: Date;
  count: Generated<number>;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  run_after: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Date | null;
}

export interface NotificationsTable {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface AdministrationsTable {
  id: string;
  code: string;
  country: string;
  parent_id: string | null;
  name: string;
  acronym: string | null;
}

export interface ServicePointsTable {
  id: string;
  code: string;
  country: string;
  administration_id: string;
  name: string;
  address: string;
  city: string;
  hours: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ProceduresTable {
  id: string;
  country: string;
  slug: string;
  category: string;
  administration_id: string;
  popularity: Generated<number>;
  cost_xof: number | null;
  delay_days: number | null;
  online_available: Generated<boolean>;
  online_url: string | null;
  published: Generated<boolean>;
  updated_at: Timestamp;
}

export interface ProcedureTextsTable {
  procedure_id: string;
  locale: string;
  title: string | null;
  summary: string | null;
  who: string | null;
  steps: Json<string[]>;
  documents: Json<string[]>;
  cost_note: string | null;
  delay: string | null;
  legal_basis: Json<string[]>;
  complaint: string | null;
  search: ColumnType<string | null, never, never>;
}

export interface ProcedureServicePointsTable {
  procedure_id: string;
  service_point_id: string;
}

export interface ProcedureAudioTable {
  procedure_id: string;
  locale: string;
  blob_key: string;
  mime: string;
  size: number;
  uploaded_at: Timestamp;
}

export interface SearchWordsTable {
  word: string;
}

export interface ContentVersionsTable {
  name: string;
  version: number;
}

export type RevisionStatus = 'draft' | 'published' | 'superseded';

export interface ProcedureRevisionsTable {
  id: string;
  procedure_id: string;
  number: number;
  status: RevisionStatus;
  definition: Json<unknown>;
  created_at: Timestamp;
  published_at: Date | null;
}

export const DOSSIER_STATUSES = ['draft', 'submitted', 'in_review', 'correction', 'accepted', 'refused', 'closed'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export interface DossiersTable {
  id: string;
  reference: string | null;
  procedure_id: string;
  revision_id: string;
  applicant_id: string | null;
  status: Generated<DossierStatus>;
  answers: Json<Record<string, unknown>>;
  submit_key: string | null;
  prefill_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface DossierAttachmentsTable {
  id: string;
  dossier_id: string;
  field: string | null;
  message_id: string | null;
  blob_key: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
  created_at: Timestamp;
}

export interface DossierEventsTable {
  id: string;
  dossier_id: string;
  kind: string;
  status: string | null;
  actor_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface DossierMessagesTable {
  id: string;
  dossier_id: string;
  author_id: string | null;
  from_applicant: boolean;
  body: string;
  created_at: Timestamp;
}

export interface DossierCorrectionsTable {
  id: string;
  dossier_id: string;
  fields: Json<string[]>;
  reason: string;
  requested_by: string | null;
  created_at: Timestamp;
  answered_at: Date | null;
}

export interface DB {
  procedure_revisions: ProcedureRevisionsTable;
  dossiers: DossiersTable;
  dossier_attachments: DossierAttachmentsTable;
  dossier_events: DossierEventsTable;
  dossier_messages: DossierMessagesTable;
  dossier_corrections: DossierCorrectionsTable;
  content_versions: ContentVersionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  otp_codes: OtpCodesTable;
  throttle: ThrottleTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  administrations: AdministrationsTable;
  service_points: ServicePointsTable;
  procedures: ProceduresTable;
  procedure_texts: ProcedureTextsTable;
  procedure_service_points: ProcedureServicePointsTable;
  procedure_audio: ProcedureAudioTable;
  search_words: SearchWordsTable;
}
