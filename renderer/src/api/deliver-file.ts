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

/** A tab opened for a file that is still on its way: `show` puts the file in it, `close` gives up. */
export interface OpenTab {
  show(name: string, blob: Blob): FileDelivery;
  close(): void;
}

/**
 * "Open for printing" in a browser: a new tab opened at once (inside the click, so no popup blocker stops
 * it) that says the file is coming, then shows the PDF in the browser's own viewer, whose print button
 * prints it. A browser that still refuses the tab gets the file as a download instead, so nothing is lost.
 */
export function openFileTab(): OpenTab {
  const tab = window.open('', '_blank');
  if (tab) {
    try {
      tab.document.title = '正在生成 PDF…';
      tab.document.body.textContent = '正在生成 PDF，请稍候……';
    } catch {
      // a tab we cannot write into still takes the file's address below
    }
  }
  let isDone = false;
  return {
    show(name, blob) {
      isDone = true;
      if (!tab || tab.closed) return deliverFile(name, blob);
      const url = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
      tab.location.href = url;
      // The viewer holds the document once loaded; the address is freed later (the tab may print again meanwhile).
      setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
      return { name, saved: true };
    },
    close() {
      if (!isDone && tab && !tab.closed) tab.close();
      isDone = true;
    },
  };
}
