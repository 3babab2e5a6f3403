import { nameRows } from '../../../../db/queries/case-directory';
import { allStaff } from '../../../../db/queries/directory';
import { tallyStaffFindings } from '../../domain/staff-findings';
import { complainantIdentities, summaryRows } from '../../../../db/queries/case-summaries';
import {
  cohortCells, cohortCounts, cohortScan, cohortWith, handlingPairs, overdueOpenList, repeatList, statisticsSetting, substantiatedByStaff,
  type CohortCell, type CohortCountsRow, type CohortRange, type CohortScan,
} from '../../../../db/queries/statistics';
import type { ParsedInput } from '../../contract';
import { addDays, CalendarMissingError, workingDaysBetween, type Calendar } from '../../domain/calendar';
import { daysBetween } from '../../domain/deadlines';
import {
  DEFAULT_TIME_ZONE, isTimeZone, meanAndMedian, NO_DEPARTMENT, periodOf, previousPeriod, publicCell, rate, ratesOf, staffBand,
  TOTAL_ROW, yearAgoPeriod, yearToDate, zonedNow, type Counts, type Period, type PeriodSpec,
} from '../../domain/statistics';
import { FINDING_LABELS, SEVERITY_LABELS, STATUS_LABELS, type CaseStatus, type Finding, type Severity } from '../../domain/vocab';
import { AppError } from '../../errors';
import { identityScrubber, type IdentityPerson } from '../../domain/masking';
import { masksIdentityFor } from '../cases/identity-rules';
import type { Actor } from '../../session';
import type {
  StatisticsCell, StatisticsDepartmentRow, StatisticsFigures, StatisticsPeriod, StatisticsReport, StatisticsStaffRow,
} from '../../types';
import type { CalendarService } from '../calendar';
import type { Deps } from '../deps';

/** How many rows the overdue and repeat lists carry (their totals are the figures overdueOpen and repeat). */
export const STATISTICS_LIST_LIMIT = 500;

/** Who sees the per-staff table (issue 9: supervisors and admins; an auditor gets the report without it). */
const SEES_STAFF: ReadonlySet<string> = new Set(['supervisor', 'admin']);

const rangeOf = (p: { from: string; to: string }): CohortRange => ({ from: p.from, before: addDays(p.to, 1) });

/** The counts cohortCounts gives, folded from the period's cells instead (one pass serves counts, breakdowns and departments). */
function countsOfCells(cells: readonly CohortCell[]): CohortCountsRow {
  const c: CohortCountsRow = {
    registered: 0, voided: 0, answeredOnSpot: 0, accepted: 0, refused: 0, closed: 0, closedOnTime: 0, overdueOpen: 0, reopened: 0,
    followedUp: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0,
  };
  for (const x of cells) {
    if (x.status === 'voided') {
      c.voided += x.n;
      continue;
    }
    c.registered += x.n;
    if (x.status !== 'registered' && x.status !== 'refused') c.accepted += x.n;
    if (x.status === 'refused') c.refused += x.n;
    if (x.status === 'closed') {
      c.closed += x.n;
      if (x.handler_department_id === null) c.answeredOnSpot += x.n;
    }
    c.closedOnTime += x.on_time;
    c.overdueOpen += x.overdue;
    c.reopened += x.reopened;
    c.followedUp += x.satisfied + x.basic + x.unsatisfied;
    c.satisfied += x.satisfied;
    c.basicallySatisfied += x.basic;
    c.unsatisfied += x.unsatisfied;
  }
  return c;
}

interface DepartmentSums { assigned: number; closed: number; closedOnTime: number; overdueOpen: number; followedUp: number; satisfied: number; unsatisfied: number }
const periodView = (p: Period): StatisticsPeriod => ({ kind: p.kind, from: p.from, to: p.to, label: p.label });

/**
 * The statistics service: one report of a period (statistics.md) from SQL aggregates, for the page, the PDF,
 * the workbook and the command line alike. The office's time zone (setting 'statistics'.timeZone, default
 * Asia/Shanghai) gives "today" (for 超期未办结) and 数据截至; the period's dates are compared with the stored
 * local times as they are, so the machine's own zone never moves a boundary.
 */
