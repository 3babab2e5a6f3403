import fc from 'fast-check';
import { requestArbitrary } from './arbitraries';
import { FuzzServer, type FuzzRequest, type Verdict } from './harness';
import { sweep } from './sweep';

/**
 * `npm run fuzz`: the long fuzzing run, one request at a time, each phase against a fresh in-process
 * server on 127.0.0.1 (so the settings and lookups the sweep changes do not blunt the random phase):
 * first the full sweep (every field of every channel broken every way that suits it, as every role the
 * channel admits; FUZZ_SWEEP=0 skips it), then FUZZ_RUNS random requests (default 5000) from FUZZ_SEED,
 * at most FUZZ_MINUTES minutes in all (default 20). Prints requests per channel, answers by code, server
 * errors, and each kind of broken promise with the smallest request that showed it. Exit 1 when
 * anything broke.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 20);
const SWEEP = process.env.FUZZ_SWEEP !== '0';
const BATCH = 100;

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

const findings = new Map<string, Finding>();
const totals = { byChannel: new Map<string, number>(), okByChannel: new Map<string, number>(), byCode: new Map<string, number>(), serverErrors: 0, sessionsRenewed: 0 };
const histories: string[] = [];
const started = Date.now();
const deadline = started + MINUTES * 60_000;
const seconds = () => Math.round((Date.now() - started) / 1000);

function record(request: FuzzRequest, verdict: Verdict): void {
  for (const problem of verdict.problems) {
    // One finding per channel, role and kind of problem (the detail after ':' varies with the input).
    const key = `${request.channel} | ${request.who} | ${problem.split(':')[0]}`;
    const size = short(request.body).length;
    const known = findings.get(key);
    const answer = verdict.answer?.text ?? '';
    if (!known) findings.set(key, { count: 1, smallest: request, size, problem, answer });
    else {
      known.count++;
      if (size < known.size) Object.assign(known, { smallest: request, size, problem, answer });
    }
  }
}

function add(into: Map<string, number>, from: Map<string, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

/** One phase on its own server; the history is verified every `every` requests and at the end. */
async function phase(name: string, requests: (fuzz: FuzzServer) => Iterable<FuzzRequest> | AsyncIterable<FuzzRequest>, every: number): Promise<number> {
  const fuzz = await FuzzServer.start();
  let sent = 0;
  let brokeAt: string | null = null;
  try {
    for await (const request of requests(fuzz)) {
      if (Date.now() >= deadline) break;
      record(request, await fuzz.send(request));
      sent++;
      if (sent % every === 0) {
        if (!brokeAt && !(await fuzz.verifyHistory()).ok) brokeAt = `after ${name} request ${sent} (${request.channel})`;
        console.error(`… ${name} ${sent}, ${findings.size} kinds of problem, ${seconds()} s`);
      }
    }
    const verified = await fuzz.verifyHistory();
    histories.push(`${name}: ${verified.ok ? 'ok' : `FAILED ${short(verified.detail, 600)}`}${brokeAt ? `; first seen broken ${brokeAt}` : ''}`);
    add(totals.byChannel, fuzz.stats.byChannel);
    add(totals.okByChannel, fuzz.stats.okByChannel);
    add(totals.byCode, fuzz.stats.byCode);
    totals.serverErrors += fuzz.stats.serverErrors;
    totals.sessionsRenewed += fuzz.stats.sessionsRenewed;
    return sent;
  } finally {
    await fuzz.stop();
  }
}

function* random(fuzz: FuzzServer): Iterable<FuzzRequest> {
  const arbitrary = requestArbitrary({ seeded: fuzz.seeded });
  for (let batch = 0, sent = 0; sent < RUNS; batch++) {
    const requests = fc.sample(arbitrary, { seed: SEED + batch, numRuns: Math.min(BATCH, RUNS - sent) });
    sent += requests.length;
    yield* requests;
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 0) throw new Error('FUZZ_RUNS must be a whole number');
  const swept = SWEEP ? await phase('sweep', (fuzz) => sweep(fuzz, 'full', SEED), 2000) : 0;
  const sent = RUNS > 0 ? await phase('random', random, 2000) : 0;
  const ok = findings.size === 0 && histories.every((h) => /: ok$/.test(h));
  console.log(`fuzz: ${swept} sweep + ${sent} random requests (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED}) in ${seconds()} s, 127.0.0.1 only`);
  console.log('\nrequests per channel (of which answered ok):');
  for (const [channel, n] of [...totals.byChannel].sort()) console.log(`  ${channel.padEnd(24)} ${String(n).padStart(6)} (${totals.okByChannel.get(channel) ?? 0} ok)`);
  console.log('\nanswers by code:');
  for (const [code, n] of [...totals.byCode].sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(20)} ${n}`);
  console.log(`\nserver errors (HTTP 5xx or INTERNAL): ${totals.serverErrors}`);
  console.log(`sessions renewed after sign-out or a session-ending change: ${totals.sessionsRenewed}`);
  console.log(`history/verify afterwards: ${histories.join('; ')}`);
  console.log(`\nkinds of broken promise: ${findings.size}`);
  for (const [key, f] of [...findings].sort()) {
    console.log(`\n- ${key} (${f.count}×)\n  request: ${short(f.smallest.body)}\n  problem: ${short(f.problem)}\n  answer:  ${short(f.answer, 300)}`);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
