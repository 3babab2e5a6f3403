import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { applyFieldError, changedPaths, clearChangedFieldErrors, errorToFormField, fieldPathToName } from './form-errors';

describe('fieldPathToName', () => {
  it.each([
    ['subject', ['subject']],
    ['complainants.0.phone', ['complainants', 0, 'phone']],
    ['deadlines.handleWorkingDays.simple', ['deadlines', 'handleWorkingDays', 'simple']],
    ['answeredOnSpot.reply', ['answeredOnSpot', 'reply']],
    ['', []],
  ])('%s', (field, name) => expect(fieldPathToName(field)).toEqual(name));
});

describe('errorToFormField', () => {
  it('puts the message under the named field', () => {
    expect(errorToFormField({ code: 'VALIDATION', message: '请填写「事由」', field: 'subject' })).toEqual({
      name: ['subject'],
      errors: ['请填写「事由」'],
    });
  });
  it('returns null for an error without a field', () => {
    expect(errorToFormField({ code: 'CONFLICT', message: '案件已被他人修改' })).toBeNull();
  });
});

describe('applyFieldError', () => {
  it('sets the field, scrolls to it and focuses it', () => {
    const focus = vi.fn();
    const form = { setFields: vi.fn(), scrollToField: vi.fn(), getFieldInstance: vi.fn(() => ({ focus })) };
    expect(applyFieldError(form, { code: 'VALIDATION', message: '号码不对', field: 'complainants.1.phone' })).toBe(true);
    expect(form.setFields).toHaveBeenCalledWith([{ name: ['complainants', 1, 'phone'], errors: ['号码不对'] }]);
    expect(form.scrollToField).toHaveBeenCalledWith(['complainants', 1, 'phone'], { block: 'center' });
    expect(focus).toHaveBeenCalled();
  });
  it('leaves the form alone when the error names no field', () => {
    const form = { setFields: vi.fn() };
    expect(applyFieldError(form, { code: 'INTERNAL', message: 'x' })).toBe(false);
    expect(form.setFields).not.toHaveBeenCalled();
  });
});

describe('changedPaths', () => {
  it('walks nested objects and sparse arrays like antd builds them', () => {
    const changed: unknown[] = [];
    changed[1] = { phone: '138' };
    expect(changedPaths({ complainants: changed })).toEqual([['complainants', 1, 'phone']]);
    expect(changedPaths({ office: { name: 'x' } })).toEqual([['office', 'name']]);
  });
  it('treats dates and other instances as leaves', () => {
    expect(changedPaths({ receivedAt: dayjs('2026-03-05 09:30') })).toEqual([['receivedAt']]);
    expect(changedPaths({ complainants: [] })).toEqual([['complainants']]);
  });
});

describe('clearChangedFieldErrors', () => {
  it('clears the error of the changed field and of the list holding it', () => {
    const errors: Record<string, string[]> = { 'complainants.0.phone': ['号码不对'], complainants: ['最多 20 人'], subject: ['请填写'] };
    const form = {
      getFieldError: (name: Array<string | number>) => errors[name.join('.')] ?? [],
      setFields: vi.fn(),
    };
    clearChangedFieldErrors(form, { complainants: [{ phone: '13812345678' }] });
    expect(form.setFields).toHaveBeenCalledWith([
      { name: ['complainants'], errors: [] },
      { name: ['complainants', 0, 'phone'], errors: [] },
    ]);
  });
  it('does nothing when the changed field had no error', () => {
    const form = { getFieldError: () => [], setFields: vi.fn() };
    clearChangedFieldErrors(form, { subject: 'x' });
    expect(form.setFields).not.toHaveBeenCalled();
  });
});
