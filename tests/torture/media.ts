import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { createBackups } from '../../electron/core/services/backup/backup';
import { BACKUP_NAME, MANIFEST_NAME, PARTIAL_NAME } from '../../electron/core/services/backup/manifest';
import { DB_FILE_NAME } from '../../db/open';
import { logicalDump, makeRegister, tempDir } from './fixture';

/**
 * Failing media: backups by the register's own backup service (createBackups over the open core, the live
 * connection) into destinations that fail part way:
 *  - full: a tmpfs mounted with room for 5 % … 95 % of the register (as root; `mount -t tmpfs -o size=…`), so the
 *    copy, its check or its manifest runs out of space at different points;
 *  - unplugged: a tmpfs lazily unmounted in the middle of the copy (the USB disk pulled out: the folder is still
 *    there, empty, the files being written are gone);
 *  - removed: the destination folder deleted in the middle of the copy.
 * Without root (no tmpfs), the full case is an injected ENOSPC from the manifest's write (BackupHooks.writeFile).
 * Each run must fail with a message (not throw), leave no file with a backup's final name (register-….sqlite or
 * its manifest) and no partial file in the destination, and leave the live register as it was (logical dump
 * equal before and after). Then a backup into a good folder still succeeds (the next opportunity works).
 */
export interface MediaFigures {
  runs: number;
  failedWithMessage: number;
  finalNamedLeft: number;
  partialsLeft: number;
  liveChanged: number;
  nextBackupOk: boolean;
  method: string;
  byCase: Record<string, { runs: number; ok: number }>;
  sampleMessages: string[];
  seconds: number;
  problems: string[];
}

function canMount(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mount = (dir: string, bytes: number) => execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.max(4096, bytes)}`, 'tmpfs', dir], { stdio: 'ignore' });
const umount = (dir: string, lazy = false) => {
  try {
    execFileSync('umount', lazy ? ['-l', dir] : [dir], { stdio: 'ignore' });
  } catch { /* not mounted any more */ }
};

export async function runMedia(opts: { runs: number; log?: (l: string) => void }): Promise<MediaFigures> {
  const t0 = performance.now();
  const dir = tempDir('media');
  const dataDir = path.join(dir, 'data');
  await makeRegister(dataDir, 300, 9);
  const file = path.join(dataDir, DB_FILE_NAME);
  const root = canMount(path.join(dir, 'probe'));
  const f: MediaFigures = {
    runs: 0, failedWithMessage: 0, finalNamedLeft: 0, partialsLeft: 0, liveChanged: 0, nextBackupOk: false,
    method: root ? 'tmpfs (mount -t tmpfs -o size=…; umount -l)' : 'injected ENOSPC (not root: no tmpfs)', byCase: {}, sampleMessages: [], seconds: 0, problems: [],
  };
  const problem = (p: string) => {
    if (f.problems.length < 20) f.problems.push(p);
    opts.log?.(`  PROBLEM ${p}`);
  };
  const core: Core = await openCore(dataDir, { log: () => {} });
  const mounted: string[] = [];
  try {
    const size = fs.statSync(file).size + (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    const before = logicalDump(file);
    const cases: Array<{ name: string; run: (dest: string, i: number) => Promise<{ error: string | null; made: string | null }> }> = [];
    const once = async (dest: string, hooks: Parameters<typeof createBackups>[2]) => {
      const backups = createBackups(core.services.deps, core.services.settings, { pagesPerStep: 8, ...hooks });
      const p = await backups.runNow('manual', dest);
      return { error: p.results[0]?.error ?? null, made: p.results[0]?.backup?.file ?? null };
    };
    if (root) {
      cases.push({
        name: 'full',
        run: async (dest, i) => {
          mount(dest, Math.floor(size * (0.05 + ((i * 0.37) % 0.9))));
          mounted.push(dest);
          return once(dest, {});
        },
      });
      cases.push({
        name: 'unplugged',
        run: async (dest, i) => {
          mount(dest, size * 4);
          mounted.push(dest);
          let steps = 0;
          return once(dest, { onCopyStep: () => { if (++steps === 1 + (i % 5)) umount(dest, true); } });
        },
      });
    } else {
      cases.push({
        name: 'full',
        run: async (dest) => {
          fs.mkdirSync(dest, { recursive: true });
          return once(dest, { writeFile: () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); } });
        },
      });
    }
    cases.push({
      name: 'removed',
      run: async (dest, i) => {
        fs.mkdirSync(dest, { recursive: true });
        let steps = 0;
        return once(dest, { onCopyStep: () => { if (++steps === 1 + (i % 5)) fs.rmSync(dest, { recursive: true, force: true }); } });
      },
    });
    for (let i = 0; i < opts.runs; i++) {
      const c = cases[i % cases.length];
      const dest = path.join(dir, `dest-${i}`);
      fs.mkdirSync(dest, { recursive: true });
      f.byCase[c.name] ??= { runs: 0, ok: 0 };
      f.byCase[c.name].runs++;
      f.runs++;
      let result: { error: string | null; made: string | null };
      try {
        result = await c.run(dest, i);
      } catch (err) {
        result = { error: null, made: null };
        problem(`${c.name} ${i}: the backup threw instead of reporting: ${String((err as Error)?.message ?? err)}`);
      }
      const left = fs.existsSync(dest) ? fs.readdirSync(dest) : [];
      const finals = left.filter((n) => BACKUP_NAME.test(n) || MANIFEST_NAME.test(n));
      const partials = left.filter((n) => PARTIAL_NAME.test(n));
      const changed = logicalDump(file) !== before;
      let ok = true;
      if (result.error && !result.made) f.failedWithMessage++;
      else {
        ok = false;
        // a tmpfs big enough for the whole backup is a success, not a failure: only when it should have failed
        problem(`${c.name} ${i}: ${result.made ? `made ${path.basename(result.made)}` : 'no message'}`);
      }
      if (finals.length) (f.finalNamedLeft += finals.length, ok = false, problem(`${c.name} ${i}: final-named files left: ${finals.join(', ')}`));
      if (partials.length) (f.partialsLeft += partials.length, ok = false, problem(`${c.name} ${i}: partial files left: ${partials.join(', ')}`));
      if (changed) (f.liveChanged++, ok = false, problem(`${c.name} ${i}: the live register changed`));
      if (ok) f.byCase[c.name].ok++;
      if (result.error && f.sampleMessages.length < 3 && !f.sampleMessages.some((m) => m.startsWith(c.name))) f.sampleMessages.push(`${c.name}: ${result.error}`);
      umount(dest, true);
    }
    // the next opportunity, on a good folder, works
    const good = path.join(dir, 'good');
    const next = await createBackups(core.services.deps, core.services.settings).runNow('manual', good);
    f.nextBackupOk = next.phase === 'done' && !!next.results[0]?.backup?.verified;
    if (!f.nextBackupOk) problem(`the backup after the failures did not succeed: ${next.results[0]?.error}`);
  } finally {
    for (const m of mounted) umount(m, true);
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  f.seconds = (performance.now() - t0) / 1000;
  return f;
}

export function mediaPassed(f: MediaFigures): boolean {
  return f.failedWithMessage === f.runs && f.finalNamedLeft === 0 && f.partialsLeft === 0 && f.liveChanged === 0 && f.nextBackupOk && f.problems.length === 0;
}
