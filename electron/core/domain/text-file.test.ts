import { describe, expect, it } from 'vitest';
import { decodeTextFile } from './text-file';

const TEXT = '日期,类型,名称\n2027-01-01,休,元旦';
// The GBK bytes of TEXT, as Excel's "CSV (逗号分隔)" saves it on Chinese Windows (written out by hand, not
// by an encoder under test): 日 C8D5 期 C6DA 类 C0E0 型 D0CD 名 C3FB 称 B3C6 休 D0DD 元 D4AA 旦 B5A9.
const GBK = Uint8Array.from(Buffer.from('c8d5c6da2cc0e0d0cd2cc3fbb3c60a323032372d30312d30312cd0dd2cd4aab5a9', 'hex'));
const utf8 = (s: string) => Uint8Array.from(Buffer.from(s, 'utf8'));

describe('decodeTextFile', () => {
  it('reads Excel\'s GBK CSV as GB18030', () => {
    expect(decodeTextFile(GBK)).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    expect(decodeTextFile(utf8(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeTextFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(TEXT)]))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads Excel\'s "Unicode 文本" (UTF-16 LE with a BOM)', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from(TEXT, 'utf16le')]);
    expect(decodeTextFile(bytes)).toEqual({ text: TEXT, encoding: 'utf-16le' });
  });

  it('reads UTF-16 without a BOM (some editors save it so), told LE from BE by where the zero bytes of ASCII fall', () => {
    const le = Uint8Array.from(Buffer.from(TEXT, 'utf16le'));
    const be = Uint8Array.from(Buffer.from(TEXT, 'utf16le').swap16());
    expect(decodeTextFile(le)).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeTextFile(be)).toEqual({ text: TEXT, encoding: 'utf-16be' });
    const withYi = `${TEXT}\n2027-10-01,休,国庆节（十一）`; // 一 is U+4E00: a zero byte on the other side too
    expect(decodeTextFile(Uint8Array.from(Buffer.from(withYi, 'utf16le')))).toEqual({ text: withYi, encoding: 'utf-16le' });
  });

  it('reads GB18030 beyond GBK (a four-byte character such as 𠮷)', () => {
    const bytes = Uint8Array.from([...GBK.slice(0, -4), 0x95, 0x34, 0xb2, 0x35]); // 元旦 → 𠮷 (U+20BB7)
    expect(decodeTextFile(bytes)).toEqual({ text: TEXT.replace('元旦', '𠮷'), encoding: 'gb18030' });
  });

  it('refuses a workbook or other binary file, and bytes in no encoding it knows', () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(decodeTextFile(xlsx)).toEqual({ error: expect.stringContaining('不是文本文件') });
    // Zero bytes on one side only, yet no text in UTF-16 either (control characters): still not text.
    expect(decodeTextFile(Uint8Array.from([0x01, 0x00, 0x02, 0x00, 0x41, 0x00]))).toEqual({ error: expect.stringContaining('不是文本文件') });
    expect(decodeTextFile(Uint8Array.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xfd]))).toEqual({ error: expect.stringContaining('编码无法识别') });
    expect(decodeTextFile(Uint8Array.from([0x81, 0x20]))).toEqual({ error: expect.stringContaining('编码无法识别') });
  });
});
