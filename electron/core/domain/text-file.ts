/**
 * A text file as an office PC saves it, read from its bytes. Excel on Chinese Windows saves
 * "CSV (逗号分隔)" in the ANSI code page, GBK, which GB18030 contains; "CSV UTF-8" and Notepad save
 * UTF-8 with a BOM, other editors without one; "Unicode 文本" is UTF-16 LE with a BOM. The bytes decide:
 * a BOM names its encoding; else zero bytes (which no UTF-8 or GBK text holds) mostly on one side of
 * each pair are UTF-16 without a BOM; else bytes that are valid UTF-8 are UTF-8 (GBK text of any length
 * is almost never valid UTF-8); else GB18030. Bytes that fit none, or hold other zero bytes (a workbook
 * .xlsx, a picture), are not text.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type DecodedText = { text: string; encoding: TextEncodingName } | { error: string };

const NOT_TEXT = '这不是文本文件（可能是 Excel 工作簿 .xlsx）：请在 Excel 中“另存为”CSV 文件后再导入';
const UNREADABLE = '文件的文字编码无法识别：请保存为 UTF-8 或 GBK（Excel 的“CSV (逗号分隔)”）编码的 CSV 文件后再导入';

function decode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Controls no text file holds (tab, line feed and carriage return are text). */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * UTF-16 saved without a BOM: every ASCII character (the dates, commas, digits of a calendar file) has a
 * zero byte on one side of its pair, the high side (LE) or the low (BE); the other side has one only in
 * the odd character such as 一 (U+4E00). A workbook or picture has zero bytes on both sides alike, or
 * decodes to control characters.
 */
function utf16WithoutBom(bytes: Uint8Array): DecodedText | null {
  if (bytes.length % 2 !== 0) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  if (Math.max(evenZeros, oddZeros) < 4 * Math.min(evenZeros, oddZeros)) return null;
  const encoding: TextEncodingName = oddZeros > 0 ? 'utf-16le' : 'utf-16be';
  const text = decode(bytes, encoding);
  return text === null || CONTROLS.test(text) ? null : { text, encoding };
}

export function decodeTextFile(bytes: Uint8Array): DecodedText {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  const bom: TextEncodingName | null = starts(0xef, 0xbb, 0xbf) ? 'utf-8' : starts(0xff, 0xfe) ? 'utf-16le' : starts(0xfe, 0xff) ? 'utf-16be' : null;
  if (bom !== null) {
    // TextDecoder drops the BOM it recognises (ignoreBOM: false).
    const text = decode(bytes, bom);
    return text === null ? { error: UNREADABLE } : { text, encoding: bom };
  }
  if (bytes.includes(0)) {
    const utf16 = utf16WithoutBom(bytes);
    return utf16 ?? { error: NOT_TEXT };
  }
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    const text = decode(bytes, encoding);
    if (text !== null) return { text, encoding };
  }
  return { error: UNREADABLE };
}
