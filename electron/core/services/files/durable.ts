import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writing files so that a power cut leaves either the old state or the new one, never a half-written file under
 * its final name: a temporary file beside it, written and fsynced, renamed, then the folder fsynced (a rename
 * is durable once the folder's entry is). One implementation for every file the core keeps: attachments,
 * issued papers and summaries, backups and their manifests, the backup status, a restored register.
 */

/** fsync of a folder, so a rename in it survives a power cut (Windows cannot open a folder for that: skipped there). */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync on libuv's thread pool: flushing a large copy to a slow USB disk never holds up the event loop. */
export async function fsyncFileAsync(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** SHA-256 (hex) of a file, read as a stream: a large register never blocks the event loop for long. */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export interface DurableWriteOptions {
  /** the temporary file's path (beside the final one); default: a fresh hidden name in the same folder */
  temp?: string;
  /** writes the temporary file instead of the default (tests inject a full disk here); fsynced afterwards */
  write?: (file: string, data: string | Uint8Array) => void;
}

/** Writes `data` as `final`: temp file, fsync, rename, folder fsync. On failure the temp file is removed and `final` is untouched. */
export function writeFileDurably(final: string, data: string | Uint8Array, options: DurableWriteOptions = {}): void {
  const temp = options.temp ?? path.join(path.dirname(final), `.${path.basename(final)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    if (options.write) {
      options.write(temp, data);
      fsyncFile(temp);
    } else {
      if (options.temp) fs.rmSync(temp, { force: true }); // a fixed temp name a crash left behind
      const fd = fs.openSync(temp, 'wx');
      try {
        fs.writeFileSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    fs.renameSync(temp, final);
  } catch (err) {
    try { fs.rmSync(temp, { force: true }); } catch { /* nothing to remove */ }
    throw err;
  }
  fsyncFolder(path.dirname(final));
}
