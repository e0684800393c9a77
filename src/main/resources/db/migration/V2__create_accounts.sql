-- Accounts: who may sign in, and what each may do. Passwords are BCrypt hashes in
-- Modular Crypt Format ($2a$/$2b$/$2y$), never clear text. Usernames are stored
-- lower-case and looked up as they are (sign-in asks for username = ?, hence the
-- plain UNIQUE); the unique index on lower(username) keeps them unique ignoring
-- case even if the syntax rule is ever relaxed.
CREATE TABLE account (
  id            bigserial   PRIMARY KEY,
  username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,32}$'),
  password_hash text        NOT NULL CHECK (password_hash ~ '^\$2[aby]\$\d{2}\$.{53}$'),
  name          text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
  email         text        NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username_lower_key ON account (lower(username));

-- The roles an account holds (dev.portreg.account.Roles). Every account holds
-- 'requester'; 'expert', 'iesg' and 'iana' are granted by an operator.
CREATE TABLE account_role (
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role       text   NOT NULL CHECK (role IN ('requester', 'expert', 'iesg', 'iana')),
  PRIMARY KEY (account_id, role)
);
-- The IESG ballot counts the holders of 'iesg'; notifications list holders of a role.
CREATE INDEX account_role_role_idx ON account_role (role);
