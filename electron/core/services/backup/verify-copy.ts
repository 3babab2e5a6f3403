import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkRegisterFile, type RegisterCheck, type RegisterHead } from '../../../../db/register-check';
import { openScanConnection } from '../../../../db/open';
import { verifyAll } from '../../verify/verify-run';

/**
 * Is a copy of the register (a backup being made, a backup about to be restored) one we can rely on?
 * checkRegisterFile with the full integrity_check, then the history chain and every case's replay
 * (verifyAll, the same walk `verify` does) on the copy's own read-only connection. Both read the whole
 * file, so they run in a worker thread: the app's event loop is never blocked.
 */
export interface CopyVerdict {
  ok: boolean;
  /** the first thing wrong, in words for the office; null when ok */
  problem: string | null;
  check: RegisterCheck;
  /** the copy's chain head (count 0 and the genesis hash when it could not be read) */
  head: RegisterHead;
}

const GENESIS = '0'.repeat(64);

/** The whole check on the calling thread (the worker's body; also the command line's, which has no event loop to keep). */
export function verifyCopyHere(file: string): CopyVerdict {
  const check = checkRegisterFile(file, { full: true });
  const head = check.head ?? { count: 0, hash: GENESIS };
  if (!check.ok) return { ok: false, problem: check.problem, check, head };
  let raw;
  try {
    raw = openScanConnection(file);
  } catch (err) {
    return { ok: false, problem: `无法读取该文件（${String((err as Error)?.message ?? err)}）`, check, head };
  }
  try {
    const outcome = verifyAll(raw, []);
    const f = outcome.findings;
    if (f.failureCount > 0) {
      const first = f.failures[0];
      const more = f.failureCount > 1 ? `（共 ${f.failureCount} 处问题）` : '';
      return { ok: false, problem: `历史记录核验未通过：${first?.message ?? '未知问题'}${more}`, check, head: outcome.head };
    }
    return { ok: true, problem: null, check, head: outcome.head };
  } catch (err) {
    return { ok: false, problem: `历史记录核验未能完成（${String((err as Error)?.message ?? err)}）`, check, head };
  } finally {
    raw.close();
  }
}

/**
 * The worker's script: under tsx (and vitest) the TypeScript source through tsx's require hook; in a build,
 * `verify-copy-worker.js` beside the bundle (electron.vite.config.ts builds it as its own entry).
 */
function workerScript(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, 'verify-copy-worker.ts');
    return fs.existsSync(source) ? { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true } : null;
  }
  const built = [__dirname, path.dirname(__dirname)].map((d) => path.join(d, 'verify-copy-worker.js')).find((f) => fs.existsSync(f));
  return built ? { code: built, eval: false } : null;
}

/** verifyCopyHere in a worker thread (on this thread, logged, when a broken build lacks the worker's script). */
export function verifyCopy(file: string, log: (err: unknown) => void = console.error): Promise<CopyVerdict> {
  const script = workerScript();
  if (!script) {
    log(new Error('verify-copy-worker script not found: verifying the copy on the main thread'));
    return Promise.resolve(verifyCopyHere(file));
  }
  return new Promise<CopyVerdict>((resolve) => {
    let settled = false;
    const worker = new Worker(script.code, { eval: script.eval, workerData: { file: path.resolve(file) }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    const settle = (verdict: CopyVerdict) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(verdict);
    };
    const failed = (message: string): CopyVerdict => {
      const check = unreadCheck(file);
      return { ok: false, problem: `核验未能完成（${message}）`, check, head: { count: 0, hash: GENESIS } };
    };
    worker.on('message', (m: { type: 'done'; verdict: CopyVerdict } | { type: 'failed'; message: string }) => {
      settle(m.type === 'done' ? m.verdict : failed(m.message));
    });
    worker.on('error', (err) => settle(failed(String(err?.message ?? err))));
    worker.on('exit', (code) => settle(failed(`核验线程意外退出（${code}）`)));
  });
}

/** The check's shape when the worker died before it could say anything about the file. */
function unreadCheck(file: string): RegisterCheck {
  return {
    file, ok: false, problem: '核验线程未能完成', isRegister: false, damaged: false, integrity: null, foreignKeys: null,
    schemaVersion: null, newerThanApp: false, cases: 0, lastRegisterNumber: null, head: null,
  };
}
