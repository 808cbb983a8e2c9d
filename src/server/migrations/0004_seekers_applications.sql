-- 0004: job seekers' profiles and their applications (issue 4 §3, §5). Personal data (身份证号)
-- is encrypted with a blind index for duplicates and masked for display; a seeker who deletes his
-- account leaves his applications behind without anything that names him.

CREATE TABLE seeker_profiles (
  user_id            uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  id_card_enc        bytea,
  id_card_hash       bytea,
  id_card_masked     text,
  region_code        char(6) REFERENCES regions (code),
  education          text NOT NULL DEFAULT 'none'
                     CHECK (education IN ('none', 'junior_high', 'senior_high', 'vocational', 'associate', 'bachelor', 'master', 'doctor')),
  experience         text NOT NULL DEFAULT 'none' CHECK (experience IN ('none', 'lt1', '1to3', '3to5', '5to10', 'gt10')),
  skills             text[] NOT NULL DEFAULT '{}',
  desired_job_types  text[] NOT NULL DEFAULT '{}',
  desired_regions    text[] NOT NULL DEFAULT '{}',
  desired_salary     integer CHECK (desired_salary BETWEEN 0 AND 1000000),
  resume_text        text NOT NULL DEFAULT '' CHECK (length(resume_text) <= 5000),
  -- Who may read the résumé: employers the seeker applied to, any verified employer, or nobody.
  resume_visibility  text NOT NULL DEFAULT 'applied' CHECK (resume_visibility IN ('applied', 'verified', 'none')),
  consented_at       timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((id_card_enc IS NULL) = (id_card_hash IS NULL))
);
CREATE UNIQUE INDEX seeker_profiles_id_card_key ON seeker_profiles (id_card_hash) WHERE id_card_hash IS NOT NULL;

CREATE TABLE applications (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  posting_id             bigint NOT NULL REFERENCES postings (id),
  -- NULL once the seeker has deleted his account: the employer's pipeline keeps the count, not the person.
  seeker_id              uuid REFERENCES users (id) ON DELETE SET NULL,
  enterprise_id          uuid NOT NULL REFERENCES enterprises (id),
  owner_union_id         uuid NOT NULL REFERENCES unions (id),
  status                 text NOT NULL DEFAULT 'new'
                         CHECK (status IN ('new', 'viewed', 'interview', 'intent', 'hired', 'rejected', 'withdrawn')),
  message                text CHECK (length(message) <= 500),
  interview_accepted_at  timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  version                integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX applications_once_key ON applications (posting_id, seeker_id) WHERE seeker_id IS NOT NULL;
CREATE INDEX applications_seeker_idx ON applications (seeker_id, created_at DESC);
CREATE INDEX applications_posting_idx ON applications (posting_id, status);
CREATE INDEX applications_enterprise_idx ON applications (enterprise_id, created_at DESC);

CREATE TABLE application_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  actor_id        uuid REFERENCES users (id) ON DELETE SET NULL,
  action          text NOT NULL,
  from_status     text,
  to_status       text,
  note            text CHECK (length(note) <= 1000),
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_events_application_idx ON application_events (application_id, id);
