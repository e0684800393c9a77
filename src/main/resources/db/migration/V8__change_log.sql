-- The change log: every change to the registry is one numbered change set
-- (registry_change) with its items (registry_change_item). The current registry
-- (registry_entry, port_holding, person, registry_info) is derived from it by the one
-- write path, dev.portreg.registry.RegistryChanges, in the same transaction.
--
-- - revision: gap-free and increasing, 1, 2, 3, ... (checked below); instances follow
--   each other by it (LISTEN/NOTIFY carries it) and reads carry it as their ETag.
-- - effective_date: the day the registry stood so. An upstream file's own registry
--   date (its <updated>, or for a CSV the date the operator gave), a local change's day;
--   never earlier than the previous change set's, so "the registry as of a day" is the
--   last change set on or before it.
-- - Every item names the entry it is about (entry_id, stable for the entry's life) and
--   carries the entry's position and JSON after the change, so the registry at any
--   revision is the last item of each entry since the last full change set (a seed or
--   a baseline lists every entry).

ALTER TABLE registry_change DISABLE TRIGGER registry_change_append_only;
ALTER TABLE registry_change_item DISABLE TRIGGER registry_change_item_append_only;

ALTER TABLE registry_change
  ADD COLUMN revision       bigint,
  ADD COLUMN effective_date date,
  ADD COLUMN upstream       boolean NOT NULL DEFAULT false,
  ADD COLUMN full_state     boolean NOT NULL DEFAULT false,
  ADD COLUMN source_name    text,
  ADD COLUMN source_date    date,
  ADD COLUMN reason         text,
  ADD COLUMN header         jsonb;

UPDATE registry_change c
   SET revision = r.n,
       effective_date = (c.changed_at AT TIME ZONE 'UTC')::date,
       upstream = c.kind IN ('seed', 'import')
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM registry_change) r
 WHERE r.id = c.id;

ALTER TABLE registry_change
  ALTER COLUMN revision SET NOT NULL,
  ALTER COLUMN effective_date SET NOT NULL,
  ADD CONSTRAINT registry_change_revision_key UNIQUE (revision),
  ADD CONSTRAINT registry_change_id_revision_key UNIQUE (id, revision),
  ADD CONSTRAINT registry_change_revision_positive CHECK (revision > 0),
  DROP CONSTRAINT registry_change_kind_check,
  ADD CONSTRAINT registry_change_kind_check
    CHECK (kind IN ('seed', 'import', 'registry-action', 'operator-fix', 'baseline')),
  ADD CONSTRAINT registry_change_upstream_kind CHECK (NOT upstream OR kind IN ('seed', 'import'));

ALTER TABLE registry_change_item
  ADD COLUMN revision bigint,
  ADD COLUMN entry_id bigint,
  ADD COLUMN position integer;

UPDATE registry_change_item i SET revision = c.revision FROM registry_change c WHERE c.id = i.change_id;

ALTER TABLE registry_change_item
  ALTER COLUMN revision SET NOT NULL,
  ADD CONSTRAINT registry_change_item_change_revision_fkey
    FOREIGN KEY (change_id, revision) REFERENCES registry_change (id, revision);

-- Replaying the log: the items of a range of revisions, by entry.
CREATE INDEX registry_change_item_revision_idx ON registry_change_item (revision, entry_id);
CREATE INDEX registry_change_effective_idx ON registry_change (effective_date, revision);

-- The current registry knows which revision last wrote each person, so an instance
-- that follows another reads only the people a change set wrote.
ALTER TABLE person ADD COLUMN revision bigint NOT NULL DEFAULT 0;
CREATE INDEX person_revision_idx ON person (revision);

-- The registry_info row is derived too: which revision it shows.
ALTER TABLE registry_info ADD COLUMN revision bigint NOT NULL DEFAULT 0;

-- What the last upstream file said, entry by entry (the base of the three-way
-- reconciliation of the next import: upstream then, local now, upstream now).
CREATE TABLE upstream_entry (
  entry_key text  PRIMARY KEY,
  entry     jsonb NOT NULL CHECK (jsonb_typeof(entry) = 'object')
);

