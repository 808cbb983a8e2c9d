-- 0006: employment service seasons (issue 5): seasons co-hosted by several organisations, their
-- events (offline fair, online fair, livestream, forum), employers' sign-ups with the postings they
-- bring, booths on a floor plan, visitors' tickets and check-ins, and the season's live figures.
--
-- The figures are counters written in the same transaction as the record they count (never a scan
-- of the records), split over a few shards so that a fair's hundreds of simultaneous check-ins do
-- not queue on one row; a read sums the shards. Each figure belongs to a federation: enterprise-side
-- figures to the enterprise's province, visitor-side figures to the event's host union's province.

CREATE TABLE seasons (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  theme           text NOT NULL DEFAULT '' CHECK (length(theme) <= 200),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  starts_on       date NOT NULL,
  ends_on         date NOT NULL,
  -- The union that runs it in chuanyu (its staff and the unions above it manage it).
  owner_union_id  uuid NOT NULL REFERENCES unions (id),
  -- Goals as figure → target, e.g. {"livestreams": 40, "positions": 10000}.
  goals           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(goals) = 'object'),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  version         integer NOT NULL DEFAULT 1,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX seasons_owner_idx ON seasons (owner_union_id);

-- Co-hosts: unions on the platform, or other bodies by name (重庆市人社局, 中华全国总工会 as guide).
CREATE TABLE season_hosts (
  season_id   bigint NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
  position    smallint NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  union_id    uuid REFERENCES unions (id),
  role        text NOT NULL DEFAULT 'host' CHECK (role IN ('guide', 'host', 'co_host', 'organiser')),
  PRIMARY KEY (season_id, position)
);

CREATE TABLE events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  season_id       bigint NOT NULL REFERENCES seasons (id),
  kind            text NOT NULL CHECK (kind IN ('fair', 'online', 'livestream', 'forum')),
  name            text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  -- The union that holds it: its staff run the event console; its province gets the visitor figures.
  host_union_id   uuid NOT NULL REFERENCES unions (id),
  region_code     char(6) NOT NULL REFERENCES regions (code),
  venue           text NOT NULL DEFAULT '' CHECK (length(venue) <= 200),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  capacity        integer CHECK (capacity > 0),
  -- Livestream: platform and link; forum: agenda and speakers (kind-specific, validated by the API).
  details         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'held', 'cancelled')),
  version         integer NOT NULL DEFAULT 1,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX events_season_idx ON events (season_id, starts_at);
CREATE INDEX events_host_idx ON events (host_union_id);

-- A fair's floor plan: zones (recruitment booths, skills demonstrations, rights protection,
-- membership and mutual aid) laid out on a grid; booths are numbered cells of the booth zones.
CREATE TABLE event_zones (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('booths', 'demonstration', 'rights', 'membership', 'other')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  position    smallint NOT NULL,
  rows        smallint NOT NULL DEFAULT 1 CHECK (rows BETWEEN 1 AND 50),
  cols        smallint NOT NULL DEFAULT 1 CHECK (cols BETWEEN 1 AND 50),
  UNIQUE (event_id, position)
);

CREATE TABLE booths (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  zone_id     bigint NOT NULL REFERENCES event_zones (id) ON DELETE CASCADE,
  number      text NOT NULL CHECK (length(number) BETWEEN 1 AND 10),
  row         smallint NOT NULL,
  col         smallint NOT NULL,
  UNIQUE (event_id, number),
  UNIQUE (zone_id, row, col)
);

-- An employer's sign-up to an event, approved by the organising union; an approved fair sign-up
-- gets a booth.
CREATE TABLE event_signups (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES events (id),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  status_reason   text,
  booth_id        bigint UNIQUE REFERENCES booths (id) ON DELETE SET NULL,
  note            text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  reviewed_by     uuid REFERENCES users (id),
  reviewed_at     timestamptz,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, enterprise_id)
);
CREATE INDEX event_signups_enterprise_idx ON event_signups (enterprise_id);

