-- The kinds of a request's log entries, as dev.portreg.request.EventKind lists them: a kind the
-- code does not know cannot be written, and RequestEventKindCheckTest keeps the two lists equal.
ALTER TABLE request_event ADD CONSTRAINT request_event_kind_check
  CHECK (kind IN ('created', 'edited', 'submitted', 'resubmitted', 'withdrawn', 'approved',
                  'changes-requested', 'rejected', 'ballot', 'call-started', 'call-ended',
                  'completed'));
-- Log entries name states by the same slugs as port_request.state.
ALTER TABLE request_event ADD CONSTRAINT request_event_state_check
  CHECK (from_state IN ('draft', 'expert-review', 'iesg-evaluation', 'iana-review', 'community-call',
                        'changes-requested', 'approved', 'completed', 'rejected', 'withdrawn')
     AND to_state IN ('draft', 'expert-review', 'iesg-evaluation', 'iana-review', 'community-call',
                      'changes-requested', 'approved', 'completed', 'rejected', 'withdrawn'));
