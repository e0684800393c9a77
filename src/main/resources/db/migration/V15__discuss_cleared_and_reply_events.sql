-- Clearing a Discuss and a reply (to a Discuss, a change request or none) are entries of a
-- request's log of their own (issue 9), as EventKind lists them.
ALTER TABLE request_event DROP CONSTRAINT request_event_kind_check;
ALTER TABLE request_event ADD CONSTRAINT request_event_kind_check
  CHECK (kind IN ('created', 'edited', 'submitted', 'resubmitted', 'withdrawn', 'approved',
                  'changes-requested', 'rejected', 'ballot', 'discuss-cleared', 'reply', 'taken', 'call-started',
                  'call-ended', 'completed'));
