/**
 * A file name (a FileResult's, e.g. 工作日历-2026.csv) safe to suggest anywhere it is delivered: in an
 * HTTP header, a save dialog, a path on disk. No control characters, no path separators, none of the
 * characters Windows refuses in a name, no leading or trailing dots and spaces.
 */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  return cleaned === '' ? 'download' : cleaned;
}
