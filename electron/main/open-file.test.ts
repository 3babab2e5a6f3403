import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileResult } from '../core/types';

/** Opening a PDF for printing against a fake electron (Electron never runs on the build machines) and a real temp folder. */
const h = vi.hoisted(() => ({
  temp: '',
  opened: [] as string[],
  answer: '',
}));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'temp' ? h.temp : `/nowhere/${name}`) },
  shell: {
    openPath: vi.fn(async (file: string) => {
      h.opened.push(file);
      return h.answer;
    }),
  },
}));

const { openFileForPrinting, PRINT_FOLDER } = await import('./open-file');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-open-'));
const PDF_BYTES = Uint8Array.from(Buffer.from('%PDF-1.7\n% 受理告知书\n%%EOF\n'));
const FILE: FileResult = { name: '受理告知书-某政服诉受〔2026〕3号.pdf', mimeType: 'application/pdf', bytes: PDF_BYTES };

beforeEach(() => {
  h.temp = fs.mkdtempSync(path.join(tmp, 'temp-'));
  h.opened.length = 0;
  h.answer = '';
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('openFileForPrinting', () => {
  it('writes the PDF under the temp folder and opens it with the system viewer', async () => {
    const result = await openFileForPrinting(FILE);
    expect(result).toEqual({ ok: true, value: { name: FILE.name, saved: true } });
    expect(h.opened).toHaveLength(1);
    const opened = h.opened[0];
    expect(path.basename(opened)).toBe(FILE.name);
    expect(path.relative(path.join(h.temp, PRINT_FOLDER), opened).startsWith('..')).toBe(false);
    expect([...fs.readFileSync(opened)]).toEqual([...PDF_BYTES]);
  });

  it('never overwrites a letter still open: each opening gets its own folder', async () => {
    await openFileForPrinting(FILE);
    await openFileForPrinting(FILE);
    expect(h.opened).toHaveLength(2);
    expect(h.opened[0]).not.toBe(h.opened[1]);
    expect(fs.existsSync(h.opened[0])).toBe(true);
  });

  it('refuses anything but a PDF, and opens nothing', async () => {
    const csv: FileResult = { name: '工作日历-2026.csv', mimeType: 'text/csv; charset=utf-8', bytes: Uint8Array.from([0x31, 0x0d, 0x0a]) };
    expect(await openFileForPrinting(csv)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '只有 PDF 文件可以打开打印' } });
    // A PDF type with other bytes (an .exe named .pdf would start whatever the system runs for it) is refused too.
    const fake: FileResult = { name: 'x.pdf', mimeType: 'application/pdf', bytes: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3]) };
    expect(await openFileForPrinting(fake)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(h.opened).toEqual([]);
    expect(fs.existsSync(path.join(h.temp, PRINT_FOLDER))).toBe(false);
  });

  it('keeps the name inside its folder and ending in .pdf', async () => {
    await openFileForPrinting({ ...FILE, name: '../../etc/答复函' });
    const opened = h.opened[0];
    expect(path.basename(opened)).toBe('_.._etc_答复函.pdf');
    expect(path.relative(path.join(h.temp, PRINT_FOLDER), opened).startsWith('..')).toBe(false);
  });

  it('answers the viewer\'s failure in Chinese, not a throw', async () => {
    h.answer = 'No application is associated with the specified file';
    const result = await openFileForPrinting(FILE);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('未能用 PDF 阅读器打开') } });
  });

  it('removes folders of files opened more than a day ago', async () => {
    await openFileForPrinting(FILE);
    const old = path.dirname(h.opened[0]);
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    fs.utimesSync(old, dayAgo, dayAgo);
    await openFileForPrinting(FILE);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(h.opened[1])).toBe(true);
  });
});
