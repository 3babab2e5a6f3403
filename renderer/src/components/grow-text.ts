import type { CSSProperties } from 'react';

/**
 * A text area that grows with its text from `minRows` to `maxRows` lines, then scrolls, sized by the
 * browser itself (CSS field-sizing: content, Chromium 123+; Electron 41 ships 146). antd's autoSize did
 * it in script on every key: a getComputedStyle read of 20 properties, a hidden clone measured twice
 * (two forced layouts) and two more renders of the field — the main cost of a key typed in the form.
 * 10px: the antd text area's vertical padding (4 + 4) and border (1 + 1), its box being border-box.
 */
export function growsWithText(minRows: number, maxRows: number): CSSProperties {
  return {
    fieldSizing: 'content',
    minHeight: `calc(${minRows}lh + 10px)`,
    maxHeight: `calc(${maxRows}lh + 10px)`,
  } as CSSProperties;
}
