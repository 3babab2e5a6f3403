import { sql, type Kysely } from 'kysely';

/**
 * Sign-in throttle state, in the database so that a restart does not forget it and so that counting an
 * attempt is one atomic step with the check that allows it (parallel guesses cannot all pass the check).
 * - `sign_in_attempts`: one row per attempt that has not (yet) succeeded, reserved before the password is
 *   checked. `pending` while it is being checked, `failed` after, `cleared` when the account's count was
 *   reset (a later success elsewhere or an admin's unlock) but the address it came from still answers for
 *   it. Rows older than the counting window are deleted as new attempts come in, so the table stays small.
 * - `sign_in_locks`: an account (`kind = 'user'`, key = the lower-cased user name as typed) or a client
 *   address (`kind = 'client'`) refused until `until_ms`.
 * Times are milliseconds since the epoch: the throttle only compares and adds them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    client TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'cleared'))
  )`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_username ON sign_in_attempts(username, at_ms)`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_client ON sign_in_attempts(client, at_ms)`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at_ms)`.execute(db);
  await sql`CREATE TABLE sign_in_locks (
    kind TEXT NOT NULL CHECK (kind IN ('user', 'client')),
    key TEXT NOT NULL,
    locked_at_ms INTEGER NOT NULL,
    until_ms INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  ) WITHOUT ROWID`.execute(db);
}

