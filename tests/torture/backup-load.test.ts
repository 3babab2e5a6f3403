import { describe, expect, it } from 'vitest';
import { runBackupLoad } from './backup-load';

/** The small version of `npm run torture`'s backups under write load: 3 backups while the writer saves. */
describe('backups under write load (small)', () => {
  it('gives verified, consistent snapshots while the saves go on', async () => {
    const f = await runBackupLoad({ backups: 3, cases: 40 });
    expect(f.problems).toEqual([]);
    expect(f).toMatchObject({ backups: 3, verified: 3, consistent: 3, failedRuns: 0 });
    expect(f.savesDuringBackups).toBeGreaterThan(0);
  }, 120_000);
});
