-- 0007: what happens at a booth (issue 5 §5): the employer scans a visitor's ticket and records a
-- consultation, an interview or a hiring intent; an intent counts once the visitor confirms it on
-- his phone, and then gets follow-up tasks at 30 and 90 days for the employer's union.

CREATE TABLE booth_records (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES events (id),
  visitor_id      bigint NOT NULL REFERENCES event_visitors (id),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  kind            text NOT NULL CHECK (kind IN ('consultation', 'interview')),
  posting_ids     bigint[] NOT NULL DEFAULT '{}',
  note            text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  -- consultation: the employer's rating of the talk (1–5); interview: its outcome.
  rating          smallint CHECK (rating BETWEEN 1 AND 5),
  outcome         text CHECK (outcome IN ('pass', 'pending', 'fail')),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booth_records_event_idx ON booth_records (event_id, enterprise_id);
CREATE INDEX booth_records_visitor_idx ON booth_records (visitor_id);

CREATE TABLE hiring_intents (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id              bigint NOT NULL REFERENCES events (id),
  visitor_id            bigint NOT NULL REFERENCES event_visitors (id),
  enterprise_id         uuid NOT NULL REFERENCES enterprises (id),
  posting_id            bigint NOT NULL REFERENCES postings (id),
  -- The union that follows it up: the enterprise's owning union.
  owner_union_id        uuid NOT NULL REFERENCES unions (id),
  salary                integer NOT NULL CHECK (salary BETWEEN 1 AND 1000000),
  start_date            date NOT NULL,
  note                  text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  status                text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'declined', 'cancelled')),
  employer_confirmed_at timestamptz NOT NULL DEFAULT now(),
  visitor_confirmed_at  timestamptz,
  created_by            uuid REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  -- One open intent per visitor and posting: a double tap is the same intent.
  UNIQUE (visitor_id, posting_id)
);
CREATE INDEX hiring_intents_event_idx ON hiring_intents (event_id, enterprise_id);
CREATE INDEX hiring_intents_owner_idx ON hiring_intents (owner_union_id, status);

CREATE TABLE intent_follow_ups (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  intent_id       bigint NOT NULL REFERENCES hiring_intents (id) ON DELETE CASCADE,
  owner_union_id  uuid NOT NULL REFERENCES unions (id),
  day             smallint NOT NULL CHECK (day IN (30, 90)),
  due_on          date NOT NULL,
  -- The outcome as the union found it: contract signed? started work?
  contract_signed boolean,
  started_work    boolean,
  note            text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  done_at         timestamptz,
  done_by         uuid REFERENCES users (id),
  UNIQUE (intent_id, day)
);
CREATE INDEX intent_follow_ups_due_idx ON intent_follow_ups (owner_union_id, due_on) WHERE done_at IS NULL;
