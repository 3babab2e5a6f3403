import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { rebaseCorrection, toCorrectionInput, type RegistrationValues } from './values';

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

describe('an edit that met a newer version of the case', () => {
  const fresh: RegistrationValues = { ...initial, account: '排队两小时，无人引导', request: '增开窗口' };

  it('takes the other change where the user typed nothing, and re-sends only what the user typed', () => {
    const typed = { ...initial, subject: '窗口排队过久' };
    const r = rebaseCorrection(initial, typed, fresh);
    expect(r.values).toMatchObject({ subject: '窗口排队过久', account: '排队两小时，无人引导', request: '增开窗口' });
    expect(r.both).toEqual([]);
    // re-submitting sends the user's field only: the other person's account and request stay as saved
    expect(toCorrectionInput(r.base, r.values, all)).toEqual({ subject: '窗口排队过久' });
  });

  it('keeps the user\'s typing in a field both changed, and names it', () => {
    const typed = { ...initial, account: '排队三小时' };
    const r = rebaseCorrection(initial, typed, fresh);
    expect(r.values.account).toBe('排队三小时');
    expect(r.both).toEqual(['account']);
    expect(toCorrectionInput(r.base, r.values, all)).toEqual({ account: '排队三小时' });
  });

  it('compares dates by what is sent, not by object identity', () => {
    const typed = { ...initial, receivedAt: dayjs('2026-03-02 09:30') };
    expect(rebaseCorrection(initial, typed, { ...fresh, receivedAt: dayjs('2026-03-02 08:00') }).values.receivedAt?.format('HH:mm')).toBe('08:00');
  });
});
