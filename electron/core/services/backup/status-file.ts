import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../files/durable';

/**
 * `<data>/backup-status.json`: per destination the last success and the last failure (with its message), and
 * since when the scheduled backups have been running in this session. A file beside the register, not a
 * table in it: a failing backup must never write to the register, and the dashboard's warning must be
 * readable even when the register's disk is the one that is full. Written atomically (temporary file,
 * fsync, rename, folder fsync); a missing or unreadable file reads as "nothing known yet".
 */
export const STATUS_FILE_NAME = 'backup-status.json';

export interface DestinationRecord {
  lastSuccessAt: string | null;
  /** base name of the backup the last success made */
  lastBackup: string | null;
  lastFailureAt: string | null;
  lastFailure: string | null;
}

export interface BackupStatusFile {
  version: 1;
  /** by absolute destination folder */
  destinations: Record<string, DestinationRecord>;
  /** ISO time the schedule started in the running app (null once it closed) */
  runningSince: string | null;
}

const EMPTY: BackupStatusFile = { version: 1, destinations: {}, runningSince: null };
export const EMPTY_RECORD: DestinationRecord = { lastSuccessAt: null, lastBackup: null, lastFailureAt: null, lastFailure: null };

const isTime = (v: unknown): v is string | null => v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));
const isText = (v: unknown): v is string | null => v === null || typeof v === 'string';

export function readStatusFile(dataDir: string): BackupStatusFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, STATUS_FILE_NAME), 'utf8'));
  } catch {
    return structuredClone(EMPTY);
  }
  const p = parsed as Partial<BackupStatusFile>;
  if (!p || typeof p !== 'object' || p.version !== 1 || typeof p.destinations !== 'object' || p.destinations === null) return structuredClone(EMPTY);
  const destinations: Record<string, DestinationRecord> = {};
  for (const [folder, r] of Object.entries(p.destinations)) {
    if (!r || typeof r !== 'object') continue;
    const rec = r as DestinationRecord;
    if (isTime(rec.lastSuccessAt) && isTime(rec.lastFailureAt) && isText(rec.lastFailure) && isText(rec.lastBackup)) {
      destinations[folder] = { lastSuccessAt: rec.lastSuccessAt, lastBackup: rec.lastBackup, lastFailureAt: rec.lastFailureAt, lastFailure: rec.lastFailure };
    }
  }
  return { version: 1, destinations, runningSince: isTime(p.runningSince) ? (p.runningSince ?? null) : null };
}

export function writeStatusFile(dataDir: string, status: BackupStatusFile): void {
  const final = path.join(dataDir, STATUS_FILE_NAME);
  writeFileDurably(final, `${JSON.stringify(status, null, 2)}\n`, { temp: path.join(dataDir, `.${STATUS_FILE_NAME}.partial`) });
}

/** Read, change, write: the one way the backups record what happened. */
export function updateStatusFile(dataDir: string, change: (s: BackupStatusFile) => void): BackupStatusFile {
  const status = readStatusFile(dataDir);
  change(status);
  writeStatusFile(dataDir, status);
  return status;
}

export function recordOf(status: BackupStatusFile, destination: string): DestinationRecord {
  return status.destinations[destination] ?? { ...EMPTY_RECORD };
}

/** 26 hours: a day's backup plus slack for a start-up a little later than yesterday's. */
export const STALE_AFTER_MS = 26 * 3600_000;

/**
 * The dashboard's warning for a set of destinations: the newest failure that came after that destination's
 * last success; else, while the app has been running, a destination without a success for more than 26 hours.
 * `label` names a destination in words (默认备份位置 / 第二备份位置).
 */
export function backupWarningOf(
  status: BackupStatusFile, destinations: ReadonlyArray<{ path: string; label: string }>, now: Date, formatTime: (iso: string) => string,
): null | { message: string; at: string } {
  let failure: null | { message: string; at: string } = null;
  for (const d of destinations) {
    const r = recordOf(status, d.path);
    if (r.lastFailureAt && (!r.lastSuccessAt || Date.parse(r.lastFailureAt) > Date.parse(r.lastSuccessAt))) {
      if (!failure || Date.parse(r.lastFailureAt) > Date.parse(failure.at)) {
        failure = {
          at: r.lastFailureAt,
          message: `${formatTime(r.lastFailureAt)} 备份到${d.label}（${d.path}）失败：${r.lastFailure ?? '原因未知'}。下次自动备份时会再试；请检查该位置，或在 设置 → 备份与恢复 中立即备份。`,
        };
      }
    }
  }
  if (failure) return failure;
  if (!status.runningSince) return null;
  for (const d of destinations) {
    const r = recordOf(status, d.path);
    const since = Math.max(Date.parse(status.runningSince), r.lastSuccessAt ? Date.parse(r.lastSuccessAt) : 0);
    if (now.getTime() - since > STALE_AFTER_MS) {
      return {
        at: r.lastSuccessAt ?? status.runningSince,
        message: r.lastSuccessAt
          ? `${d.label}（${d.path}）已超过 26 小时没有成功的备份（上次成功：${formatTime(r.lastSuccessAt)}）。请在 设置 → 备份与恢复 中立即备份。`
          : `${d.label}（${d.path}）还没有成功的备份。请在 设置 → 备份与恢复 中立即备份。`,
      };
    }
  }
  return null;
}
