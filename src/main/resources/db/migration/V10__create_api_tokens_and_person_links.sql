-- Personal API tokens (Authorization: Bearer). Only the SHA-256 of a token is
-- kept; the token itself is shown once, when it is made.
CREATE TABLE api_token (
  id           bigserial   PRIMARY KEY,
  account_id   bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  name         text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
  token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  hint         text        NOT NULL CHECK (length(hint) <= 16),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  CHECK (created_at < expires_at)
);
CREATE INDEX api_token_account_idx ON api_token (account_id);

-- An operator's statement that an account speaks for a registry person (the
-- Assignee or Contact of entries), besides a verified matching address. person
-- is the registry's id; no foreign key, so an import that drops the person does
-- not fail on it (the link then simply matches nothing).
CREATE TABLE account_person (
  account_id  bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  person_id   text        NOT NULL CHECK (person_id <> '' AND length(person_id) <= 200),
  linked_by   bigint      REFERENCES account (id),
  linked_at   timestamptz NOT NULL,
  PRIMARY KEY (account_id, person_id)
);
