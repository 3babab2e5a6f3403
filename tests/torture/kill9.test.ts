import { describe, expect, it } from 'vitest';
import { kill9Passed, runKill9 } from './kill9';

/** The small version of `npm run torture`'s kill -9 part: ~300 acknowledged saves over 5 kills. */
describe('kill -9 during saves (small)', () => {
  it('loses no acknowledged save, and every restart finds an intact register with a valid history chain', async () => {
    const f = await runKill9({ saves: 300, kills: 5, seed: Number(process.env.TORTURE_SEED ?? 1) });
    expect(f.problems).toEqual([]);
    expect(f.kills).toBeGreaterThanOrEqual(5);
    expect(f.saves).toBeGreaterThanOrEqual(300);
    expect(f.restartsChecked).toBe(f.kills - f.killsWhileOpening + 1);
    expect(f).toMatchObject({ lost: 0, integrityFailures: 0, halfWrittenCases: 0, chainFailures: 0, refusedSaves: 0 });
    expect(kill9Passed(f)).toBe(true);
  }, 90_000);
});
