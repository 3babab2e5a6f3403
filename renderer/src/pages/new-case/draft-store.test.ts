import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { fromDraft, newRegistrationValues, toDraft, toRegisterInput } from '../../components/registration-form/values';
import { clearDraft, draftId, draftKey, draftWriter, loadDraft, saveDraft, type DraftStorage } from './draft-store';

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

describe('the draft writer (the draft is written after the key\'s frame, not inside its input event)', () => {
  function setup() {
    const writes: string[] = [];
    const later: (() => void)[] = [];
    let cancelled = 0;
    const writer = draftWriter<string>((v) => writes.push(v), (run) => {
      later.push(run);
      return () => void cancelled++;
    });
    return { writes, later, writer, cancelled: () => cancelled };
  }

  it('writes nothing inside the change, then once, the latest values, for every change made until then', () => {
    const { writes, later, writer } = setup();
    writer.schedule('甲');
    writer.schedule('甲乙');
    expect(writes).toEqual([]);
    expect(later).toHaveLength(1);
    later[0]();
    expect(writes).toEqual(['甲乙']);
    writer.schedule('甲乙丙');
    expect(later).toHaveLength(2);
    later[1]();
    expect(writes).toEqual(['甲乙', '甲乙丙']);
  });

  it('writes what is pending when the page is left, and nothing after a cancel (a cleared or saved draft stays gone)', () => {
    const { writes, later, writer, cancelled } = setup();
    writer.schedule('未保存');
    writer.flush();
    expect(writes).toEqual(['未保存']);
    expect(cancelled()).toBe(1);
    writer.flush();
    expect(writes).toEqual(['未保存']);
    writer.schedule('清除前');
    writer.cancel();
    later[later.length - 1]();
    writer.flush();
    expect(writes).toEqual(['未保存']);
  });
});
