import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileResult } from '../core/types';

/** The save dialog against a fake electron (Electron never runs on the build machines) and a real folder. */
const h = vi.hoisted(() => ({
  documents: '',
  answer: { canceled: false, filePath: '' as string | undefined },
  dialogs: [] as Array<{ window: unknown; options: Electron.SaveDialogOptions }>,
}));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'documents' ? h.documents : `/nowhere/${name}`) },
  dialog: {
    showSaveDialog: vi.fn(async (window: unknown, options: Electron.SaveDialogOptions) => {
      h.dialogs.push({ window, options });
      return h.answer;
    }),
  },
}));

const { saveFileWithDialog } = await import('./save-file');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-save-'));
const WINDOW = { id: 'main window' };
const FILE: FileResult = { name: '工作日历-2026.csv', mimeType: 'text/csv; charset=utf-8', bytes: Uint8Array.from([0xef, 0xbb, 0xbf, 0x31, 0x0d, 0x0a]) };

beforeEach(() => {
  h.documents = path.join(tmp, '文档');
  h.dialogs.length = 0;
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('saveFileWithDialog', () => {
  it('offers the file\'s own name in Documents, modal to the window, and writes the bytes where the person chose', async () => {
    const target = path.join(tmp, '另存为.csv');
    h.answer = { canceled: false, filePath: target };
    const result = await saveFileWithDialog(FILE, WINDOW as never);
    expect(result).toEqual({ ok: true, value: { name: '另存为.csv', saved: true } });
    expect(h.dialogs).toHaveLength(1);
    expect(h.dialogs[0].window).toBe(WINDOW);
    expect(h.dialogs[0].options.defaultPath).toBe(path.join(h.documents, '工作日历-2026.csv'));
    expect(h.dialogs[0].options.filters?.[0]).toEqual({ name: 'CSV 文件', extensions: ['csv'] });
    expect([...fs.readFileSync(target)]).toEqual([...FILE.bytes]);
  });

  it('tells the page nothing was saved when the dialog is closed, and writes nothing', async () => {
    h.answer = { canceled: true, filePath: '' };
    const before = fs.readdirSync(tmp);
    expect(await saveFileWithDialog(FILE, WINDOW as never)).toEqual({ ok: true, value: { name: '工作日历-2026.csv', saved: false } });
    expect(fs.readdirSync(tmp)).toEqual(before);
  });

  it('never suggests a path out of the folder from the file\'s name', async () => {
    h.answer = { canceled: true, filePath: '' };
    await saveFileWithDialog({ ...FILE, name: '../../etc/passwd' }, WINDOW as never);
    expect(path.dirname(h.dialogs[0].options.defaultPath!)).toBe(h.documents);
  });

  it('answers a Chinese error, not a throw, when the place cannot be written', async () => {
    h.answer = { canceled: false, filePath: path.join(tmp, 'no-such-folder', 'x.csv') };
    const result = await saveFileWithDialog(FILE, WINDOW as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('文件未能保存到') } });
  });
});
