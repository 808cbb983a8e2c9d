import { Kysely, PostgresDialect, type ColumnType, type Generated, type Transaction } from 'kysely';
import pg from 'pg';

// bigint (int8) as number: our ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// date as the plain 'yyyy-mm-dd' it is: no time zone can shift a posting's validity by a day.
pg.types.setTypeParser(1082, (value) => value);

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionTable {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent_code: string | null;
  scope_prefix: string;
}

export interface UnionTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  level: 'federation' | 'city' | 'county';
  parent_id: string | null;
  federation: '50' | '51';
  scope_prefix: string;
  created_at: Generated<Date>;
}

export interface UserTable {
  id: Generated<string>;
  username: string | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  name: string;
  password_hash: string;
  roles: string[];
  union_id: string | null;
  is_disabled: Generated<boolean>;
  is_demo: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SessionTable {
  token_hash: Buffer;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  subject_label: string | null;
  scope_prefix: string | null;
  fields: string[];
  reason: string | null;
  ip: string | null;
  request_id: string | null;
}

export interface AppSettingTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface IdempotencyKeyTable {
  actor: string;
  key: string;
  route: string;
  status: number;
  body: unknown;
  created_at: Generated<Date>;
}

export interface JobCategoryTable {
  code: string;
  name: string;
  sort: number;
}

export interface JobTypeTable {
  code: string;
  category_code: string;
  name: string;
  synonyms: string[];
  occupation_major_group: number | null;
  sort: Generated<number>;
  is_active: Generated<boolean>;
  edited_at: Date | null;
  edited_by: string | null;
}

export type EnterpriseStatus = 'submitted' | 'verified' | 'rejected';

export interface EnterpriseTable {
  id: Generated<string>;
  credit_code: string;
  name: string;
  region_code: string;
  address: string | null;
  industry_section: string;
  industry_division: string | null;
  size: 'large' | 'medium' | 'small' | 'micro' | null;
  ownership: 'state' | 'collective' | 'private' | 'foreign' | 'hmt' | 'mixed' | 'other' | null;
  contact_name: string | null;
  contact_phone_enc: Buffer | null;
  contact_phone_hash: Buffer | null;
  contact_phone_masked: string | null;
  owner_union_id: string;
  status: Generated<EnterpriseStatus>;
  status_reason: string | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface EnterpriseMemberTable {
  enterprise_id: string;
  user_id: string;
  status: Generated<'pending' | 'active'>;
  created_at: Generated<Date>;
}

export type PostingStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'closed' | 'filled' | 'expired';

export interface PostingTable {
  id: Generated<number>;
  enterprise_id: string;
  owner_union_id: string;
  title: string;
  job_type_code: string;
  industry_section: string;
  industry_division: string | null;
  region_code: string;
  salary_negotiable: boolean;
  salary_min: number | null;
  salary_max: number | null;
  headcount: number;
  education: string;
  experience: string;
  description_html: string;
  benefits: string[];
  contact_name: string | null;
  contact_phone_enc: Buffer | null;
  contact_phone_masked: string | null;
  /** ISO date (yyyy-mm-dd). */
  valid_from: string;
  valid_until: string;
  status: Generated<PostingStatus>;
  status_reason: string | null;
  published_at: Date | null;
  reviewed_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
  /** tsvector as its text form (migration 0003), written with every change to the fields it covers. */
  search_tokens: Generated<string>;
}

export interface PostingHistoryTable {
  id: Generated<number>;
  posting_id: number;
  at: Generated<Date>;
  actor_id: string | null;
  action: string;
  changes: unknown;
  reason: string | null;
}

export interface SeekerProfileTable {
  user_id: string;
  id_card_enc: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  id_card_hash: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  id_card_masked: ColumnType<string | null, string | null | undefined, string | null>;
  region_code: ColumnType<string | null, string | null | undefined, string | null>;
  education: ColumnType<string, string | undefined, string>;
  experience: ColumnType<string, string | undefined, string>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  desired_job_types: ColumnType<string[], string[] | undefined, string[]>;
  desired_regions: ColumnType<string[], string[] | undefined, string[]>;
  desired_salary: ColumnType<number | null, number | null | undefined, number | null>;
  resume_text: ColumnType<string, string | undefined, string>;
  resume_visibility: ColumnType<'applied' | 'verified' | 'none', 'applied' | 'verified' | 'none' | undefined, 'applied' | 'verified' | 'none'>;
  resume_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  consented_at: Date;
  updated_at: Timestamp;
}

export interface StoredFileTable {
  id: Generated<string>;
  purpose: 'resume' | 'agreement' | 'evidence' | 'report' | 'meeting' | 'service';
  owner_user_id: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: Buffer;
  content_enc: Buffer;
  created_at: Generated<Date>;
}

export type EventKind = 'fair' | 'online' | 'livestream' | 'forum';

export interface SeasonTable {
  id: Generated<number>;
  name: string;
  theme: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  owner_union_id: string;
  goals: ColumnType<Record<string, number>, string | undefined, string>;
  status: ColumnType<'draft' | 'published' | 'closed', 'draft' | 'published' | 'closed' | undefined, 'draft' | 'published' | 'closed'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SeasonHostTable {
  season_id: number;
  position: number;
  name: string;
  union_id: string | null;
  role: 'guide' | 'host' | 'co_host' | 'organiser';
}

export interface EventTable {
  id: Generated<number>;
  season_id: number;
  kind: EventKind;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  host_union_id: string;
  region_code: string;
  venue: ColumnType<string, string | undefined, string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  capacity: number | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: ColumnType<'draft' | 'open' | 'held' | 'cancelled', 'draft' | 'open' | 'held' | 'cancelled' | undefined, 'draft' | 'open' | 'held' | 'cancelled'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface EventZoneTable {
  id: Generated<number>;
  event_id: number;
  kind: 'booths' | 'demonstration' | 'rights' | 'membership' | 'other';
  name: string;
  position: number;
  rows: number;
  cols: number;
}

export interface BoothTable {
  id: Generated<number>;
  event_id: number;
  zone_id: number;
  number: string;
  row: number;
  col: number;
}

export interface EventSignupTable {
  id: Generated<number>;
  event_id: number;
  enterprise_id: string;
  status: ColumnType<'pending' | 'approved' | 'rejected' | 'withdrawn', 'pending' | 'approved' | 'rejected' | 'withdrawn' | undefined, 'pending' | 'approved' | 'rejected' | 'withdrawn'>;
  status_reason: string | null;
  booth_id: number | null;
  note: ColumnType<string, string | undefined, string>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface EventPostingTable {
  event_id: number;
  posting_id: number;
  signup_id: number | null;
  position: ColumnType<number, number | undefined, number>;
}

export interface EventVisitorTable {
  id: Generated<number>;
  event_id: number;
  user_id: string | null;
  name: string;
  phone_enc: Buffer;
  phone_hash: Buffer;
  phone_masked: string;
  region_code: string | null;
  ticket_code: string;
  source: 'online' | 'onsite';
  consented_at: Date;
  registered_by: string | null;
  checked_in_at: Date | null;
  checked_in_by: string | null;
  /** The visitor agreed that the fair's desks see his records together (issue 8 §4). */
  services_shared_at: Date | null;
  created_at: Generated<Date>;
}

export interface SeasonCounterTable { season_id: number; federation: string; figure: string; shard: number; value: ColumnType<string, number, number> }
export interface EventHourlyCheckinTable { event_id: number; hour: Date; shard: number; value: number }
export interface SeasonEnterpriseTable { season_id: number; enterprise_id: string; federation: string; industry_section: string; events: number }
export interface SeasonPostingTable { season_id: number; posting_id: number; federation: string; job_type_code: string; headcount: number; events: number }
export interface SeasonJobTypeTable { season_id: number; federation: string; job_type_code: string; postings: number; positions: number }
export interface SeasonIndustryTable { season_id: number; federation: string; industry_section: string; enterprises: number }

export interface BoothRecordTable {
  id: Generated<number>;
  event_id: number;
  visitor_id: number;
  enterprise_id: string;
  kind: 'consultation' | 'interview';
  posting_ids: ColumnType<number[], number[] | undefined, number[]>;
  note: ColumnType<string, string | undefined, string>;
  rating: number | null;
  outcome: 'pass' | 'pending' | 'fail' | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface HiringIntentTable {
  id: Generated<number>;
  event_id: number;
  visitor_id: number;
  enterprise_id: string;
  posting_id: number;
  owner_union_id: string;
  salary: number;
  start_date: string;
  note: ColumnType<string, string | undefined, string>;
  status: ColumnType<'proposed' | 'confirmed' | 'declined' | 'cancelled', 'proposed' | 'confirmed' | 'declined' | 'cancelled' | undefined, 'proposed' | 'confirmed' | 'declined' | 'cancelled'>;
  employer_confirmed_at: Generated<Date>;
  visitor_confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface IntentFollowUpTable {
  id: Generated<number>;
  intent_id: number;
  owner_union_id: string;
  day: number;
  due_on: string;
  contract_signed: boolean | null;
  started_work: boolean | null;
  note: ColumnType<string, string | undefined, string>;
  done_at: Date | null;
  done_by: string | null;
}

// Livestream rooms (0008): featured postings are event_postings rows without a sign-up.
export interface LivestreamRoomTable {
  event_id: number;
  pinned_posting_id: number | null;
  pinned_at: Date | null;
  viewers: Generated<number>;
  applications: Generated<number>;
  intents: Generated<number>;
  viewers_version: Generated<number>;
  updated_at: Date | null;
}
export interface LivestreamApplicationTable { application_id: number; event_id: number; posting_id: number; created_at: Generated<Date>; intent_at: Date | null }
export interface LivestreamViewerCountTable { id: Generated<number>; event_id: number; viewers: number; entered_by: string | null; entered_at: Generated<Date> }

export type ApplicationStatus = 'new' | 'viewed' | 'interview' | 'intent' | 'hired' | 'rejected' | 'withdrawn';

export interface ApplicationTable {
  id: Generated<number>;
  posting_id: number;
  seeker_id: string | null;
  enterprise_id: string;
  owner_union_id: string;
  status: Generated<ApplicationStatus>;
  message: string | null;
  interview_accepted_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: number;
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  at: Generated<Date>;
}

// Skills competitions (0009). numeric columns arrive as strings (exact decimals).
type Num = ColumnType<string, string | number, string | number>;
type NumNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
export type ContestAspectType = 'measurement' | 'judgement' | 'deduction';
export type ContestStage = 'entered' | 'finalist' | 'eliminated' | 'withdrawn';
export type ItemLockState = 'open' | 'locked' | 'reopened';

export interface ContestTable {
  id: Generated<number>;
  name: string;
  theme: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  organisers: Json<string[]>;
  owner_union_id: string;
  venue: ColumnType<string, string | undefined, string>;
  starts_on: string;
  ends_on: string;
  rules: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  chief_judge_id: string | null;
  lots_seed: string | null;
  lots_drawn_at: Date | null;
  lots_drawn_by: string | null;
  revealed_at: Date | null;
  revealed_by: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface ContestRoundTable {
  id: Generated<number>;
  contest_id: number;
  seq: number;
  name: string;
  kind: 'preliminary' | 'final';
  starts_on: string | null;
  ends_on: string | null;
  qualification: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  qualified_at: Date | null;
  qualified_by: string | null;
}
export interface ContestTeamTable {
  id: Generated<number>;
  contest_id: number;
  name: string;
  union_id: string;
  leader: ColumnType<string, string | undefined, string>;
  seq: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
}
export interface ContestContestantTable {
  id: Generated<number>;
  contest_id: number;
  team_id: number;
  name: string;
  gender: 'm' | 'f' | null;
  employer: ColumnType<string, string | undefined, string>;
  id_number_enc: Buffer;
  id_number_hash: Buffer;
  id_number_masked: string;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  is_union_member: ColumnType<boolean, boolean | undefined, boolean>;
  member_no: string | null;
  stage: ColumnType<ContestStage, ContestStage | undefined, ContestStage>;
  work_number: string | null;
  written: NumNull;
  written_by: string | null;
  written_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface ContestRoundScoreTable { round_id: number; contestant_id: number; score: Num; entered_by: string | null; entered_at: Generated<Date> }
export interface ContestItemTable {
  id: Generated<number>;
  contest_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  seq: ColumnType<number, number | undefined, number>;
  max: NumNull;
  is_timed: ColumnType<boolean, boolean | undefined, boolean>;
  time_limit_seconds: number | null;
  lock_state: ColumnType<ItemLockState, ItemLockState | undefined, ItemLockState>;
  locked_at: Date | null;
  locked_by: string | null;
  lock_count: Generated<number>;
}
export interface ContestAspectTable {
  id: Generated<number>;
  contest_id: number;
  item_id: number;
  code: string;
  seq: ColumnType<number, number | undefined, number>;
  type: ContestAspectType;
  max: Num;
  description: ColumnType<string, string | undefined, string>;
  descriptors: ColumnType<string[] | null, string | null | undefined, string | null>;
  deductions: ColumnType<{ code: string; text: string; points: number }[] | null, string | null | undefined, string | null>;
  judges: ColumnType<number, number | undefined, number>;
}
export interface ContestJudgeTable { contest_id: number; item_id: number; user_id: string }
export interface ContestMarkTable {
  id: Generated<number>;
  contest_id: number;
  item_id: number;
  aspect_id: number;
  contestant_id: number;
  judge_id: string;
  value: Num;
  deductions: ColumnType<{ code: string; points: number }[] | null, string | null | undefined, string | null>;
  version: Generated<number>;
  entered_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface ContestItemTimeTable { item_id: number; contestant_id: number; seconds: number; entered_by: string | null; entered_at: Generated<Date> }
export interface ContestFlagResolutionTable { aspect_id: number; contestant_id: number; note: string; resolved_by: string | null; resolved_at: Generated<Date> }
export interface ContestScoreHistoryTable {
  id: Generated<number>;
  contest_id: number;
  item_id: number | null;
  aspect_id: number | null;
  contestant_id: number | null;
  judge_id: string | null;
  action: 'enter' | 'change' | 'time' | 'lock' | 'reopen' | 'relock' | 'resolve' | 'reveal' | 'draw';
  old_value: NumNull;
  new_value: NumNull;
  reason: string | null;
  actor_id: string | null;
  at: Generated<Date>;
}
export interface ContestResultFreezeTable { contest_id: number; results: Json<unknown>; frozen_by: string | null; frozen_at: Generated<Date> }
export interface ContestCertificateTable {
  id: Generated<number>;
  contest_id: number;
  code: string;
  kind: 'individual' | 'team' | 'item';
  contestant_id: number | null;
  team_id: number | null;
  item_id: number | null;
  rank: number;
  award: string;
  issued_by: string | null;
  issued_at: Generated<Date>;
  revoked_at: Date | null;
}

// The framework agreement and joint meetings (0010).
export interface AgreementTable {
  id: Generated<number>;
  title: string;
  parties: Json<string[]>;
  signed_on: string;
  ends_on: string | null;
  summary: ColumnType<string, string | undefined, string>;
  body: ColumnType<string, string | undefined, string>;
  status: ColumnType<'draft' | 'active' | 'closed', 'draft' | 'active' | 'closed' | undefined, 'draft' | 'active' | 'closed'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface AgreementFileTable { agreement_id: number; file_id: string; title: string; added_by: string | null; added_at: Generated<Date> }
export interface AgreementAreaTable { id: Generated<number>; agreement_id: number; year: number; seq: ColumnType<number, number | undefined, number>; name: string; description: ColumnType<string, string | undefined, string> }
export interface WorkItemTable {
  id: Generated<number>;
  agreement_id: number;
  area_id: number;
  code: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  lead_union_id: string;
  starts_on: string;
  due_on: string;
  target: Num;
  unit: ColumnType<string, string | undefined, string>;
  progress_kind: 'manual' | 'indicator';
  indicator: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  manual_value: NumNull;
  done_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface WorkItemUnionTable { item_id: number; union_id: string }
export interface WorkItemProgressTable { id: Generated<number>; item_id: number; value: Num; evidence: string; file_ids: ColumnType<string[], string[] | undefined, string[]>; union_id: string | null; entered_by: string | null; entered_at: Generated<Date> }
export interface WorkItemSignoffTable { item_id: number; federation: '50' | '51'; user_id: string; note: ColumnType<string, string | undefined, string>; signed_at: Generated<Date> }
export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export interface ProgressReportTable {
  id: Generated<number>;
  item_id: number;
  union_id: string;
  period: string;
  body: ColumnType<string, string | undefined, string>;
  figures: ColumnType<{ label: string; value: number; unit?: string }[], string | undefined, string>;
  is_highlight: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  submitted_by: string | null;
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface ProgressReportFileTable { report_id: number; file_id: string }
export interface JointMeetingTable {
  id: Generated<number>;
  agreement_id: number;
  title: string;
  held_on: string;
  place: ColumnType<string, string | undefined, string>;
  host_union_id: string;
  status: ColumnType<'planned' | 'held', 'planned' | 'held' | undefined, 'planned' | 'held'>;
  minutes: ColumnType<string, string | undefined, string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface MeetingAttendeeTable { meeting_id: number; seq: number; name: string; position: ColumnType<string, string | undefined, string>; union_id: string | null; organisation: ColumnType<string, string | undefined, string> }
export interface MeetingAgendaItemTable { meeting_id: number; seq: number; starts_at: ColumnType<string, string | undefined, string>; title: string; presenter: ColumnType<string, string | undefined, string> }
export interface MeetingSpeechTable { meeting_id: number; seq: number; union_id: string; speaker: ColumnType<string, string | undefined, string>; title: string; body: ColumnType<string, string | undefined, string>; file_id: string | null }
export interface MeetingVisitTable { meeting_id: number; seq: number; kind: ColumnType<'visit' | 'activity', 'visit' | 'activity' | undefined, 'visit' | 'activity'>; site: string; purpose: ColumnType<string, string | undefined, string> }
export interface MeetingDecisionTable { id: Generated<number>; meeting_id: number; seq: number; text: string; work_item_id: number | null; owner_union_id: string | null; due_on: string | null }
export interface NotificationTable {
  id: Generated<number>;
  user_id: string | null;
  union_id: string | null;
  kind: string;
  message_key: string;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
  link: ColumnType<string, string | undefined, string>;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
}
export interface NotificationOutboxTable {
  id: Generated<number>;
  notification_id: number;
  channel: 'email' | 'sms';
  recipient_id: string;
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined, 'pending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

// Worker services (migration 0011, issue 8).
export type ServiceCategory = 'wage_arrears' | 'labour_contract' | 'social_insurance' | 'work_injury' | 'dismissal' | 'mutual_aid' | 'other';
export type ServiceRequestStatus = 'open' | 'assigned' | 'answered' | 'closed' | 'reopened';
export type ConsentPurpose = 'consultation' | 'membership' | 'aid_enrolment' | 'aid_claim' | 'visitor_share';
export interface ConsentTable {
  id: Generated<number>;
  user_id: string | null;
  subject_hash: Buffer | null;
  purpose: ConsentPurpose;
  record_type: 'service_request' | 'membership_application' | 'aid_enrolment_member' | 'event_visitor';
  record_id: string;
  text_key: string;
  channel: 'online' | 'desk' | 'employer';
  recorded_by: string | null;
  given_at: Generated<Date>;
  withdrawn_at: Date | null;
}
export interface AidPlanTable {
  id: Generated<number>;
  federation: '50' | '51';
  name: string;
  summary: ColumnType<string, string | undefined, string>;
  starts_on: string;
  ends_on: string;
  price: number;
  benefits: ColumnType<Array<{ name: string; amount: number; note?: string }>, string | undefined, string>;
  status: ColumnType<'draft' | 'open' | 'closed', 'draft' | 'open' | 'closed' | undefined, 'draft' | 'open' | 'closed'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export type AidEnrolmentStatus = 'draft' | 'submitted' | 'confirmed' | 'returned' | 'cancelled';
export interface AidEnrolmentTable {
  id: Generated<number>;
  plan_id: number;
  enterprise_id: string;
  owner_union_id: string;
  status: ColumnType<AidEnrolmentStatus, AidEnrolmentStatus | undefined, AidEnrolmentStatus>;
  people: ColumnType<number, number | undefined, number>;
  amount: ColumnType<number, number | undefined, number>;
  file_sha256: Buffer | null;
  return_note: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface AidEnrolmentMemberTable {
  id: Generated<number>;
  enrolment_id: number;
  plan_id: number;
  row_no: number;
  name: string | null;
  id_card_enc: Buffer | null;
  id_card_hash: Buffer | null;
  id_card_masked: string | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  erased_at: Date | null;
}
export interface ServiceRequestTable {
  id: Generated<string>;
  ref_no: string;
  kind: 'consultation' | 'aid_claim';
  category: ServiceCategory;
  channel: 'online' | 'desk';
  event_id: number | null;
  visitor_id: number | null;
  user_id: string | null;
  name: string | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  region_code: string;
  enterprise_id: string | null;
  employer_name: ColumnType<string, string | undefined, string>;
  subject: string | null;
  body_enc: Buffer | null;
  aid_plan_id: number | null;
  aid_member_id: number | null;
  claim_amount: number | null;
  incident_on: string | null;
  owner_union_id: string;
  routed_by: 'region' | 'employer' | 'transfer';
  assignee_id: string | null;
  status: ColumnType<ServiceRequestStatus, ServiceRequestStatus | undefined, ServiceRequestStatus>;
  answer_due_at: Timestamp;
  first_answered_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  close_reason: 'confirmed' | 'auto' | 'staff' | null;
  escalated_at: Date | null;
  reopen_count: ColumnType<number, number | undefined, number>;
  consented_at: Timestamp;
  erased_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface ServiceRequestMessageTable {
  id: Generated<number>;
  request_id: string;
  author_id: string | null;
  author_role: 'worker' | 'staff';
  union_id: string | null;
  body_enc: Buffer;
  is_internal: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
}
export interface ServiceRequestFileTable { request_id: string; file_id: string; message_id: number | null }
export interface ServiceRequestEventTable {
  id: Generated<number>;
  request_id: string;
  actor_id: string | null;
  action: 'created' | 'assigned' | 'transferred' | 'answered' | 'followed_up' | 'closed' | 'reopened' | 'escalated' | 'auto_closed' | 'erased';
  from_status: string | null;
  to_status: string | null;
  from_union_id: string | null;
  to_union_id: string | null;
  note: string | null;
  at: Generated<Date>;
}
export type MembershipStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';
export interface MembershipApplicationTable {
  id: Generated<string>;
  ref_no: string;
  channel: 'online' | 'desk';
  event_id: number | null;
  visitor_id: number | null;
  user_id: string | null;
  name: string | null;
  id_card_enc: Buffer | null;
  id_card_hash: Buffer | null;
  id_card_masked: string | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  region_code: string;
  enterprise_id: string | null;
  employer_name: string;
  owner_union_id: string;
  routed_by: 'region' | 'employer';
  status: ColumnType<MembershipStatus, MembershipStatus | undefined, MembershipStatus>;
  review_due_on: string;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  reject_reason: string | null;
  member_no: string | null;
  card_code: string | null;
  joined_on: string | null;
  consented_at: Timestamp;
  erased_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface Database {
  consents: ConsentTable;
  aid_plans: AidPlanTable;
  aid_enrolments: AidEnrolmentTable;
  aid_enrolment_members: AidEnrolmentMemberTable;
  service_requests: ServiceRequestTable;
  service_request_messages: ServiceRequestMessageTable;
  service_request_files: ServiceRequestFileTable;
  service_request_events: ServiceRequestEventTable;
  membership_applications: MembershipApplicationTable;
  agreements: AgreementTable;
  agreement_files: AgreementFileTable;
  agreement_areas: AgreementAreaTable;
  work_items: WorkItemTable;
  work_item_unions: WorkItemUnionTable;
  work_item_progress: WorkItemProgressTable;
  work_item_signoffs: WorkItemSignoffTable;
  progress_reports: ProgressReportTable;
  progress_report_files: ProgressReportFileTable;
  joint_meetings: JointMeetingTable;
  meeting_attendees: MeetingAttendeeTable;
  meeting_agenda_items: MeetingAgendaItemTable;
  meeting_speeches: MeetingSpeechTable;
  meeting_visits: MeetingVisitTable;
  meeting_decisions: MeetingDecisionTable;
  notifications: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  contests: ContestTable;
  contest_rounds: ContestRoundTable;
  contest_teams: ContestTeamTable;
  contest_contestants: ContestContestantTable;
  contest_round_scores: ContestRoundScoreTable;
  contest_items: ContestItemTable;
  contest_aspects: ContestAspectTable;
  contest_judges: ContestJudgeTable;
  contest_marks: ContestMarkTable;
  contest_item_times: ContestItemTimeTable;
  contest_flag_resolutions: ContestFlagResolutionTable;
  contest_score_history: ContestScoreHistoryTable;
  contest_result_freezes: ContestResultFreezeTable;
  contest_certificates: ContestCertificateTable;
  seeker_profiles: SeekerProfileTable;
  stored_files: StoredFileTable;
  seasons: SeasonTable;
  season_hosts: SeasonHostTable;
  events: EventTable;
  event_zones: EventZoneTable;
  booths: BoothTable;
  event_signups: EventSignupTable;
  event_postings: EventPostingTable;
  event_visitors: EventVisitorTable;
  season_counters: SeasonCounterTable;
  event_hourly_checkins: EventHourlyCheckinTable;
  season_enterprises: SeasonEnterpriseTable;
  season_postings: SeasonPostingTable;
  season_job_types: SeasonJobTypeTable;
  season_industries: SeasonIndustryTable;
  booth_records: BoothRecordTable;
  hiring_intents: HiringIntentTable;
  intent_follow_ups: IntentFollowUpTable;
  livestream_rooms: LivestreamRoomTable;
  livestream_applications: LivestreamApplicationTable;
  livestream_viewer_counts: LivestreamViewerCountTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  job_categories: JobCategoryTable;
  job_types: JobTypeTable;
  enterprises: EnterpriseTable;
  enterprise_members: EnterpriseMemberTable;
  postings: PostingTable;
  posting_history: PostingHistoryTable;
  regions: RegionTable;
  unions: UnionTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingTable;
  idempotency_keys: IdempotencyKeyTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the pool or an open transaction: repo functions accept both. */
export type Executor = Db | Trx;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDb(url: string, options: { max?: number; onError?: (error: Error) => void } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'chuanyu',
    // Dates are China dates (a posting valid "until 2023-05-31" ends at midnight in 重庆 and 成都),
    // whatever the server's own zone: current_date and todayIso() must agree.
    options: '-c TimeZone=Asia/Shanghai',
  });
  // An idle client losing its server (DB restart) must not crash the process.
  pool.on('error', (error) => options.onError?.(error));
  // A client in use when the server goes away emits 'error' outside any query; without a listener
  // that would be an uncaught exception taking the whole app down with the database.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onError?.(error));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
