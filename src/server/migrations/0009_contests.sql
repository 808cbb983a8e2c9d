-- 0009: cross-province skills competitions (职业技能大赛, issue 6): contests with rounds and a
-- qualification rule, teams by union, contestants (身份证号 encrypted, one team per contest),
-- anonymous work numbers drawn by lot, marking schemes (major item → sub-item → aspect), judges
-- assigned per sub-item, marks with double entry and an append-only history, locks by the chief
-- judge, a frozen copy of the results for the public, and certificates with a verification code.
--
-- Marks are exact decimals (numeric); the results are computed by modules/contests/scoring.ts from
-- these rows, never stored as the source of truth (only the frozen public copy is kept).

CREATE TABLE contests (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name              text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  theme             text NOT NULL DEFAULT '' CHECK (length(theme) <= 200),
  description       text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  -- Organisers by name, in the order printed (四川省总工会, 重庆市总工会, 广安市人民政府 …).
  organisers        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(organisers) = 'array'),
  -- The union that runs it in chuanyu: its staff and those above it manage it.
  owner_union_id    uuid NOT NULL REFERENCES unions (id),
  venue             text NOT NULL DEFAULT '' CHECK (length(venue) <= 200),
  starts_on         date NOT NULL,
  ends_on           date NOT NULL,
  -- The computing rules of scoring.ts (writtenWeight, judgementDropHighLowFrom, team, itemAwards,
  -- tieBreak, standardise), validated by the API.
  rules             jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  -- draft: only staff see it; published: on the public list (results still follow the freeze).
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  chief_judge_id    uuid REFERENCES users (id),
  -- Lot drawing (抽签) of the final's work numbers: the seed is kept so the draw can be re-checked.
  lots_seed         text,
  lots_drawn_at     timestamptz,
  lots_drawn_by     uuid REFERENCES users (id),
  -- Until the chief judge reveals, judges (and the public) see work numbers only.
  revealed_at       timestamptz,
  revealed_by       uuid REFERENCES users (id),
  version           integer NOT NULL DEFAULT 1,
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK (revealed_at IS NULL OR lots_drawn_at IS NOT NULL)
);
CREATE INDEX contests_owner_idx ON contests (owner_union_id);

-- Rounds in order (preliminary → final). A round with a qualification rule decides who enters the
-- next one: {"method":"top-n","n":83} | {"method":"top-per-team","k":8} | {"method":"threshold","score":60}.
CREATE TABLE contest_rounds (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id      bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  seq             smallint NOT NULL CHECK (seq >= 1),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  kind            text NOT NULL CHECK (kind IN ('preliminary', 'final')),
  starts_on       date,
  ends_on         date,
  qualification   jsonb CHECK (qualification IS NULL OR jsonb_typeof(qualification) = 'object'),
  -- When the rule was applied (contestants' stage set from it); re-applying is allowed before lots.
  qualified_at    timestamptz,
  qualified_by    uuid REFERENCES users (id),
  UNIQUE (contest_id, seq)
);
-- At most one final per contest.
CREATE UNIQUE INDEX contest_rounds_one_final ON contest_rounds (contest_id) WHERE kind = 'final';

CREATE TABLE contest_teams (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id  bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  -- The union that sends the team (its region and federation); its staff register its contestants.
  union_id    uuid NOT NULL REFERENCES unions (id),
  leader      text NOT NULL DEFAULT '' CHECK (length(leader) <= 50),
  seq         smallint NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contest_id, name),
  UNIQUE (contest_id, id)
);

CREATE TABLE contest_contestants (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id        bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  team_id           bigint NOT NULL,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender            text CHECK (gender IN ('m', 'f')),
  employer          text NOT NULL DEFAULT '' CHECK (length(employer) <= 100),
  -- 身份证号: ciphertext, HMAC blind index (one team per person per contest), masked copy.
  id_number_enc     bytea NOT NULL,
  id_number_hash    bytea NOT NULL,
  id_number_masked  text NOT NULL,
  phone_enc         bytea,
  phone_hash        bytea,
  phone_masked      text,
  is_union_member   boolean NOT NULL DEFAULT false,
  member_no         text CHECK (length(member_no) <= 30),
  -- entered: registered for the first round; finalist / eliminated: after qualification; withdrawn.
  stage             text NOT NULL DEFAULT 'entered' CHECK (stage IN ('entered', 'finalist', 'eliminated', 'withdrawn')),
  -- Anonymous work number (工位号/参赛号) from the lot drawing.
  work_number       text CHECK (length(work_number) BETWEEN 1 AND 10),
  -- Written exam score (理论成绩), 0–100.
  written           numeric(5,2) CHECK (written BETWEEN 0 AND 100),
  written_by        uuid REFERENCES users (id),
  written_at        timestamptz,
  version           integer NOT NULL DEFAULT 1,
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (contest_id, team_id) REFERENCES contest_teams (contest_id, id),
  UNIQUE (contest_id, id_number_hash),
  UNIQUE (contest_id, work_number),
  UNIQUE (contest_id, id)
);
CREATE INDEX contest_contestants_team_idx ON contest_contestants (team_id);

