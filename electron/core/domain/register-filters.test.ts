import { describe, expect, it } from 'vitest';
import { NO_FILTERS, registerFilterText, registerFilterWords, registerOrderWords } from './register-filters';

const names = {
  department: (id: number) => ({ 1: '社保服务科', 2: '不动产登记科' } as Record<number, string>)[id],
  staff: (id: number) => ({ 7: '李明' } as Record<number, string>)[id],
};

describe('the register filters in words', () => {
  it('an unfiltered register (blank search, empty lists) is 全部案件, in the register\'s order', () => {
    expect(registerFilterWords({ search: '  ', caseType: [], status: [] }, names)).toEqual([]);
    expect(registerFilterText({}, names)).toBe(`${NO_FILTERS}（按登记编号降序）`);
  });

  it('every filter, with labels and names instead of codes and ids, the search last', () => {
    expect(registerFilterWords({
      search: '窗口', receivedFrom: '2026-11-01', receivedTo: '2026-11-30', caseType: ['投诉', '举报'], channel: ['电话'],
      status: ['registered', 'assigned'], dueState: ['overdue'], severity: ['major'], respondentDepartmentId: 2,
      handlerDepartmentId: 1, handlerStaffId: 7, repeat: true,
    }, names)).toEqual([
      '收到日期 2026-11-01 至 2026-11-30', '类型：投诉、举报', '渠道：电话', '状态：待受理、办理中', '被投诉部门：不动产登记科',
      '承办部门：社保服务科', '承办人：李明', '严重程度：重大', '期限状态：已超期', '仅重复件', '搜索：窗口',
    ]);
  });

  it('an open date range, ids the directory does not know, repeat not asked for, another order', () => {
    expect(registerFilterText({ receivedFrom: '2026-01-01', handlerStaffId: 99, handlerDepartmentId: 5, repeat: false, sortBy: 'receivedAt', sortOrder: 'asc' }, names))
      .toBe('收到日期 2026-01-01 至 今天；承办部门：部门 5；承办人：人员 99（按收到时间升序）');
    expect(registerFilterWords({ receivedTo: '2026-06-30' }, names)).toEqual(['收到日期 最早 至 2026-06-30']);
    expect(registerOrderWords({ sortBy: 'dueDate', sortOrder: 'desc' })).toBe('按办理期限降序');
  });
});
