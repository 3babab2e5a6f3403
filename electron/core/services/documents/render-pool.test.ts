import { describe, expect, it } from 'vitest';
import { samplePaper } from '../../../cli/bench-paper-sample';
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
});
