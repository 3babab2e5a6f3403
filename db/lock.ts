import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';

export const LOCK_FILE_NAME = 'register.lock';
/** Written into every lock file, so a lock is recognised as this program's and not some other tool's. */
const PROGRAM = 'complaint-register';

/** Who holds a data folder, as written in its lock file. */
export interface LockHolder {
  program: string;
  pid: number;
  host: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat field 22); null elsewhere */
  procStart: string | null;
  /** local date-time the lock was taken, for the message a second program shows */
  startedAt: string;
  /** unique per acquisition: the release removes only its own lock */
  token: string;
}

export class DataFolderLockedError extends Error {
  readonly dir: string;
  readonly pid: number;
  readonly lockPath: string;
  constructor(dir: string, pid: number, lockPath: string, message: string) {
    super(message);
    this.dir = dir;
    this.pid = pid;
    this.lockPath = lockPath;
  }
}

const SAFE_TO_REMOVE = (lockPath: string) =>
  `锁文件 ${lockPath} 会在那个程序退出时自动删除；只有确认没有任何投诉登记册程序（桌面版或 serve）还在使用这个数据目录时，才可以手动删除它。`;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);


/** Field 22 of /proc/<pid>/stat: fixed for the life of a process, so a reused pid has another value. */
function procStart(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file's content: this program's JSON, or the bare pid older versions wrote; null if neither. */
export function parseLock(raw: string): LockHolder | null {
  if (/^\d+$/.test(raw.trim())) {
    return { program: PROGRAM, pid: Number(raw.trim()), host: os.hostname(), procStart: null, startedAt: '', token: '' };
  }
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (v.program !== PROGRAM || !Number.isInteger(v.pid) || (v.pid as number) <= 0 || typeof v.host !== 'string') return null;
    return { program: PROGRAM, pid: v.pid!, host: v.host, procStart: v.procStart ?? null, startedAt: v.startedAt ?? '', token: v.token ?? '' };
  } catch {
    return null;
  }
}

/**
 * Stale only when the holder is certainly not running this program any more: its process is gone, or
 * (Linux) a process with that pid exists but started at another time, i.e. the pid was reused. A holder
 * on another computer (a shared folder) cannot be checked from here, and neither can a live pid where
 * start times are not available: both are treated as alive.
 */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (!processExists(holder.pid)) return true;
  if (holder.procStart === null) return false;
  const now = procStart(holder.pid);
  return now !== null && now !== holder.procStart;
}

function refusal(dir: string, lockPath: string, holder: LockHolder): DataFolderLockedError {
  const since = holder.startedAt ? `，${holder.startedAt} 起` : '';
  const where = holder.host === os.hostname() ? '另一个程序' : `另一台电脑（${holder.host}）上的程序`;
  return new DataFolderLockedError(dir, holder.pid, lockPath,
    `数据目录“${dir}”正在被${where}（进程号 ${holder.pid}${since}）使用。同一数据目录同一时间只能由一个程序写入，请先关闭它。${SAFE_TO_REMOVE(lockPath)}`);
}

/**
 * Creates the lock file with its whole content in one step: written under a private name, then hard-
 * linked to register.lock, which fails if the name exists. No other process can ever see it half
 * written (which would look like an unreadable, perhaps stale, lock). Where the file system has no hard
 * links, falls back to O_EXCL creation; readers then allow a moment for the content to arrive.
 */
function create(dir: string, lockPath: string, content: string): boolean {
  const tmp = path.join(dir, `${LOCK_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
    try {
      const fd = fs.openSync(lockPath, 'wx');
      try {
        fs.writeSync(fd, content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const readOrNull = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

/**
 * Removes a stale lock without ever removing a live one. Several processes may find the same stale
 * lock at once; each must first create `register.lock.takeover-<digest of that lock's content>`
 * exclusively, so only one of them acts on it. That one re-reads the lock and deletes it only if it is
 * still the very content judged stale (content is unique per acquisition, and nobody else may delete it
 * meanwhile). A process that judged the same lock stale later finds a different content and does
 * nothing. Returns false when another process is busy taking it over.
 */
function removeStale(lockPath: string, raw: string): boolean {
  const takeover = `${lockPath}.takeover-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
  try {
    fs.writeFileSync(takeover, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    if (readOrNull(lockPath) === raw) fs.unlinkSync(lockPath);
  } finally {
    fs.rmSync(takeover, { force: true });
  }
  return true;
}

/**
 * One writer per data folder. The lock file names its holder (this program's marker, pid, host, start
 * time); a lock whose holder is certainly gone (a crash, a power cut) is taken over rather than blocking
 * the office, race-free. Returns the release function (also run at process exit).
 */
export function acquireDataLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  const me: LockHolder = {
    program: PROGRAM, pid: process.pid, host: os.hostname(), procStart: procStart(process.pid), startedAt: dayjs().format('YYYY-MM-DD HH:mm:ss'),
    token: randomBytes(16).toString('hex'),
  };
  const content = JSON.stringify(me);
  let unreadable = 0;
  let busyTakeover = 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 10_000) throw new Error(`无法锁定数据目录“${dir}”：锁文件 ${lockPath} 反复出现又消失`);
    if (create(dir, lockPath, content)) break;
    const raw = readOrNull(lockPath);
    if (raw === null) continue; // released or removed just now: try again
    const holder = parseLock(raw);
    if (!holder) {
      // Being written by the fallback path, or not ours at all: wait a little, then refuse.
      if (++unreadable < 50) {
        sleep(10);
        continue;
      }
      throw new DataFolderLockedError(dir, 0, lockPath,
        `数据目录“${dir}”中的锁文件 ${lockPath} 无法识别，可能属于另一个程序。${SAFE_TO_REMOVE(lockPath)}`);
    }
    if (!isStale(holder)) throw refusal(dir, lockPath, holder);
    if (!removeStale(lockPath, raw)) {
      // Someone else is taking this stale lock over: they finish within milliseconds unless they died doing it.
      if (++busyTakeover < 200) {
        sleep(10);
        continue;
      }
      throw new DataFolderLockedError(dir, holder.pid, lockPath,
        `数据目录“${dir}”的锁文件 ${lockPath} 所属的程序（进程号 ${holder.pid}）已退出，但接管它的另一个程序中途停止了。` +
        `确认没有任何投诉登记册程序在使用这个数据目录后，删除 ${lockPath} 及同目录下的 ${LOCK_FILE_NAME}.takeover-* 文件再试。`);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readOrNull(lockPath) === content) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}
