import { describe, expect, it } from 'vitest';
import { restorePassed, runRestoreTrip } from './restore-trip';

/** The small version of `npm run torture`'s restore round trip: 2 restores over a killed writer's -wal/-shm. */
describe('restore round trip (small)', () => {
  it('restores the snapshot exactly, with a safety copy holding every acknowledged save', async () => {
    const f = await runRestoreTrip({ restores: 2 });
    expect(f.problems).toEqual([]);
    expect(f).toMatchObject({ restores: 2, identical: 2, safetyCopies: 2, safetyCopiesWithAllAcks: 2, staleSidecarsFound: 2, verified: 2 });
    expect(restorePassed(f)).toBe(true);
  }, 120_000);
});
