/**
 * npx tsx tests/bench-ui/serve.ts --data DIR --renderer OUT/renderer [--port N]
 *
 * The bench's server: `serve` (electron/cli) as it answers the browser — the same core, HTTP adapter and
 * built UI — without the backup schedule. `serve` makes the day's backup 5 s after it opens a register and
 * one more on close (services/backup/schedule.ts); at 1,000,000 cases that is a 6.5 GB online copy and a
 * verification in a worker thread (integrity check, history chain and replay) lasting minutes, which on a
 * 2-core machine runs beside every step the bench times, and leaves a 6.5 GB file per run in DIR/backups.
 * The figures are about the UI, so the bench's server does not run backups; nothing else differs. Prints
 * the same "已启动：http://…" line `serve` prints (watchServe reads it) and stops on SIGTERM / SIGINT.
 */
import { parseArgs } from 'node:util';
import { openCore } from '../../electron/core/core';
import { createServer, listen } from '../../electron/server/server';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { data: { type: 'string' }, renderer: { type: 'string' }, port: { type: 'string' } } });
  if (!values.data || !values.renderer) throw new Error('--data DIR and --renderer DIR are required');
  const core = await openCore(values.data);
  const server = createServer({ core, rendererDir: values.renderer, host: '127.0.0.1', port: Number(values.port ?? 0) });
  const address = await listen(server, '127.0.0.1', Number(values.port ?? 0));
  console.log(`bench server (no backup schedule) 已启动：http://127.0.0.1:${address.port}/`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void core.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
