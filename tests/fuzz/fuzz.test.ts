import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/core/contract';
import { requestArbitrary } from './arbitraries';
import { FuzzServer } from './harness';
import { sweep } from './sweep';
import { connectionOf } from '../../db/open';

/**
 * The short, deterministic fuzzing run of `npm test` (the long one is `npm run fuzz`). Every channel,
 * every role, through the real HTTP server on loopback: no server error, nothing outside the Result
 * envelope or docs/openapi.json, nothing written by a request that was refused, and a history that still
 * verifies at the end. fast-check shrinks a failure to a minimal request.
 */
const RUNS = 300;
const SEED = 20260615;

let fuzz: FuzzServer;

beforeAll(async () => {
  fuzz = await FuzzServer.start();
}, 60_000);

afterAll(async () => {
  await fuzz?.stop();
});

describe('every channel under property-based input', () => {
  it('survives every field of every channel broken in the sharpest ways, one at a time', async () => {
    const problems: string[] = [];
    for await (const request of sweep(fuzz, 'short')) {
      const verdict = await fuzz.send(request);
      for (const p of verdict.problems) problems.push(`${request.channel} as ${request.who}, ${request.field} = ${request.mutation}: ${p.slice(0, 300)}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(fuzz.stats.serverErrors).toBe(0);
  }, 120_000);

  it('keeps every promise of the API on every request', async () => {
    const serverErrorsBefore = fuzz.stats.serverErrors;
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ seeded: fuzz.seeded }), async (request) => {
        const verdict = await fuzz.send(request);
        if (verdict.problems.length > 0) throw new Error(`${request.channel} as ${request.who}: ${verdict.problems.join('; ')}\nanswer: ${verdict.answer?.text.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The run reached every channel, and most requests got past parsing to the services.
    expect(CHANNELS.filter((c) => !fuzz.stats.byChannel.has(c))).toEqual([]);
    expect(fuzz.stats.byCode.get('OK') ?? 0).toBeGreaterThan(RUNS / 10);
    expect(fuzz.stats.serverErrors - serverErrorsBefore).toBe(0);
  }, 90_000);

  it('would notice each broken promise: the checks above are not vacuous', async () => {
    const { core } = fuzz;
    const original = core.call;
    const request = { who: 'clerk' as const, channel: 'settings/get', body: { json: {} } };
    try {
      core.call = (async () => { throw new Error('boom'); }) as typeof core.call;
      expect((await fuzz.send(request)).problems.join()).toMatch(/server error: HTTP 500/);
      core.call = (async () => ({ ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } })) as unknown as typeof core.call;
      expect((await fuzz.send(request)).problems.join()).toMatch(/INTERNAL/);
      core.call = (async () => ({ ok: true, value: 1, extra: 2 })) as unknown as typeof core.call;
      expect((await fuzz.send(request)).problems.join()).toMatch(/ok answer with keys/);
      core.call = (async () => ({ ok: false, error: { code: 'CONFLICT', message: 'x', stack: 'at cases.ts:1' } })) as unknown as typeof core.call;
      expect((await fuzz.send(request)).problems.join()).toMatch(/error has extra keys stack/);
      core.call = (async () => ({ ok: true, value: 'not settings' })) as unknown as typeof core.call;
      expect((await fuzz.send(request)).problems.join()).toMatch(/does not match docs\/openapi.json/);
      core.call = (async () => {
        connectionOf(core.db).prepare("INSERT INTO settings(key, value) VALUES ('fuzz-probe', '1') ON CONFLICT(key) DO UPDATE SET value = value || '1'").run();
        return { ok: false, error: { code: 'CONFLICT', message: '已被修改' } };
      }) as unknown as typeof core.call;
      expect((await fuzz.send(request)).problems.join()).toMatch(/an error answer committed a write \(settings\)/);
    } finally {
      core.call = original;
      connectionOf(core.db).prepare("DELETE FROM settings WHERE key = 'fuzz-probe'").run();
    }
    expect((await fuzz.send(request)).problems).toEqual([]);
  });

  it('leaves a history that still verifies', async () => {
    const verified = await fuzz.verifyHistory();
    expect(verified.ok, JSON.stringify(verified.detail)).toBe(true);
  }, 70_000);
});
