import { nameRows } from '../../../../db/queries/case-directory';
import { allStaff } from '../../../../db/queries/directory';
import { tallyStaffFindings } from '../../domain/staff-findings';
import { complainantIdentities, summaryRows } from '../../../../db/queries/case-summaries';
import {
  overdueOpenList, repeatList, statisticsSetting, substantiatedByStaff, type CohortRange, type PeriodTotals, type TotalsRow,
} from '../../../../db/queries/statistics';
import { periodTotals } from '../../../../db/queries/statistics-totals';
import type { ParsedInput } from '../../contract';
import { addDays, CalendarMissingError, isWorkingDay, workingDaysBetween, type Calendar } from '../../domain/calendar';
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

/** Where a period's totals come from: the kept totals (statistics-totals.ts), or, to test them, the cases themselves. */
export type TotalsSource = (db: Deps['db'], ranges: readonly CohortRange[], today: string) => Promise<PeriodTotals[]>;

type BaseCounts = Omit<Counts, 'awaitingAcceptance' | 'closedLate'>;

/** The top-level counts of one period, folded from its totals. */
function countsOf(t: PeriodTotals): BaseCounts {
  const c: BaseCounts = {
    registered: 0, voided: 0, answeredOnSpot: 0, accepted: 0, refused: 0, closed: 0, closedOnTime: 0, overdueOpen: 0, reopened: 0,
    followedUp: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, extended: t.extended, suspended: t.suspended, repeat: t.repeat,
  };
  for (const x of t.rows) {
    if (x.dim === 'handler' && x.key === '') c.answeredOnSpot += x.closed;
    if (x.dim !== 'status') continue;
    if (x.key === 'voided') {
      c.voided += x.n;
      continue;
    }
    c.registered += x.n;
    if (x.key !== 'registered' && x.key !== 'refused') c.accepted += x.n;
    if (x.key === 'refused') c.refused += x.n;
    c.closed += x.closed;
    c.closedOnTime += x.on_time;
    c.reopened += x.reopened;
    c.followedUp += x.satisfied + x.basic + x.unsatisfied;
    c.satisfied += x.satisfied;
    c.basicallySatisfied += x.basic;
    c.unsatisfied += x.unsatisfied;
  }
  for (const x of t.overdue) c.overdueOpen += x.n;
  return c;
}

/**
 * workingDaysBetween(cal, received, closed) of each pair (or the CalendarMissingError it throws), with one walk of
 * the days the pairs span instead of one per pair: a year's report has some 10,000 pairs, each walking a few weeks.
 */
export function workingDaysOfPairs(cal: Calendar, pairs: ReadonlyArray<{ received: string; closed: string | null }>): Array<number | CalendarMissingError> {
  const spanned = pairs.filter((p) => p.closed !== null && p.closed > p.received);
  if (spanned.length === 0) return pairs.map((p) => workingDaysBetween(cal, p.received, p.closed as string));
  const lo = spanned.reduce((m, p) => (p.received < m ? p.received : m), spanned[0].received);
  const hi = spanned.reduce((m, p) => (p.closed! > m ? p.closed! : m), spanned[0].closed!);
  // The days after `lo` up to `hi`: working-day counts so far, and the first day of a year the calendar lacks from each on.
  const index = new Map<string, number>([[lo, -1]]);
  const cum: number[] = [];
  const missingYear: Array<number | null> = [];
  for (let d = addDays(lo, 1), i = 0; d <= hi; d = addDays(d, 1), i++) {
    index.set(d, i);
    let working = false;
    try {
      working = isWorkingDay(cal, d);
      missingYear.push(null);
    } catch (err) {
      if (!(err instanceof CalendarMissingError)) throw err;
      missingYear.push(err.year);
    }
    cum.push((i > 0 ? cum[i - 1] : 0) + (working ? 1 : 0));
  }
  const nextMissing = new Array<number>(cum.length + 1).fill(cum.length);
  for (let i = cum.length - 1; i >= 0; i--) nextMissing[i] = missingYear[i] !== null ? i : nextMissing[i + 1];
  return pairs.map((p) => {
    if (p.closed === null || !(p.closed > p.received)) return workingDaysBetween(cal, p.received, p.closed as string);
    const start = index.get(p.received)! + 1;
    const end = index.get(p.closed)!;
    if (nextMissing[start] <= end) return new CalendarMissingError(missingYear[nextMissing[start]]!);
    return cum[end] - (start > 0 ? cum[start - 1] : 0);
  });
}

interface DepartmentSums { assigned: number; closed: number; closedOnTime: number; overdueOpen: number; followedUp: number; satisfied: number; unsatisfied: number }
const periodView = (p: Period): StatisticsPeriod => ({ kind: p.kind, from: p.from, to: p.to, label: p.label });

/**
 * The statistics service: one report of a period (statistics.md) from SQL aggregates, for the page, the PDF,
 * the workbook and the command line alike. The office's time zone (setting 'statistics'.timeZone, default
 * Asia/Shanghai) gives "today" (for 超期未办结) and 数据截至; the period's dates are compared with the stored
 * local times as they are, so the machine's own zone never moves a boundary.
 */
