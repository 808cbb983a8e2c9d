-- 0011: worker services (issue 8) — consultations and rights requests (咨询/维权, also mutual-aid
-- enquiries and claims), union membership (入会), mutual-aid plans and enrolments (职工互助保障), one
-- visitor record across a fair's desks, and the consent every collection of personal data records.
-- Ids a worker can reach are random uuids (never guessable); people's names, phones, 身份证号 and the
-- words of a request are sealed with the field key, and become NULL when the worker erases his data.

ALTER TABLE stored_files DROP CONSTRAINT stored_files_purpose_check;
ALTER TABLE stored_files ADD CONSTRAINT stored_files_purpose_check
  CHECK (purpose IN ('resume', 'agreement', 'evidence', 'report', 'meeting', 'service'));

-- Every collection of personal data: whose, for what purpose, which record, which wording was shown,
-- through which channel and who recorded it (PIPL art. 14, 17). Withdrawn consents keep the row.
CREATE TABLE consents (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       uuid REFERENCES users (id) ON DELETE SET NULL,
  -- A person without an account (recorded at a desk or on an employer's list): his phone's or
  -- 身份证号's blind index, so his consents can still be found and withdrawn.
  subject_hash  bytea,
  purpose       text NOT NULL CHECK (purpose IN ('consultation', 'membership', 'aid_enrolment', 'aid_claim', 'visitor_share')),
  record_type   text NOT NULL CHECK (record_type IN ('service_request', 'membership_application', 'aid_enrolment_member', 'event_visitor')),
  record_id     text NOT NULL,
  -- The i18n key of the wording the person agreed to (e.g. 'services.consent.consultation').
  text_key      text NOT NULL CHECK (length(text_key) BETWEEN 1 AND 100),
  channel       text NOT NULL CHECK (channel IN ('online', 'desk', 'employer')),
  recorded_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  given_at      timestamptz NOT NULL DEFAULT now(),
  withdrawn_at  timestamptz,
  CHECK (user_id IS NOT NULL OR subject_hash IS NOT NULL OR withdrawn_at IS NOT NULL)
);
CREATE INDEX consents_user_idx ON consents (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX consents_subject_idx ON consents (subject_hash) WHERE subject_hash IS NOT NULL;
CREATE INDEX consents_record_idx ON consents (record_type, record_id);

-- With the visitor's consent, his check-in, consultations and membership application at this fair
-- appear together for the staff serving him; without it each desk sees only its own record.
ALTER TABLE event_visitors ADD COLUMN services_shared_at timestamptz;

-- Mutual-aid plans of a federation: period, price per person for the period, benefits.
CREATE TABLE aid_plans (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  federation   char(2) NOT NULL CHECK (federation IN ('50', '51')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  summary      text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  price        integer NOT NULL CHECK (price BETWEEN 1 AND 100000),
  -- [{ "name": "住院医疗互助", "amount": 10000, "note": "每次住院最高给付" }] (amounts in yuan)
  benefits     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(benefits) = 'array'),
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  version      integer NOT NULL DEFAULT 1,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);

-- An employer's agent enrols its workers from a list: draft (checked list) → submitted (the agent
-- confirmed people and amount) → confirmed by the enterprise's union, or returned with a note.
CREATE TABLE aid_enrolments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id         bigint NOT NULL REFERENCES aid_plans (id),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  owner_union_id  uuid NOT NULL REFERENCES unions (id),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'confirmed', 'returned', 'cancelled')),
  people          integer NOT NULL DEFAULT 0 CHECK (people >= 0),
  amount          integer NOT NULL DEFAULT 0 CHECK (amount >= 0),
  -- The uploaded list's SHA-256: the same file uploaded twice is the same enrolment.
  file_sha256     bytea,
  return_note     text CHECK (length(return_note) <= 500),
  submitted_by    uuid REFERENCES users (id),
  submitted_at    timestamptz,
  confirmed_by    uuid REFERENCES users (id),
  confirmed_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aid_enrolments_enterprise_idx ON aid_enrolments (enterprise_id, created_at DESC);
CREATE INDEX aid_enrolments_union_idx ON aid_enrolments (owner_union_id, status);
CREATE UNIQUE INDEX aid_enrolments_file_key ON aid_enrolments (plan_id, enterprise_id, file_sha256)
  WHERE file_sha256 IS NOT NULL AND status <> 'cancelled';

