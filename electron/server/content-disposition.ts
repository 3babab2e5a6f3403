/**
 * `Content-Disposition: attachment` naming a file the way RFC 6266 asks: a plain ASCII `filename` for old
 * clients, and `filename*` (RFC 8187: UTF-8, percent-encoded) carrying the real name, so 工作日历-2026.csv
 * survives in every current browser. Control characters and path separators never reach the header.
 */
import { safeFileName } from '../core/file-name';

const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeRfc8187(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  // The fallback keeps what ASCII can say (the year, the extension); each run of other characters becomes one _.
  const fallback = safe.replace(/[^\x20-\x7e]+/g, '_').replace(/[%"\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}
