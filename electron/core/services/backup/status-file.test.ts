import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupWarningOf, readStatusFile, STATUS_FILE_NAME, updateStatusFile, type BackupStatusFile } from './status-file';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const H = 3600_000;
const T0 = Date.parse('2026-12-01T01:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const dests = [{ path: '/d/backups', label: '默认备份位置' }, { path: '/usb', label: '第二备份位置' }];
const fmt = (s: string) => s.slice(0, 16);
const status = (destinations: BackupStatusFile['destinations'], runningSince: number | null = null): BackupStatusFile => ({ version: 1, destinations, runningSince: runningSince === null ? null : iso(runningSince) });
const rec = (success: number | null, failure: number | null, message: string | null = null) => ({
  lastSuccessAt: success === null ? null : iso(success), lastBackup: null, lastFailureAt: failure === null ? null : iso(failure), lastFailure: message,
});

describe('the dashboard\'s backup warning', () => {
  it.each([
    { what: 'nothing known, the app not running: none', s: status({}), now: T0, expected: null },
    { what: 'a success after the failure: none', s: status({ '/d/backups': rec(T0, T0 - H, '空间不足') }), now: T0 + H, expected: null },
    { what: 'a failure after the success: that failure', s: status({ '/d/backups': rec(T0 - H, T0, '空间不足') }), now: T0 + H, expected: { at: iso(T0), has: ['默认备份位置', '空间不足'] } },
    { what: 'two failing: the newer', s: status({ '/d/backups': rec(null, T0, '无法写入'), '/usb': rec(null, T0 + H, '文件夹不存在') }), now: T0 + 2 * H, expected: { at: iso(T0 + H), has: ['第二备份位置', '/usb', '文件夹不存在'] } },
    { what: 'running 25 h since the last success: none yet', s: status({ '/d/backups': rec(T0, null), '/usb': rec(T0, null) }, T0 - H), now: T0 + 25 * H, expected: null },
    { what: 'running, 27 h since the last success: stale', s: status({ '/d/backups': rec(T0, null), '/usb': rec(T0 + 10 * H, null) }, T0 - H), now: T0 + 27 * H, expected: { at: iso(T0), has: ['默认备份位置', '26 小时'] } },
    { what: 'the last success 3 days ago but the app started an hour ago: none (it was off)', s: status({ '/d/backups': rec(T0 - 72 * H, null), '/usb': rec(T0 - 72 * H, null) }, T0 - H), now: T0, expected: null },
    { what: 'the same while not running: none', s: status({ '/d/backups': rec(T0 - 72 * H, null), '/usb': rec(T0 - 72 * H, null) }), now: T0, expected: null },
    { what: 'running 27 h with a destination that never succeeded', s: status({ '/d/backups': rec(T0 + 20 * H, null) }, T0), now: T0 + 27 * H, expected: { at: iso(T0), has: ['第二备份位置', '还没有成功的备份'] } },
  ])('$what', ({ s, now, expected }) => {
    const w = backupWarningOf(s, dests, new Date(now), fmt);
    if (expected === null) expect(w).toBeNull();
    else {
      expect(w?.at).toBe(expected.at);
      for (const words of expected.has) expect(w?.message).toContain(words);
    }
  });
});

describe('backup-status.json', () => {
  it('is written atomically (no temporary file left) and a damaged one reads as nothing known', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-status-'));
    dirs.push(dir);
    expect(readStatusFile(dir)).toEqual({ version: 1, destinations: {}, runningSince: null });
    updateStatusFile(dir, (s) => {
      s.destinations['/usb'] = rec(T0, null);
    });
    expect(fs.readdirSync(dir)).toEqual([STATUS_FILE_NAME]);
    expect(readStatusFile(dir).destinations['/usb'].lastSuccessAt).toBe(iso(T0));
    fs.writeFileSync(path.join(dir, STATUS_FILE_NAME), '{"version":1,"destinations":');
    expect(readStatusFile(dir)).toEqual({ version: 1, destinations: {}, runningSince: null });
    fs.writeFileSync(path.join(dir, STATUS_FILE_NAME), JSON.stringify({ version: 1, destinations: { '/x': { lastSuccessAt: 'never', lastFailureAt: null, lastFailure: null, lastBackup: null } }, runningSince: 5 }));
    expect(readStatusFile(dir)).toEqual({ version: 1, destinations: {}, runningSince: null });
  });
});
