import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { rowStatements, streamStories, type SeedState } from './story-writer';
import { clearStaging, openStaging } from './tables';

/**
 * Worker-thread half of the bulk load (bulk-writer.ts starts it): generates the stories and stages each
 * batch in one of a few scratch databases, round robin, for the main thread to copy in. A slot is
 * refilled only after the main thread has copied it (`queued` counts staged, uncopied batches).
 */
const { state, ahead, files } = workerData as { state: SeedState; ahead: SharedArrayBuffer; files: string[] };
const queued = new Int32Array(ahead);
const slots = files.map((f) => {
  const db = openStaging(Database, f);
  return { db, st: rowStatements(db) };
});

let k = 0;
let slot = 0;
streamStories(state, {
  begin() {
    for (;;) {
      const n = Atomics.load(queued, 0);
      if (n < slots.length) break;
      Atomics.wait(queued, 0, n);
    }
    slot = k++ % slots.length;
    slots[slot].db.exec('BEGIN');
    clearStaging(slots[slot].db);
    return slots[slot].st;
  },
  end(summary) {
    slots[slot].db.exec('COMMIT');
    Atomics.add(queued, 0, 1);
    parentPort!.postMessage({ slot, ...summary });
  },
});
for (const s of slots) s.db.close();
parentPort!.postMessage(null);
