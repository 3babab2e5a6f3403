import { openConnection } from '../../../../db/open';

/**
 * A writer killed mid-write (restore.test.ts): keeps committing rows to the register at argv[2] with the WAL
 * never checkpointed, printing each row's number after its commit returned, until the parent kills it -9.
 * What it leaves is what a crashed app leaves: a -wal holding committed transactions, and a -shm.
 */
const raw = openConnection(process.argv[2]);
raw.pragma('wal_autocheckpoint = 0');
const insert = raw.prepare("INSERT INTO settings(key, value) VALUES (?, '\"killed writer\"')");
for (let i = 1; ; i++) {
  insert.run(`killed-writer-${i}`);
  process.stdout.write(`${i}\n`);
}
