import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, maskText } from './masking';

/** How many characters of `value` survive masking in the same position: what a viewer still learns. */
const shown = (value: string, masked: string) => Array.from(masked).filter((c, i) => c !== '*' && c === Array.from(value)[i]).length;

describe('masking hides at least half of every identity value, and never adds characters', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['87654321', '******21'],
    ['8765432', '*****32'],
    ['0571-87654321', '057******4321'],
    ['057187654321', '057*****4321'],
    ['400-123-4567', '400*****4567'],
    ['95588', '*****'],
    ['', ''],
  ])('phone %s -> %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
    expect(maskPhone(phone)).toHaveLength(phone.length);
    expect(shown(phone, maskPhone(phone))).toBeLessThanOrEqual(Math.floor(phone.length * 0.64));
  });

  it.each([
    ['青禾科技', '青***'],
    ['阿里巴巴', '阿***'],
    ['浙江省杭州市西湖区文三路100号', '浙江省*************'],
    ['某', '*'],
    ['', ''],
  ])('free text %s -> %s', (value, masked) => {
    expect(maskText(value)).toBe(masked);
    expect(shown(value, maskText(value)) * 2).toBeLessThanOrEqual(Array.from(value).length);
  });

  it('names keep the surname only; ID numbers keep region and check digits only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234');
  });
});
