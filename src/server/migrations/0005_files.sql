-- 0005: uploaded files (résumés now; the attachments of consultations and reports later). The
-- content is sealed with the field key (PIPL: encrypted at rest) and kept in PostgreSQL, so every
-- app server serves the same file and a backup holds it with the record that points to it.

CREATE TABLE stored_files (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose        text NOT NULL CHECK (purpose IN ('resume')),
  owner_user_id  uuid REFERENCES users (id) ON DELETE CASCADE,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  mime           text NOT NULL,
  size           integer NOT NULL CHECK (size > 0),
  sha256         bytea NOT NULL,
  content_enc    bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_files_owner_idx ON stored_files (owner_user_id);

ALTER TABLE seeker_profiles ADD COLUMN resume_file_id uuid REFERENCES stored_files (id) ON DELETE SET NULL;
