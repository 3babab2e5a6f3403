import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { toCorrectionInput, type RegistrationValues } from './values';

const initial: RegistrationValues = {
  receivedAt: dayjs('2026-03-02 09:30'), channel: '电话', caseType: '投诉', isAnonymous: false, isConfidential: true, headCount: 1,
  complainants: [{ name: '欧*', gender: null, phone: '137****5678', idNumber: '', address: '', employer: '' }],
  respondentDepartmentId: null, respondentStaff: '', subject: '窗口排队', account: '排队两小时', request: '', firstReceiverId: 7,
};
const all = { identity: true, firstReceiver: true };

describe('the edit form sends only what changed', () => {
  it('sends nothing for an untouched form, and one field for one change', () => {
    expect(toCorrectionInput(initial, { ...initial }, all)).toEqual({});
    expect(toCorrectionInput(initial, { ...initial, subject: '窗口排队过久' }, all)).toEqual({ subject: '窗口排队过久' });
    expect(toCorrectionInput(initial, { ...initial, receivedAt: dayjs('2026-03-01 09:30') }, all)).toEqual({ receivedAt: '2026-03-01 09:30' });
  });

  it('never sends what the core said this user may not change', () => {
    const changed = { ...initial, isConfidential: false, isAnonymous: true, firstReceiverId: 9, complainants: [], subject: '新事由' };
    expect(toCorrectionInput(initial, changed, { identity: false, firstReceiver: false })).toEqual({ subject: '新事由' });
    expect(toCorrectionInput(initial, changed, { identity: true, firstReceiver: false })).toEqual({ subject: '新事由', isConfidential: false, isAnonymous: true, complainants: [] });
  });

  it('sends an emptied required field as null, so the core names it', () => {
    expect(toCorrectionInput(initial, { ...initial, channel: undefined, headCount: null }, all)).toEqual({ channel: null, headCount: null });
  });
});
