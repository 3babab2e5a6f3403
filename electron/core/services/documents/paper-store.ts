import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';

/**
 * The issued papers' files: `<root>/papers/<year>/<sha256>.pdf`, where root is the data folder. A file is
 * written to a temporary name, flushed to the disk (fsync) and renamed into place BEFORE the transaction that
 * records it, so a recorded paper always has its complete file; a crash in between leaves at most a file no
 * record names. Its name is its hash: the same bytes are one file, and a file is never overwritten.
 */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface StoredFile { file: string; sha256: string; size: number }

export interface PaperStore {
  /** the folder files are stored under (the data folder), or null when the core has none */
  readonly root: string | null;
  save(year: number, bytes: Uint8Array): StoredFile;
  /** the stored bytes, checked against the SHA-256 recorded when it was issued */
  read(file: string, sha256: string): Uint8Array;
  /** removes a file written for a paper that was then not recorded (its number was taken meanwhile) */
  discard(file: string): void;
}

export const NO_STORE_MESSAGE = '此登记册没有数据目录，签发的文书无法存档，因此不能签发（请通过桌面版、serve 或命令行 --data 打开登记册）';

function fsyncDir(dir: string): void {
  // A rename is durable once the folder's entry is: fsync the folder too (not possible on Windows).
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

export function createPaperStore(root: string | null): PaperStore {
  const absolute = (file: string) => {
    if (root === null) throw new AppError('INVALID_TRANSITION', NO_STORE_MESSAGE);
    const full = path.resolve(root, file);
    // The recorded path is ours, but a row edited behind the app's back must not read files elsewhere.
    if (!full.startsWith(path.resolve(root, 'papers') + path.sep)) throw new AppError('CONFLICT', '文书记录中的文件位置无效，文书记录可能已被改动');
    return full;
  };
  return {
    root,
    save(year, bytes) {
      if (root === null) throw new AppError('INVALID_TRANSITION', NO_STORE_MESSAGE);
      const sha256 = sha256Hex(bytes);
      const file = `papers/${year}/${sha256}.pdf`;
      const full = absolute(file);
      const dir = path.dirname(full);
      fs.mkdirSync(dir, { recursive: true });
      if (fs.existsSync(full) && sha256Hex(fs.readFileSync(full)) === sha256) return { file, sha256, size: bytes.byteLength };
      const tmp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = fs.openSync(tmp, 'wx');
      try {
        fs.writeSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, full);
      fsyncDir(dir);
      return { file, sha256, size: bytes.byteLength };
    },
    read(file, sha256) {
      const full = absolute(file);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(full));
      } catch {
        throw new AppError('NOT_FOUND', `文书文件不存在（${file}）：数据目录中的存档文件已丢失或被移走，请从备份恢复`);
      }
      if (sha256Hex(bytes) !== sha256) {
        throw new AppError('CONFLICT', `文书文件已被改动：${file} 的 SHA-256 与签发时记录的不一致，不能作为签发的文书提供，请从备份恢复`);
      }
      return bytes;
    },
    discard(file) {
      try { fs.unlinkSync(absolute(file)); } catch { /* already gone */ }
    },
  };
}