export function createStatistics(deps: Deps, calendar: CalendarService, source: TotalsSource = periodTotals) {
  const { db } = deps;

  async function timeZone(): Promise<string> {
    const s = await statisticsSetting(db);
    return typeof s?.timeZone === 'string' && isTimeZone(s.timeZone) ? s.timeZone : DEFAULT_TIME_ZONE;
  }

  /** Working days after the day of receipt up to and including the closing day, as mean and median. */
  function handling(pairs: PeriodTotals['handling'], cal: Calendar, warnings: string[]) {
    const histogram = new Map<number, number>();
    const missing = new Set<number>();
    let uncounted = 0;
    const days = workingDaysOfPairs(cal, pairs);
    pairs.forEach((p, i) => {
      const d = days[i];
      if (d instanceof CalendarMissingError) {
        missing.add(d.year);
        uncounted += p.n;
      } else histogram.set(d, (histogram.get(d) ?? 0) + p.n);
    });
    if (uncounted > 0) {
      warnings.push(`${uncounted} 件办结件的办理时长落入工作日历未覆盖的年份（${[...missing].sort().join('、')}），未计入平均 / 中位办理时长；导入该年日历后即可计入。`);
    }
    return meanAndMedian(histogram);
  }

  /** The top-level figures of one period. */
  function figures(t: PeriodTotals, cal: Calendar, warnings: string[]): StatisticsFigures {
    const base = countsOf(t);
    const counts: Counts = { ...base, awaitingAcceptance: base.registered - base.accepted - base.refused, closedLate: base.closed - base.closedOnTime };
    // The keys in statistics.md's order.
    const ordered = {
      registered: counts.registered, voided: counts.voided, answeredOnSpot: counts.answeredOnSpot, accepted: counts.accepted,
      refused: counts.refused, awaitingAcceptance: counts.awaitingAcceptance, closed: counts.closed, closedOnTime: counts.closedOnTime,
      closedLate: counts.closedLate, overdueOpen: counts.overdueOpen, extended: counts.extended, suspended: counts.suspended,
      reopened: counts.reopened, repeat: counts.repeat, followedUp: counts.followedUp, satisfied: counts.satisfied,
      basicallySatisfied: counts.basicallySatisfied, unsatisfied: counts.unsatisfied,
    };
    return { ...ordered, ...ratesOf(counts), handlingWorkingDays: handling(t.handling, cal, warnings) };
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

    // A year's 环比 and 同比 are the same year before: counted once.
    const agoIsPrev = ago.from === prev.from && ago.to === prev.to;
    const [totals, staff, overdueRows, repeatRows] = await Promise.all([
      source(db, agoIsPrev ? [r, rangeOf(prev)] : [r, rangeOf(prev), rangeOf(ago)], today),
      // Per person: the directory's id when picked, else the typed name within the department (domain/staff-findings.ts).
      withStaff ? Promise.all([substantiatedByStaff(db, rangeOf(staffSpan)), allStaff(db)]).then(([rows, directory]) => tallyStaffFindings(rows, directory)) : Promise.resolve([]),
      isPublic ? Promise.resolve([]) : overdueOpenList(db, r, today, STATISTICS_LIST_LIMIT),
      isPublic ? Promise.resolve([]) : repeatList(db, r, STATISTICS_LIST_LIMIT),
    ]);
    const [mine, previousTotals] = totals;
    const current = figures(mine, cal, warnings);
    const previous = figures(previousTotals, cal, []);
    const yearAgo = agoIsPrev ? previous : figures(totals[2], cal, []);

    const cell = (n: number): StatisticsCell => (isPublic ? publicCell(n) : n);
    /** One dimension's counts (voided cases left out), under the names `label` gives its keys (null: not shown). */
    const fold = (dim: TotalsRow['dim'], label: (key: string) => string | null) => {
      const out = new Map<string, number>();
      for (const x of mine.rows) {
        if (x.dim !== dim || (dim === 'status' && x.key === 'voided')) continue;
        const k = label(x.key);
        if (k !== null) out.set(k, (out.get(k) ?? 0) + x.n);
      }
      return Object.fromEntries([...out.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => [k, cell(n)]));
    };
    const departmentOf = (key: string) => departmentName.get(Number(key)) ?? `部门 ${key}`;

    // Per handling department (承办部门) of the cohort's assigned cases, and the 合计 of them.
    const zero = (): DepartmentSums => ({ assigned: 0, closed: 0, closedOnTime: 0, overdueOpen: 0, followedUp: 0, satisfied: 0, unsatisfied: 0 });
    const byDepartment = new Map<string, DepartmentSums>();
    const total = zero();
    for (const x of mine.rows) {
      if (x.dim !== 'handler' || x.key === '') continue;
      const d = zero();
      byDepartment.set(x.key, d);
      d.assigned = x.n;
      d.closed = x.closed;
      d.closedOnTime = x.on_time;
      d.followedUp = x.satisfied + x.basic + x.unsatisfied;
      d.satisfied = x.satisfied + x.basic;
      d.unsatisfied = x.unsatisfied;
    }
    for (const x of mine.overdue) {
      const d = byDepartment.get(x.handler);
      if (d) d.overdueOpen += x.n;
    }
    for (const d of byDepartment.values()) for (const k of Object.keys(total) as Array<keyof DepartmentSums>) total[k] += d[k];
    const rows = [...byDepartment.entries()].map(([key, d]) => ({
      departmentId: Number(key), name: departmentOf(key), d, onTimeRate: rate(d.closedOnTime, d.closed),
    }));
    rows.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.d.assigned - a.d.assigned || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.departmentId - b.departmentId));
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
      byType: fold('type', (k) => k),
      byChannel: fold('channel', (k) => k),
      byRespondentDepartment: fold('respondent', (k) => (k === '' ? NO_DEPARTMENT : departmentOf(k))),
      bySeverity: fold('severity', (k) => (k === '' ? null : SEVERITY_LABELS[k as Severity] ?? k)),
      byFinding: fold('finding', (k) => (k === '' ? null : FINDING_LABELS[k as Finding] ?? k)),
      byStatus: fold('status', (k) => STATUS_LABELS[k as CaseStatus] ?? k),
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