-- Preliminary (and any earlier round's) scores, entered or imported; the final is computed from marks.
CREATE TABLE contest_round_scores (
  round_id       bigint NOT NULL REFERENCES contest_rounds (id) ON DELETE CASCADE,
  contestant_id  bigint NOT NULL REFERENCES contest_contestants (id) ON DELETE CASCADE,
  score          numeric(6,2) NOT NULL CHECK (score >= 0),
  entered_by     uuid REFERENCES users (id),
  entered_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, contestant_id)
);

-- The final's practical part: major items (parent_id NULL, e.g. 配电检修) and their sub-items
-- (e.g. 冷缩电缆终端制作), which carry the aspects, the judges and the lock.
CREATE TABLE contest_items (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id          bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  parent_id           bigint REFERENCES contest_items (id) ON DELETE CASCADE,
  code                text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$'),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  seq                 smallint NOT NULL DEFAULT 0,
  -- Sub-items: the stated maximum, which the aspects' maxima must add up to.
  max                 numeric(7,2) CHECK (max > 0),
  -- Completion time is recorded (and used as a tie-break) when true.
  is_timed            boolean NOT NULL DEFAULT false,
  time_limit_seconds  integer CHECK (time_limit_seconds > 0),
  -- open → locked by the chief judge; a change after lock makes it 'reopened' until re-locked.
  lock_state          text NOT NULL DEFAULT 'open' CHECK (lock_state IN ('open', 'locked', 'reopened')),
  locked_at           timestamptz,
  locked_by           uuid REFERENCES users (id),
  -- Counts locks (first lock 1, each re-lock +1): the live board's version of this item.
  lock_count          integer NOT NULL DEFAULT 0,
  UNIQUE (contest_id, code),
  CHECK (parent_id IS NULL OR max IS NOT NULL)
);
CREATE INDEX contest_items_contest_idx ON contest_items (contest_id, seq);

