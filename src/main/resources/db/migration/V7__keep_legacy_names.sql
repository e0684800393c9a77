-- Legacy service names are kept exactly as IANA registered them (RFC 6335 §10.1), and
-- some break more than today's characters: until 2025-01-23 IANA's files held
-- "Apple Remote Desktop (Net Assistant)" on 3283 tcp/udp, 36 characters with spaces.
-- V1 refused any name over 15 characters, so no IANA file before 2025 could be
-- imported. Only new requests follow today's syntax (checked when they are made); the
-- registry keeps any name of 1 to 64 characters (IanaFields.LEGACY_NAME_MAX_LENGTH)
-- with no control character and no space at either end, as its readers do.
-- History items (registry_change_item.service_name) never had a length check.
ALTER TABLE registry_entry DROP CONSTRAINT registry_entry_service_name_check;
ALTER TABLE registry_entry ADD CONSTRAINT registry_entry_service_name_check
  CHECK (length(service_name) BETWEEN 1 AND 64
         AND service_name !~ '[[:cntrl:]]'
         AND service_name = btrim(service_name));
