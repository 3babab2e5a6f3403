import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';
import { fsyncFolder, writeFileDurably } from './durable';

/**
 * Attachments' bytes, content-addressed: `<root>/ab/<sha256>.bin`, where root is `<data>/attachments` (or a
 * backup destination's `attachments/`) and `ab` the hash's first two hex digits. The path is made from the
 * hash alone, never from a file's name, so no name can reach outside the root. A blob is written to a
 * temporary file in its folder, flushed (fsync), renamed into place and the folder flushed, BEFORE the
 * transaction that records it: a recorded blob is always complete, and a crash leaves at most a blob no row
 * names. The same bytes are one file; a blob is never overwritten or removed.
 */
export const ATTACHMENTS_FOLDER = 'attachments';

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The attachments root of a data folder. */
export const attachmentsRoot = (dataDir: string): string => path.join(dataDir, ATTACHMENTS_FOLDER);

/** Where the blob of this hash lives (refuses anything that is not a lowercase SHA-256 in hex). */
export function blobPath(root: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new AppError('CONFLICT', '附件记录中的 SHA-256 格式不正确，附件记录可能已被改动');
  return path.join(root, sha256.slice(0, 2), `${sha256}.bin`);
}

/** Is the file at `file` exactly these bytes' blob (its size and hash)? */
function holds(file: string, sha256: string, size: number): boolean {
  try {
    if (fs.statSync(file).size !== size) return false;
    return sha256Of(fs.readFileSync(file)) === sha256;
  } catch {
    return false;
  }
}

export interface StoredBlob { sha256: string; size: number; written: boolean }

/**
 * Stores the bytes (the same bytes stored before: nothing is written). A blob of the right name but other
 * content (a damaged disk, an edit behind the app's back) is replaced by the right bytes, atomically.
 */
export function storeBlob(root: string, bytes: Uint8Array): StoredBlob {
  const sha256 = sha256Of(bytes);
  const file = blobPath(root, sha256);
  const dir = path.dirname(file);
  if (holds(file, sha256, bytes.byteLength)) return { sha256, size: bytes.byteLength, written: false };
  const created = !fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  if (created) fsyncFolder(path.dirname(dir));
  writeFileDurably(file, bytes);
  return { sha256, size: bytes.byteLength, written: true };
}

/** Copies a blob from one root to another (a backup destination) unless it holds it already; checks the bytes first. */
export function copyBlob(fromRoot: string, toRoot: string, sha256: string, size: number): boolean {
  if (holds(blobPath(toRoot, sha256), sha256, size)) return false;
  const bytes = readBlob(fromRoot, sha256, size);
  return storeBlob(toRoot, bytes).written;
}

/** The stored bytes, re-hashed: a missing or altered blob is an error naming what is wrong. */
export function readBlob(root: string, sha256: string, size?: number): Uint8Array {
  const file = blobPath(root, sha256);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new AppError('NOT_FOUND', `附件文件不存在（${path.join(ATTACHMENTS_FOLDER, sha256.slice(0, 2), `${sha256}.bin`)}）：数据目录中的附件已丢失或被移走，请从备份恢复`);
  }
  if ((size !== undefined && bytes.byteLength !== size) || sha256Of(bytes) !== sha256) {
    throw new AppError('CONFLICT', `附件文件已被改动：${sha256}.bin 的 SHA-256 或大小与登记时记录的不一致，不能提供，请从备份恢复`);
  }
  return bytes;
}

export type BlobProblem = { sha256: string; size: number; problem: 'missing' | 'altered' };

/**
 * Checks each blob (hash and size as recorded) without holding more than one in memory: what is missing or
 * altered. Used by `verify` and by backups.
 */
export function checkBlobs(root: string, blobs: Iterable<{ sha256: string; size: number }>): BlobProblem[] {
  const problems: BlobProblem[] = [];
  for (const { sha256, size } of blobs) {
    let file: string;
    try {
      file = blobPath(root, sha256);
    } catch {
      problems.push({ sha256, size, problem: 'altered' });
      continue;
    }
    if (!fs.existsSync(file)) problems.push({ sha256, size, problem: 'missing' });
    else if (!holds(file, sha256, size)) problems.push({ sha256, size, problem: 'altered' });
  }
  return problems;
}