CREATE TABLE contest_aspects (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id   bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  item_id      bigint NOT NULL REFERENCES contest_items (id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$'),
  seq          smallint NOT NULL DEFAULT 0,
  type         text NOT NULL CHECK (type IN ('measurement', 'judgement', 'deduction')),
  max          numeric(7,2) NOT NULL CHECK (max > 0),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  -- judgement: the written descriptors of 0, 1, 2 and 3 (four strings).
  descriptors  jsonb CHECK (descriptors IS NULL OR jsonb_typeof(descriptors) = 'array'),
  -- deduction: the listed deductions [{ "code": "D1", "text": "未戴安全帽", "points": 2 }].
  deductions   jsonb CHECK (deductions IS NULL OR jsonb_typeof(deductions) = 'array'),
  -- judgement: how many judges score it (each gives 0–3); others: 2 entries (double entry).
  judges       smallint NOT NULL DEFAULT 1 CHECK (judges BETWEEN 1 AND 15),
  UNIQUE (contest_id, code)
);
CREATE INDEX contest_aspects_item_idx ON contest_aspects (item_id, seq);

-- Judges assigned to sub-items; the contest's chief judge is contests.chief_judge_id.
CREATE TABLE contest_judges (
  contest_id  bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  item_id     bigint NOT NULL REFERENCES contest_items (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (item_id, user_id)
);
CREATE INDEX contest_judges_user_idx ON contest_judges (user_id, contest_id);

-- One row per judge per aspect per contestant. measurement / deduction: the first and second
-- entries (double entry) come from two judges and must agree; judgement: each judge's 0–3.
-- deduction values are negative (the sum of the listed deductions applied, in `deductions`).
CREATE TABLE contest_marks (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id     bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  item_id        bigint NOT NULL REFERENCES contest_items (id) ON DELETE CASCADE,
  aspect_id      bigint NOT NULL REFERENCES contest_aspects (id) ON DELETE CASCADE,
  contestant_id  bigint NOT NULL REFERENCES contest_contestants (id) ON DELETE CASCADE,
  judge_id       uuid NOT NULL REFERENCES users (id),
  value          numeric(7,2) NOT NULL,
  deductions     jsonb CHECK (deductions IS NULL OR jsonb_typeof(deductions) = 'array'),
  version        integer NOT NULL DEFAULT 1,
  entered_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (aspect_id, contestant_id, judge_id)
);
CREATE INDEX contest_marks_item_idx ON contest_marks (item_id, contestant_id);

-- Completion time of a timed sub-item, in seconds.
CREATE TABLE contest_item_times (
  item_id        bigint NOT NULL REFERENCES contest_items (id) ON DELETE CASCADE,
  contestant_id  bigint NOT NULL REFERENCES contest_contestants (id) ON DELETE CASCADE,
  seconds        integer NOT NULL CHECK (seconds > 0),
  entered_by     uuid REFERENCES users (id),
  entered_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, contestant_id)
);

-- A flag (two entries that differ; judgement scores more than 1 apart) resolved by the chief
-- judge after discussion, with a note. Flags themselves are computed from the marks.
CREATE TABLE contest_flag_resolutions (
  aspect_id      bigint NOT NULL REFERENCES contest_aspects (id) ON DELETE CASCADE,
  contestant_id  bigint NOT NULL REFERENCES contest_contestants (id) ON DELETE CASCADE,
  note           text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
  resolved_by    uuid REFERENCES users (id),
  resolved_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (aspect_id, contestant_id)
);

-- Append-only trail of the scoring: every entry and change (old → new, reason after a lock),
-- times, locks, re-locks, flag resolutions, reveal.
CREATE TABLE contest_score_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id     bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  item_id        bigint REFERENCES contest_items (id) ON DELETE CASCADE,
  aspect_id      bigint REFERENCES contest_aspects (id) ON DELETE CASCADE,
  contestant_id  bigint REFERENCES contest_contestants (id) ON DELETE CASCADE,
  judge_id       uuid REFERENCES users (id),
  action         text NOT NULL CHECK (action IN ('enter', 'change', 'time', 'lock', 'reopen', 'relock', 'resolve', 'reveal', 'draw')),
  old_value      numeric(7,2),
  new_value      numeric(7,2),
  reason         text CHECK (length(reason) <= 500),
  actor_id       uuid REFERENCES users (id),
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contest_score_history_idx ON contest_score_history (contest_id, item_id, at);

CREATE FUNCTION contest_score_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'contest_score_history is append-only';
END $$;
CREATE TRIGGER contest_score_history_no_update BEFORE UPDATE ON contest_score_history
  FOR EACH ROW EXECUTE FUNCTION contest_score_history_append_only();

-- The results as frozen for the public (the public board shows these until unfrozen); staff
-- always see the live computation.
CREATE TABLE contest_result_freezes (
  contest_id  bigint PRIMARY KEY REFERENCES contests (id) ON DELETE CASCADE,
  results     jsonb NOT NULL,
  frozen_by   uuid REFERENCES users (id),
  frozen_at   timestamptz NOT NULL DEFAULT now()
);

-- Certificates: one per award; the code in the QR opens the public check page.
CREATE TABLE contest_certificates (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contest_id     bigint NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9]{12,32}$'),
  kind           text NOT NULL CHECK (kind IN ('individual', 'team', 'item')),
  contestant_id  bigint REFERENCES contest_contestants (id) ON DELETE CASCADE,
  team_id        bigint REFERENCES contest_teams (id) ON DELETE CASCADE,
  item_id        bigint REFERENCES contest_items (id) ON DELETE CASCADE,
  rank           integer NOT NULL CHECK (rank >= 1),
  award          text NOT NULL CHECK (length(award) BETWEEN 1 AND 100),
  issued_by      uuid REFERENCES users (id),
  issued_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  CHECK ((kind = 'team') = (team_id IS NOT NULL AND contestant_id IS NULL)),
  CHECK ((kind = 'item') = (item_id IS NOT NULL))
);
CREATE UNIQUE INDEX contest_certificates_one_per_award ON contest_certificates
  (contest_id, kind, coalesce(contestant_id, 0), coalesce(team_id, 0), coalesce(item_id, 0)) WHERE revoked_at IS NULL;
