-- 0003: job search. PostgreSQL keeps every posting's search tokens (jieba, computed by the app as
-- it writes) in a tsvector with the simple configuration, weighted by field (A title, B region,
-- C enterprise name and benefits, D description), for staff search and as the public search's
-- fallback; pg_trgm on titles for typos. Every change to postings, and to the enterprises they belong to, is announced
-- with NOTIFY so each app server's in-process index follows within a second.

ALTER TABLE postings ADD COLUMN search_tokens tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX postings_search_idx ON postings USING gin (search_tokens);
CREATE INDEX postings_title_trgm_idx ON postings USING gin (title gin_trgm_ops);

-- Changed ids as compact ranges ("12-2011,2050"), in as many notices as the 8,000-byte payload
-- limit needs. Notices are delivered at commit, in commit order: a listener never misses a change
-- that a later-committing transaction made earlier.
CREATE FUNCTION notify_changed_ids(channel text, ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  FOR payload IN
    WITH islands AS (
      SELECT min(id) AS lo, max(id) AS hi
      FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS grp FROM (SELECT DISTINCT unnest(ids) AS id) d) s
      GROUP BY grp
    ), ranges AS (
      SELECT lo, CASE WHEN lo = hi THEN lo::text ELSE lo || '-' || hi END AS r FROM islands
    ), chunked AS (
      SELECT lo, r, (sum(length(r) + 1) OVER (ORDER BY lo)) / 7000 AS chunk FROM ranges
    )
    SELECT string_agg(r, ',' ORDER BY lo) FROM chunked GROUP BY chunk ORDER BY chunk
  LOOP
    PERFORM pg_notify(channel, payload);
  END LOOP;
END $$;

CREATE FUNCTION notify_posting_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(id) INTO ids FROM new_rows;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM notify_changed_ids('chuanyu_postings', ids);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER postings_notify_insert AFTER INSERT ON postings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_posting_changes();
CREATE TRIGGER postings_notify_update AFTER UPDATE ON postings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_posting_changes();
CREATE TRIGGER postings_notify_delete AFTER DELETE ON postings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_posting_changes();

-- Enterprises change search too: a name is searchable, and only verified enterprises' postings
-- are public. Their ids are uuids, so they go as a plain list (a few per statement).
CREATE FUNCTION notify_enterprise_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  FOR payload IN
    SELECT string_agg(id::text, ',') FROM (SELECT id, (row_number() OVER ()) / 200 AS chunk FROM new_rows) s GROUP BY chunk
  LOOP
    PERFORM pg_notify('chuanyu_enterprises', payload);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER enterprises_notify_update AFTER UPDATE ON enterprises
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_enterprise_changes();
