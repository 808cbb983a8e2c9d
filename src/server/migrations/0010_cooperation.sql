-- 0010: the framework agreement and the joint conferences (联席会议, issue 7): an agreement with its
-- parties, text and attachments; a tree of areas (lines of work) → work items, each with the unions
-- responsible on both sides, a lead, a due date, a target and progress (entered with evidence, or
-- an indicator computed from platform data); periodic progress reports submitted by the local
-- union and accepted by its federation; sign-off by one staff member of EACH federation; joint
-- meetings with attendees, agenda, exchange speeches, field visits and decisions linked to items;
-- in-app notifications (reminders) with an outbox for the pluggable e-mail/SMS sender.

-- Attachments of agreements, progress evidence, reports and meeting speeches are stored files.
ALTER TABLE stored_files DROP CONSTRAINT stored_files_purpose_check;
ALTER TABLE stored_files ADD CONSTRAINT stored_files_purpose_check
  CHECK (purpose IN ('resume', 'agreement', 'evidence', 'report', 'meeting'));

CREATE TABLE agreements (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title        text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  -- The parties as signed, in order (四川省总工会, 重庆市总工会); the two federations manage it.
  parties      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(parties) = 'array'),
  signed_on    date NOT NULL,
  ends_on      date,
  summary      text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  -- The agreement's text (plain text with paragraphs); signed scans are attachments.
  body         text NOT NULL DEFAULT '' CHECK (length(body) <= 100000),
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'closed')),
  version      integer NOT NULL DEFAULT 1,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= signed_on)
);

CREATE TABLE agreement_files (
  agreement_id  bigint NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  file_id       uuid NOT NULL REFERENCES stored_files (id) ON DELETE CASCADE,
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  added_by      uuid REFERENCES users (id),
  added_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, file_id)
);

-- Areas (lines of work) of one year, e.g. 2023: 宣传学习 / 建功双城经济圈 / 维权服务 / 产改与工会改革.
CREATE TABLE agreement_areas (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id  bigint NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  year          smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq           smallint NOT NULL DEFAULT 0,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description   text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  UNIQUE (agreement_id, year, name)
);

CREATE TABLE work_items (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id    bigint NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  area_id         bigint NOT NULL REFERENCES agreement_areas (id) ON DELETE CASCADE,
  code            text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$'),
  title           text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  -- The lead union (牵头单位); the responsible unions of both sides are in work_item_unions.
  lead_union_id   uuid NOT NULL REFERENCES unions (id),
  starts_on       date NOT NULL,
  due_on          date NOT NULL,
  -- value / target in `unit` (场, 个, 人次, %); progress 0–100 % = min(value / target, 1).
  target          numeric(12,2) NOT NULL CHECK (target > 0),
  unit            text NOT NULL DEFAULT '' CHECK (length(unit) <= 10),
  -- manual: the latest work_item_progress value; indicator: computed from platform data by
  -- modules/cooperation/indicators.ts, e.g. {"kind":"livestreams_held","seasonId":1}.
  progress_kind   text NOT NULL CHECK (progress_kind IN ('manual', 'indicator')),
  indicator       jsonb CHECK (indicator IS NULL OR jsonb_typeof(indicator) = 'object'),
  manual_value    numeric(12,2) CHECK (manual_value >= 0),
  -- Set when the second federation signs off (work_item_signoffs): the item is done.
  done_at         timestamptz,
  version         integer NOT NULL DEFAULT 1,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, code),
  CHECK (due_on >= starts_on),
  CHECK ((progress_kind = 'indicator') = (indicator IS NOT NULL))
);
CREATE INDEX work_items_area_idx ON work_items (area_id);
CREATE INDEX work_items_due_idx ON work_items (due_on) WHERE done_at IS NULL;

-- Unions responsible for an item, on both sides (the lead is one of them).
CREATE TABLE work_item_unions (
  item_id   bigint NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
  union_id  uuid NOT NULL REFERENCES unions (id),
  PRIMARY KEY (item_id, union_id)
);
CREATE INDEX work_item_unions_union_idx ON work_item_unions (union_id);

-- Manual progress as entered, with its evidence (text and files): the item's history.
CREATE TABLE work_item_progress (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id     bigint NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
  value       numeric(12,2) NOT NULL CHECK (value >= 0),
  evidence    text NOT NULL CHECK (length(evidence) BETWEEN 1 AND 2000),
  file_ids    uuid[] NOT NULL DEFAULT '{}',
  union_id    uuid REFERENCES unions (id),
  entered_by  uuid REFERENCES users (id),
  entered_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_item_progress_item_idx ON work_item_progress (item_id, entered_at);

-- Sign-off: one staff member of each federation; the primary key refuses a second of the same one.
CREATE TABLE work_item_signoffs (
  item_id     bigint NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
  federation  char(2) NOT NULL CHECK (federation IN ('50', '51')),
  user_id     uuid NOT NULL REFERENCES users (id),
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  signed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, federation)
);

