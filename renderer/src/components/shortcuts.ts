/**
 * The app's keyboard shortcuts, in one place for the handlers and for the hints on screen. A browser keeps
 * Ctrl+N for a new window (the page never sees it), so 新登记 also answers Alt+N, which works in the
 * desktop app and in a browser alike; Ctrl+N stays for the desktop app.
 */
export interface ShortcutKey {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The letter pressed: by the physical key too, because Alt+N types a dead key on a Mac (Option+N). */
const isLetter = (e: ShortcutKey, letter: string) => e.code === `Key${letter.toUpperCase()}` || e.key.toLowerCase() === letter;

/** Alt+N anywhere; Ctrl+N (⌘N) where the page receives it (the desktop app). */
export function isNewCaseKey(e: ShortcutKey): boolean {
  if (!isLetter(e, 'n') || e.shiftKey) return false;
  const isAltOnly = e.altKey && !e.ctrlKey && !e.metaKey;
  const isCtrlOnly = (e.ctrlKey || e.metaKey) && !e.altKey;
  return isAltOnly || isCtrlOnly;
}

/** Ctrl+S (⌘S): save the form on screen; the browser's "save page" is suppressed. */
export function isSaveKey(e: ShortcutKey): boolean {
  return isLetter(e, 's') && (e.ctrlKey || e.metaKey) && !e.altKey;
}

/** What the hints say opens 新登记: the keys that work here. */
export function newCaseKeys(isDesktop: boolean): string {
  return isDesktop ? 'Ctrl+N / Alt+N' : 'Alt+N';
}

/** The desktop app has the preload's bridge; a browser (the `serve` command) does not. */
export function isDesktopApp(): boolean {
  return typeof window !== 'undefined' && 'api' in window && window.api !== undefined;
}
