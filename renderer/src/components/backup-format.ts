import dayjs from 'dayjs';
import type { BackupInfo, BackupProgress } from '../api/core';
import { t } from '../i18n/zh-CN';

const b = t.backups;

/** 1.5 MB, 820 KB, 12 B: sizes as the backups list and the restore dialog show them (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return t.common.none;
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** The chain head written short, as on paper: `1234:3f5a9c0d12ab` (count, then the hash's first 12 digits). */
export function shortHead(head: { count: number; hash: string }): string {
  return `${head.count}:${head.hash.slice(0, 12)}`;
}

/** An ISO time (the manifest's, UTC) in the office's local wording. */
export function formatTime(iso: string | null): string {
  if (!iso) return t.common.none;
  const at = dayjs(iso);
  return at.isValid() ? at.format('YYYY-MM-DD HH:mm:ss') : iso;
}

export function reasonLabel(reason: BackupInfo['reason']): string {
  return b.reasons[reason] ?? reason;
}

/** What a running backup is doing, in words, with its count when the phase has one. */
export function phaseText(progress: Pick<BackupProgress, 'phase' | 'done' | 'total'>): string {
  const words = b.phases[progress.phase] ?? progress.phase;
  return progress.total > 0 && !['done', 'failed'].includes(progress.phase) ? `${words}（${progress.done} / ${progress.total}）` : words;
}

/** 0–100 for the progress bar: the phases in order, and within one its done / total. */
export function progressPercent(progress: Pick<BackupProgress, 'phase' | 'done' | 'total' | 'finished'>): number {
  if (progress.finished || progress.phase === 'done') return 100;
  const order: BackupProgress['phase'][] = ['copy', 'check', 'attachments', 'manifest', 'rotate'];
  const step = order.indexOf(progress.phase);
  if (step < 0) return 0;
  const within = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.min(99, Math.round(((step + within) / order.length) * 100));
}
