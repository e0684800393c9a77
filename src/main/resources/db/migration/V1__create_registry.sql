-- The IANA Service Name and Transport Protocol Port Number Registry.
-- Everything IANA's files hold is kept: one registry_entry per IANA record, the
-- people list, and the registry's own metadata. Constraints make impossible
-- states impossible even if Java code is wrong.

-- Append-only tables raise on UPDATE and DELETE.
CREATE FUNCTION forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- The registry as a whole: where it came from and IANA's "Last Updated" date.
CREATE TABLE registry_info (
  id          smallint    PRIMARY KEY CHECK (id = 1),
  source      text        NOT NULL,
  format      text        NOT NULL CHECK (format IN ('iana-xml', 'iana-csv', 'etc-services')),
  partial     boolean     NOT NULL,
  title       text,
  category    text,
  updated     date,
  expert      text,
  notes       jsonb       NOT NULL DEFAULT '[]',
  footnotes   jsonb       NOT NULL DEFAULT '[]',
  imported_at timestamptz NOT NULL
);

-- IANA's <people> list. Ids are IANA's ("Jon_Postel", "IESG").
CREATE TABLE person (
  id      text PRIMARY KEY CHECK (id <> ''),
  name    text,
  org     text,
  email   text,
  uri     text,
  updated text CHECK (updated ~ '^\d{4}-\d{2}(-\d{2})?$')
);

-- One row per IANA record, in file order. Legacy names that break today's
-- syntax (RFC 6335 §10.1) are kept as they are, so only the length is checked.
CREATE TABLE registry_entry (
  id            bigserial PRIMARY KEY,
  entry_key     text      NOT NULL UNIQUE,
  position      integer   NOT NULL,
  service_name  text      CHECK (length(service_name) BETWEEN 1 AND 15),
  port_from     integer   CHECK (port_from BETWEEN 0 AND 65535),
  port_to       integer   CHECK (port_to BETWEEN 0 AND 65535),
  transport     text      CHECK (transport IN ('tcp', 'udp', 'sctp', 'dccp')),
  description   text      NOT NULL,
  assignee_id   text      REFERENCES person (id),
  contact_id    text      REFERENCES person (id),
  registered    text      CHECK (registered ~ '^\d{4}-\d{2}(-\d{2})?$'),
  modified      text      CHECK (modified ~ '^\d{4}-\d{2}(-\d{2})?$'),
  refs          jsonb     NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(refs) = 'array'),
  service_code  bigint    CHECK (service_code BETWEEN 0 AND 4294967295),
  unauthorized  text,
  notes         text,
  CONSTRAINT entry_port_range CHECK ((port_from IS NULL) = (port_to IS NULL) AND port_from <= port_to),
  CONSTRAINT entry_names_or_ports CHECK (service_name IS NOT NULL OR port_from IS NOT NULL),
  -- RFC 6335 §6: Dynamic ports are never assigned, and IANA's files hold no row for them.
  CONSTRAINT entry_not_dynamic CHECK (port_to IS NULL OR port_to <= 49151)
);
CREATE INDEX registry_entry_name_idx ON registry_entry (lower(service_name));
CREATE INDEX registry_entry_port_idx ON registry_entry (port_from, port_to);

-- Who holds a port on a transport. Every Assigned or Reserved entry with a port
-- is linked to one holding per transport it covers; entries that overlap on a
-- transport (aliases such as http/www/www-http on 80, or a legacy name and its
-- replacement) share one holding. The exclusion constraints refuse a second
-- holder of any (port, transport): two assignments of 938/tcp cannot both commit.
CREATE TABLE port_holding (
  id        bigserial PRIMARY KEY,
  transport text      NOT NULL CHECK (transport IN ('tcp', 'udp', 'sctp', 'dccp')),
  ports     int4range NOT NULL CHECK (NOT isempty(ports) AND lower(ports) >= 0 AND upper(ports) <= 49152),
  CONSTRAINT holding_tcp_one_holder  EXCLUDE USING gist (ports WITH &&) WHERE (transport = 'tcp'),
  CONSTRAINT holding_udp_one_holder  EXCLUDE USING gist (ports WITH &&) WHERE (transport = 'udp'),
  CONSTRAINT holding_sctp_one_holder EXCLUDE USING gist (ports WITH &&) WHERE (transport = 'sctp'),
  CONSTRAINT holding_dccp_one_holder EXCLUDE USING gist (ports WITH &&) WHERE (transport = 'dccp')
);

CREATE TABLE entry_holding (
  entry_id   bigint NOT NULL REFERENCES registry_entry (id) ON DELETE CASCADE,
  holding_id bigint NOT NULL REFERENCES port_holding (id) ON DELETE CASCADE,
  PRIMARY KEY (entry_id, holding_id)
);
CREATE INDEX entry_holding_holding_idx ON entry_holding (holding_id);

-- Registry history: who changed what, when, and why. Insert-only.
CREATE TABLE registry_change (
  id          bigserial   PRIMARY KEY,
  changed_at  timestamptz NOT NULL,
  actor       text        NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('seed', 'import', 'registry-action')),
  source      text,
  summary     text        NOT NULL,
  added       integer     NOT NULL CHECK (added >= 0),
  changed     integer     NOT NULL CHECK (changed >= 0),
  removed     integer     NOT NULL CHECK (removed >= 0)
);
CREATE INDEX registry_change_at_idx ON registry_change (changed_at DESC);

CREATE TABLE registry_change_item (
  id           bigserial PRIMARY KEY,
  change_id    bigint    NOT NULL REFERENCES registry_change (id),
  action       text      NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
  entry_key    text      NOT NULL,
  service_name text,
  port_from    integer,
  port_to      integer,
  transport    text,
  before       jsonb,
  after        jsonb,
  CHECK ((action = 'added') = (before IS NULL) AND (action = 'removed') = (after IS NULL))
);
CREATE INDEX registry_change_item_change_idx ON registry_change_item (change_id);
CREATE INDEX registry_change_item_name_idx ON registry_change_item (lower(service_name));
CREATE INDEX registry_change_item_port_idx ON registry_change_item (port_from, port_to);

CREATE TRIGGER registry_change_append_only BEFORE UPDATE OR DELETE ON registry_change
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER registry_change_item_append_only BEFORE UPDATE OR DELETE ON registry_change_item
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
