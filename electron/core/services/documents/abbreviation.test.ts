import { describe, expect, it } from 'vitest';
import { defaultAbbreviation, suggestAbbreviation } from './paper-settings';

describe('the default 单位简称 (发文机关代字)', () => {
  it('is made from the office name as offices write it, not the full name', () => {
    expect(suggestAbbreviation('某县政务服务中心')).toBe('某政服');
    expect(suggestAbbreviation('某市政务服务中心')).toBe('某政服');
    expect(suggestAbbreviation('杭州市市场监督管理局')).toBe('杭市监');
    expect(suggestAbbreviation('某区信访局')).toBe('某信');
    expect(suggestAbbreviation('某县人民政府')).toBe('某政');
    expect(suggestAbbreviation('政务服务中心')).toBe('政服');
    expect(defaultAbbreviation({ name: '某县政务服务中心' }, { prefix: '' })).toBe('某政服');
  });

  it('keeps the register-number prefix when the office has one, and the name when it does not read as Chinese words', () => {
    expect(defaultAbbreviation({ name: '某县政务服务中心' }, { prefix: 'TS' })).toBe('TS');
    expect(suggestAbbreviation('ABC Office')).toBe('');
    expect(suggestAbbreviation('某局')).toBe('');
    expect(defaultAbbreviation({ name: 'ABC Office' }, { prefix: '' })).toBe('ABC Office');
    expect(defaultAbbreviation({ name: '' }, { prefix: '' })).toBe('');
  });
});
