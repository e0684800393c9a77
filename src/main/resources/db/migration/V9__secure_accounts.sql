-- Accounts you can trust (issue 7): verified addresses, server-side sessions,
-- throttled sign-in, single-use mailed links and an audit log. Every time is
-- written by the application (its one Clock), except sessions, which age in
-- real time.

-- An address is unverified until its owner follows the link mailed to it.
-- The first operator's configured password must be changed at first sign-in.
ALTER TABLE account
  ADD COLUMN email_verified_at    timestamptz,
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN password_changed_at  timestamptz;

-- Page sessions: the cookie holds a random token, the table only its SHA-256.
-- Signing out deletes the row, so the cookie stops working on every instance.
CREATE TABLE account_session (
  id          bigserial   PRIMARY KEY,
  account_id  bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at  timestamptz NOT NULL,
  seen_at     timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  address     text        CHECK (length(address) <= 64),
  CHECK (created_at <= seen_at AND created_at < expires_at)
);
CREATE INDEX account_session_account_idx ON account_session (account_id);

-- Single-use links mailed to an address: verify it, or reset the password.
CREATE TABLE mail_link (
  id          bigserial   PRIMARY KEY,
  purpose     text        NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
  account_id  bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  email       text        NOT NULL,
  token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  CHECK (created_at < expires_at)
);
CREATE INDEX mail_link_account_idx ON mail_link (account_id, purpose);

-- What is counted against a limit, shared by every instance: failed sign-ins per
-- account and per client address, mails per account and per address.
CREATE TABLE throttle_event (
  id       bigserial   PRIMARY KEY,
  kind     text        NOT NULL CHECK (kind IN ('sign-in-failure', 'registration', 'verification-mail', 'reset-mail')),
  subject  text        NOT NULL CHECK (subject ~ '^(account|address|email):.+$' AND length(subject) <= 300),
  at       timestamptz NOT NULL
);
CREATE INDEX throttle_event_subject_idx ON throttle_event (kind, subject, at);

-- The security log operators read: failures, lock-outs, role changes and who made
-- them, tokens, passwords, links between accounts and registry people. Insert-only.
CREATE TABLE audit_event (
  id       bigserial   PRIMARY KEY,
  at       timestamptz NOT NULL,
  kind     text        NOT NULL CHECK (kind IN (
             'sign-in', 'sign-in-failed', 'locked-out', 'signed-out', 'registered',
             'email-verified', 'password-changed', 'password-reset-requested', 'password-reset',
             'roles-changed', 'token-created', 'token-revoked', 'person-linked', 'person-unlinked')),
  actor    text        CHECK (length(actor) <= 64),
  subject  text        CHECK (length(subject) <= 300),
  address  text        CHECK (length(address) <= 64),
  detail   jsonb       CHECK (detail IS NULL OR jsonb_typeof(detail) = 'object')
);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_subject_idx ON audit_event (subject, at DESC);
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
