import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, checkBlobs, copyBlob, readBlob, sha256Of, storeBlob } from './attachment-store';

let dir: string;
let root: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachment-store-'));
  root = path.join(dir, 'data', 'attachments');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every file under a folder, relative, sorted. */
const filesUnder = (folder: string): string[] =>
  fs.existsSync(folder) ? (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile()).map((e) => path.relative(folder, path.join(e.parentPath, e.name))).sort() : [];

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('attachment store', () => {
  it('stores bytes under ab/<sha256>.bin, and the same bytes twice once', () => {
    const content = bytes('投诉材料第一页');
    const sha = sha256Of(content);
    expect(storeBlob(root, content)).toEqual({ sha256: sha, size: content.byteLength, written: true });
    const file = path.join(root, sha.slice(0, 2), `${sha}.bin`);
    expect(blobPath(root, sha)).toBe(file);
    const before = fs.statSync(file);
    expect(storeBlob(root, bytes('投诉材料第一页'))).toEqual({ sha256: sha, size: content.byteLength, written: false });
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(filesUnder(dir)).toEqual([path.join('data', 'attachments', sha.slice(0, 2), `${sha}.bin`)]);
    expect(Buffer.from(readBlob(root, sha, content.byteLength)).toString('utf8')).toBe('投诉材料第一页');
  });

  it('takes no name at all: the path is made from the hash, so hostile names cannot reach outside the root', () => {
    // storeBlob has no name parameter; a hash that is not a lowercase hex SHA-256 (as a row edited behind the app's back could hold) is refused.
    for (const bad of ['../../x.exe', '..\\..\\x.exe', `${'a'.repeat(63)}/`, 'A'.repeat(64), `${'a'.repeat(64)}\0`, '']) {
      expect(() => blobPath(root, bad)).toThrow(/SHA-256 格式不正确/);
      expect(() => readBlob(root, bad)).toThrow(/SHA-256 格式不正确/);
    }
    storeBlob(root, bytes('..\\..\\x.exe'));
    expect(filesUnder(dir).every((f) => f.startsWith(path.join('data', 'attachments') + path.sep) && /[0-9a-f]{2}[\\/][0-9a-f]{64}\.bin$/.test(f))).toBe(true);
  });

  it('reports a missing or altered blob instead of handing out other bytes', () => {
    const content = bytes('原件');
    const { sha256 } = storeBlob(root, content);
    const file = blobPath(root, sha256);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, '改过的');
    expect(() => readBlob(root, sha256)).toThrow(/附件文件已被改动/);
    expect(checkBlobs(root, [{ sha256, size: content.byteLength }])).toEqual([{ sha256, size: content.byteLength, problem: 'altered' }]);
    // Storing the right bytes again repairs it (atomically, by rename).
    expect(storeBlob(root, content).written).toBe(true);
    expect(checkBlobs(root, [{ sha256, size: content.byteLength }])).toEqual([]);
    fs.unlinkSync(file);
    expect(() => readBlob(root, sha256)).toThrow(/附件文件不存在/);
    expect(checkBlobs(root, [{ sha256, size: 2 }])).toEqual([{ sha256, size: 2, problem: 'missing' }]);
  });

  it('leaves no temporary file behind, also when the write fails', () => {
    storeBlob(root, bytes('a'));
    expect(filesUnder(root).some((f) => f.endsWith('.tmp'))).toBe(false);
    // A root that is a file: nothing can be written, an error, no partial file anywhere.
    const blocked = path.join(dir, 'blocked');
    fs.writeFileSync(blocked, '');
    expect(() => storeBlob(blocked, bytes('b'))).toThrow();
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('copies a blob to another root (a backup destination) only when that root lacks it', () => {
    const content = bytes('录音');
    const { sha256, size } = storeBlob(root, content);
    const dest = path.join(dir, 'backup', 'attachments');
    expect(copyBlob(root, dest, sha256, size)).toBe(true);
    expect(copyBlob(root, dest, sha256, size)).toBe(false);
    expect(Buffer.from(readBlob(dest, sha256, size)).toString('utf8')).toBe('录音');
    // A damaged source is not copied on.
    fs.writeFileSync(blobPath(root, sha256), 'x');
    fs.rmSync(dest, { recursive: true });
    expect(() => copyBlob(root, dest, sha256, size)).toThrow(/已被改动/);
    expect(filesUnder(dest)).toEqual([]);
  });
});
