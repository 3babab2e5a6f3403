import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../../electron/core/contract';
import { passesLocalCheck, schemaIssues, showFieldErrors } from './local-validation';
import { REGISTRATION_FIELD_ORDER } from './registration-form/validate';

const empty = {
  isAnonymous: false, isConfidential: false, complainants: [{ name: '', gender: null, phone: '', idNumber: '', address: '', employer: '' }],
  respondentDepartmentId: null, respondentStaff: '', request: '', firstReceiverId: 3, answeredOnSpot: null,
};

describe('the contract schema in the browser', () => {
  it('names every missing field of an empty registration at once, in the form order', () => {
    const issues = schemaIssues(contract['cases/register'].input, empty, REGISTRATION_FIELD_ORDER);
    expect(issues).toEqual([
      { name: ['receivedAt'], errors: ['请填写「收到时间」'] },
      { name: ['channel'], errors: ['请填写「来源渠道」'] },
      { name: ['caseType'], errors: ['请填写「类型」'] },
      { name: ['subject'], errors: ['请填写「事由」'] },
      { name: ['account'], errors: ['请填写「详细情况」'] },
    ]);
  });

  it('puts a complainant error and a form-order field in the right place, one message a field', () => {
    const input = {
      ...empty, receivedAt: '2026-03-02 09:30', channel: '电话', caseType: '投诉', subject: '   ', account: 'x'.repeat(5001),
      complainants: [{ name: '张三', phone: '12345', idNumber: '' }], answeredOnSpot: { reply: '' },
    };
    const issues = schemaIssues(contract['cases/register'].input, input, REGISTRATION_FIELD_ORDER);
    expect(issues.map((i) => i.name.join('.'))).toEqual(['complainants.0.phone', 'subject', 'account', 'answeredOnSpot.reply']);
    expect(issues.every((i) => i.errors.length === 1)).toBe(true);
    expect(issues[0].name).toEqual(['complainants', 0, 'phone']);
  });

  it('accepts what the core accepts', () => {
    const input = { ...empty, receivedAt: '2026-03-02 09:30', channel: '电话', caseType: '投诉', subject: '事由', account: '经过' };
    expect(schemaIssues(contract['cases/register'].input, input, REGISTRATION_FIELD_ORDER)).toEqual([]);
    expect(contract['cases/register'].input.safeParse(input).success).toBe(true);
  });
});

describe('showFieldErrors', () => {
  it('marks every field at once and focuses the first; returns what has no field to focus', () => {
    const focus = vi.fn();
    const form = {
      setFields: vi.fn(),
      scrollToField: vi.fn(),
      getFieldInstance: vi.fn((name: Array<string | number>) => (name[0] === 'complainants' && name.length === 1 ? undefined : { focus })),
    };
    const entries = [
      { name: ['channel'], errors: ['请填写「来源渠道」'] },
      { name: ['complainants'], errors: ['「诉求人」最多 20 人'] },
      { name: ['subject'], errors: ['请填写「事由」'] },
    ];
    const { focusable, unfocusable } = showFieldErrors(form, entries);
    expect(form.setFields).toHaveBeenCalledWith(entries);
    expect(form.scrollToField).toHaveBeenCalledWith(['channel'], { block: 'center' });
    expect(focus).toHaveBeenCalledTimes(1);
    expect(focusable).toEqual([entries[0], entries[2]]);
    expect(unfocusable).toEqual([entries[1]]);
  });
});

describe('passesLocalCheck', () => {
  const form = () => ({ setFields: vi.fn(), scrollToField: vi.fn(), getFieldInstance: vi.fn(() => ({ focus: vi.fn() })) });
  it('lets a clean form through without touching it', () => {
    const f = form();
    const say = vi.fn();
    expect(passesLocalCheck(f, [], say)).toBe(true);
    expect(f.setFields).not.toHaveBeenCalled();
    expect(say).not.toHaveBeenCalled();
  });
  it('says how many fields to fix, or the one error itself', () => {
    const say = vi.fn();
    expect(passesLocalCheck(form(), [{ name: ['a'], errors: ['请填写「甲」'] }, { name: ['b'], errors: ['请填写「乙」'] }], say)).toBe(false);
    expect(say).toHaveBeenLastCalledWith('有 2 处需要更正，已在各栏下标出');
    passesLocalCheck(form(), [{ name: ['a'], errors: ['请填写「甲」'] }], say);
    expect(say).toHaveBeenLastCalledWith('请填写「甲」');
  });
  it('also says the errors no field can take the focus for', () => {
    const say = vi.fn();
    const f = { ...form(), getFieldInstance: vi.fn((name: Array<string | number>) => (name[0] === 'satisfaction' ? undefined : { focus: vi.fn() })) };
    passesLocalCheck(f, [{ name: ['satisfaction'], errors: ['请填写「满意度」'] }, { name: ['followedUpOn'], errors: ['请填写「回访日期」'] }], say);
    expect(f.setFields).toHaveBeenCalledWith([{ name: ['satisfaction'], errors: ['请填写「满意度」'] }, { name: ['followedUpOn'], errors: ['请填写「回访日期」'] }]);
    expect(say).toHaveBeenLastCalledWith('请填写「回访日期」；请填写「满意度」');
  });
});