-- The postings a sign-up brings (a livestream's featured postings are picked by the host instead).
CREATE TABLE event_postings (
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  posting_id  bigint NOT NULL REFERENCES postings (id),
  signup_id   bigint REFERENCES event_signups (id) ON DELETE CASCADE,
  position    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, posting_id)
);
CREATE INDEX event_postings_posting_idx ON event_postings (posting_id);

-- Visitors of an event: registered on the phone beforehand or at the entrance. The ticket code is
-- short (typed when a camera fails); the QR carries a signed token naming event and visitor.
CREATE TABLE event_visitors (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES events (id),
  user_id         uuid REFERENCES users (id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  phone_enc       bytea NOT NULL,
  phone_hash      bytea NOT NULL,
  phone_masked    text NOT NULL,
  region_code     char(6) REFERENCES regions (code),
  ticket_code     char(8) NOT NULL UNIQUE,
  source          text NOT NULL CHECK (source IN ('online', 'onsite')),
  consented_at    timestamptz NOT NULL,
  registered_by   uuid REFERENCES users (id),
  checked_in_at   timestamptz,
  checked_in_by   uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, phone_hash)
);
CREATE INDEX event_visitors_user_idx ON event_visitors (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX event_visitors_checkin_idx ON event_visitors (event_id, checked_in_at) WHERE checked_in_at IS NOT NULL;

-- Live figures: one row per season, federation, figure and shard. Reads sum the shards.
CREATE TABLE season_counters (
  season_id   bigint NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
  federation  char(2) NOT NULL CHECK (federation IN ('50', '51')),
  figure      text NOT NULL CHECK (figure IN ('enterprises', 'positions', 'checkins', 'consultations', 'interviews', 'intents', 'postings')),
  shard       smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
  value       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (season_id, federation, figure, shard)
);

-- Check-ins per hour of each event (the big screen's curve), kept the same way.
CREATE TABLE event_hourly_checkins (
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  hour        timestamptz NOT NULL,
  shard       smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
  value       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, hour, shard)
);

-- What the season has seen once: an enterprise or a posting counts once per season however many of
-- its events it joins. Kept with the job type and industry for the screen's top lists.
CREATE TABLE season_enterprises (
  season_id       bigint NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  federation      char(2) NOT NULL,
  industry_section char(1) NOT NULL,
  events          integer NOT NULL DEFAULT 0 CHECK (events >= 0),
  PRIMARY KEY (season_id, enterprise_id)
);

CREATE TABLE season_postings (
  season_id       bigint NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
  posting_id      bigint NOT NULL REFERENCES postings (id),
  federation      char(2) NOT NULL,
  job_type_code   text NOT NULL,
  headcount       integer NOT NULL,
  events          integer NOT NULL DEFAULT 0 CHECK (events >= 0),
  PRIMARY KEY (season_id, posting_id)
);
CREATE INDEX season_postings_type_idx ON season_postings (season_id, job_type_code);

-- Distinct job types and industries of the season (the "job types" figure and the screen's top
-- lists): a row per value with the number of the season's postings or enterprises carrying it.
CREATE TABLE season_job_types (
  season_id      bigint NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
  federation     char(2) NOT NULL,
  job_type_code  text NOT NULL,
  postings       integer NOT NULL DEFAULT 0 CHECK (postings >= 0),
  positions      integer NOT NULL DEFAULT 0 CHECK (positions >= 0),
  PRIMARY KEY (season_id, federation, job_type_code)
);

CREATE TABLE season_industries (
  season_id         bigint NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
  federation        char(2) NOT NULL,
  industry_section  char(1) NOT NULL,
  enterprises       integer NOT NULL DEFAULT 0 CHECK (enterprises >= 0),
  PRIMARY KEY (season_id, federation, industry_section)
);