-- Periodic progress reports of a responsible union on an item: draft → submitted → accepted, or
-- returned (with a note) → submitted again. An accepted report is final.
CREATE TABLE progress_reports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id       bigint NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
  union_id      uuid NOT NULL REFERENCES unions (id),
  -- '2023-03' (monthly) or '2023-Q1' (quarterly)
  period        text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  body          text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  -- Figures reported: [{ "label": "开展宣讲", "value": 12, "unit": "场" }]
  figures       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(figures) = 'array'),
  -- Whether this report's highlights go into the yearly report.
  is_highlight  boolean NOT NULL DEFAULT false,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  submitted_by  uuid REFERENCES users (id),
  submitted_at  timestamptz,
  reviewed_by   uuid REFERENCES users (id),
  reviewed_at   timestamptz,
  review_note   text CHECK (length(review_note) <= 1000),
  version       integer NOT NULL DEFAULT 1,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, union_id, period)
);
CREATE INDEX progress_reports_union_idx ON progress_reports (union_id, status);

CREATE TABLE progress_report_files (
  report_id  bigint NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
  file_id    uuid NOT NULL REFERENCES stored_files (id) ON DELETE CASCADE,
  PRIMARY KEY (report_id, file_id)
);

-- Joint meetings (联席会议) and what happens there.
CREATE TABLE joint_meetings (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id   bigint NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  title          text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  held_on        date NOT NULL,
  place          text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
  host_union_id  uuid NOT NULL REFERENCES unions (id),
  status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
  minutes        text NOT NULL DEFAULT '' CHECK (length(minutes) <= 50000),
  version        integer NOT NULL DEFAULT 1,
  created_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Attendees: people of both federations and invited unions (or guests by name).
CREATE TABLE meeting_attendees (
  meeting_id  bigint NOT NULL REFERENCES joint_meetings (id) ON DELETE CASCADE,
  seq         smallint NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  position    text NOT NULL DEFAULT '' CHECK (length(position) <= 100),
  union_id    uuid REFERENCES unions (id),
  organisation text NOT NULL DEFAULT '' CHECK (length(organisation) <= 100),
  PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE meeting_agenda_items (
  meeting_id  bigint NOT NULL REFERENCES joint_meetings (id) ON DELETE CASCADE,
  seq         smallint NOT NULL,
  starts_at   text NOT NULL DEFAULT '' CHECK (starts_at ~ '^([0-2][0-9]:[0-5][0-9])?$'),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  presenter   text NOT NULL DEFAULT '' CHECK (length(presenter) <= 100),
  PRIMARY KEY (meeting_id, seq)
);

-- Exchange speeches (交流发言) by city and district unions.
CREATE TABLE meeting_speeches (
  meeting_id  bigint NOT NULL REFERENCES joint_meetings (id) ON DELETE CASCADE,
  seq         smallint NOT NULL,
  union_id    uuid NOT NULL REFERENCES unions (id),
  speaker     text NOT NULL DEFAULT '' CHECK (length(speaker) <= 50),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body        text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  file_id     uuid REFERENCES stored_files (id) ON DELETE SET NULL,
  PRIMARY KEY (meeting_id, seq)
);

-- Field visits (实地观摩) and other activities (植树 …).
CREATE TABLE meeting_visits (
  meeting_id  bigint NOT NULL REFERENCES joint_meetings (id) ON DELETE CASCADE,
  seq         smallint NOT NULL,
  kind        text NOT NULL DEFAULT 'visit' CHECK (kind IN ('visit', 'activity')),
  site        text NOT NULL CHECK (length(site) BETWEEN 1 AND 200),
  purpose     text NOT NULL DEFAULT '' CHECK (length(purpose) <= 500),
  PRIMARY KEY (meeting_id, seq)
);

-- Decisions and action items; an action item may be linked to a work item it creates or drives.
CREATE TABLE meeting_decisions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id     bigint NOT NULL REFERENCES joint_meetings (id) ON DELETE CASCADE,
  seq            smallint NOT NULL,
  text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  work_item_id   bigint REFERENCES work_items (id) ON DELETE SET NULL,
  owner_union_id uuid REFERENCES unions (id),
  due_on         date,
  UNIQUE (meeting_id, seq)
);

-- In-app notifications (reminders before due dates, reports to review …) for a user or for all
-- staff of a union; deliveries by e-mail/SMS go through the outbox to the pluggable sender.
CREATE TABLE notifications (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     uuid REFERENCES users (id) ON DELETE CASCADE,
  union_id    uuid REFERENCES unions (id),
  kind        text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
  -- Message key and params (rendered in the reader's language), and the page it links to.
  message_key text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
  link        text NOT NULL DEFAULT '',
  -- One reminder per subject and occasion: e.g. 'report:12:3:2023-Q1:due-7'.
  dedupe_key  text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  CHECK (user_id IS NOT NULL OR union_id IS NOT NULL)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_union_idx ON notifications (union_id, created_at DESC);

CREATE TABLE notification_outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id  bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  channel          text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE status = 'pending';
