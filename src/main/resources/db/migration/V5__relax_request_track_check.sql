-- A draft withdrawn before submission never had a track; the rule V3 meant is
-- "a submitted request always has its track".
ALTER TABLE port_request DROP CONSTRAINT port_request_check1;
ALTER TABLE port_request ADD CONSTRAINT port_request_submitted_has_track
  CHECK (submitted_at IS NULL OR track IS NOT NULL);
