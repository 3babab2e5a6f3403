import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../../../db/types';
import { caseSnapshot, caseSnapshotJson, diff, recordedComplainants, UNRECORDED_CASE_COLUMNS } from './history';

/** A small deterministic generator (the test must not depend on the demo's). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** What a change records, by definition: a field changed when its JSON text did. */
function referenceDiff(before: Record<string, unknown>, patch: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = value ?? null;
    }
  }
  return Object.keys(a).length === 0 ? null : { before: b, after: a };
}

describe('diff', () => {
  it('records a field exactly when its JSON text changes, scalars and lists alike', () => {
    const next = lcg(7);
    const list = [{ seq: 1, name: '张三' }];
    const values: unknown[] = [null, undefined, 0, 1, 2, -0, '', '0', '1', 'a', '2026-01-01', '属实', true, false, 'true', 'null',
      NaN, Infinity, list, [{ seq: 1, name: '张三' }], [{ seq: 1, name: '李四' }], [], {}];
    const pick = () => values[Math.floor(next() * values.length)];
    for (let i = 0; i < 5000; i++) {
      const row: Record<string, unknown> = {};
      const patch: Record<string, unknown> = {};
      for (const k of ['status', 'due_date', 'round', 'finding', 'note', 'complainants']) {
        if (next() < 0.8) row[k] = pick();
        if (next() < 0.6) patch[k] = pick();
      }
      expect(diff(row, patch)).toEqual(referenceDiff(row, patch));
    }
  });

  it('keeps the patch order and says null when nothing changed', () => {
    const row: Record<string, unknown> = { a: 1, b: 'x', c: null };
    expect(diff(row, { c: 'y', a: 2, b: 'x' })).toEqual({ before: { c: null, a: 1 }, after: { c: 'y', a: 2 } });
    expect(Object.keys(diff(row, { c: 'y', a: 2 })!.after)).toEqual(['c', 'a']);
    expect(diff(row, { a: 1, d: undefined })).toBeNull();
  });
});

describe('the registration entry', () => {
  const row = {
    id: 9, register_no: 'TS-2026-000009', reg_year: 2026, reg_seq: 9, subject: '窗口"排队"\\久', channel: '来访', is_anonymous: 0,
    head_count: 2, respondent_staff: null, due_date: '2026-03-10', updated_at: '2026-03-02 09:00:00', version: 1, surrogate: 'a\ud800b',
  } as unknown as CaseRow;
  const people = recordedComplainants([
    { name: '王五', gender: 'male', phone: '13800000000', idNumber: '', address: '解放路 1 号', employer: '' },
    { name: '赵六', gender: null, phone: '', idNumber: '110101199003070011', address: '', employer: '某厂' },
  ]);

  it('is the JSON text of the row without NULLs and unrecorded columns, then the complainants numbered in order', () => {
    const expected: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (v !== null && !UNRECORDED_CASE_COLUMNS.has(k)) expected[k] = v;
    expected.complainants = people;
    expect(caseSnapshotJson(row, people)).toBe(JSON.stringify(expected));
    expect(caseSnapshot(row, people)).toEqual(expected);
    expect(people.map((p) => [p.seq, p.id_number])).toEqual([[1, ''], [2, '110101199003070011']]);
  });

  it('is stored as the same text whether written as text (the demo) or as the object (the services)', () => {
    expect(JSON.stringify(caseSnapshot(row, people))).toBe(caseSnapshotJson(row, people));
  });
});
