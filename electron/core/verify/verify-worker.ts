import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../../db/open';
import type { ChainHead } from '../types';
import { Verification } from './verify-run';

/**
 * Worker-thread half of history/verify (verifier.ts starts it): its own read-only connection, one read
 * transaction for the whole run, progress posted as it goes. After the chain and the replay it asks for
 * the anchors to check (requests that joined while it ran may have added some) and checks them in the
 * same snapshot.
 */
const { file } = workerData as { file: string };
const port = parentPort!;
const raw = openConnection(file, { readonly: true });
raw.pragma('cache_size = -131072'); // 128 MB: the walk reads each page once, the indexes it uses stay
const v = new Verification(raw, (p) => port.postMessage({ type: 'progress', ...p }));
try {
  v.begin();
  v.chain();
  v.replay();
  port.once('message', (m: { anchors: ChainHead[] }) => {
    try {
      const anchors = m.anchors.map((a) => v.anchor(a.count, a.hash));
      const findings = v.findings();
      v.end();
      raw.close();
      port.postMessage({ type: 'done', findings, anchors });
    } catch (err) {
      port.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) });
    }
  });
  port.postMessage({ type: 'checked' });
} catch (err) {
  port.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) });
}
