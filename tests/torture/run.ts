/**
 * `npm run torture [-- flags]`: the torture and hostile-input figures of issue 10, each from a run you can
 * repeat (same seed, same run). Prints each figure in a table; `--json FILE` writes them as JSON too. Exit 1
 * when any figure misses its promise. Small versions of each part run in `npm test` (tests/torture/*.test.ts).
 *
 *   --parts kill9,backups,restore,media,corrupt,tamper,million,attachments   which parts (default: all)
 *   --saves 10000 --kills 100      kill -9 during saves: acknowledged saves, kills (both are minimums)
 *   --backups 30                   backups while a writer saves
 *   --restores 20                  restores over a killed writer's -wal/-shm
 *   --media 30                     backups into destinations that fill up, are unplugged or removed
 *   --corrupt 350                  damaged copies of a small register opened
 *   --tamper 800                   random changes to the history table (plus one untouched control per 8)
 *   --cuts 10                      newest rows cut off a folder with a backup, found by `verify` against the backup's head
 *   --million-rows 1000000         history rows of the register verified for time
 *   --million-source DIR           copy DIR's register for that instead of seeding one (DIR is only read)
 *   --seed 1                       random seed
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fmt } from './fixture';
import { kill9Passed, runKill9 } from './kill9';
import { runCutAgainstBackup, runMillion, runTamper } from './tamper';
import { attachmentsPassed, runAttachments } from './attachments';
import { runBackupLoad } from './backup-load';
import { corruptPassed, runCorrupt } from './corrupt';
import { mediaPassed, runMedia } from './media';
import { restorePassed, runRestoreTrip } from './restore-trip';

interface Figure { part: string; key: string; value: number | string; target: string; ok: boolean }

const { values } = parseArgs({
  options: {
    parts: { type: 'string' }, saves: { type: 'string' }, kills: { type: 'string' }, tamper: { type: 'string' },
    cuts: { type: 'string' }, backups: { type: 'string' }, restores: { type: 'string' }, media: { type: 'string' }, corrupt: { type: 'string' },
    'million-rows': { type: 'string' }, 'million-source': { type: 'string' }, seed: { type: 'string' }, json: { type: 'string' },
  },
});
const int = (v: string | undefined, fallback: number) => {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive whole number: ${v}`);
  return n;
};
const ALL = ['kill9', 'backups', 'restore', 'media', 'corrupt', 'tamper', 'million', 'attachments'] as const;
const parts = values.parts ? values.parts.split(',').map((p) => p.trim()) : [...ALL];
for (const p of parts) if (!(ALL as readonly string[]).includes(p)) throw new Error(`unknown part ${p} (known: ${ALL.join(', ')})`);
const seed = int(values.seed, 1);
const log = (line: string) => console.error(line);
const figures: Figure[] = [];
const add = (part: string, key: string, value: number | string, target: string, ok = true) => figures.push({ part, key, value, target, ok });

async function main(): Promise<void> {
  const started = new Date();
  if (parts.includes('kill9')) {
    try {
      const saves = int(values.saves, 10_000);
      const kills = int(values.kills, 100);
      log(`kill -9 during saves: ≥ ${saves} saves over ≥ ${kills} kills …`);
      const f = await runKill9({ saves, kills, seed, log });
      add('kill9', 'acknowledgedSaves', f.saves, `≥ ${saves}`, f.saves >= saves);
      add('kill9', 'kills', f.kills, `≥ ${kills}`, f.kills >= kills);
      add('kill9', 'killsWhileOpening', f.killsWhileOpening, '—');
      add('kill9', 'restartsChecked', f.restartsChecked, 'every restart that opened', f.restartsChecked === f.kills - f.killsWhileOpening + 1);
      add('kill9', 'lostAcknowledgedSaves', f.lost, '0', f.lost === 0);
      add('kill9', 'integrityFailures', f.integrityFailures, '0', f.integrityFailures === 0);
      add('kill9', 'halfWrittenCases', f.halfWrittenCases, '0', f.halfWrittenCases === 0);
      add('kill9', 'chainFailures', f.chainFailures, '0', f.chainFailures === 0);
      add('kill9', 'refusedSaves', f.refusedSaves, '0', f.refusedSaves === 0);
      add('kill9', 'casesAtEnd', f.casesAtEnd, '—');
      add('kill9', 'historyRowsAtEnd', f.historyRowsAtEnd, '—');
      add('kill9', 'seconds', Number(f.seconds.toFixed(1)), '—', kill9Passed(f));
      for (const p of f.problems) log(`  kill9: ${p}`);
    } catch (err) {
      add('kill9', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`kill9 failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('backups')) {
    try {
      const n = int(values.backups, 30);
      log(`backups under write load: ${n} backups …`);
      const f = await runBackupLoad({ backups: n, seed: seed + 2, log });
      add('backups', 'backups', f.backups, `${n}`, f.backups === n);
      add('backups', 'verified', f.verified, `${n}/${n}`, f.verified === n);
      add('backups', 'consistentSnapshots', f.consistent, `${n}/${n}`, f.consistent === n);
      add('backups', 'failedRuns', f.failedRuns, '0', f.failedRuns === 0);
      add('backups', 'savesDuringBackups', f.savesDuringBackups, '> 0', f.savesDuringBackups > 0);
      add('backups', 'savesTotal', f.savesTotal, '—');
      add('backups', 'meanBackupMs', Math.round(f.meanBackupMs), '—');
      add('backups', 'seconds', Number(f.seconds.toFixed(1)), '—', f.problems.length === 0);
      for (const p of f.problems) log(`  backups: ${p}`);
    } catch (err) {
      add('backups', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`backups failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('restore')) {
    try {
      const n = int(values.restores, 20);
      log(`restore round trip: ${n} restores …`);
      const f = await runRestoreTrip({ restores: n, seed: seed + 3, log });
      add('restore', 'restores', f.restores, `${n}`, f.restores === n);
      add('restore', 'identicalToSnapshot', f.identical, `${n}/${n}`, f.identical === n);
      add('restore', 'restoredVerifies', f.verified, `${n}/${n}`, f.verified === n);
      add('restore', 'safetyCopyPresent', f.safetyCopies, `${n}/${n}`, f.safetyCopies === n);
      add('restore', 'safetyCopyHasAllAcks', f.safetyCopiesWithAllAcks, `${n}/${n}`, f.safetyCopiesWithAllAcks === n);
      add('restore', 'staleWalShmPresent', f.staleSidecarsFound, `${n}/${n}`, f.staleSidecarsFound === n);
      add('restore', 'meanRestoreMs', Math.round(f.meanRestoreMs), '—', restorePassed(f));
      for (const p of f.problems) log(`  restore: ${p}`);
    } catch (err) {
      add('restore', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`restore failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('media')) {
    try {
      const n = int(values.media, 30);
      log(`failing media: ${n} backups into failing destinations …`);
      const f = await runMedia({ runs: n, log });
      add('media', 'method', f.method, '—');
      add('media', 'runs', f.runs, `${n}`, f.runs === n);
      for (const [k, c] of Object.entries(f.byCase)) add('media', `ok.${k}`, `${c.ok}/${c.runs}`, 'all', c.ok === c.runs);
      add('media', 'failedWithMessage', f.failedWithMessage, `${n}/${n}`, f.failedWithMessage === n);
      add('media', 'finalNamedFilesLeft', f.finalNamedLeft, '0', f.finalNamedLeft === 0);
      add('media', 'partialFilesLeft', f.partialsLeft, '0', f.partialsLeft === 0);
      add('media', 'liveRegisterChanged', f.liveChanged, '0', f.liveChanged === 0);
      add('media', 'nextBackupOk', f.nextBackupOk ? 'yes' : 'no', 'yes', f.nextBackupOk && mediaPassed(f));
      for (const m of f.sampleMessages) log(`  media message — ${m}`);
      for (const p of f.problems) log(`  media: ${p}`);
    } catch (err) {
      add('media', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`media failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('corrupt')) {
    try {
      const n = int(values.corrupt, 350);
      log(`corruption: ${n} damaged copies …`);
      const f = await runCorrupt({ copies: n, seed: seed + 4, log });
      add('corrupt', 'copies', f.copies, `${n}`, f.copies === n);
      add('corrupt', 'openedAndVerified', f.openedAndVerified, '—');
      add('corrupt', 'openedVerifyNamesDamage', f.openedDamageReported, '—');
      add('corrupt', 'quarantined', f.quarantined, '—');
      add('corrupt', 'quarantinedNamingBackup', f.quarantinedNamingBackup, `= quarantined`, f.quarantinedNamingBackup === f.quarantined);
      add('corrupt', 'openedIntegrityOnly', f.openedIntegrityOnly, '0', f.openedIntegrityOnly === 0);
      add('corrupt', 'openedAsNewEmpty', f.openedAsNewEmpty, '0', f.openedAsNewEmpty === 0);
      add('corrupt', 'otherErrors', f.otherErrors, '0', f.otherErrors === 0);
      add('corrupt', 'crashes', f.crashes, '0', f.crashes === 0);
      for (const [k, c] of Object.entries(f.byKind)) add('corrupt', `kind.${k}`, `${c.copies}: ${c.opened} opened, ${c.quarantined} quarantined`, 'none bad', c.bad === 0);
      add('corrupt', 'seconds', Number(f.seconds.toFixed(1)), '—', corruptPassed(f));
      if (f.sampleMessage) log(`  corrupt message — ${f.sampleMessage}`);
      for (const p of f.problems) log(`  corrupt: ${p}`);
    } catch (err) {
      add('corrupt', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`corrupt failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('tamper')) {
    try {
      const trials = int(values.tamper, 800);
      log(`tampering: ${trials} random changes to the history table …`);
      const f = await runTamper({ trials, seed: seed + 10, log });
      add('tamper', 'changes', f.trials, `≥ ${trials}`, f.trials >= trials);
      add('tamper', 'detected', f.detected, `= ${f.trials} (100%)`, f.detected === f.trials);
      add('tamper', 'firstBadRowNamed', f.named, `= ${f.trials}`, f.named === f.trials);
      for (const [kind, k] of Object.entries(f.byKind)) add('tamper', `detected.${kind}`, `${k.detected}/${k.trials} (named ${k.named})`, 'all', k.detected === k.trials && k.named === k.trials);
      add('tamper', 'untouchedControls', f.controls, '—');
      add('tamper', 'falseAlarms', f.falseAlarms, '0', f.falseAlarms === 0);
      add('tamper', 'historyRowsPerCopy', f.historyRows, '—');
      for (const m of f.misses) log(`  tamper: ${m}`);
      const cuts = int(values.cuts, 10);
      log(`cutting the newest rows of a folder with a backup: ${cuts} times, verify as the command line runs it …`);
      const c = await runCutAgainstBackup({ trials: cuts, seed: seed + 16, log });
      add('tamper', 'cutFoundAgainstBackup', c.detected, `${c.trials}/${c.trials}`, c.detected === c.trials && c.trials === cuts);
      add('tamper', 'untouchedFolderVerifies', c.untouchedPassed ? 'yes' : 'no', 'yes', c.untouchedPassed);
      if (c.sample) log(`  verify said — ${c.sample}`);
      for (const m of c.misses) log(`  cut: ${m}`);
    } catch (err) {
      add('tamper', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`tamper failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('million')) {
    try {
      const rows = int(values['million-rows'], 1_000_000);
      log(`verifying a register of ≥ ${rows} history rows …`);
      const f = await runMillion({ rows, source: values['million-source'] ?? null, log });
      add('million', 'historyRows', f.historyRows, `≥ ${rows}`, f.historyRows >= rows);
      add('million', 'cases', f.cases, '—');
      add('million', 'register', f.source, '—');
      add('million', 'buildSeconds', Number(f.buildSeconds.toFixed(1)), '—');
      // The target is issue 10's: under 10 s per 1,000,000 history rows, judged per million (a register of 5.69M rows
      // has 57 s), and only at ≥ 1M rows (below, fixed costs dominate). Wall seconds on a shared machine say little: the
      // CPU seconds (all threads) and the load beside them.
      const judged = f.historyRows >= 1_000_000;
      const target = judged ? '< 10 s' : '(< 10 s at ≥ 1M rows: not judged)';
      const perMillion = (seconds: number) => Number(((seconds * 1_000_000) / f.historyRows).toFixed(2));
      add('million', 'chainOnlySeconds', Number(f.chainOnlySeconds.toFixed(2)), '— (one thread)');
      add('million', 'chainOnlySecondsPerMillionRows', perMillion(f.chainOnlySeconds), '— (one thread; the command line splits the chain over two)');
      add('million', 'fullVerifySeconds', Number(f.fullVerifySeconds.toFixed(2)), '—');
      add('million', 'fullVerifySecondsPerMillionRows', perMillion(f.fullVerifySeconds), target, !judged || perMillion(f.fullVerifySeconds) < 10);
      add('million', 'fullVerifyCpuSeconds', Number(f.fullVerifyCpuSeconds.toFixed(1)), '— (user + sys, every thread)');
      add('million', 'loadDuringVerify', f.load, '— (1-minute load average before, after)');
      add('million', 'verifyLastLine', f.fullVerifyLine, 'history ok …', f.fullVerifyLine.startsWith('history ok '));
    } catch (err) {
      add('million', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`million failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  if (parts.includes('attachments')) {
    try {
      log('hostile attachments …');
      const f = await runAttachments({ overLimit: true, log });
      add('attachments', 'files', f.files, '—');
      add('attachments', 'refused', f.refused, '—');
      add('attachments', 'storedSafely', f.storedSafely, `refused + stored = ${f.files}`, f.refused + f.storedSafely === f.files);
      add('attachments', 'unsafe', f.unsafe, '0', f.unsafe === 0);
      add('attachments', 'refusalsThatWrote', f.refusalsThatWrote, '0', f.refusalsThatWrote === 0);
      add('attachments', 'refusalsWithoutChineseMessage', f.refusalsWithoutChineseMessage, '0', f.refusalsWithoutChineseMessage === 0);
      add('attachments', 'writtenOutsideAttachments', f.writtenOutsideAttachments, '0', f.writtenOutsideAttachments === 0);
      add('attachments', 'strayFilesInAttachments', f.strayInAttachments, '0', f.strayInAttachments === 0 && attachmentsPassed(f));
      for (const r of f.results) log(`  ${r.name}: ${r.outcome}`);
      for (const p of f.problems) log(`  attachments: ${p}`);
    } catch (err) {
      add('attachments', 'error', String((err as Error)?.message ?? err).slice(0, 200), 'none', false);
      log(`attachments failed: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  const width = Math.max(...figures.map((f) => `${f.part}.${f.key}`.length));
  console.log('');
  console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(16)}  target`);
  for (const f of figures) {
    const value = typeof f.value === 'number' ? fmt(f.value, Number.isInteger(f.value) ? 0 : 2) : f.value;
    console.log(`${`${f.part}.${f.key}`.padEnd(width)}  ${value.padStart(16)}  ${f.target}${f.ok ? '' : '   ← MISSED'}`);
  }
  const ok = figures.every((f) => f.ok);
  console.log(`\n${ok ? 'all figures within their targets' : 'SOME FIGURES MISSED THEIR TARGETS'} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s, load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  if (values.json) {
    fs.writeFileSync(values.json, `${JSON.stringify({ startedAt: started.toISOString(), seed, parts, ok, figures }, null, 2)}\n`);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
