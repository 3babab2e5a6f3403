import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { producePayloads, type SeedState } from './payload';
import { openStaging, rowInserters, stage } from './tables';

/**
 * Worker-thread half of the bulk load (bulk-writer.ts starts it): generates the stories and stages each
 * batch in one of a few scratch databases, round robin, for the main thread to copy in. A slot is
 * refilled only after the main thread has copied it (`queued` counts staged, uncopied batches).
 */
const { state, ahead, files } = workerData as { state: SeedState; ahead: SharedArrayBuffer; files: string[] };
const queued = new Int32Array(ahead);
const slots = files.map((f) => {
  const db = openStaging(Database, f);
  return { db, inserters: rowInserters(db) };
});

let k = 0;
producePayloads(state, (p) => {
  for (;;) {
    const n = Atomics.load(queued, 0);
    if (n < slots.length) break;
    Atomics.wait(queued, 0, n);
  }
  const slot = k++ % slots.length;
  stage(slots[slot].db, slots[slot].inserters, p);
  Atomics.add(queued, 0, 1);
  const { cases: _c, complainants: _p, notes: _n, extensions: _e, suspensions: _s, rounds: _r, history, ...summary } = p;
  parentPort!.postMessage({ slot, historyRows: history.length / 11, ...summary });
});
for (const s of slots) s.db.close();
parentPort!.postMessage(null);
