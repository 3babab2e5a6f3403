/**
 * A file name (a FileResult's, e.g. 工作日历-2026.csv) safe to suggest anywhere it is delivered: in an
 * HTTP header, a save dialog, a path on disk. No control characters (C0, C1), no invisible direction or
 * line marks (a right-to-left override makes 答复函<RLO>fdp.exe read as 答复函exe.pdf), no path
 * separators, none of the characters Windows refuses in a name, no leading or trailing dots and spaces,
 * and not one of the device names Windows reserves (CON.csv cannot be saved there).
 */
const REFUSED = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff/\\:*?"<>|]+/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

export function safeFileName(name: string): string {
  const cleaned = name.replace(REFUSED, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (cleaned === '') return 'download';
  return WINDOWS_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
}
