import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';
import { fsyncFolder, writeFileDurably } from './durable';

/**
 * The files the office issues and keeps unchanged: `<root>/<folder>/<year>/<sha256>.pdf`, where root is the data
 * folder — issued papers under `papers/`, issued statistics summaries under `summaries/`. A file is written to a
 * temporary name, flushed to the disk (fsync) and renamed into place BEFORE the transaction that records it, so a
 * recorded file is always complete; a crash in between leaves at most a file no record names. Its name is its
 * hash: the same bytes are one file, and a file is never overwritten. Reading checks the hash recorded.
 */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface StoredFile { file: string; sha256: string; size: number }

/** What is kept where, and the word the messages use for it. */
export const FROZEN_KINDS = {
  papers: { folder: 'papers', noun: '文书' },
  summaries: { folder: 'summaries', noun: '统计汇总表' },
} as const;
export type FrozenKind = keyof typeof FROZEN_KINDS;

export interface FrozenStore {
  /** the folder files are stored under (the data folder), or null when the core has none */
  readonly root: string | null;
  save(year: number, bytes: Uint8Array): StoredFile;
  /** the stored bytes, checked against the SHA-256 recorded when it was issued */
  read(file: string, sha256: string): Uint8Array;
  /** removes a file written for something that was then not recorded */
  discard(file: string): void;
}

/** Why nothing can be issued by a core without a data folder (a memory core). */
export const noStoreMessage = (kind: FrozenKind): string =>
  `此登记册没有数据目录，签发的${FROZEN_KINDS[kind].noun}无法存档，因此不能签发（请通过桌面版、serve 或命令行 --data 打开登记册）`;

export function createFrozenStore(root: string | null, kind: FrozenKind): FrozenStore {
  const { folder, noun } = FROZEN_KINDS[kind];
  const absolute = (file: string) => {
    if (root === null) throw new AppError('INVALID_TRANSITION', noStoreMessage(kind));
    const full = path.resolve(root, file);
    // The recorded path is ours, but a row edited behind the app's back must not read files elsewhere.
    if (!full.startsWith(path.resolve(root, folder) + path.sep)) throw new AppError('CONFLICT', `${noun}记录中的文件位置无效，${noun}记录可能已被改动`);
    return full;
  };
  return {
    root,
    save(year, bytes) {
      if (root === null) throw new AppError('INVALID_TRANSITION', noStoreMessage(kind));
      const sha256 = sha256Hex(bytes);
      const file = `${folder}/${year}/${sha256}.pdf`;
      const full = absolute(file);
      const dir = path.dirname(full);
      fs.mkdirSync(dir, { recursive: true });
      if (fs.existsSync(full) && sha256Hex(fs.readFileSync(full)) === sha256) return { file, sha256, size: bytes.byteLength };
      writeFileDurably(full, bytes);
      return { file, sha256, size: bytes.byteLength };
    },
    read(file, sha256) {
      const full = absolute(file);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(full));
      } catch {
        throw new AppError('NOT_FOUND', `${noun}文件不存在（${file}）：数据目录中的存档文件已丢失或被移走，请从备份恢复`);
      }
      if (sha256Hex(bytes) !== sha256) {
        throw new AppError('CONFLICT', `${noun}文件已被改动：${file} 的 SHA-256 与签发时记录的不一致，不能作为签发的${noun}提供，请从备份恢复`);
      }
      return bytes;
    },
    discard(file) {
      try { fs.unlinkSync(absolute(file)); } catch { /* already gone */ }
    },
  };
}
