import { parentPort, workerData } from 'node:worker_threads';
import { verifyCopyHere } from './verify-copy';

/** Worker-thread side of verifyCopy (verify-copy.ts): the whole check of one copy, then one message. */
const { file } = workerData as { file: string };
try {
  parentPort!.postMessage({ type: 'done', verdict: verifyCopyHere(file) });
} catch (err) {
  parentPort!.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) });
}
