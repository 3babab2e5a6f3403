import { describe, expect, it } from 'vitest';
import { mediaPassed, runMedia } from './media';

/** The small version of `npm run torture`'s failing media: each way of failing twice. */
describe('failing backup media (small)', () => {
  it('fails with a message, leaves no final-named or partial file, and leaves the live register as it was', async () => {
    const f = await runMedia({ runs: 6 });
    expect(f.problems).toEqual([]);
    expect(f).toMatchObject({ runs: 6, failedWithMessage: 6, finalNamedLeft: 0, partialsLeft: 0, liveChanged: 0, nextBackupOk: true });
    expect(mediaPassed(f)).toBe(true);
  }, 120_000);
});
