/**
 * A separate process for db/lock.test.ts: takes the data-folder lock when told to, reports whether it
 * won, and releases it (or dies holding it) on command. Each racer is a real process, as two copies of
 * the app would be.
 */
import { acquireDataLock } from './lock';

type Command = { take: string } | { release: true } | { die: true };

let release: (() => void) | null = null;
process.on('message', (cmd: Command) => {
  if ('take' in cmd) {
    try {
      release = acquireDataLock(cmd.take);
      process.send!({ won: true, pid: process.pid });
    } catch (err) {
      process.send!({ won: false, pid: process.pid, message: (err as Error).message });
    }
  } else if ('release' in cmd) {
    release?.();
    release = null;
    process.send!({ released: true });
  } else {
    process.kill(process.pid, 'SIGKILL'); // no exit handlers: the lock stays behind, as after a crash
  }
});
process.send!({ ready: true, pid: process.pid });
