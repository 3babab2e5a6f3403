import { describe, expect, it } from 'vitest';
import type { AttachmentInfo, Result } from '../../api/core';
import { queueItems, reportOf, uploadQueued, type UploadItem } from './attachment-files';

const MB = 1024 * 1024;
const LIMITS = { maxFileBytes: 50 * MB, maxCaseBytes: 500 * MB };

/** A File of `size` bytes without allocating them (only name and size are read before `read`). */
function fakeFile(name: string, size: number): File {
  return { name, size } as File;
}

function info(name: string, size: number): AttachmentInfo {
  return { id: 1, caseId: 7, name, size, mimeType: 'image/jpeg', kind: 'image', sha256: 'a'.repeat(64), addedBy: '陈登记', addedAt: '2026-12-01 10:00:00', voided: null, downloadOnly: false };
}

describe('files on their way to a case', () => {
  it('refuses an over-limit file at once, before anything is read or sent', () => {
    const [big, small] = queueItems([fakeFile('录像.mp4', 51 * MB), fakeFile('信.pdf', 2 * MB)], LIMITS);
    expect(big.state).toBe('refused');
    expect(big.message).toBe('文件有 51 MB，超过单个附件的上限 50 MB');
    expect(small.state).toBe('queued');
    expect(small.message).toBeNull();
  });

  it('sends one file after another; a refused one (the core\'s words) does not stop the next', async () => {
    const items = queueItems([fakeFile('a.jpg', 10), fakeFile('假图片.jpg', 20), fakeFile('c.pdf', 30)], LIMITS);
    const sent: string[] = [];
    let inFlight = 0;
    const states: Array<[string, string]> = [];
    const ended = await uploadQueued(items, {
      limits: LIMITS,
      usedBytes: 0,
      read: async (file) => `b64:${file.name}`,
      async send(name, content): Promise<Result<AttachmentInfo>> {
        inFlight += 1;
        expect(inFlight).toBe(1); // never two at once
        sent.push(`${name}=${content}`);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        if (name === '假图片.jpg') return { ok: false, error: { code: 'VALIDATION', message: '文件「假图片.jpg」的扩展名是图片，内容却是文本' } };
        return { ok: true, value: info(name, name === 'a.jpg' ? 10 : 30) };
      },
      onChange: (item) => states.push([item.file.name, item.state]),
    });
    expect(sent).toEqual(['a.jpg=b64:a.jpg', '假图片.jpg=b64:假图片.jpg', 'c.pdf=b64:c.pdf']);
    expect(ended.map((e) => [e.file.name, e.state, e.message])).toEqual([
      ['a.jpg', 'added', null],
      ['假图片.jpg', 'refused', '文件「假图片.jpg」的扩展名是图片，内容却是文本'],
      ['c.pdf', 'added', null],
    ]);
    expect(ended[0].attachment?.name).toBe('a.jpg');
    // each file was read, then sent, then ended, in that order
    expect(states.filter(([n]) => n === 'a.jpg').map(([, s]) => s)).toEqual(['reading', 'sending', 'added']);
    expect(reportOf('2026-000001', ended)).toEqual({
      registerNo: '2026-000001',
      added: ['a.jpg', 'c.pdf'],
      refused: [{ name: '假图片.jpg', message: '文件「假图片.jpg」的扩展名是图片，内容却是文本' }],
    });
  });

  it('stops at the case\'s total: what the case holds plus what was added in this batch', async () => {
    const items = queueItems([fakeFile('a.pdf', 40 * MB), fakeFile('b.pdf', 40 * MB), fakeFile('c.pdf', 1 * MB)], LIMITS);
    const sent: string[] = [];
    const ended = await uploadQueued(items, {
      limits: LIMITS,
      usedBytes: 430 * MB,
      read: async () => 'x',
      async send(name) {
        sent.push(name);
        return { ok: true, value: info(name, name === 'c.pdf' ? MB : 40 * MB) };
      },
      onChange: () => undefined,
    });
    expect(sent).toEqual(['a.pdf', 'c.pdf']);
    expect(ended.map((e) => e.state)).toEqual(['added', 'refused', 'added']);
    expect(ended[1].message).toBe('本件附件合计将超过 500 MB 的上限');
  });

  it('reports a file that cannot be read (moved away since it was picked) and goes on', async () => {
    const items = queueItems([fakeFile('gone.jpg', 10), fakeFile('ok.jpg', 10)], LIMITS);
    const ended = await uploadQueued(items, {
      limits: LIMITS,
      usedBytes: 0,
      read: async (file) => {
        if (file.name === 'gone.jpg') throw new Error('NotFoundError');
        return 'x';
      },
      send: async (name) => ({ ok: true, value: info(name, 10) }),
      onChange: () => undefined,
    });
    expect(ended.map((e: UploadItem) => [e.state, e.message])).toEqual([['refused', '无法读取此文件（可能已被移动或删除）'], ['added', null]]);
  });

  it('leaves items that ended before the batch (refused at once) as they were, unsent', async () => {
    const items = queueItems([fakeFile('huge.wav', 60 * MB)], LIMITS);
    let calls = 0;
    const ended = await uploadQueued(items, { limits: LIMITS, usedBytes: 0, read: async () => 'x', send: async () => { calls += 1; return { ok: false, error: { code: 'INTERNAL', message: '' } }; }, onChange: () => undefined });
    expect(calls).toBe(0);
    expect(ended[0].state).toBe('refused');
  });
});
