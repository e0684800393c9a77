-- Requests for the registry (RFC 6335 §8) and their append-only event log.
-- The lifecycle lives in Java (RequestState.allowedNext); the database keeps
-- the states, kinds and tracks to known values, makes the log insert-only, and
-- ties every registry change made by a request back to it.

CREATE TABLE port_request (
  id            bigserial   PRIMARY KEY,
  version       integer     NOT NULL DEFAULT 0,
  kind          text        NOT NULL CHECK (kind IN ('new-assignment', 'add-transport', 'modify', 'de-assign', 'revoke')),
  state         text        NOT NULL CHECK (state IN ('draft', 'expert-review', 'iesg-evaluation', 'iana-review',
                                                       'community-call', 'changes-requested', 'approved',
                                                       'completed', 'rejected', 'withdrawn')),
  track         text        CHECK (track IN ('fcfs', 'expert-review', 'ietf-review', 'standards-action', 'iesg-approval')),
  requester_id  bigint      NOT NULL REFERENCES account (id),
  -- What the requester wrote (dev.portreg.request.RequestInput), as JSON: drafts may be incomplete.
  content       jsonb       NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  submitted_at  timestamptz,
  -- Revocations: the four-week community call (RFC 6335 §8.4).
  call_starts_at timestamptz,
  call_ends_at   timestamptz,
  CHECK ((call_starts_at IS NULL) = (call_ends_at IS NULL) AND call_starts_at < call_ends_at),
  -- A submitted request always has its track.
  CHECK (state = 'draft' OR track IS NOT NULL)
);
CREATE INDEX port_request_requester_idx ON port_request (requester_id);
CREATE INDEX port_request_state_idx ON port_request (state);

CREATE TABLE request_event (
  id          bigserial   PRIMARY KEY,
  request_id  bigint      NOT NULL REFERENCES port_request (id),
  at          timestamptz NOT NULL,
  actor_id    bigint      REFERENCES account (id),
  kind        text        NOT NULL,
  from_state  text,
  to_state    text,
  comment     text,
  data        jsonb
);
CREATE INDEX request_event_request_idx ON request_event (request_id, id);

CREATE TRIGGER request_event_append_only BEFORE UPDATE OR DELETE ON request_event
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Which request made a registry change (NULL for imports).
ALTER TABLE registry_change ADD COLUMN request_id bigint REFERENCES port_request (id);
ALTER TABLE registry_change ADD CONSTRAINT registry_change_action_has_request
  CHECK ((kind = 'registry-action') = (request_id IS NOT NULL));
CREATE INDEX registry_change_request_idx ON registry_change (request_id);
