import { describe, expect, it } from 'vitest';
import { breakLines, units } from './line-break';

/** every character 1 wide (a Latin run: 0.5 per character), lines of 5 */
const measure = (u: string) => [...u].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);
const lines = (text: string, first = 5, width = 5) => breakLines(text, measure, first, width);

describe('breakLines', () => {
  it('fills lines greedily; the first line may be narrower (the 2-character indent)', () => {
    expect(lines('一二三四五六七八九十甲乙', 3)).toEqual(['一二三', '四五六七八', '九十甲乙']);
    expect(lines('')).toEqual(['']);
  });

  it('never starts a line with a closing mark: the character before it comes along', () => {
    expect(lines('一二三四五。六七')).toEqual(['一二三四', '五。六七']);
    expect(lines('一二三四五”。六')).toEqual(['一二三四', '五”。六']);
  });

  it('never ends a line with an opening mark', () => {
    expect(lines('一二三四《五六》')).toEqual(['一二三四', '《五六》']);
  });

  it('keeps a Latin run or number whole, breaking only after / or when longer than a line', () => {
    expect(lines('一二三456789')).toEqual(['一二三', '456789']);
    expect(units('电话0571-88881234')).toEqual(['电', '话', '0571-88881234']);
    expect(units('见a.cn/b/c')).toEqual(['见', 'a.cn/', 'b/', 'c']);
    expect(lines('一二a.cn/bcde')).toEqual(['一二a.cn/', 'bcde']);
    const long = 'x'.repeat(25);
    expect(lines(long)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('keeps a surrogate pair (𠮷) as one character', () => {
    expect(units('𠮷a')).toEqual(['𠮷', 'a']);
    expect(lines('一二三四𠮷五')).toEqual(['一二三四𠮷', '五']);
  });

  it('loses nothing and never loops, even with lines narrower than a character', () => {
    const text = '（一）测试，“引号”。abc-def/ghi 一二三';
    for (const w of [0.4, 1, 1.5, 2, 3, 7]) expect(breakLines(text, measure, w, w).join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });
});
