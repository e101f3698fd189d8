// Kysely's view of the tables created by migrations/. Keep in step with the .sql files.
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

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
  team_id: string | null;
  administration_id: string | null;
  archived: Generated<boolean>;
  due_at: Date | null;
  /** When the team was last reminded of the deadline (migration 0008). */
  reminded_at: Date | null;
  decided_at: Date | null;
  version: Generated<number>;
  /** The inbox tab: computed by the database from status and archived. */
  stage: GeneratedAlways<DossierStage | null>;
}

export const DOSSIER_STAGES = ['to_process', 'in_review', 'closed', 'archived'] as const;
export type DossierStage = (typeof DOSSIER_STAGES)[number];

export interface TeamsTable {
  id: string;
  administration_id: string;
  name: string;
  created_at: Timestamp;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export type Silence = 'none' | 'accept' | 'refuse';

export interface ProcedureProcessingTable {
  procedure_id: string;
  default_team_id: string | null;
  legal_delay_days: number | null;
  silence: Generated<Silence>;
  /** Days before the deadline the team is reminded; 0: never (migration 0008). */
  reminder_days: Generated<number>;
}

export interface RoutingRulesTable {
  id: string;
  procedure_id: string;
  position: number;
  team_id: string;
  condition: Json<unknown>;
}

export type NoticeMode = 'each' | 'digest' | 'none';

export interface AgentPreferencesTable {
  user_id: string;
  notices: Generated<NoticeMode>;
  last_digest_at: Date | null;
}

export interface AgentDigestItemsTable {
  id: string;
  user_id: string;
  dossier_id: string;
  kind: string;
  created_at: Timestamp;
}

export interface LabelsTable {
  id: string;
  administration_id: string;
  name: string;
}

export interface DossierLabelsTable {
  dossier_id: string;
  label_id: string;
}

export interface DossierFollowersTable {
  dossier_id: string;
  user_id: string;
  created_at: Timestamp;
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
  agents_told: Generated<boolean>;
}

export interface DossierMessagesTable {
  id: string;
  dossier_id: string;
  author_id: string | null;
  from_applicant: boolean;
  body: string;
  created_at: Timestamp;
  agents_told: Generated<boolean>;
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

// Staff sign-in and invitations (migrations/0005_staff_auth.sql).
export type SecondFactorMethod = 'totp' | 'sms' | 'email';

export interface StaffSecondFactorsTable {
  user_id: string;
  method: SecondFactorMethod;
  totp_secret: string | null;
  /** The last TOTP time step accepted: a code of that step or an earlier one is refused (replay). */
  totp_last_step: number | null;
  updated_at: Timestamp;
}

export interface StaffCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
}

export interface TrustedDevicesTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Date;
}

export interface StaffInvitationsTable {
  id: string;
  token_hash: string;
  administration_id: string;
  team_id: string | null;
  role: 'agent' | 'manager';
  email: string | null;
  phone: string | null;
  totp_secret: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_user_id: string | null;
}

/** Append-only (a trigger refuses UPDATE, DELETE, TRUNCATE); written only by platform/audit. */
export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  administration_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** One row: the audit log's last seq and hash, locked by each append. */
export interface AuditHeadTable {
  id: Generated<boolean>;
  seq: number;
  hash: string;
}

// Exports of dossiers (migrations/0007_exports.sql).
export type ExportFormat = 'csv' | 'xlsx';
export type ExportStatus = 'pending' | 'ready' | 'failed';

export interface ExportsTable {
  id: string;
  user_id: string;
  procedure_id: string;
  format: ExportFormat;
  columns: Json<string[]>;
  filters: Json<Record<string, string>>;
  locale: string;
  status: Generated<ExportStatus>;
  file_name: string;
  blob_key: string | null;
  row_count: number | null;
  error: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface ExportColumnSetsTable {
  id: string;
  user_id: string;
  procedure_id: string;
  name: string;
  columns: Json<string[]>;
  created_at: Timestamp;
}

export interface DB {
  exports: ExportsTable;
  export_column_sets: ExportColumnSetsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  staff_second_factors: StaffSecondFactorsTable;
  staff_codes: StaffCodesTable;
  trusted_devices: TrustedDevicesTable;
  staff_invitations: StaffInvitationsTable;
  procedure_revisions: ProcedureRevisionsTable;
  dossiers: DossiersTable;
  dossier_attachments: DossierAttachmentsTable;
  dossier_events: DossierEventsTable;
  dossier_messages: DossierMessagesTable;
  dossier_corrections: DossierCorrectionsTable;
  dossier_followers: DossierFollowersTable;
  dossier_annotations: DossierAnnotationsTable;
  dossier_opinions: DossierOpinionsTable;
  labels: LabelsTable;
  dossier_labels: DossierLabelsTable;
  agent_preferences: AgentPreferencesTable;
  agent_digest_items: AgentDigestItemsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  procedure_processing: ProcedureProcessingTable;
  routing_rules: RoutingRulesTable;
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

// Expert opinions asked on a dossier (migrations/0010_expert_opinions.sql).
export interface DossierOpinionsTable {
  id: string;
  dossier_id: string;
  asked_by: string | null;
  expert_id: string | null;
  team_id: string | null;
  question: string;
  yes_no: boolean;
  due_at: Timestamp;
  created_at: Timestamp;
  answer: string | null;
  answer_yes: boolean | null;
  answered_by: string | null;
  answered_at: Date | null;
}

// The agents' private annotations, apart from the applicant's answers (migrations/0011_annotations.sql).
export interface DossierAnnotationsTable {
  dossier_id: string;
  answers: Json<Record<string, unknown>>;
  updated_by: string | null;
  updated_at: Timestamp;
}
