import { BACKUP_NAME } from './manifest';

/**
 * Which backups of a destination to keep: grandfather-father-son over the verified backups. The newest of
 * each of the last `keepDaily` days that have a backup, of the last `keepWeekly` ISO weeks, and of the last
 * `keepMonthly` months (restic's --keep-daily/weekly/monthly: a fortnight with the office closed costs no
 * backup). The newest verified backup is always kept. A backup that is not verified (no manifest, size
 * differs) fills no slot: kept while it is newer than the newest verified one (nothing better exists for its
 * time), removed once a verified one is newer. Names not ours are never listed, so never removed. Pure: the
 * office-local time is in the names.
 */
export interface RotationItem { name: string; verified: boolean }
export interface Retention { keepDaily: number; keepWeekly: number; keepMonthly: number }
export const DEFAULT_RETENTION: Retention = { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };

/** ISO 8601 week of a calendar date: 'YYYY-Www' (the week's Thursday decides its year). */
export function isoWeek(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const weekYear = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export function rotate(items: readonly RotationItem[], keep: Retention): { keep: string[]; remove: string[] } {
  const ours = items.filter((i) => BACKUP_NAME.test(i.name));
  // The names sort by time (fixed-width local time).
  const newestFirst = [...ours].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  const verified = newestFirst.filter((i) => i.verified);
  const kept = new Set<string>();
  if (verified.length) kept.add(verified[0].name);

  const bucket = (periodOf: (y: number, m: number, d: number) => string, count: number) => {
    const seen = new Set<string>();
    for (const item of verified) {
      if (seen.size >= count) break;
      const [, y, m, d] = BACKUP_NAME.exec(item.name)!.map(Number);
      const period = periodOf(y, m, d);
      if (seen.has(period)) continue;
      seen.add(period);
      kept.add(item.name);
    }
  };
  bucket((y, m, d) => `${y}-${m}-${d}`, keep.keepDaily);
  bucket(isoWeek, keep.keepWeekly);
  bucket((y, m) => `${y}-${m}`, keep.keepMonthly);

  const newestVerified = verified[0]?.name ?? null;
  for (const item of newestFirst) {
    if (!item.verified && (newestVerified === null || item.name > newestVerified)) kept.add(item.name);
  }
  return {
    keep: newestFirst.filter((i) => kept.has(i.name)).map((i) => i.name),
    remove: newestFirst.filter((i) => !kept.has(i.name)).map((i) => i.name),
  };
}
