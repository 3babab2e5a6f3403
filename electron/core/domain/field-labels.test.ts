import { describe, expect, it } from 'vitest';
import { contract } from '../contract';
import { CASE_FIELD_LABELS, COMPLAINANT_FIELD_LABELS, caseColumnLabel } from './field-labels';

describe('one table of field labels', () => {
  it('labels the columns the timeline shows as it always did', () => {
    const timeline: Array<[string, string]> = [
      ['status', '状态'], ['received_at', '收到时间'], ['channel', '来源渠道'], ['case_type', '类型'], ['is_anonymous', '匿名'],
      ['is_confidential', '要求保密'], ['head_count', '人数'], ['respondent_department_id', '被投诉部门'],
      ['respondent_staff', '被投诉人员'], ['subject', '事由'], ['account', '详细情况'], ['request', '诉求'],
      ['first_receiver_id', '首问责任人'], ['severity', '严重程度'], ['handler_department_id', '承办部门'],
      ['handler_staff_id', '承办人'], ['refuse_reason', '不予受理理由'], ['referral', '告知去向'], ['finding', '核实结论'],
      ['handling_opinion', '处理意见'], ['measures', '整改措施'], ['staff_action', '对被投诉人员的处理'],
      ['draft_reply', '答复草稿'], ['handled_on', '办理完成日期'], ['review_comment', '审核意见'], ['reply_method', '答复方式'],
      ['replied_on', '答复日期'], ['reply_summary', '答复内容摘要'], ['satisfaction', '满意度'], ['followed_up_on', '回访日期'],
      ['follow_up_note', '回访情况'], ['close_note', '办结说明'], ['void_reason', '作废理由'], ['stage_due', '阶段期限'],
      ['overall_due', '总期限'], ['due_date', '当前期限'], ['round', '办理轮次'], ['complainants', '诉求人'], ['register_no', '登记编号'],
    ];
    for (const [column, label] of timeline) expect([column, caseColumnLabel(column)]).toEqual([column, label]);
    expect(caseColumnLabel('password_hash')).toBeNull();
    expect(caseColumnLabel('constructor')).toBeNull(); // not a prototype's key
  });

  it("is what the contract's messages call each registration field", () => {
    const parsed = contract['cases/register'].input.safeParse({ complainants: [{ phone: '12', idNumber: '1' }] });
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : parsed.error.issues;
    const named = issues.map((i) => {
      const path = i.path.map(String);
      const label = path[0] === 'complainants' && path.length === 3
        ? COMPLAINANT_FIELD_LABELS[path[2] as keyof typeof COMPLAINANT_FIELD_LABELS]
        : CASE_FIELD_LABELS[path[0] as keyof typeof CASE_FIELD_LABELS];
      return [path.join('.'), i.message.includes(`「${label}」`)];
    });
    expect(named.map(([p]) => p)).toEqual(expect.arrayContaining(['receivedAt', 'channel', 'caseType', 'subject', 'account', 'complainants.0.phone', 'complainants.0.idNumber']));
    expect(named.filter(([, ok]) => !ok)).toEqual([]);
  });

  it("is what the contract's messages call each case action's field", () => {
    const cases: Array<[keyof typeof contract, Record<string, unknown>, string, keyof typeof CASE_FIELD_LABELS]> = [
      ['cases/refuse', { id: 1, version: 1, reason: '' }, 'reason', 'refuseReason'],
      ['cases/assign', { id: 1, version: 1 }, 'handlerStaffId', 'handlerStaffId'],
      ['cases/recordFinding', { id: 1, version: 1 }, 'handlingOpinion', 'handlingOpinion'],
      ['cases/reply', { id: 1, version: 1 }, 'summary', 'replySummary'],
      ['cases/extend', { id: 1, version: 1 }, 'newDue', 'newDue'],
      ['cases/resume', { id: 1, version: 1 }, 'receivedOn', 'resumedOn'],
      ['cases/void', { id: 1, version: 1 }, 'reason', 'voidReason'],
    ];
    for (const [channel, input, field, key] of cases) {
      const parsed = contract[channel].input.safeParse(input);
      const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === field);
      expect([channel, issue?.message]).toEqual([channel, expect.stringContaining(`「${CASE_FIELD_LABELS[key]}」`)]);
    }
  });
});
