import { describe, expect, it } from 'vitest';
import type { PlaceholderInfo } from '../../../api/core';
import { insertPlaceholder } from './paper-template-editor';

const text: PlaceholderInfo = { name: '登记编号', description: '', kind: 'text', identity: false };
const flag: PlaceholderInfo = { name: '群体投诉', description: '', kind: 'flag', identity: false };
const list: PlaceholderInfo = { name: '诉求人', description: '', kind: 'list', identity: true };

/** The picker writes at the cursor: a value as {名称}, a flag or list as a section around what is selected. */
describe('insertPlaceholder', () => {
  it('writes a value at the cursor, replacing a selection, and puts the cursor after it', () => {
    expect(insertPlaceholder('编号：。', 3, 3, text)).toEqual({ value: '编号：{登记编号}。', cursor: 9 });
    expect(insertPlaceholder('编号：XXX。', 3, 6, text)).toEqual({ value: '编号：{登记编号}。', cursor: 9 });
  });

  it('wraps the selection in a flag\'s or a list\'s section and leaves the cursor inside, before the closing tag', () => {
    expect(insertPlaceholder('甲乙丙', 1, 2, flag)).toEqual({ value: '甲{#群体投诉}乙{/群体投诉}丙', cursor: 9 });
    const empty = insertPlaceholder('', 0, 0, list);
    expect(empty).toEqual({ value: '{#诉求人}{/诉求人}', cursor: 6 });
    expect(empty.value.slice(0, empty.cursor)).toBe('{#诉求人}');
  });
});
