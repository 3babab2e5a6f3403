import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('carries a Chinese name as UTF-8 in filename* and an ASCII fallback in filename', () => {
    expect(attachmentDisposition('工作日历-2026.csv')).toBe(
      `attachment; filename="_-2026.csv"; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%97%A5%E5%8E%86-2026.csv`,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(attachmentDisposition('工作日历-2026.csv'))![1];
    expect(decodeURIComponent(encoded)).toBe('工作日历-2026.csv');
  });

  it('percent-encodes what RFC 8187 does not allow bare (space, quote, apostrophe, parentheses, percent, semicolon)', () => {
    const header = attachmentDisposition(`a b'(1)%;.csv`);
    expect(header).toBe(`attachment; filename="a b'(1)_;.csv"; filename*=UTF-8''a%20b%27%281%29%25%3B.csv`);
  });

  it('lets no control character, quote or path separator into the header', () => {
    const header = attachmentDisposition('..\\evil\r\nSet-Cookie: x=1/"a".csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).not.toContain('/');
    expect(header).not.toContain('\\');
    expect(/filename="([^"]*)"/.exec(header)![1]).not.toMatch(/["\\]/);
  });
});
