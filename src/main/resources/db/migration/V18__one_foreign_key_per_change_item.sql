-- Every change item referred to its change set twice: by change_id alone (V1) and by
-- (change_id, revision) (V8). Both columns are NOT NULL, so the pair already says that
-- the change set exists, with that revision; the first check was paid again for every
-- item written (14,533 for a seed: docs/performance.md, "The import").
ALTER TABLE registry_change_item DROP CONSTRAINT registry_change_item_change_id_fkey;
