-- 0002: job-type catalogue, enterprises with verification, postings with lifecycle and history.

-- Job types (synced from modules/jobs/data/job-types.json; admins may edit afterwards).
CREATE TABLE job_categories (
  code       text PRIMARY KEY,
  name       text NOT NULL,
  sort       integer NOT NULL
);

CREATE TABLE job_types (
  code                   text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  category_code          text NOT NULL REFERENCES job_categories (code),
  name                   text NOT NULL UNIQUE,
  synonyms               text[] NOT NULL DEFAULT '{}',
  -- 职业分类大典 (2022) major group 1–8, only where known for certain.
  occupation_major_group smallint CHECK (occupation_major_group BETWEEN 1 AND 8),
  sort                   integer NOT NULL DEFAULT 0,
  is_active              boolean NOT NULL DEFAULT true,
  -- Set once an admin edits the row: the repo data then no longer overwrites it.
  edited_at              timestamptz,
  edited_by              uuid REFERENCES users (id)
);

CREATE TABLE enterprises (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code          char(18) NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name                 text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  region_code          char(6) NOT NULL REFERENCES regions (code),
  address              text,
  industry_section     char(1) NOT NULL CHECK (industry_section ~ '^[A-T]$'),
  industry_division    char(2) CHECK (industry_division ~ '^[0-9]{2}$'),
  size                 text CHECK (size IN ('large', 'medium', 'small', 'micro')),
  ownership            text CHECK (ownership IN ('state', 'collective', 'private', 'foreign', 'hmt', 'mixed', 'other')),
  contact_name         text,
  contact_phone_enc    bytea,
  contact_phone_hash   bytea,
  contact_phone_masked text,
  owner_union_id       uuid NOT NULL REFERENCES unions (id),
  status               text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'verified', 'rejected')),
  status_reason        text,
  reviewed_at          timestamptz,
  reviewed_by          uuid REFERENCES users (id),
  created_by           uuid REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((contact_phone_enc IS NULL) = (contact_phone_hash IS NULL))
);
CREATE INDEX enterprises_region_idx ON enterprises (region_code);
CREATE INDEX enterprises_owner_idx ON enterprises (owner_union_id);
CREATE INDEX enterprises_status_idx ON enterprises (status);
CREATE INDEX enterprises_name_trgm_idx ON enterprises USING gin (name gin_trgm_ops);

-- Employer accounts of an enterprise (several per enterprise).
CREATE TABLE enterprise_members (
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, user_id)
);
CREATE INDEX enterprise_members_user_idx ON enterprise_members (user_id);

-- Dense integer ids: the in-process search index keys its typed arrays by them.
CREATE TABLE postings (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id        uuid NOT NULL REFERENCES enterprises (id),
  owner_union_id       uuid NOT NULL REFERENCES unions (id),
  title                text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  job_type_code        text NOT NULL REFERENCES job_types (code),
  industry_section     char(1) NOT NULL CHECK (industry_section ~ '^[A-T]$'),
  industry_division    char(2) CHECK (industry_division ~ '^[0-9]{2}$'),
  region_code          char(6) NOT NULL REFERENCES regions (code),
  salary_negotiable    boolean NOT NULL DEFAULT false,
  salary_min           integer,
  salary_max           integer,
  headcount            integer NOT NULL CHECK (headcount BETWEEN 1 AND 100000),
  education            text NOT NULL DEFAULT 'none'
                       CHECK (education IN ('none', 'junior_high', 'senior_high', 'vocational', 'associate', 'bachelor', 'master', 'doctor')),
  experience           text NOT NULL DEFAULT 'none' CHECK (experience IN ('none', 'lt1', '1to3', '3to5', '5to10', 'gt10')),
  description_html     text NOT NULL DEFAULT '',
  benefits             text[] NOT NULL DEFAULT '{}',
  contact_name         text,
  contact_phone_enc    bytea,
  contact_phone_masked text,
  valid_from           date NOT NULL,
  valid_until          date NOT NULL,
  status               text NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'closed', 'filled', 'expired')),
  status_reason        text,
  published_at         timestamptz,
  reviewed_by          uuid REFERENCES users (id),
  created_by           uuid REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  CHECK (valid_until >= valid_from),
  CHECK (
    (salary_negotiable AND salary_min IS NULL AND salary_max IS NULL)
    OR (NOT salary_negotiable AND salary_min IS NOT NULL AND salary_min >= 0 AND (salary_max IS NULL OR salary_max >= salary_min))
  )
);
CREATE INDEX postings_enterprise_idx ON postings (enterprise_id);
CREATE INDEX postings_owner_status_idx ON postings (owner_union_id, status);
CREATE INDEX postings_status_valid_idx ON postings (status, valid_until);
-- An import matches an open posting by enterprise and title (issue 3 §4: idempotent re-import).
CREATE UNIQUE INDEX postings_open_title_key ON postings (enterprise_id, title)
  WHERE status IN ('draft', 'pending', 'published', 'rejected');

-- Every change of a posting: who, when, what (field → [old, new]), why.
CREATE TABLE posting_history (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  posting_id bigint NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   uuid REFERENCES users (id),
  action     text NOT NULL,
  changes    jsonb NOT NULL DEFAULT '{}',
  reason     text
);
CREATE INDEX posting_history_posting_idx ON posting_history (posting_id, id);
