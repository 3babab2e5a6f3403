import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBER_PATTERN, formatPaperNumber, numberPatternProblem, paperAllowed, PAPER_ISSUERS, PAPER_TYPES, whyNotIssue,
  type PaperCaseState, type PaperType,
} from './papers';

const base: PaperCaseState = {
  status: 'registered', isVoid: false, isSuspended: false, isOverdue: false, accepted: false, assigned: false,
  hasExtension: false, hasFinding: false, replied: false,
};
const at = (over: Partial<PaperCaseState>): PaperCaseState => ({ ...base, ...over });

describe('paperAllowed', () => {
  const cases: Array<[PaperType, Partial<PaperCaseState>, string | null]> = [
    ['register-form', {}, null],
    ['register-form', { status: 'voided', isVoid: true }, '案件已作废，不能出具投诉登记表'],
    ['process', { status: 'voided', isVoid: true }, null],
    ['process', {}, null],
    ['accept', {}, '受理告知书须在案件受理后出具'],
    ['accept', { status: 'accepted', accepted: true }, null],
    ['accept', { status: 'closed', accepted: true, hasFinding: true, replied: true }, null],
    ['refuse', { status: 'accepted', accepted: true }, '不予受理告知书须在案件决定不予受理后出具'],
    ['refuse', { status: 'refused' }, null],
    ['extend', { status: 'assigned', accepted: true, assigned: true }, '延期告知书须在案件批准延期后出具'],
    ['extend', { status: 'assigned', accepted: true, assigned: true, hasExtension: true }, null],
    ['supplement', { status: 'accepted', accepted: true }, '补正材料告知书须在案件中止、等待补正材料时出具'],
    ['supplement', { status: 'suspended', accepted: true, isSuspended: true }, null],
    ['assign', { status: 'accepted', accepted: true }, '转办单须在案件分办后出具'],
    ['assign', { status: 'assigned', accepted: true, assigned: true }, null],
    ['reply', { status: 'assigned', accepted: true, assigned: true }, '答复函须在案件有办理结果后出具'],
    ['reply', { status: 'approved', accepted: true, assigned: true, hasFinding: true }, null],
    ['supervise', { status: 'assigned', accepted: true, assigned: true }, '督办通知只能对已超期的案件出具'],
    ['supervise', { status: 'assigned', accepted: true, assigned: true, isOverdue: true }, null],
    ['supervise', { status: 'closed', accepted: true, isOverdue: true }, '督办通知只能对未办结的案件出具'],
    ['supervise', { status: 'refused', isOverdue: true }, '督办通知只能对未办结的案件出具'],
    ['follow-up', { status: 'approved', hasFinding: true }, '回访记录单须在案件答复后出具'],
    ['follow-up', { status: 'replied', hasFinding: true, replied: true }, null],
    ['reply', { status: 'voided', isVoid: true, hasFinding: true }, '案件已作废，不能出具答复函'],
  ];
  it.each(cases)('%s for %j → %s', (type, over, expected) => {
    expect(paperAllowed(type, at(over))).toBe(expected);
  });
});

describe('who issues which paper', () => {
  it.each(PAPER_TYPES.map((t) => [t] as const))('%s', (type) => {
    const supervisorOnly = ['accept', 'refuse', 'extend', 'assign', 'supervise'].includes(type);
    expect([...PAPER_ISSUERS[type]].sort()).toEqual(supervisorOnly ? ['supervisor'] : ['clerk', 'supervisor']);
    expect(whyNotIssue(type, 'supervisor')).toBeNull();
    expect(whyNotIssue(type, 'clerk') === null).toBe(!supervisorOnly);
    expect(whyNotIssue(type, 'auditor')).not.toBeNull();
    expect(whyNotIssue(type, 'admin')).not.toBeNull();
  });
  it('says who signs', () => {
    expect(whyNotIssue('accept', 'clerk')).toBe('受理告知书由主管签发');
    expect(whyNotIssue('reply', 'auditor')).toBe('当前角色无权签发答复函');
  });
});

describe('formatPaperNumber', () => {
  const cases: Array<[string, { abbreviation: string; typeWord: string | null; year: number; n: number }, string]> = [
    [DEFAULT_NUMBER_PATTERN, { abbreviation: '某政服', typeWord: '诉复', year: 2026, n: 15 }, '某政服诉复〔2026〕15号'],
    [DEFAULT_NUMBER_PATTERN, { abbreviation: '某政服', typeWord: '诉受', year: 2026, n: 1 }, '某政服诉受〔2026〕1号'],
    [DEFAULT_NUMBER_PATTERN, { abbreviation: '某政服', typeWord: '诉督', year: 2027, n: 100 }, '某政服诉督〔2027〕100号'],
    ['{单位简称}〔{年}〕{序号}号', { abbreviation: 'TS', typeWord: null, year: 2026, n: 7 }, 'TS〔2026〕7号'],
    ['{类型字}{年}-{序号}', { abbreviation: '', typeWord: '诉延', year: 2026, n: 3 }, '诉延2026-3'],
  ];
  it.each(cases)('%s with %j → %s', (pattern, v, expected) => {
    expect(formatPaperNumber(pattern, v)).toBe(expected);
  });
});

describe('numberPatternProblem', () => {
  const cases: Array<[PaperType, string, string | null]> = [
    ['reply', DEFAULT_NUMBER_PATTERN, null],
    ['reply', '{单位简称}诉复〔{年}〕{序号}号', null],
    ['reply', '{单位简称}诉复〔{年}〕第{序号}号', '「答复函」的文号格式的 {序号} 前不能加「第」（GB/T 9704：不编虚位，不加“第”字）'],
    ['accept', '{单位简称}诉受〔{年}〕号', '「受理告知书」的文号格式须包含 {序号}'],
    ['accept', '{单位简称}诉受{序号}号', '「受理告知书」的文号格式须包含 {年}（完整年份，如 〔2026〕）'],
    ['extend', '{单位}诉延〔{年}〕{序号}号', '「延期告知书」的文号格式中「{单位}」不是可用的名称（可用：{单位简称} {类型字} {年} {序号}）'],
    ['extend', '{单位简称〔{年}〕{序号}号', '「延期告知书」的文号格式的花括号不成对'],
    ['supervise', '   ', '「督办通知」的文号格式不能为空'],
    ['supervise', '{年}{序号}}', '「督办通知」的文号格式的花括号不成对'],
  ];
  it.each(cases)('%s %s', (type, pattern, expected) => {
    expect(numberPatternProblem(type, pattern)).toBe(expected);
  });
});
