-- 0008: livestream job sessions (直播带岗, issue 5 §6): each livestream event has a room with the
-- postings the host features (event_postings rows without a sign-up, `position` = live order), the
-- one being presented now (pinned), and its live counters: viewers as entered by staff from the
-- streaming platform, applications made in the room, and the intents those applications reached.
--
-- The counters are written in the same transaction as the record they count (an in-room
-- application, an employer moving it to the intent or hired stage), so they always equal a count
-- of livestream_applications; the reports read them from here.

CREATE TABLE livestream_rooms (
  event_id           bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  -- The posting being presented now; always one of the room's featured postings (second key below).
  pinned_posting_id  bigint NULL REFERENCES postings (id),
  pinned_at          timestamptz,
  viewers            integer NOT NULL DEFAULT 0 CHECK (viewers >= 0),
  applications       integer NOT NULL DEFAULT 0 CHECK (applications >= 0),
  intents            integer NOT NULL DEFAULT 0 CHECK (intents >= 0),
  -- Staff enter the viewer count with the version they saw: two consoles never overwrite blindly.
  viewers_version    integer NOT NULL DEFAULT 1,
  updated_at         timestamptz,
  -- Taking a posting off the room unpins it.
  FOREIGN KEY (event_id, pinned_posting_id) REFERENCES event_postings (event_id, posting_id) ON DELETE SET NULL (pinned_posting_id)
);

-- Every livestream event has its room from the start (events are never re-kinded), so readers
-- may join rooms without a fallback.
CREATE FUNCTION livestream_room_for_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO livestream_rooms (event_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER events_livestream_room AFTER INSERT ON events
  FOR EACH ROW WHEN (NEW.kind = 'livestream') EXECUTE FUNCTION livestream_room_for_event();
INSERT INTO livestream_rooms (event_id) SELECT id FROM events WHERE kind = 'livestream' ON CONFLICT DO NOTHING;

-- Applications made from a room: the session they are attributed to. An intent is counted the
-- first time the employer moves the application to the intent or hired stage (intent_at), and
-- stays counted: it was reached at the session, whatever the follow-up finds.
CREATE TABLE livestream_applications (
  application_id  bigint PRIMARY KEY REFERENCES applications (id),
  event_id        bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  posting_id      bigint NOT NULL REFERENCES postings (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  intent_at       timestamptz
);
CREATE INDEX livestream_applications_event_idx ON livestream_applications (event_id, created_at);

-- Each viewer count as entered, for the session's curve and to see who entered what.
CREATE TABLE livestream_viewer_counts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  viewers     integer NOT NULL CHECK (viewers >= 0),
  entered_by  uuid REFERENCES users (id),
  entered_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX livestream_viewer_counts_event_idx ON livestream_viewer_counts (event_id, entered_at);
