import { parentPort, workerData } from 'node:worker_threads';
import { openScanConnection } from '../../../db/open';
import type { ChainHead } from '../types';
import { Verification, type Part } from './verify-run';

/**
 * Worker-thread side of history/verify: verifier.ts starts two, each checking half of the chain and
 * half of the cases, on the two cores at once. Each has its own read-only connection and one read
 * transaction. Both first report the snapshot they see; the main thread hands out the parts only when
 * the chain heads are equal (otherwise each takes a new snapshot), so every row the replay relies on is
 * one the chain checks. The first worker then checks the anchors (requests that joined meanwhile may have
 * added some) in the same snapshot.
 */
const { file } = workerData as { file: string };
const port = parentPort!;
const raw = openScanConnection(file);
let done = 0;
const v = new Verification(raw, (p) => {
  done = p.done;
  port.postMessage({ type: 'progress', done });
});

type Message = { type: 'restart' } | { type: 'go'; part: Part; anchors: boolean } | { type: 'anchors'; anchors: ChainHead[] };

port.on('message', (m: Message) => {
  try {
    if (m.type === 'restart') port.postMessage({ type: 'snapshot', snapshot: v.restart() });
    else if (m.type === 'go') {
      v.chain(m.part.historyFrom, m.part.historyTo);
      v.replay(m.part.caseFrom, m.part.caseTo);
      if (m.anchors) port.postMessage({ type: 'checked' });
      else finish([]);
    } else finish(m.anchors.map((a) => v.anchor(a.count, a.hash)));
  } catch (err) {
    port.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) });
  }
});

function finish(anchors: ReturnType<Verification['anchor']>[]): void {
  const findings = v.findings();
  v.end();
  raw.close();
  port.postMessage({ type: 'done', findings, anchors });
}

try {
  port.postMessage({ type: 'snapshot', snapshot: v.begin() });
} catch (err) {
  port.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) });
}
