import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { ROOT } from './cli-bundle';

/**
 * The command line as an operator runs it, for the CLI tests: a real process over a real data folder. The
 * child is plain `node` on the bundle vitest's globalSetup built (tests/support/global-setup.ts): one
 * process, so its pid is the one in the lock file and SIGTERM reaches it, and it starts without compiling the
 * core. Without that bundle (a runner that does not load vitest.config.mts) it falls back to `node --import tsx`
 * on the source.
 */
export { ROOT };
export const CLI_SOURCE = path.join(ROOT, 'electron/cli/index.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** What the child reads on stdin (then closed); without it stdin is ignored. */
  stdin?: string;
  /** Runs the child under bash's `ulimit -f` (1024-byte blocks): SQLite's own writes fail as on a full disk. */
  fileLimitKb?: number;
  /** The child is killed (and the run rejected) after this long. */
  timeoutMs?: number;
}

/** `node` and the arguments before the CLI's own: the bundle, or tsx on the source. */
export function cliCommand(): string[] {
  const bundle = inject('cliBundle');
  if (bundle && fs.existsSync(bundle)) return [process.execPath, bundle];
  return [process.execPath, '--import', 'tsx', CLI_SOURCE];
}

const children = new Set<ChildProcess>();

/** Starts the CLI; the caller reads its pipes. Children still running are killed by `killCliChildren`. */
export function startCli(args: string[], options: Pick<CliOptions, 'stdin' | 'fileLimitKb'> = {}): ChildProcess {
  const cmd = [...cliCommand(), ...args];
  const stdio: ['pipe' | 'ignore', 'pipe', 'pipe'] = [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
  const child = options.fileLimitKb === undefined
    ? spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env: process.env, stdio })
    : spawn('bash', ['-c', `ulimit -f ${options.fileLimitKb}; exec "$@"`, 'bash', ...cmd], { cwd: ROOT, env: process.env, stdio });
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  return child;
}

/** Runs the CLI to its end: exit code and what it printed. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  return new Promise((resolve, reject) => {
    const child = startCli(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${args.join(' ')}\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Kills every CLI child of this file still running (an afterAll: a failed test must not leave a server behind). */
export function killCliChildren(): void {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}
