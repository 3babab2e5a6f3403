import { describe, expect, it } from 'vitest';
import { attachmentsPassed, runAttachments } from './attachments';

/** The small version of `npm run torture`'s hostile attachments (the same files; the 50 MB one too). */
describe('hostile attachments (small)', () => {
  it('refuses or stores each one safely, and writes nothing outside attachments/', async () => {
    const f = await runAttachments({ overLimit: true });
    expect(f.problems).toEqual([]);
    expect(f.refused + f.storedSafely).toBe(f.files);
    expect(f).toMatchObject({ unsafe: 0, refusalsWithoutChineseMessage: 0, refusalsThatWrote: 0, writtenOutsideAttachments: 0, strayInAttachments: 0 });
    const outcome = (name: string) => f.results.find((r) => r.name === name)?.outcome ?? '';
    expect(outcome('Windows path traversal, a program')).toMatch(/^refused/);
    expect(outcome('HTML renamed .jpg')).toMatch(/^refused/);
    expect(outcome('0-byte file')).toMatch(/^refused/);
    expect(outcome('one byte over the 50 MB limit')).toMatch(/^refused/);
    expect(outcome('PDF with JavaScript')).toMatch(/download only/);
    expect(attachmentsPassed(f)).toBe(true);
  }, 60_000);
});
