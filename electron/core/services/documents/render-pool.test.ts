import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { samplePaper } from '../../../cli/bench-paper-sample';
import { makeOffice, must } from '../../testing';
import { createRenderPool } from './render-pool';

/** The render workers: the same PDF and Word files as rendering here, several at once, a render's error passed back. */
describe('render pool', () => {
  it('renders PDFs and Word files on worker threads, two at a time, and passes a failure back with its message', async () => {
    const pool = createRenderPool(2);
    const docs = [samplePaper('accept'), samplePaper('supervise', 1), samplePaper('supervise', 2)];
    const pdfs = await Promise.all(docs.map((d) => pool.pdf([d])));
    for (const bytes of pdfs) expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const batch = await pool.pdf(docs);
    expect(batch.byteLength).toBeGreaterThan(Math.max(...pdfs.map((b) => b.byteLength)));
    const docx = await pool.docx(docs[0]);
    expect(Buffer.from(docx.subarray(0, 2)).toString()).toBe('PK');
    await expect(pool.pdf([docs[0]], { bodyFontFile: '/nonexistent/simfang.ttf' })).rejects.toThrow(/字体/);
    // The pool still works after a failed render.
    expect((await pool.pdf([docs[1]])).byteLength).toBeGreaterThan(1000);
  }, 60_000);

  it('draws the statistics summary on a worker thread too (statistics/pdf), as the template draws it', async () => {
    const o = await makeOffice('2026-12-02 09:00');
    try {
      const report = must(await o.core.call('statistics/get', { period: { kind: 'month', month: '2026-11' } }, o.as.supervisor));
      const bytes = await createRenderPool(1).statisticsSummary({ officeName: '测试县政务服务中心', report, trend: null, preparedBy: '赵主任' });
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pool-summary-')), 's.pdf');
      fs.writeFileSync(file, bytes);
      const text = (await promisify(execFile)('pdftotext', [file, '-'])).stdout.replace(/(?<=\S) (?=\S)/g, '');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      expect(text).toContain('测试县政务服务中心');
      expect(text).toContain('2026年11月');
      expect(text).toContain('赵主任');
    } finally {
      await o.core.close();
    }
  }, 60_000);
});
