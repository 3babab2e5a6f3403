/**
 * When backups happen without anyone asking (SPEC10): a few seconds after the register opens, when the
 * default destination has no backup made today (office time); every 4 hours while the app runs; once on
 * close, awaited before the database closes. A failed run is not retried by itself: the next try is the next
 * tick (or the next start), so a missing USB disk never turns into a loop. Timers are unref'd: a pending
 * backup never keeps the process alive (close() is what runs the last one). The clock is injectable so tests
 * drive the schedule with a fake one.
 */
export type ScheduledReason = 'daily' | 'interval' | 'close';

export interface ScheduleClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ScheduleClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

export const START_DELAY_MS = 5_000;
export const INTERVAL_MS = 4 * 3600_000;

export interface ScheduleOptions {
  /** one backup run; its failure is recorded by the run itself (a rejection is logged here, never retried) */
  run: (reason: ScheduledReason) => Promise<unknown>;
  /** true when the default destination has no backup made today (office time) */
  needsDaily: () => boolean;
  /** a manual run in progress: a tick meanwhile is skipped, close waits for it */
  busy?: () => Promise<unknown> | null;
  log?: (err: unknown) => void;
  clock?: ScheduleClock;
  startDelayMs?: number;
  intervalMs?: number;
}

export interface BackupSchedule {
  start(): void;
  /**
   * stops the timers, waits for a run in progress, then makes the close backup — unless `finalBackup` is
   * false (a restore: the register is about to be replaced, and a close backup's rotation could remove the
   * very backup being restored)
   */
  close(options?: { finalBackup?: boolean }): Promise<void>;
  /** when the next timed backup is due (ISO), null when stopped */
  nextAt(): string | null;
  readonly started: boolean;
}

export function createSchedule(o: ScheduleOptions): BackupSchedule {
  const clock = o.clock ?? systemClock;
  const log = o.log ?? ((err: unknown) => console.error(err));
  const startDelay = o.startDelayMs ?? START_DELAY_MS;
  const interval = o.intervalMs ?? INTERVAL_MS;
  let started = false;
  let closed = false;
  let timer: unknown = null;
  let dueAt: number | null = null;
  let running: Promise<void> | null = null;
  /** the next 4-hour tick, counted from start so a slow run does not shift the cadence */
  let nextTick = 0;

  function launch(reason: ScheduledReason): void {
    if (running || o.busy?.()) return; // a backup is being made right now: that one counts
    // Asked again when it is due: a backup made meanwhile (立即备份 right after open) is the day's, and a second
    // one would make the rotation, which keeps the newest of a day, remove it.
    if (reason === 'daily' && !needsDailyNow()) return;
    running = o.run(reason).then(() => undefined, log).finally(() => {
      running = null;
    });
  }

  function arm(at: number, reason: ScheduledReason): void {
    if (closed) return;
    dueAt = at;
    timer = clock.setTimeout(() => {
      timer = null;
      if (closed) return;
      if (reason === 'interval') nextTick += interval;
      launch(reason);
      arm(nextTick, 'interval');
    }, Math.max(0, at - clock.now().getTime()));
  }

  function needsDailyNow(): boolean {
    try {
      return o.needsDaily();
    } catch (err) {
      log(err);
      return true;
    }
  }

  return {
    get started() {
      return started;
    },
    start() {
      if (started) return;
      started = true;
      const now = clock.now().getTime();
      nextTick = now + interval;
      let daily = false;
      try {
        daily = o.needsDaily();
      } catch (err) {
        log(err);
      }
      if (daily) arm(now + startDelay, 'daily');
      else arm(nextTick, 'interval');
    },
    async close(options = {}) {
      if (closed) return;
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      dueAt = null;
      await running;
      await o.busy?.();
      if (!started || options.finalBackup === false) return;
      await o.run('close').then(() => undefined, log);
    },
    nextAt() {
      return dueAt === null ? null : new Date(dueAt).toISOString();
    },
  };
}
