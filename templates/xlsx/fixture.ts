import { FIGURES } from '../statistics/figures';
import type { StatisticsFigures, StatisticsReport } from '../../electron/core/types';
import type { DetailLine, StatisticsWorkbookView } from './statistics-workbook';

/**
 * A hand-made view model for the workbook's tests (statistics-workbook.test.ts and its TZ child): every sheet
 * filled, and user text that a spreadsheet would take for a formula (=, +, -, @, tab, CR at the start) in every
 * kind of text cell.
 */
export const INJECTIONS = [
  '=HYPERLINK("http://evil.example/","点击查看")',
  '+1+2',
  '-3+4',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=cmd|\' /C calc\'!A0',
];

function figures(base: number): StatisticsFigures {
  const f = Object.fromEntries(FIGURES.filter((x) => x.kind === 'count').map((x, i) => [x.key, base + i])) as unknown as StatisticsFigures;
  return {
    ...f,
    acceptanceRate: 0.8667, closureRate: 0.75, onTimeRate: base === 0 ? null : 0.9, followUpRate: 0.5, satisfactionRate: 2 / 3, strictSatisfactionRate: 1 / 3,
    handlingWorkingDays: base === 0 ? { mean: null, median: null } : { mean: 6.5, median: 6 },
  };
}

const line = (i: number, over: Partial<DetailLine> = {}): DetailLine => ({
  registerNo: `2026-${String(i).padStart(6, '0')}`,
  receivedAt: `2026-11-${String(i).padStart(2, '0')} 09:30`,
  channel: '电话', caseType: '投诉', complainant: '张三', phone: '013812345678', idNumber: '110101199003071234', headCount: 1,
  respondentDepartment: '社保服务科', respondentStaff: '李明', subject: '窗口态度生硬', handlingDepartment: '社保服务科', severity: '一般',
  status: '已办结', dueDate: '2026-11-20', closedOn: '2026-11-18', timeliness: '按期办结', finding: '属实', satisfaction: '满意', repeatOf: '',
  ...over,
});

export function workbookView(isPublic = false): StatisticsWorkbookView {
  const report: StatisticsReport = {
    ...figures(10),
    public: isPublic,
    timeZone: 'Asia/Shanghai',
    asOf: '2026-12-02 01:30:00',
    period: { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' },
    previous: { ...figures(5), period: { kind: 'month', from: '2026-10-01', to: '2026-10-31', label: '2026年10月' } },
    yearAgo: { ...figures(0), period: { kind: 'month', from: '2025-11-01', to: '2025-11-30', label: '2025年11月' } },
    byType: { 投诉: 8, 咨询: isPublic ? '<3' : 2 },
    byChannel: { 电话: 6, 来访: 4 },
    byRespondentDepartment: { 社保服务科: 7, 未指定: 3 },
    bySeverity: {}, byFinding: {}, byStatus: {},
    departments: [
      { departmentId: 2, name: '社保服务科', rank: 1, assigned: 6, closed: 5, closedOnTime: 5, onTimeRate: 1, overdueOpen: isPublic ? '<3' : 1, followedUp: 4, satisfactionRate: 0.75, unsatisfied: isPublic ? '<3' : 1 },
      { departmentId: 1, name: INJECTIONS[0], rank: 2, assigned: 3, closed: 0, closedOnTime: 0, onTimeRate: null, overdueOpen: 3, followedUp: 0, satisfactionRate: null, unsatisfied: 0 },
      { departmentId: null, name: '合计', rank: null, assigned: 9, closed: 5, closedOnTime: 5, onTimeRate: 1, overdueOpen: 4, followedUp: 4, satisfactionRate: 0.75, unsatisfied: 1 },
    ],
    warnings: [],
  };
  const typeByChannel = {
    types: ['投诉', '咨询'], channels: ['电话', '来访'],
    cells: { 投诉: { 电话: 5, 来访: 3 }, 咨询: { 电话: isPublic ? '<3' as const : 1, 来访: isPublic ? '<3' as const : 1 } },
    typeTotals: { 投诉: 8, 咨询: isPublic ? '<3' as const : 2 }, channelTotals: { 电话: 6, 来访: 4 }, total: 10,
  };
  if (isPublic) return { officeName: '测试县政务服务中心', report, typeByChannel };
  report.staff = [{ name: '李明', department: '社保服务科', substantiated: 3, band: '诫勉谈话' }, { name: INJECTIONS[1], department: '综合窗口', substantiated: 1, band: null }];
  report.staffPeriod = { from: '2026-01-01', to: '2026-11-30' };
  report.overdueList = {
    total: 2,
    rows: [
      { caseId: 7, registerNo: '2026-000007', subject: INJECTIONS[2], handlingDepartment: '社保服务科', dueDate: '2026-11-16', daysOverdue: 16 },
      { caseId: 8, registerNo: '2026-000008', subject: '材料迟迟未办', handlingDepartment: INJECTIONS[3], dueDate: '2026-12-01', daysOverdue: 1 },
    ],
  };
  report.repeats = { total: 0, rows: [] };
  const lines = [
    line(1),
    line(2, { complainant: INJECTIONS[4], subject: INJECTIONS[5], respondentStaff: INJECTIONS[3], phone: '+8613912345678', idNumber: '11010119900307123X' }),
    line(3, { subject: INJECTIONS[0], complainant: INJECTIONS[2], phone: '-1', status: '已分办', closedOn: '', timeliness: '超期未办结', finding: '', satisfaction: '', dueDate: '2026-11-16', repeatOf: '2026-000001' }),
    line(30, { receivedAt: '2026-11-30 23:59', dueDate: '', closedOn: '', status: '待受理', timeliness: '', finding: '', satisfaction: '', phone: '', idNumber: '' }),
  ];
  return { officeName: '测试县政务服务中心', report, typeByChannel, details: { lines, total: lines.length, limit: 50_000 } };
}
