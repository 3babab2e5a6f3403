import { describe, expect, it } from 'vitest';
import { createSchedule, INTERVAL_MS, START_DELAY_MS, systemClock, type ScheduleClock, type ScheduledReason } from './schedule';

/** A clock whose timers fire only when the test advances it. */
function fakeClock(start = Date.UTC(2026, 11, 1, 1, 0)) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: ScheduleClock = {
    now: () => new Date(now),
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  /** moves time on, firing due timers in order and letting each run's promise settle */
  async function advance(ms: number): Promise<void> {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    now = until;
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
  return { clock, advance, pending: () => timers.size };
}

function recorder() {
  const runs: Array<{ reason: ScheduledReason; at: number }> = [];
  return { runs, reasons: () => runs.map((r) => r.reason) };
}

describe('backup schedule', () => {
  it('the first start of the day backs up a few seconds after open, then every 4 hours, and once on close', async () => {
    const f = fakeClock();
    const rec = recorder();
    const s = createSchedule({ clock: f.clock, needsDaily: () => true, run: async (reason) => void rec.runs.push({ reason, at: f.clock.now().getTime() }) });
    s.start();
    await f.advance(START_DELAY_MS - 1);
    expect(rec.reasons()).toEqual([]);
    await f.advance(1);
    expect(rec.reasons()).toEqual(['daily']);
    await f.advance(INTERVAL_MS - START_DELAY_MS - 1);
    expect(rec.reasons()).toEqual(['daily']);
    await f.advance(1);
    expect(rec.reasons()).toEqual(['daily', 'interval']);
    await f.advance(2 * INTERVAL_MS);
    expect(rec.reasons()).toEqual(['daily', 'interval', 'interval', 'interval']);
    expect(s.nextAt()).toBe(new Date(Date.UTC(2026, 11, 1, 1, 0) + 4 * INTERVAL_MS).toISOString());
    await s.close();
    expect(rec.reasons()).toEqual(['daily', 'interval', 'interval', 'interval', 'close']);
    expect(f.pending()).toBe(0);
    expect(s.nextAt()).toBeNull();
  });

  it('a day that already has its backup starts with the 4-hour tick', async () => {
    const f = fakeClock();
    const rec = recorder();
    const s = createSchedule({ clock: f.clock, needsDaily: () => false, run: async (reason) => void rec.runs.push({ reason, at: 0 }) });
    s.start();
    await f.advance(INTERVAL_MS - 1);
    expect(rec.reasons()).toEqual([]);
    await f.advance(1);
    expect(rec.reasons()).toEqual(['interval']);
    await s.close();
  });

  it('the day\'s backup is skipped when one was made between open and its start (someone pressed 立即备份)', async () => {
    const f = fakeClock();
    const rec = recorder();
    let hasToday = false;
    const s = createSchedule({ clock: f.clock, needsDaily: () => !hasToday, run: async (reason) => void rec.runs.push({ reason, at: 0 }) });
    s.start();
    hasToday = true; // a manual backup a second after open: rotation keeps the newest of the day, it would go
    await f.advance(INTERVAL_MS);
    expect(rec.reasons()).toEqual(['interval']);
    await s.close();
  });

  it('a failing run is not retried until the next tick: no loop, however long it fails', async () => {
    const f = fakeClock();
    let attempts = 0;
    const errors: unknown[] = [];
    const s = createSchedule({
      clock: f.clock, needsDaily: () => true, log: (e) => errors.push(e),
      run: async () => {
        attempts++;
        throw new Error('第二备份位置 不存在');
      },
    });
    s.start();
    await f.advance(24 * 3600_000);
    // the start-up one, then one per 4 hours: 1 + 6
    expect(attempts).toBe(7);
    expect(errors).toHaveLength(7);
    expect(f.pending()).toBe(1);
    await s.close();
    expect(attempts).toBe(8); // the close backup is still tried
  });

  it('close waits for a run in progress before its own, and a tick during a run is skipped', async () => {
    const f = fakeClock();
    const order: string[] = [];
    let release!: () => void;
    const s = createSchedule({
      clock: f.clock, needsDaily: () => true,
      run: (reason) => {
        order.push(`start ${reason}`);
        if (reason !== 'daily') return Promise.resolve().then(() => void order.push(`end ${reason}`));
        return new Promise<void>((resolve) => {
          release = () => {
            order.push(`end ${reason}`);
            resolve();
          };
        });
      },
    });
    s.start();
    await f.advance(START_DELAY_MS);
    await f.advance(INTERVAL_MS); // the daily run is still going: this tick is skipped
    expect(order).toEqual(['start daily']);
    const closing = s.close();
    await Promise.resolve();
    expect(order).toEqual(['start daily']);
    release();
    await closing;
    expect(order).toEqual(['start daily', 'end daily', 'start close', 'end close']);
  });

  it('a manual run in progress (busy) makes a tick skip and close wait', async () => {
    const f = fakeClock();
    const rec = recorder();
    let manual: Promise<void> | null = new Promise<void>((resolve) => setTimeout(resolve, 20));
    const s = createSchedule({ clock: f.clock, needsDaily: () => true, busy: () => manual, run: async (reason) => void rec.runs.push({ reason, at: 0 }) });
    s.start();
    await f.advance(START_DELAY_MS);
    expect(rec.reasons()).toEqual([]);
    await manual;
    manual = null;
    await f.advance(INTERVAL_MS);
    expect(rec.reasons()).toEqual(['interval']);
    await s.close();
    expect(rec.reasons()).toEqual(['interval', 'close']);
  });

  it('uses unref\'d timers by default: a scheduled backup never keeps the process alive', () => {
    const t = systemClock.setTimeout(() => undefined, 60_000) as NodeJS.Timeout;
    expect(t.hasRef()).toBe(false);
    systemClock.clearTimeout(t);
  });
});
