import { describe, expect, it } from 'vitest';
import { runCutAgainstBackup, runTamper, TAMPER_KINDS } from './tamper';

/** The small version of `npm run torture`'s tampering part: 10 random changes of each kind, and untouched controls. */
describe('tampering with the history table (small)', () => {
  it('detects every change and names the first bad row (or the case, or the cut), and passes the untouched copies', async () => {
    const f = await runTamper({ trials: 10 * TAMPER_KINDS.length, seed: Number(process.env.TORTURE_SEED ?? 11) });
    expect(f.misses).toEqual([]);
    expect(f.trials).toBe(10 * TAMPER_KINDS.length);
    expect(f.detected).toBe(f.trials);
    expect(f.named).toBe(f.trials);
    expect(f.controls).toBe(10);
    expect(f.falseAlarms).toBe(0);
    for (const k of TAMPER_KINDS) expect(f.byKind[k]).toEqual({ trials: 10, detected: 10, named: 10 });
  }, 60_000);

  it('verify finds the newest rows cut off against the newest backup\'s head (chain and cases still consistent)', async () => {
    const f = await runCutAgainstBackup({ trials: 1, seed: 17 });
    expect(f.misses).toEqual([]);
    expect(f).toMatchObject({ trials: 1, detected: 1, untouchedPassed: true });
    expect(f.sample).toMatch(/^history FAILED backup/);
  }, 120_000);
});
