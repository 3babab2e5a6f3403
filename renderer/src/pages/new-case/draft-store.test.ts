import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { fromDraft, newRegistrationValues, toDraft, toRegisterInput } from '../../components/registration-form/values';
import { clearDraft, draftId, draftKey, loadDraft, saveDraft, type DraftStorage } from './draft-store';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('draft store', () => {
  it('keeps one draft per user', () => {
    const storage = memoryStorage();
    saveDraft(storage, 1, { subject: '甲' });
    saveDraft(storage, 2, { subject: '乙' });
    expect(loadDraft(storage, 1)).toEqual({ subject: '甲' });
    expect(loadDraft(storage, 2)).toEqual({ subject: '乙' });
    expect(draftKey(1)).not.toBe(draftKey(2));
  });

  it('is gone after clearing', () => {
    const storage = memoryStorage();
    saveDraft(storage, 1, { subject: '甲' });
    clearDraft(storage, 1);
    expect(loadDraft(storage, 1)).toBeNull();
  });

  it('drops a corrupt draft instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey(1), '{not json');
    expect(loadDraft(storage, 1)).toBeNull();
    storage.setItem(draftKey(1), '[1,2]');
    expect(loadDraft(storage, 1)).toBeNull();
  });

  it('survives a full storage', () => {
    const storage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    expect(() => saveDraft(storage, 1, { subject: 'x' })).not.toThrow();
  });

  it('round-trips the form values, the received time included', () => {
    const storage = memoryStorage();
    const values = { ...newRegistrationValues(7, dayjs('2026-03-05 09:30')), subject: '排队时间过长', channel: '电话' };
    saveDraft(storage, 7, toDraft(values));
    const restored = fromDraft(loadDraft(storage, 7)!);
    expect(restored.receivedAt?.format('YYYY-MM-DD HH:mm')).toBe('2026-03-05 09:30');
    expect(toRegisterInput(restored)).toEqual(toRegisterInput(values));
  });
});

describe('the draft id (the registration\'s idempotency key)', () => {
  it('stays the same until the draft is cleared, then a new one is made', () => {
    const storage = memoryStorage();
    const first = draftId(storage, 1);
    expect(first).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    saveDraft(storage, 1, { subject: '甲' });
    // The save got no answer: pressing save again sends the same id.
    expect(draftId(storage, 1)).toBe(first);
    expect(draftId(storage, 2)).not.toBe(first);
    clearDraft(storage, 1); // after the save was confirmed, or 清空草稿
    const next = draftId(storage, 1);
    expect(next).not.toBe(first);
    expect(draftId(storage, 1)).toBe(next);
  });

  it('still gives an id when storage fails (the key then only covers this page)', () => {
    const storage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => {} };
    expect(draftId(storage, 1)).toMatch(/^[A-Za-z0-9-]{8,64}$/);
  });
});

describe('toRegisterInput', () => {
  it('sends no identity for an anonymous registration', () => {
    const v = { ...newRegistrationValues(1, dayjs('2026-03-05 09:30')), isAnonymous: true, complainants: [{ name: '张三' }] };
    expect(toRegisterInput(v).complainants).toEqual([]);
  });
  it('maps the "none" choices to null and the on-the-spot reply to its object', () => {
    const v = {
      ...newRegistrationValues(1, dayjs('2026-03-05 09:30')),
      respondentDepartmentId: 0,
      complainants: [{ name: '张三', gender: '' as const }],
      answeredOnSpot: { enabled: true, reply: '已当场解答' },
    };
    const input = toRegisterInput(v);
    expect(input.receivedAt).toBe('2026-03-05 09:30');
    expect(input.respondentDepartmentId).toBeNull();
    expect(input.complainants?.[0]?.gender).toBeNull();
    expect(input.answeredOnSpot).toEqual({ reply: '已当场解答' });
    expect(toRegisterInput({ ...v, answeredOnSpot: { enabled: false, reply: 'x' } }).answeredOnSpot).toBeNull();
  });
});
