import { complainantIdentities, summaryRows } from '../../../../db/queries/case-summaries';
import { statisticsSummaryName } from '../../../../templates/pdf/statistics-summary';
import type { ParsedInput } from '../../contract';
import { identityScrubber, type IdentityPerson } from '../../domain/masking';
import type { Actor } from '../../session';
import type { FileResult, StatisticsReport } from '../../types';
import { masksIdentityFor } from '../cases/identity-rules';
import { sharedRenderPool } from '../documents/render-pool';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings';
import type { StatisticsService } from './statistics';
import type { createStatisticsTrend } from './trend';

type StatisticsTrendService = ReturnType<typeof createStatisticsTrend>;

/**
 * statistics/pdf: the report of statistics/get (the same period, the same reader: the per-staff table for
 * supervisors and admins only, the public version without personal data) with the 12-month trend of
 * statistics/trend ending with the period's last month, as the summary of templates/pdf/statistics-summary.ts.
 * The overdue list's subjects are masked here, in the core, by the register's rule (identity typed into a
 * subject masked for whoever sees that case's complainants masked), as the workbook does.
 */
export function createStatisticsSummaryPdf(deps: Deps, statistics: StatisticsService, trend: StatisticsTrendService, settings: SettingsService) {
  const { db } = deps;

  async function maskOverdue(actor: Actor, report: StatisticsReport): Promise<void> {
    const rows = report.overdueList?.rows ?? [];
    if (rows.length === 0) return;
    const holders = await summaryRows(db, rows.map((x) => x.caseId));
    const masked = new Set(holders.filter((h) => masksIdentityFor(actor, h)).map((h) => h.id));
    const people = new Map<number, IdentityPerson[]>();
    for (const c of masked.size > 0 ? await complainantIdentities(db, [...masked]) : []) {
      const list = people.get(c.case_id) ?? [];
      list.push({ name: c.name, phone: c.phone, idNumber: c.id_number, address: c.address, employer: c.employer });
      people.set(c.case_id, list);
    }
    for (const row of rows) if (masked.has(row.caseId)) row.subject = identityScrubber(people.get(row.caseId) ?? [])(row.subject);
  }

  /**
   * The summary as `reader` reads it (their per-staff table, their masking), with `preparedBy` after 制表人 when
   * given; the report it was drawn from comes with it (an issued summary records its period and 数据截至).
   */
  async function render(reader: Actor, input: ParsedInput<'statistics/pdf'>, preparedBy?: string): Promise<{ report: StatisticsReport; file: FileResult }> {
    const report = await statistics.get(reader, { period: input.period, public: input.public });
    await maskOverdue(reader, report);
    const [office, months] = await Promise.all([settings.get(), trend.trend({ month: report.period.to.slice(0, 7) })]);
    // Drawn on a render worker (the papers' pool): a month of a big register is seconds of layout the core's thread
    // would otherwise spend unable to answer anyone else.
    const bytes = await sharedRenderPool().statisticsSummary({ officeName: office.office.name, report, trend: months, preparedBy });
    return { report, file: { name: statisticsSummaryName(report), mimeType: 'application/pdf', bytes } };
  }

  async function pdf(actor: Actor, input: ParsedInput<'statistics/pdf'>): Promise<FileResult> {
    return (await render(actor, input)).file;
  }

  return { pdf, render };
}

export type StatisticsSummaryPdfService = ReturnType<typeof createStatisticsSummaryPdf>;