-- A registry that already holds entries gets one baseline change set listing all of
-- them, so the log can answer for every revision from here on; its last upstream is
-- taken to be what it holds now.
DO $$
DECLARE
  rev bigint;
  cid bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM registry_entry) THEN
    SELECT coalesce(max(revision), 0) + 1 INTO rev FROM registry_change;
    INSERT INTO registry_change (changed_at, actor, kind, source, summary, added, changed, removed,
                                 revision, effective_date, full_state, source_name, reason)
    SELECT now(), 'system', 'baseline', i.source,
           'Baseline of the change log: ' || (SELECT count(*) FROM registry_entry) || ' entries',
           (SELECT count(*) FROM registry_entry), 0, 0, rev,
           greatest(coalesce(i.updated, (now() AT TIME ZONE 'UTC')::date),
                    coalesce((SELECT max(effective_date) FROM registry_change), '0001-01-01')),
           true, i.source, 'the registry as it stood when the change log began'
      FROM (SELECT source, updated FROM registry_info WHERE id = 1
            UNION ALL SELECT 'unknown', NULL WHERE NOT EXISTS (SELECT 1 FROM registry_info)) i
    RETURNING id INTO cid;
    INSERT INTO registry_change_item (change_id, revision, action, entry_key, entry_id, position,
                                      service_name, port_from, port_to, transport, after)
    SELECT cid, rev, 'added', e.entry_key, e.id, e.position, e.service_name, e.port_from, e.port_to,
           e.transport,
           jsonb_build_object('name', e.service_name, 'portFrom', e.port_from, 'portTo', e.port_to,
                              'transport', e.transport, 'description', e.description,
                              'assignee', e.assignee_id, 'contact', e.contact_id,
                              'registered', e.registered, 'modified', e.modified,
                              'references', e.refs, 'serviceCode', e.service_code,
                              'unauthorized', e.unauthorized, 'notes', e.notes)
      FROM registry_entry e ORDER BY e.position, e.id;
    UPDATE registry_info SET revision = rev;
    INSERT INTO upstream_entry (entry_key, entry)
    SELECT entry_key, after FROM registry_change_item WHERE change_id = cid;
  END IF;
END
$$;

ALTER TABLE registry_change ENABLE TRIGGER registry_change_append_only;
ALTER TABLE registry_change_item ENABLE TRIGGER registry_change_item_append_only;

-- Gap-free: a change set's revision is the one after the newest. Writers hold the
-- registry lock, so this is the next number; a writer that did not is refused here
-- (or by the unique key), never given a gap.
CREATE FUNCTION registry_change_next_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.revision IS DISTINCT FROM (SELECT coalesce(max(revision), 0) + 1 FROM registry_change) THEN
    RAISE EXCEPTION 'registry_change revision % is not the next one', NEW.revision
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER registry_change_gap_free BEFORE INSERT ON registry_change
  FOR EACH ROW EXECUTE FUNCTION registry_change_next_revision();

-- Operator imports wait here between their preview and Apply, so that any instance can
-- apply a preview made on another. The file is kept (gzip) and read again at Apply; the
-- check that nothing changed since is by revision.
CREATE TABLE import_preview (
  token          text        PRIMARY KEY CHECK (token ~ '^[A-Za-z0-9_-]{43}$'),
  owner          text        NOT NULL,
  state          text        NOT NULL CHECK (state IN ('waiting', 'applying', 'applied')),
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL CHECK (expires_at > created_at),
  base_revision  bigint      NOT NULL,
  source         text        NOT NULL,
  field          text        NOT NULL,
  registry_date  date,
  force_older    boolean     NOT NULL DEFAULT false,
  content        bytea,
  report         jsonb,
  CHECK ((state = 'applied') = (content IS NULL))
);
CREATE INDEX import_preview_expires_idx ON import_preview (expires_at);
CREATE INDEX import_preview_owner_idx ON import_preview (owner, state);
