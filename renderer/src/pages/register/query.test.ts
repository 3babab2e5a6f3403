import { describe, expect, it } from 'vitest';
import { filtersFromParams, hasFilters, listInput, paramsFromFilters, PAGE_SIZE } from './query';

describe('register filters in the URL', () => {
  it('defaults to the newest first, page 1, no filters', () => {
    const f = filtersFromParams(new URLSearchParams(''));
    expect(f).toMatchObject({ page: 1, sortBy: 'registerNo', sortOrder: 'desc', status: [], search: '' });
    expect(hasFilters(f)).toBe(false);
    expect(paramsFromFilters(f).toString()).toBe('');
    expect(listInput(f)).toEqual({ page: 1, pageSize: PAGE_SIZE, sortBy: 'registerNo', sortOrder: 'desc' });
  });

  it('round-trips every filter', () => {
    const query = 'page=3&sort=dueDate&order=asc&from=2026-01-01&to=2026-01-31&type=%E6%8A%95%E8%AF%89&channel=%E7%94%B5%E8%AF%9D'
      + '&status=registered&status=assigned&respDept=2&handlerDept=3&handler=9&severity=major&dueState=overdue&repeat=1&q=%E6%80%81%E5%BA%A6';
    const f = filtersFromParams(new URLSearchParams(query));
    expect(f).toEqual({
      page: 3, sortBy: 'dueDate', sortOrder: 'asc', receivedFrom: '2026-01-01', receivedTo: '2026-01-31', caseType: ['投诉'],
      channel: ['电话'], status: ['registered', 'assigned'], respondentDepartmentId: 2, handlerDepartmentId: 3, handlerStaffId: 9,
      severity: ['major'], dueState: ['overdue'], repeat: true, search: '态度',
    });
    expect(filtersFromParams(paramsFromFilters(f))).toEqual(f);
    expect(listInput(f)).toMatchObject({ status: ['registered', 'assigned'], search: '态度', handlerStaffId: 9, repeat: true, pageSize: 50 });
  });

  it('filters to 重复件 only when asked: a plain register sends no repeat filter and shows no clear button', () => {
    const repeats = filtersFromParams(new URLSearchParams('repeat=1'));
    expect([repeats.repeat, hasFilters(repeats), listInput(repeats).repeat, paramsFromFilters(repeats).toString()]).toEqual([true, true, true, 'repeat=1']);
    const plain = filtersFromParams(new URLSearchParams('repeat=0'));
    expect([plain.repeat, hasFilters(plain), 'repeat' in listInput(plain), paramsFromFilters(plain).toString()]).toEqual([false, false, false, '']);
  });

  it('ignores values the contract would refuse', () => {
    const f = filtersFromParams(new URLSearchParams('page=-2&sort=evil&status=nonsense&respDept=abc&from=2026-13&dueState=overdue'));
    expect(f.page).toBe(1);
    expect(f.sortBy).toBe('registerNo');
    expect(f.status).toEqual([]);
    expect(f.respondentDepartmentId).toBeUndefined();
    expect(f.receivedFrom).toBeUndefined();
    expect(f.dueState).toEqual(['overdue']);
  });
});
