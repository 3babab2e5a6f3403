/**
 * A text file as an office PC saves it, read from its bytes. Excel on Chinese Windows saves
 * "CSV (逗号分隔)" in the ANSI code page, GBK, which GB18030 contains; "CSV UTF-8" and Notepad save
 * UTF-8 with a BOM, other editors without one; "Unicode 文本" is UTF-16 LE with a BOM. The bytes decide:
 * a BOM names its encoding; else bytes that are valid UTF-8 are UTF-8 (GBK text of any length is almost
 * never valid UTF-8); else GB18030. Bytes that fit none, or hold NUL bytes (a workbook .xlsx, a picture),
 * are not text.
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

export function decodeTextFile(bytes: Uint8Array): DecodedText {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  const bom: TextEncodingName | null = starts(0xef, 0xbb, 0xbf) ? 'utf-8' : starts(0xff, 0xfe) ? 'utf-16le' : starts(0xfe, 0xff) ? 'utf-16be' : null;
  if (bom !== null) {
    // TextDecoder drops the BOM it recognises (ignoreBOM: false).
    const text = decode(bytes, bom);
    return text === null ? { error: UNREADABLE } : { text, encoding: bom };
  }
  if (bytes.includes(0)) return { error: NOT_TEXT };
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    const text = decode(bytes, encoding);
    if (text !== null) return { text, encoding };
  }
  return { error: UNREADABLE };
}
