import { describe, expect, it } from 'vitest';
import { corruptPassed, DAMAGE_KINDS, runCorrupt } from './corrupt';

/**
 * The small version of `npm run torture`'s corruption: 4 damaged copies of each kind, the empty file too (it
 * was opened as a new, empty register beside the backup until start-up took an empty register for a lost one).
 */
describe('damaged registers (small)', () => {
  it('never crashes: each copy opens and verifies (or its verification names the damage), or is quarantined naming the backup', async () => {
    const kinds = [...DAMAGE_KINDS];
    const f = await runCorrupt({ copies: 4 * kinds.length, kinds });
    expect(f.problems).toEqual([]);
    expect(f).toMatchObject({ crashes: 0, otherErrors: 0, openedIntegrityOnly: 0, openedAsNewEmpty: 0 });
    expect(f.quarantinedNamingBackup).toBe(f.quarantined);
    expect(f.quarantined).toBeGreaterThan(0);
    expect(corruptPassed(f)).toBe(true);
  }, 120_000);
});