export function createStatistics(deps: Deps, calendar: CalendarService) {
  const { db } = deps;

  async function timeZone(): Promise<string> {
    const s = await statisticsSetting(db);
    return typeof s?.timeZone === 'string' && isTimeZone(s.timeZone) ? s.timeZone : DEFAULT_TIME_ZONE;
  }

  /** Working days after the day of receipt up to and including the closing day, as mean and median. */
  async function handling(r: CohortRange, cal: Calendar, warnings: string[]) {
    const pairs = await handlingPairs(db, r);
    const histogram = new Map<number, number>();
    const missing = new Set<number>();
    let uncounted = 0;
    for (const p of pairs) {
      try {
        const days = workingDaysBetween(cal, p.received, p.closed);
        histogram.set(days, (histogram.get(days) ?? 0) + Number(p.n));
      } catch (err) {
        if (!(err instanceof CalendarMissingError)) throw err;
        missing.add(err.year);
        uncounted += Number(p.n);
      }
    }
    if (uncounted > 0) {
      warnings.push(`${uncounted} 件办结件的办理时长落入工作日历未覆盖的年份（${[...missing].sort().join('、')}），未计入平均 / 中位办理时长；导入该年日历后即可计入。`);
    }
    return meanAndMedian(histogram);
  }

  /** The top-level figures of one period. */
  async function figures(
    p: Period, today: string, cal: Calendar, warnings: string[], cells?: readonly CohortCell[], known?: CohortScan,
  ): Promise<StatisticsFigures> {
    const r = rangeOf(p);
    const scan = known ?? await cohortScan(db, r);
    const [base, extended, suspended, repeat, handlingWorkingDays] = await Promise.all([
      cells ? countsOfCells(cells) : cohortCounts(db, r, today, scan),
      cohortWith(db, r, 'case_extensions', scan),
      cohortWith(db, r, 'case_suspensions', scan),
      cohortWith(db, r, 'case_repeats', scan),
      handling(r, cal, warnings),
    ]);
    const counts: Counts = {
      ...base,
      awaitingAcceptance: base.registered - base.accepted - base.refused,
      closedLate: base.closed - base.closedOnTime,
      extended,
      suspended,
      repeat,
    };
    // The keys in statistics.md's order.
    const ordered = {
      registered: counts.registered, voided: counts.voided, answeredOnSpot: counts.answeredOnSpot, accepted: counts.accepted,
      refused: counts.refused, awaitingAcceptance: counts.awaitingAcceptance, closed: counts.closed, closedOnTime: counts.closedOnTime,
      closedLate: counts.closedLate, overdueOpen: counts.overdueOpen, extended: counts.extended, suspended: counts.suspended,
      reopened: counts.reopened, repeat: counts.repeat, followedUp: counts.followedUp, satisfied: counts.satisfied,
      basicallySatisfied: counts.basicallySatisfied, unsatisfied: counts.unsatisfied,
    };
    return { ...ordered, ...ratesOf(counts), handlingWorkingDays };
  }

  async function get(actor: Actor, input: ParsedInput<'statistics/get'>): Promise<StatisticsReport> {
    let period: Period;
    try {
      period = periodOf(input.period as PeriodSpec);
    } catch (err) {
      if (err instanceof RangeError) throw new AppError('VALIDATION', err.message, 'period');
      throw err;
    }
    const isPublic = input.public;
    const zone = await timeZone();
    const now = zonedNow(deps.now(), zone);
    const today = now.date;
    const [cal, names] = await Promise.all([calendar.load(), nameRows(db)]);
    const departmentName = new Map(names.departments.map((d) => [d.id, d.name]));
    const warnings: string[] = [];
    const r = rangeOf(period);
    const prev = previousPeriod(period);
    const ago = yearAgoPeriod(period);
    const staffSpan = yearToDate(period.to);
    const withStaff = !isPublic && SEES_STAFF.has(actor.role);

    const scan = await cohortScan(db, r);
    const cells = await cohortCells(db, r, today, scan);
    const previousFigures = figures(prev, today, cal, []);
    const breakdown = cells.filter((x) => x.status !== 'voided');
    const [current, previous, yearAgo, staff, overdueRows, repeatRows] = await Promise.all([
      figures(period, today, cal, warnings, cells, scan),
      previousFigures,
      // A year's 环比 and 同比 are the same year before: counted once.
      ago.from === prev.from && ago.to === prev.to ? previousFigures : figures(ago, today, cal, []),
      // Per person: the directory's id when picked, else the typed name within the department (domain/staff-findings.ts).
      withStaff ? Promise.all([substantiatedByStaff(db, rangeOf(staffSpan)), allStaff(db)]).then(([rows, directory]) => tallyStaffFindings(rows, directory)) : Promise.resolve([]),
      isPublic ? Promise.resolve([]) : overdueOpenList(db, r, today, STATISTICS_LIST_LIMIT),
      isPublic ? Promise.resolve([]) : repeatList(db, r, STATISTICS_LIST_LIMIT),
    ]);

    const cell = (n: number): StatisticsCell => (isPublic ? publicCell(n) : n);
    const fold = (key: (b: (typeof breakdown)[number]) => string | null) => {
      const out = new Map<string, number>();
      for (const b of breakdown) {
        const k = key(b);
        if (k !== null) out.set(k, (out.get(k) ?? 0) + Number(b.n));
      }
      return Object.fromEntries([...out.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => [k, cell(n)]));
    };

    // Per handling department (承办部门) of the cohort's assigned cases, and the 合计 of them.
    const zero = (): DepartmentSums => ({ assigned: 0, closed: 0, closedOnTime: 0, overdueOpen: 0, followedUp: 0, satisfied: 0, unsatisfied: 0 });
    const byDepartment = new Map<number, DepartmentSums>();
    const total = zero();
    for (const x of breakdown) {
      if (x.handler_department_id === null) continue;
      const d = byDepartment.get(x.handler_department_id) ?? zero();
      byDepartment.set(x.handler_department_id, d);
      for (const t of [d, total]) {
        t.assigned += x.n;
        if (x.status === 'closed') t.closed += x.n;
        t.closedOnTime += x.on_time;
        t.overdueOpen += x.overdue;
        t.followedUp += x.satisfied + x.basic + x.unsatisfied;
        t.satisfied += x.satisfied + x.basic;
        t.unsatisfied += x.unsatisfied;
      }
    }
    const rows = [...byDepartment.entries()].map(([id, d]) => ({
      departmentId: id, name: departmentName.get(id) ?? `部门 ${id}`, d, onTimeRate: rate(d.closedOnTime, d.closed),
    }));
    rows.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.d.assigned - a.d.assigned || (a.name < b.name ? -1 : 1));
    const departmentRow = (d: DepartmentSums, head: { departmentId: number | null; name: string; rank: number | null }): StatisticsDepartmentRow => ({
      ...head,
      assigned: cell(d.assigned), closed: cell(d.closed), closedOnTime: cell(d.closedOnTime), onTimeRate: rate(d.closedOnTime, d.closed),
      overdueOpen: cell(d.overdueOpen), followedUp: cell(d.followedUp), satisfactionRate: rate(d.satisfied, d.followedUp), unsatisfied: cell(d.unsatisfied),
    });

    const report: StatisticsReport = {
      ...current,
      public: isPublic,
      timeZone: zone,
      asOf: now.dateTime,
      period: periodView(period),
      previous: { ...previous, period: periodView(prev) },
      yearAgo: { ...yearAgo, period: periodView(ago) },
      byType: fold((b) => b.case_type),
      byChannel: fold((b) => b.channel),
      byRespondentDepartment: fold((b) => (b.respondent_department_id === null ? NO_DEPARTMENT : departmentName.get(b.respondent_department_id) ?? `部门 ${b.respondent_department_id}`)),
      bySeverity: fold((b) => (b.severity === null ? null : SEVERITY_LABELS[b.severity as Severity] ?? b.severity)),
      byFinding: fold((b) => (b.finding === null ? null : FINDING_LABELS[b.finding as Finding] ?? b.finding)),
      byStatus: fold((b) => STATUS_LABELS[b.status as CaseStatus] ?? b.status),
      departments: [
        ...rows.map((x, i) => departmentRow(x.d, { departmentId: x.departmentId, name: x.name, rank: i + 1 })),
        departmentRow(total, { departmentId: null, name: TOTAL_ROW, rank: null }),
      ],
      warnings,
    };
    if (withStaff) {
      report.staff = staff.map((s): StatisticsStaffRow => ({
        name: s.name,
        department: s.department_id === null ? NO_DEPARTMENT : departmentName.get(s.department_id) ?? `部门 ${s.department_id}`,
        substantiated: Number(s.n),
        band: staffBand(Number(s.n)),
      }));
      report.staffPeriod = staffSpan;
    }
    if (!isPublic) {
      const subjectOf = await subjectsFor(actor, overdueRows);
      report.overdueList = {
        total: current.overdueOpen,
        rows: overdueRows.map((o) => ({
          caseId: o.id, registerNo: o.register_no, subject: subjectOf(o.id, o.subject),
          handlingDepartment: o.handler_department_id === null ? '' : departmentName.get(o.handler_department_id) ?? '',
          dueDate: o.due_date, daysOverdue: daysBetween(o.due_date, today),
        })),
      };
      report.repeats = {
        total: current.repeat,
        rows: repeatRows.map((x) => ({
          caseId: x.id, registerNo: x.register_no, receivedAt: x.received_at, caseType: x.case_type, status: x.status as CaseStatus,
          repeatOfId: x.repeat_of_id, repeatOfRegisterNo: x.repeat_of_register_no,
        })),
      };
    }
    return report;
  }

  /**
   * The overdue list's subjects as this reader may read them: identity typed into a subject masked for whoever
   * sees the case's complainants masked, by the register's rule (the page, the workbook and the printed summary
   * all take the list from here).
   */
  async function subjectsFor(actor: Actor, rows: ReadonlyArray<{ id: number }>): Promise<(caseId: number, subject: string) => string> {
    if (rows.length === 0) return (_id, subject) => subject;
    const holders = await summaryRows(db, rows.map((x) => x.id));
    const masked = new Set(holders.filter((h) => masksIdentityFor(actor, h)).map((h) => h.id));
    const people = new Map<number, IdentityPerson[]>();
    for (const c of masked.size > 0 ? await complainantIdentities(db, [...masked]) : []) {
      const list = people.get(c.case_id) ?? [];
      list.push({ name: c.name, phone: c.phone, idNumber: c.id_number, address: c.address, employer: c.employer });
      people.set(c.case_id, list);
    }
    return (caseId, subject) => (masked.has(caseId) ? identityScrubber(people.get(caseId) ?? [])(subject) : subject);
  }

  return { get, timeZone };
}

export type StatisticsService = ReturnType<typeof createStatistics>;
