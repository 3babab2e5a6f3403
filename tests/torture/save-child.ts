/**
 * The writer the kill -9 torture kills (tests/torture/kill9.ts): opens the data folder with openCore, as the
 * app does, prints `ready`, waits for `go` on stdin (the parent checks the register as this restart found it
 * meanwhile), then registers and changes cases through core.call for ever. After each call has returned it
 * prints `ack <case id> <version>` (stdout is a pipe: the line is written before the next save starts); a
 * refused call prints `err <code> <message>`. It is never asked to stop: the parent kills it with SIGKILL.
 * `backup DIR` on stdin (backups under write load, backup-load.ts) makes a backup into DIR meanwhile and prints
 * `backup {json}` with the file made or the error.
 */
import readline from 'node:readline';
import { openCore } from '../../electron/core/core';
import { localDateTime } from '../../electron/core/local-time';
import type { CoreSession } from '../../electron/core/session';
import { phoneComplaint } from '../../electron/core/testing';
import { random, pick } from './fixture';

const [dataDir, seedText] = process.argv.slice(2);
const rnd = random(Number(seedText) || 1);
const SUBJECTS = ['窗口排队时间过长', '社保窗口工作人员态度生硬', '办理不动产登记材料反复补交', '热线电话无人接听', '公示的办事指南与实际不符'];
const NAMES = ['张三', '李四', '王五', '赵六', '欧阳娜娜', '孙七'];
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const core = await openCore(dataDir, { log: () => {} });
  const supervisor = await core.db.selectFrom('users').select('id').where('role', '=', 'supervisor').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
  const staff = await core.db.selectFrom('staff').select(['id', 'department_id']).where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
  const session: CoreSession = { userId: supervisor.id };
  // The cases this writer works on: those it (or an earlier, killed copy) registered, read back as stored.
  const cases = new Map<number, { version: number; status: string }>();
  for (const c of await core.db.selectFrom('cases').select(['id', 'version', 'status']).where('subject', 'like', '[torture]%').execute()) cases.set(c.id, c);
  say('ready');
  await new Promise<void>((resolve) => {
    const rl = readline.createInterface({ input: process.stdin });
    rl.on('line', (l) => {
      if (l.trim() === 'go') resolve();
      // `backup DIR`: a backup by the register's own backup service (the live connection), while the saves go on
      else if (l.startsWith('backup ')) {
        const to = l.slice('backup '.length).trim();
        void core.services.backups.runNow('manual', to).then(
          (p) => say(`backup ${JSON.stringify({ to, phase: p.phase, results: p.results.map((r) => ({ file: r.backup?.file ?? null, error: r.error })) })}`),
          (err) => say(`backup ${JSON.stringify({ to, phase: 'failed', results: [{ file: null, error: String((err as Error)?.message ?? err) }] })}`),
        );
      }
    });
  });
  for (let n = 0; ; n++) {
    const open = [...cases.entries()].filter(([, c]) => c.status !== 'closed');
    const now = localDateTime(new Date());
    const today = now.slice(0, 10);
    let channel: string;
    let input: Record<string, unknown>;
    if (open.length < 5 || rnd() < 0.3) {
      channel = 'cases/register';
      input = phoneComplaint({
        receivedAt: now.slice(0, 16), subject: `[torture] ${pick(rnd, SUBJECTS)} ${n}`,
        complainants: [{ name: pick(rnd, NAMES), phone: `138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`, idNumber: '', address: '', employer: '' }],
        isConfidential: rnd() < 0.2,
      });
    } else {
      const [id, c] = pick(rnd, open);
      if (c.status === 'registered') {
        if (rnd() < 0.5) {
          channel = 'cases/update';
          input = { id, version: c.version, subject: `[torture] ${pick(rnd, SUBJECTS)} 更正 ${n}` };
        } else {
          channel = 'cases/accept';
          input = { id, version: c.version, note: `受理 ${n}` };
        }
      } else if (c.status === 'accepted') {
        channel = 'cases/assign';
        input = { id, version: c.version, departmentId: staff.department_id, handlerStaffId: staff.id, severity: 'simple' };
      } else {
        channel = 'cases/addNote';
        input = { id, version: c.version, notedOn: today, text: `调查记录 ${n}：已电话联系诉求人核实情况。` };
      }
    }
    const r = await core.call(channel, input, session);
    if (r.ok) {
      const detail = r.value as { id: number; version: number; status: string };
      cases.set(detail.id, { version: detail.version, status: detail.status });
      say(`ack ${detail.id} ${detail.version}`);
    } else {
      say(`err ${r.error.code} ${channel} ${r.error.message.replace(/\s+/g, ' ')}`);
      // A refusal means this writer's picture of the case is off: read it back.
      const c = typeof input.id === 'number' ? await core.db.selectFrom('cases').select(['version', 'status']).where('id', '=', input.id).executeTakeFirst() : undefined;
      if (c && typeof input.id === 'number') cases.set(input.id, c);
    }
    // Each save is its own turn of the event loop, as the app's requests are (IPC, HTTP): Kysely over
    // better-sqlite3 is all microtasks, and a loop of them alone would starve stdin, timers and a backup's steps.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

main().catch((err) => {
  say(`fatal ${String((err as Error)?.stack ?? err).replace(/\s+/g, ' ')}`);
  process.exit(2);
});
