-- The mails sent about a request (issue 9): the timeline lists them under the event that caused
-- them. A reminder to whoever holds an overdue request has no event but its day: one a day per
-- request and address, which the unique index guarantees across instances and restarts.
CREATE TABLE request_mail (
  id           bigserial   PRIMARY KEY,
  request_id   bigint      NOT NULL REFERENCES port_request (id),
  event_id     bigint      REFERENCES request_event (id),
  reminder_day date,
  recipient    text        NOT NULL,
  subject      text        NOT NULL,
  sent_at      timestamptz NOT NULL,
  CHECK ((event_id IS NULL) <> (reminder_day IS NULL))
);
CREATE INDEX request_mail_request ON request_mail (request_id);
CREATE UNIQUE INDEX request_mail_one_reminder_a_day
  ON request_mail (request_id, recipient, reminder_day) WHERE reminder_day IS NOT NULL;

-- The designated expert who took a request in expert review (issue 9): the queue shows them and
-- only they are reminded when it is overdue.
ALTER TABLE port_request ADD COLUMN held_by bigint REFERENCES account (id);
