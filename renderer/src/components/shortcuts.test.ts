import { describe, expect, it } from 'vitest';
import { isNewCaseKey, isSaveKey, newCaseKeys, type ShortcutKey } from './shortcuts';

const press = (key: string, mods: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : undefined, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
});

describe('keyboard shortcuts', () => {
  it.each([
    ['Alt+N', press('n', { altKey: true }), true],
    ['Option+N on a Mac (dead key)', { ...press('Dead', { altKey: true }), code: 'KeyN' }, true],
    ['Ctrl+N', press('n', { ctrlKey: true }), true],
    ['⌘N', press('n', { metaKey: true }), true],
    ['N alone (typing)', press('n'), false],
    ['Ctrl+Alt+N', press('n', { ctrlKey: true, altKey: true }), false],
    ['Alt+Shift+N', press('N', { altKey: true, shiftKey: true }), false],
    ['Alt+M', press('m', { altKey: true }), false],
  ])('新登记: %s', (_, e, expected) => expect(isNewCaseKey(e)).toBe(expected));

  it.each([
    ['Ctrl+S', press('s', { ctrlKey: true }), true],
    ['⌘S', press('s', { metaKey: true }), true],
    ['S alone', press('s'), false],
    ['Alt+S', press('s', { altKey: true }), false],
  ])('保存: %s', (_, e, expected) => expect(isSaveKey(e)).toBe(expected));

  it('the hint names only the keys that work: Ctrl+N is the browser\'s', () => {
    expect(newCaseKeys(false)).toBe('Alt+N');
    expect(newCaseKeys(true)).toBe('Ctrl+N / Alt+N');
  });
});
