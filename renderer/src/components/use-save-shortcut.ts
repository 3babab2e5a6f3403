import { useEffect, useRef } from 'react';
import { isSaveKey } from './shortcuts';

/** Ctrl+S (⌘S) anywhere on the page saves; the browser's "save page" is suppressed. */
export function useSaveShortcut(onSave: () => void) {
  const latest = useRef(onSave);
  latest.current = onSave;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isSaveKey(e)) {
        e.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
