/**
 * One process opening damaged registers one after another (tests/torture/corrupt.ts): reads a data folder per
 * line on stdin, opens it with openCore as the app does, and prints `result {json}`:
 *  - opened: the register opened; then closed and checked on a connection of its own: integrity_check and the
 *    history verifier (chain and replay), with the first problem each found;
 *  - refused: openCore threw; its code and message.
 * A crash of this process is what the parent counts as a crash (it starts a new one for the next folder).
 */
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { openCore } from '../../electron/core/core';
import { verifyAll } from '../../electron/core/verify/verify-run';
import { DB_FILE_NAME } from '../../db/open';
import path from 'node:path';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function one(dir: string): Promise<Record<string, unknown>> {
  let core;
  try {
    core = await openCore(dir, { log: () => {} });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { dir, outcome: 'refused', code: e.code ?? null, message: String(e.message ?? err) };
  }
  await core.close();
  let integrity = 'ok';
  let verify: string | null = null;
  let cases = 0;
  try {
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      const rows = raw.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
      integrity = rows.map((r) => r.integrity_check).slice(0, 2).join('; ');
      cases = raw.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      const o = verifyAll(raw, []);
      verify = o.findings.failureCount === 0 ? null : o.findings.failures[0]?.message ?? `${o.findings.failureCount} problems`;
    } finally {
      raw.close();
    }
  } catch (err) {
    verify = `verification threw: ${String((err as Error)?.message ?? err)}`;
  }
  return { dir, outcome: 'opened', integrity, verify, cases };
}

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (dir) => {
  queue = queue.then(async () => {
    say(`result ${JSON.stringify(await one(dir.trim()))}`);
  });
});
say('ready');
