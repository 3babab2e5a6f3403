import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileResult } from '../core/types';

/** Opening an attachment with the system's viewer against a fake electron and a real temp folder. */
const h = vi.hoisted(() => ({ temp: '', opened: [] as string[], answer: '' }));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'temp' ? h.temp : `/nowhere/${name}`) },
  shell: {
    openPath: vi.fn(async (file: string) => {
      h.opened.push(file);
      return h.answer;
    }),
  },
}));

const { openAttachment, OPEN_FOLDER } = await import('./open-file');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-open-attachment-'));
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...Buffer.from('JFIF\0照片')]);
const file = (name: string, mimeType: string, bytes: Uint8Array | string): FileResult =>
  ({ name, mimeType, bytes: typeof bytes === 'string' ? Uint8Array.from(Buffer.from(bytes)) : bytes });

beforeEach(() => {
  h.temp = fs.mkdtempSync(path.join(tmp, 'temp-'));
  h.opened.length = 0;
  h.answer = '';
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('openAttachment', () => {
  it('writes a copy under its own temp folder and opens it with the system viewer', async () => {
    const result = await openAttachment(file('来信.jpg', 'image/jpeg', JPEG));
    expect(result).toEqual({ ok: true, value: { name: '来信.jpg', saved: true } });
    expect(h.opened).toHaveLength(1);
    expect(path.basename(h.opened[0])).toBe('来信.jpg');
    expect(path.relative(path.join(h.temp, OPEN_FOLDER), h.opened[0]).startsWith('..')).toBe(false);
    expect([...fs.readFileSync(h.opened[0])]).toEqual([...JPEG]);
    // Each opening gets its own folder: a copy still open is never overwritten.
    await openAttachment(file('来信.jpg', 'image/jpeg', JPEG));
    expect(h.opened[1]).not.toBe(h.opened[0]);
  });

  it('opens a web page kept as text under a .txt name (a text editor, never the browser)', async () => {
    const r = await openAttachment(file('通知.html', 'text/plain; charset=utf-8', '<html><script>alert(1)</script></html>'));
    expect(r).toEqual({ ok: true, value: { name: '通知.html.txt', saved: true } });
    expect(path.basename(h.opened[0])).toBe('通知.html.txt');
  });

  it('never opens a PDF with JavaScript, a program, or bytes that are not what the stored type says', async () => {
    const js = file('材料.pdf', 'application/pdf', '%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n');
    expect(await openAttachment(js)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('只能下载保存') } });
    const exe = file('x.exe', 'application/octet-stream', Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
    expect(await openAttachment(exe)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A row edited behind the app's back to call a page a picture: the bytes decide, and they disagree.
    const page = file('照片.jpg', 'image/jpeg', '<html><script>alert(1)</script></html>');
    expect(await openAttachment(page)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const relabelled = file('说明.txt', 'text/html', 'plain words');
    expect(await openAttachment(relabelled)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('与登记的类型不符') } });
    expect(h.opened).toEqual([]);
    expect(fs.existsSync(path.join(h.temp, OPEN_FOLDER))).toBe(false);
  });

  it('says so when no program opens the type', async () => {
    h.answer = 'No application is associated with the specified file';
    const r = await openAttachment(file('录音.wav', 'audio/wav', Uint8Array.from([...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WAVEfmt '), 0, 0, 0, 0])));
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('录音') } });
  });
});
