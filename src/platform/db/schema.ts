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

/** A procedure's own words for one kind of news in one language (migrations/0016, decision 0014). */
export interface ProcedureNotificationTemplatesTable {
  procedure_id: string;
  kind: string;
  locale: string;
  sms: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export type NoticeMode = 'each' | 'digest' | 'none';

export interface AgentPreferencesTable {
  user_id: string;
  notices: Generated<NoticeMode>;
  last_digest_at: Date | null;
  /** The inbox columns the agent chose (migration 0015); null: the default ones. */
  inbox_columns: ColumnType<unknown, string | null | undefined, string | null>;
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
  /** The decision's timeline event, for the file attached to a decision (migration 0014). */
  event_id: ColumnType<string | null, string | null | undefined, string | null>;
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
  payment_dues: PaymentDuesTable;
  payments: PaymentsTable;
  acceptance_dues: AcceptanceDuesTable;
  payment_events: PaymentEventsTable;
  criminal_record_teams: CriminalRecordTeamsTable;
  criminal_persons: CriminalPersonsTable;
  criminal_convictions: CriminalConvictionsTable;
  criminal_conviction_events: CriminalConvictionEventsTable;
  criminal_record_api_clients: CriminalRecordApiClientsTable;
  civil_registers: CivilRegistersTable;
  civil_health_facilities: CivilHealthFacilitiesTable;
  civil_act_counters: CivilActCountersTable;
  birth_acts: BirthActsTable;
  birth_act_mentions: BirthActMentionsTable;
  document_keys: DocumentKeysTable;
  documents: DocumentsTable;
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
  procedure_notification_templates: ProcedureNotificationTemplatesTable;
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

// Sealing keys and issued documents (migrations/0017_documents.sql).
export interface DocumentKeysTable {
  id: string;
  administration_id: string;
  public_key: string;
  private_key_enc: string;
  created_at: Timestamp;
  retired_at: Date | null;
}

export interface DocumentsTable {
  id: string;
  reference: string;
  kind: string;
  administration_id: string;
  dossier_id: string | null;
  key_id: string;
  holder_name: string;
  holder_birth_date: string | null;
  title: string;
  content: Json<Record<string, unknown>>;
  content_hash: string;
  code: string;
  blob_key: string;
  issued_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

// Civil status: communes' registers, yearly act numbers, birth acts and their mentions (migrations/0020_civil_status.sql).
export interface CivilRegistersTable {
  id: string;
  country: string;
  commune_code: string;
  administration_id: string;
  centre_name: string;
  place: string;
  signatory: string;
}

export interface CivilHealthFacilitiesTable {
  administration_id: string;
  country: string;
  name: string;
  commune_code: string;
}

export interface CivilActCountersTable {
  register_id: string;
  year: number;
  last_number: number;
}

export interface BirthActParent {
  surname: string;
  givenNames: string;
  birthDate: string | null;
  birthPlace: string | null;
  nationality: string | null;
  occupation: string | null;
  address: string | null;
}

export interface BirthActsTable {
  id: string;
  register_id: string;
  year: number;
  number: number;
  dossier_id: string | null;
  child_surname: string;
  child_given_names: string;
  sex: 'f' | 'm';
  born_at: Date;
  birth_date: ColumnType<string, string, string>;
  birth_place: string;
  mother: Json<BirthActParent>;
  father: Json<BirthActParent | null>;
  declarant: string;
  declared_at: Date;
  registered_at: Date;
  officer_id: string | null;
  officer_name: string;
}

export type MentionKind = 'recognition' | 'marriage' | 'divorce' | 'death' | 'rectification';

export interface BirthActMentionsTable {
  id: string;
  act_id: string;
  kind: MentionKind;
  mention_date: ColumnType<string, string, string>;
  text: string;
  authority: string;
  added_by: string | null;
  added_at: Timestamp;
}

// The criminal record (migrations/0018_criminal_record.sql). Dates are 'yyyy-mm-dd' text.
export interface CriminalRecordTeamsTable {
  team_id: string;
  role: 'clerk' | 'judge';
  granted_at: Timestamp;
}

export interface CriminalPersonsTable {
  id: string;
  surname: string;
  given_names: string;
  birth_date: string;
  birth_place: string;
  father_name: string | null;
  mother_name: string | null;
  nin: string | null;
  surname_key: string;
  given_key: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CriminalConvictionsTable {
  id: string;
  person_id: string;
  court_name: string;
  decision_reference: string | null;
  decision_date: string;
  offence_date: string | null;
  offence_label: string;
  offence_category: 'crime' | 'delit' | 'contravention';
  prison_months: number | null;
  prison_suspended_months: number | null;
  fine_xof: number | null;
  fine_suspended: Generated<boolean>;
  other_penalty: string | null;
  other_penalty_months: number | null;
  b3_ordered: Generated<boolean>;
  administration_id: string;
  registered_by: string | null;
  created_at: Timestamp;
}

export interface CriminalConvictionEventsTable {
  id: string;
  conviction_id: string;
  kind: 'appel' | 'arret_appel' | 'revocation_sursis' | 'suspension_peine' | 'execution' | 'prescription' | 'rehabilitation' | 'amnistie';
  event_date: string;
  note: string | null;
  registered_by: string | null;
  created_at: Timestamp;
}

export interface CriminalRecordApiClientsTable {
  id: string;
  name: string;
  administration_id: string | null;
  token_hash: string;
  rights: string[];
  created_at: Timestamp;
  revoked_at: Date | null;
}

// Fees paid by mobile money (migrations/0019_payments.sql).
export type PaymentStatus = 'created' | 'pending' | 'succeeded' | 'failed' | 'expired' | 'refunded';
export type PaymentFlag = 'amount-mismatch' | 'duplicate' | 'late';
export interface PaymentDuesTable {
  dossier_id: string;
  amount: number;
  submit_key: string;
  answers: Json<Record<string, unknown>>;
  label: string | null;
  created_at: Timestamp;
  paid_at: Date | null;
  payment_id: string | null;
}
export interface PaymentsTable {
  id: string;
  dossier_id: string;
  status: Generated<PaymentStatus>;
  amount_expected: number;
  amount_confirmed: number | null;
  currency: Generated<string>;
  provider: string;
  operator: string;
  payer_phone: string;
  provider_ref: string | null;
  redirect_url: string | null;
  flag: PaymentFlag | null;
  failure: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Date;
  confirmed_at: Date | null;
  refunded_at: Date | null;
  refunded_by: string | null;
  refund_reason: string | null;
  receipt_document_id: string | null;
  /** migrations/0021_acceptance_fees.sql */
  purpose: Generated<PaymentPurpose>;
}
// Fees owed once a request is accepted (migrations/0021_acceptance_fees.sql).
export type PaymentPurpose = 'submission' | 'acceptance';
export interface AcceptanceDuesTable {
  dossier_id: string;
  amount: number;
  label: string | null;
  created_at: Generated<Date>;
  paid_at: Date | null;
  payment_id: string | null;
}
export interface PaymentEventsTable {
  id: string;
  payment_id: string | null;
  provider: string;
  provider_event_id: string;
  verified: boolean;
  outcome: string;
  headers: Json<Record<string, unknown>>;
  body: string;
  received_at: Timestamp;
}
