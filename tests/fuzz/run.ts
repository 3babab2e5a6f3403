import fc from 'fast-check';
import { requestArbitrary } from './arbitraries';
import { FuzzServer, type FuzzRequest } from './harness';
import { sweep } from './sweep';

/**
 * `npm run fuzz`: the long fuzzing run, one request at a time to a fresh in-process server on 127.0.0.1:
 * first the full sweep (every field of every channel broken every way that suits it; FUZZ_SWEEP=0
 * skips it), then FUZZ_RUNS random requests (default 5000) from FUZZ_SEED, at most FUZZ_MINUTES minutes
 * in all (default 20). Prints requests per channel, answers by code, and each kind of broken promise with the
 * smallest request that showed it. Exit 1 when anything broke.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 20);
const BATCH = 100;
const SWEEP = process.env.FUZZ_SWEEP !== '0';

interface Finding {
  count: number;
  smallest: FuzzRequest;
  size: number;
  problem: string;
  answer: string;
}

const short = (value: unknown, max = 400) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? `<bytes ${Buffer.from(v).toString('hex')}>` : v));
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 0) throw new Error('FUZZ_RUNS must be a whole number');
  const started = Date.now();
  const deadline = started + MINUTES * 60_000;
  const fuzz = await FuzzServer.start();
  const findings = new Map<string, Finding>();
  const arbitrary = requestArbitrary({ seeded: fuzz.seeded });
  let sent = 0;
  let swept = 0;
  const record = (request: FuzzRequest, verdict: Awaited<ReturnType<FuzzServer['send']>>) => {
        for (const problem of verdict.problems) {
          // One finding per channel, role and kind of problem (the detail after ':' varies with the input).
          const key = `${request.channel} | ${request.who} | ${problem.split(':')[0]}`;
          const size = short(request.body).length;
          const known = findings.get(key);
          if (!known) findings.set(key, { count: 1, smallest: request, size, problem, answer: verdict.answer?.text ?? '' });
          else {
            known.count++;
            if (size < known.size) Object.assign(known, { smallest: request, size, problem, answer: verdict.answer?.text ?? '' });
          }
        }
  };
  // The history is verified now and then, so a request that breaks it is found near where it happened.
  let historyBrokeAt: string | null = null;
  const checkHistory = async (where: string) => {
    if (historyBrokeAt) return;
    if (!(await fuzz.verifyHistory()).ok) historyBrokeAt = where;
  };
  try {
    if (SWEEP) {
      const requests = sweep({ seeded: fuzz.seeded }, 'full', SEED);
      for (const [i, request] of requests.entries()) {
        if (Date.now() >= deadline) break;
        record(request, await fuzz.send(request));
        swept++;
        if (swept % 2000 === 0) await checkHistory(`after sweep request ${swept} (${request.channel})`);
        if (i % 2000 === 1999) console.error(`… sweep ${i + 1}/${requests.length}, ${findings.size} kinds of problem, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
    for (let batch = 0; sent < RUNS && Date.now() < deadline; batch++) {
      const requests = fc.sample(arbitrary, { seed: SEED + batch, numRuns: Math.min(BATCH, RUNS - sent) });
      for (const request of requests) {
        if (Date.now() >= deadline) break;
        record(request, await fuzz.send(request));
        sent++;
      }
      if (batch % 20 === 19) await checkHistory(`after random request ${sent}`);
      if (batch % 10 === 9) console.error(`… ${sent} requests, ${findings.size} kinds of problem, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const verified = await fuzz.verifyHistory();
    const seconds = (Date.now() - started) / 1000;
    const { stats } = fuzz;
    console.log(`fuzz: ${swept} sweep + ${sent} random requests (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED}) in ${seconds.toFixed(1)} s against 127.0.0.1:${fuzz.port}`);
    console.log('\nrequests per channel (of which answered ok):');
    for (const [channel, n] of [...stats.byChannel].sort()) console.log(`  ${channel.padEnd(24)} ${String(n).padStart(6)} (${stats.okByChannel.get(channel) ?? 0} ok)`);
    console.log('\nanswers by code:');
    for (const [code, n] of [...stats.byCode].sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(20)} ${n}`);
    console.log(`\nserver errors (HTTP 5xx or INTERNAL): ${stats.serverErrors}`);
    console.log(`sessions renewed after sign-out or a session-ending change: ${stats.sessionsRenewed}`);
    console.log(`history/verify afterwards: ${verified.ok ? 'ok' : `FAILED ${short(verified.detail, 800)}`}${historyBrokeAt ? `; first seen broken ${historyBrokeAt}` : ''}`);
    console.log(`\nkinds of broken promise: ${findings.size}`);
    for (const [key, f] of [...findings].sort()) {
      console.log(`\n- ${key} (${f.count}×)\n  request: ${short(f.smallest.body)}\n  problem: ${short(f.problem)}\n  answer:  ${short(f.answer, 300)}`);
    }
    process.exitCode = findings.size === 0 && verified.ok ? 0 : 1;
  } finally {
    await fuzz.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
