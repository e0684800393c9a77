-- Registry history lookups (dev.portreg.registry.RegistryHistory). Measured on the
-- full IANA registry (14,533 entries) seeded, then imported five times: 29,347 items.

-- "Which changes touched port 49000?" is a containment test: port_from <= p <= port_to.
-- The B-tree on (port_from, port_to) of V1 can only bound port_from, so it reads every
-- item below the port (65 buffers, 3.3 ms for 49000, growing with the history); the GiST
-- index on the item's range answers @> directly (2 index buffers, 0.26 ms, for any port).
-- Name-only items have no ports (int4range(NULL, NULL) would be unbounded), so they are
-- left out; the queries repeat the predicate. The B-tree serves no query any more.
CREATE INDEX registry_change_item_ports_gist ON registry_change_item
  USING gist (int4range(port_from, port_to, '[]')) WHERE port_from IS NOT NULL;
DROP INDEX registry_change_item_port_idx;

-- The first items of a change in the order they were recorded (a capped list of a
-- 14,000-item import) without reading all of them. It serves every lookup the index on
-- change_id alone served, so that one goes.
CREATE INDEX registry_change_item_change_id_idx ON registry_change_item (change_id, id);
DROP INDEX registry_change_item_change_idx;
