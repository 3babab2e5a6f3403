import type { FileDelivery } from './core';

/**
 * The browser's one place for a file answer (served as the file itself by `serve`): the name from its
 * Content-Disposition, then a download the browser saves as it saves any other. The desktop app never
 * gets here: its save dialog runs in the main process (electron/main/save-file.ts).
 */

/** The file name of `Content-Disposition: attachment`: the UTF-8 `filename*` (RFC 8187) if present, else `filename`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
  return plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1') : null;
}

/** Hands the bytes to the browser as a download named `name`. */
export function deliverFile(name: string, blob: Blob): FileDelivery {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; revoking later still keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, saved: true };
}
