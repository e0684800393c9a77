-- Reminders that an early allocation (RFC 7120) is about to expire: one per allocation and
-- expiry date, whichever instance's daily check gets there first (the primary key decides).
CREATE TABLE early_allocation_reminder (
  service_name text        NOT NULL,
  expires      date        NOT NULL,
  sent_to      text[]      NOT NULL,
  sent_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_name, expires)
);