-- The workers on an enrolment's list. One person once per plan (members of a cancelled or returned
-- enrolment are deleted with it, so they can be listed again).
CREATE TABLE aid_enrolment_members (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enrolment_id    bigint NOT NULL REFERENCES aid_enrolments (id) ON DELETE CASCADE,
  plan_id         bigint NOT NULL REFERENCES aid_plans (id),
  row_no          integer NOT NULL CHECK (row_no > 0),
  name            text CHECK (length(name) BETWEEN 1 AND 50),
  id_card_enc     bytea,
  id_card_hash    bytea,
  id_card_masked  text,
  phone_enc       bytea,
  phone_hash      bytea,
  phone_masked    text,
  erased_at       timestamptz,
  UNIQUE (enrolment_id, row_no)
);
CREATE UNIQUE INDEX aid_members_once_key ON aid_enrolment_members (plan_id, id_card_hash) WHERE id_card_hash IS NOT NULL;
CREATE INDEX aid_members_id_card_idx ON aid_enrolment_members (id_card_hash) WHERE id_card_hash IS NOT NULL;

CREATE SEQUENCE service_request_ref_seq;

-- A worker's request: a consultation (legal, rights, mutual-aid enquiry) or a mutual-aid claim,
-- opened online or recorded at a fair desk, routed to the union responsible for it.
CREATE TABLE service_requests (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What people say on the phone: 'ZX2026-000123' (consultation) or 'HZ2026-000045' (claim).
  ref_no             text NOT NULL UNIQUE,
  kind               text NOT NULL CHECK (kind IN ('consultation', 'aid_claim')),
  category           text NOT NULL CHECK (category IN ('wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'mutual_aid', 'other')),
  channel            text NOT NULL CHECK (channel IN ('online', 'desk')),
  event_id           bigint REFERENCES events (id),
  visitor_id         bigint REFERENCES event_visitors (id) ON DELETE SET NULL,
  user_id            uuid REFERENCES users (id) ON DELETE SET NULL,
  -- The worker's name and phone (sealed); NULL once he erased his data.
  name               text CHECK (length(name) BETWEEN 1 AND 50),
  phone_enc          bytea,
  phone_hash         bytea,
  phone_masked       text,
  -- Where he works (county) and for whom: a registered enterprise or a typed name.
  region_code        char(6) NOT NULL REFERENCES regions (code),
  enterprise_id      uuid REFERENCES enterprises (id),
  employer_name      text NOT NULL DEFAULT '' CHECK (length(employer_name) <= 100),
  -- Short title shown in the owning union's queue; the words themselves are sealed in body_enc.
  subject            text CHECK (length(subject) BETWEEN 1 AND 100),
  body_enc           bytea,
  -- Claims: the plan, the enrolled member (when found), the amount asked and the day it happened.
  aid_plan_id        bigint REFERENCES aid_plans (id),
  aid_member_id      bigint REFERENCES aid_enrolment_members (id) ON DELETE SET NULL,
  claim_amount       integer CHECK (claim_amount BETWEEN 1 AND 1000000),
  incident_on        date,
  owner_union_id     uuid NOT NULL REFERENCES unions (id),
  routed_by          text NOT NULL CHECK (routed_by IN ('region', 'employer', 'transfer')),
  assignee_id        uuid REFERENCES users (id) ON DELETE SET NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'answered', 'closed', 'reopened')),
  -- Service level: the first answer is due by answer_due_at (working days, services.rules.ts).
  answer_due_at      timestamptz NOT NULL,
  first_answered_at  timestamptz,
  -- The latest staff answer: an answered request closes by itself 7 days after it.
  answered_at        timestamptz,
  closed_at          timestamptz,
  close_reason       text CHECK (close_reason IN ('confirmed', 'auto', 'staff')),
  -- Overdue without an answer: raised to the owning union's federation.
  escalated_at       timestamptz,
  reopen_count       integer NOT NULL DEFAULT 0,
  consented_at       timestamptz NOT NULL,
  erased_at          timestamptz,
  version            integer NOT NULL DEFAULT 1,
  created_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'aid_claim') = (aid_plan_id IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX service_requests_queue_idx ON service_requests (owner_union_id, status, created_at DESC);
CREATE INDEX service_requests_user_idx ON service_requests (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX service_requests_overdue_idx ON service_requests (answer_due_at) WHERE first_answered_at IS NULL AND status <> 'closed';
CREATE INDEX service_requests_answered_idx ON service_requests (answered_at) WHERE status = 'answered';
CREATE INDEX service_requests_visitor_idx ON service_requests (event_id, visitor_id) WHERE visitor_id IS NOT NULL;

-- The thread: the worker's and the union's messages (sealed). Internal notes are staff-only.
CREATE TABLE service_request_messages (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id   uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  author_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  author_role  text NOT NULL CHECK (author_role IN ('worker', 'staff')),
  union_id     uuid REFERENCES unions (id),
  body_enc     bytea NOT NULL,
  is_internal  boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT is_internal OR author_role = 'staff')
);
CREATE INDEX service_request_messages_request_idx ON service_request_messages (request_id, id);

-- Attachments (photos of documents, PDFs) of a request or of one of its messages.
CREATE TABLE service_request_files (
  request_id  uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  file_id     uuid NOT NULL REFERENCES stored_files (id) ON DELETE CASCADE,
  message_id  bigint REFERENCES service_request_messages (id) ON DELETE CASCADE,
  PRIMARY KEY (request_id, file_id)
);

-- What happened to a request: routing, assignment, transfers (from → to union), status changes.
CREATE TABLE service_request_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id     uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  actor_id       uuid REFERENCES users (id) ON DELETE SET NULL,
  action         text NOT NULL CHECK (action IN ('created', 'assigned', 'transferred', 'answered', 'closed', 'reopened', 'escalated', 'auto_closed', 'erased')),
  from_status    text,
  to_status      text,
  from_union_id  uuid REFERENCES unions (id),
  to_union_id    uuid REFERENCES unions (id),
  note           text CHECK (length(note) <= 500),
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_request_events_request_idx ON service_request_events (request_id, id);

CREATE SEQUENCE membership_ref_seq;
CREATE SEQUENCE membership_no_seq;

-- Union membership applications (入会), reviewed by the union they were routed to; an approved one
-- is the member's record: membership number and the unguessable code in his card's QR.
CREATE TABLE membership_applications (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref_no           text NOT NULL UNIQUE,
  channel          text NOT NULL CHECK (channel IN ('online', 'desk')),
  event_id         bigint REFERENCES events (id),
  visitor_id       bigint REFERENCES event_visitors (id) ON DELETE SET NULL,
  user_id          uuid REFERENCES users (id) ON DELETE SET NULL,
  name             text CHECK (length(name) BETWEEN 1 AND 50),
  id_card_enc      bytea,
  id_card_hash     bytea,
  id_card_masked   text,
  phone_enc        bytea,
  phone_hash       bytea,
  phone_masked     text,
  -- The employer's region (county) and the employer: a registered enterprise or a typed name.
  region_code      char(6) NOT NULL REFERENCES regions (code),
  enterprise_id    uuid REFERENCES enterprises (id),
  employer_name    text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 100),
  owner_union_id   uuid NOT NULL REFERENCES unions (id),
  routed_by        text NOT NULL CHECK (routed_by IN ('region', 'employer')),
  status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
  review_due_on    date NOT NULL,
  reviewed_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  reviewed_at      timestamptz,
  reject_reason    text CHECK (length(reject_reason) BETWEEN 1 AND 500),
  member_no        text UNIQUE,
  card_code        text UNIQUE,
  joined_on        date,
  consented_at     timestamptz NOT NULL,
  erased_at        timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'approved') = (member_no IS NOT NULL AND card_code IS NOT NULL AND joined_on IS NOT NULL)),
  CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
);
-- One open or approved application per person: the 身份证号's blind index.
CREATE UNIQUE INDEX membership_once_key ON membership_applications (id_card_hash) WHERE status IN ('submitted', 'approved') AND id_card_hash IS NOT NULL;
CREATE INDEX membership_union_idx ON membership_applications (owner_union_id, status, created_at DESC);
CREATE INDEX membership_user_idx ON membership_applications (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX membership_visitor_idx ON membership_applications (event_id, visitor_id) WHERE visitor_id IS NOT NULL;
