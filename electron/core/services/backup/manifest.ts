import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../types';
import { sha256OfFile, writeFileDurably } from '../files/durable';

/**
 * A backup destination's files (SPEC10): `register-YYYYMMDD-HHMMSS.sqlite` (office local time) with its
 * `register-YYYYMMDD-HHMMSS.manifest.json` beside it, `.register-….sqlite.partial` while one is being written,
 * and `attachments/ab/<sha256>.bin` shared by every backup there. Only names matching these are ours: rotation
 * and clean-up never touch anything else in the folder.
 */
export interface BackupManifest {
  format: 'complaint-register-backup';
  version: 1;
  /** ISO UTC */
  createdAt: string;
  /** package.json version */
  appVersion: string;
  /** the newest migration applied to the copy, e.g. '0013_attachments' */
  schemaVersion: string;
  cases: number;
  lastRegisterNumber: string | null;
  /** the copy's chain head (as `verify` prints it) */
  history: { count: number; head: string };
  /** file = base name */
  database: { file: string; size: number; sha256: string };
  attachments: Array<{ sha256: string; size: number }>;
  checks: { integrity: 'ok'; foreignKeys: 'ok'; history: 'ok' };
  reason: BackupInfo['reason'];
}

export const BACKUP_NAME = /^register-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite$/;
export const MANIFEST_NAME = /^register-\d{8}-\d{6}\.manifest\.json$/;
export const PARTIAL_NAME = /^\.register-\d{8}-\d{6}\.(sqlite|manifest\.json)\.partial$/;
const REASONS: ReadonlyArray<BackupInfo['reason']> = ['daily', 'interval', 'close', 'manual'];

/** The office's time zone: the process's own (the app runs on the office's PC; tests set TZ). */
export const officeTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `date` as the office's wall clock, fields as two-digit strings (four for the year). */
export function wallClock(date: Date, timeZone: string = officeTimeZone()): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** `register-YYYYMMDD-HHMMSS.sqlite` for a backup made at `date`, in the office's local time. */
export function backupFileName(date: Date, timeZone: string = officeTimeZone()): string {
  const w = wallClock(date, timeZone);
  return `register-${w.year}${w.month}${w.day}-${w.hour}${w.minute}${w.second}.sqlite`;
}

/** The office's calendar day of a backup's name ('YYYY-MM-DD'), or null for a name that is not ours. */
export function dayOfBackupName(name: string): string | null {
  const m = BACKUP_NAME.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export const manifestNameOf = (backupName: string): string => backupName.replace(/\.sqlite$/, '.manifest.json');
export const partialNameOf = (finalName: string): string => `.${finalName}.partial`;

/**
 * Writes the manifest beside its backup: to `.<name>.partial`, fsynced, renamed, the folder fsynced.
 * `write` stands in for fs.writeFileSync in tests that inject a failing disk.
 */
export function writeManifest(
  destination: string, manifest: BackupManifest, write: (file: string, text: string) => void = (f, t) => fs.writeFileSync(f, t),
): string {
  const name = manifestNameOf(manifest.database.file);
  const final = path.join(destination, name);
  writeFileDurably(final, `${JSON.stringify(manifest, null, 2)}\n`, { temp: path.join(destination, partialNameOf(name)), write: (f, t) => write(f, String(t)) });
  return final;
}

const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** The manifest at `file`, or a problem in words (missing, not JSON, not ours, fields missing). */
export function readManifest(file: string): { manifest: BackupManifest } | { problem: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { problem: `缺少说明文件 ${path.basename(file)}` };
  }
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(text) as Partial<BackupManifest>;
  } catch {
    return { problem: `说明文件 ${path.basename(file)} 不是有效的 JSON` };
  }
  if (m === null || typeof m !== 'object' || m.format !== 'complaint-register-backup') return { problem: `${path.basename(file)} 不是本程序的备份说明文件` };
  if (m.version !== 1) return { problem: `说明文件的版本 ${String(m.version)} 本程序不认识` };
  const ok = typeof m.createdAt === 'string' && !Number.isNaN(Date.parse(m.createdAt))
    && typeof m.appVersion === 'string' && typeof m.schemaVersion === 'string' && isCount(m.cases)
    && (m.lastRegisterNumber === null || typeof m.lastRegisterNumber === 'string')
    && m.history !== undefined && isCount(m.history.count) && isHex64(m.history.head)
    && m.database !== undefined && typeof m.database.file === 'string' && isCount(m.database.size) && isHex64(m.database.sha256)
    && Array.isArray(m.attachments) && m.attachments.every((a) => a && isHex64(a.sha256) && isCount(a.size))
    && REASONS.includes(m.reason as BackupInfo['reason']);
  if (!ok) return { problem: `说明文件 ${path.basename(file)} 内容不完整` };
  return { manifest: m as BackupManifest };
}

/** The time in a backup's name as a Date (office local time), for a backup without a readable manifest. */
function dateOfName(name: string, timeZone: string): Date {
  const m = BACKUP_NAME.exec(name)!;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // The zone's offset at that moment (twice, for a name near a daylight-saving change).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const shown = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

/** One backup as listed: verified when its manifest reads and names this file with its size (SHA-256: checkBackup). */
export function describeBackup(destination: string, name: string, timeZone: string = officeTimeZone()): BackupInfo {
  const file = path.join(destination, name);
  let size = 0;
  try {
    size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch { /* a name the system cannot look up (too long, a folder gone): listed as not verified by its size */ }
  const read = readManifest(path.join(destination, manifestNameOf(name)));
  const base: BackupInfo = {
    file, name, destination, createdAt: dateOfName(name, timeZone).toISOString(), size, cases: 0, lastRegisterNumber: null,
    head: { count: 0, hash: '' }, schemaVersion: '', appVersion: '', reason: 'manual', verified: false, problem: null,
  };
  if ('problem' in read) return { ...base, problem: read.problem };
  const m = read.manifest;
  const info: BackupInfo = {
    ...base, createdAt: m.createdAt, cases: m.cases, lastRegisterNumber: m.lastRegisterNumber, head: { count: m.history.count, hash: m.history.head },
    schemaVersion: m.schemaVersion, appVersion: m.appVersion, reason: m.reason, verified: true,
  };
  if (m.database.file !== name) return { ...info, verified: false, problem: `说明文件写的是 ${m.database.file}，不是 ${name}` };
  if (m.database.size !== size) return { ...info, verified: false, problem: `文件大小 ${size} 字节与说明文件记录的 ${m.database.size} 字节不符` };
  return info;
}

/** Every backup in a destination (ours by name only), newest first; a missing folder has none. */
export function listBackups(destination: string, timeZone: string = officeTimeZone()): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(destination);
  } catch {
    return [];
  }
  return names.filter((n) => BACKUP_NAME.test(n)).sort().reverse().map((n) => describeBackup(destination, n, timeZone));
}

/** The listing plus the SHA-256 of the database file against the manifest (what restore and `backup list --check` rely on). */
export async function checkBackup(info: BackupInfo): Promise<BackupInfo> {
  if (!info.verified) return info;
  const read = readManifest(path.join(info.destination, manifestNameOf(info.name)));
  if ('problem' in read) return { ...info, verified: false, problem: read.problem };
  let actual: string;
  try {
    actual = await sha256OfFile(info.file);
  } catch (err) {
    return { ...info, verified: false, problem: `无法读取备份文件（${(err as NodeJS.ErrnoException).code ?? String(err)}）` };
  }
  return actual === read.manifest.database.sha256 ? info : { ...info, verified: false, problem: '文件的 SHA-256 与说明文件不符：备份在写成之后被改动或损坏' };
}
