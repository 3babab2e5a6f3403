import { statisticsSummaryName } from '../../../../templates/pdf/statistics-summary';
import type { ParsedInput } from '../../contract';
import type { Actor } from '../../session';
import type { FileResult, StatisticsReport } from '../../types';
import { sharedRenderPool } from '../documents/render-pool';
import type { SettingsService } from '../settings';
import type { StatisticsService } from './statistics';
import type { createStatisticsTrend } from './trend';

type StatisticsTrendService = ReturnType<typeof createStatisticsTrend>;

/**
 * statistics/pdf: the report of statistics/get (the same period, the same reader: the per-staff table for
 * supervisors and admins only, the public version without personal data) with the 12-month trend of
 * statistics/trend ending with the period's last month, as the summary of templates/pdf/statistics-summary.ts.
 * The overdue list's subjects come masked from statistics/get for this same reader (the register's rule).
 */
export function createStatisticsSummaryPdf(statistics: StatisticsService, trend: StatisticsTrendService, settings: SettingsService) {
  /**
   * The summary as `reader` reads it (their per-staff table, their masking), with `preparedBy` after 制表人 when
   * given; the report it was drawn from comes with it (an issued summary records its period and 数据截至).
   */
  async function render(reader: Actor, input: ParsedInput<'statistics/pdf'>, preparedBy?: string): Promise<{ report: StatisticsReport; file: FileResult }> {
    const report = await statistics.get(reader, { period: input.period, public: input.public });
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
