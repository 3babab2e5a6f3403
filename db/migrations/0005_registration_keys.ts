import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: idempotency keys for registration. A clerk whose save got no answer (the server died
 * after the commit) presses save again with the same draft id; the key finds the case already made. The
 * keys live beside `cases`, not in a column of it, so the case rows stay exactly what their history says.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE registration_keys (
    key TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID`.execute(db);
}
