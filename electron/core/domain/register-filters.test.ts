import { describe, expect, it } from 'vitest';
import { NO_FILTERS, registerFilterText, registerFilterWords } from './register-filters';

const names = {
  department: (id: number) => ({ 1: '社保服务科', 2: '不动产登记科' } as Record<number, string>)[id],
  staff: (id: number) => ({ 7: '李明' } as Record<number, string>)[id],
};

describe('the register filters in words', () => {
  it('an unfiltered register (blank search too) is 全部案件', () => {
    expect(registerFilterWords({}, names)).toEqual([]);
    expect(registerFilterText({ search: '  ', caseType: [], status: [] }, names)).toBe(NO_FILTERS);
  });

  it('every filter of the bar, in the bar\'s order, with labels and names instead of codes and ids', () => {
    expect(registerFilterWords({
      search: '窗口', receivedFrom: '2026-11-01', receivedTo: '2026-11-30', caseType: ['投诉', '举报'], channel: ['电话'],
      status: ['registered', 'assigned'], dueState: ['overdue'], severity: ['major'], respondentDepartmentId: 2,
      handlerDepartmentId: 1, handlerStaffId: 7, repeat: true,
    }, names)).toEqual([
      '搜索“窗口”', '收到日期 2026-11-01 至 2026-11-30', '类型：投诉、举报', '渠道：电话', '状态：待受理、办理中',
      '期限状态：已超期', '严重程度：重大', '被投诉部门：不动产登记科', '承办部门：社保服务科', '承办人：李明', '仅重复件',
    ]);
  });

  it('an open date range, an id the directory does not know, repeat not asked for', () => {
    expect(registerFilterText({ receivedFrom: '2026-01-01', handlerStaffId: 99, repeat: false }, names))
      .toBe('收到日期 2026-01-01 起；承办人：（编号 99）');
    expect(registerFilterText({ receivedTo: '2026-06-30' }, names)).toBe('收到日期截至 2026-06-30');
  });
});
