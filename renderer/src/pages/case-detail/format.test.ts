import { describe, expect, it } from 'vitest';
import { formatChange, formatChangeValue, isRealChange } from './format';

describe('timeline change text', () => {
  it('shows codes by their Chinese label', () => {
    expect(formatChange({ field: 'status', label: '状态', before: 'registered', after: 'accepted' })).toBe('状态: 待受理 → 待分办');
    expect(formatChangeValue('severity', 'major')).toBe('重大');
    expect(formatChangeValue('complainants.0.gender', 'female')).toBe('女');
  });
  it('shows empties, booleans and lists readably', () => {
    expect(formatChangeValue('request', null)).toBe('（空）');
    expect(formatChangeValue('isConfidential', true)).toBe('是');
    expect(formatChangeValue('complainants', [{ name: '张三' }, { name: '李四' }])).toBe('张三、李四');
  });
  it('shows a field given for the first time as its value, not as an arrow from （空）', () => {
    expect(formatChange({ field: 'request', label: '诉求', before: null, after: '退还押金' })).toBe('「诉求」：退还押金');
    expect(formatChange({ field: 'severity', label: '严重程度', before: undefined, after: 'major' })).toBe('「严重程度」：重大');
    expect(formatChange({ field: 'request', label: '诉求', before: '', after: '退还押金' })).toBe('「诉求」：退还押金');
    // a change and a clearing keep their arrow: what it was matters there
    expect(formatChange({ field: 'request', label: '诉求', before: '退还押金', after: '赔礼道歉' })).toBe('诉求: 退还押金 → 赔礼道歉');
    expect(formatChange({ field: 'request', label: '诉求', before: '退还押金', after: null })).toBe('诉求: 退还押金 → （空）');
  });
  it('drops lines where nothing visible changed', () => {
    expect(isRealChange({ field: 'request', before: null, after: '' })).toBe(false);
    expect(isRealChange({ field: 'request', before: null, after: '补充' })).toBe(true);
    expect(isRealChange({ field: 'complainants.0.phone', before: '137****5678', after: '137****5678' })).toBe(true);
  });
});
