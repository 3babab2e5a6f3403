import { createCalendarService } from './calendar';
import { createCaseService } from './cases/cases';
import { createCaseRepeats } from './cases/case-repeats';
import { createStatistics } from './statistics/statistics';
import { createStatisticsSummaries } from './statistics/summaries';
import { createStatisticsSummaryPdf } from './statistics/summary-pdf';
import { createStatisticsTrend } from './statistics/trend';
import { createStatisticsWorkbook } from './statistics/workbook';
import { createRegisterList } from './cases/register-list';
import { createRegisterExport } from './export/register-export';
import type { Deps } from './deps';
import { createDocuments } from './documents/documents';
import { createPaperSettings } from './documents/paper-settings';
import { createPaperTemplates } from './documents/paper-templates';
import { createPreviewCases } from './preview-cases';
import { createFrozenStore } from './files/frozen-store';
import { checkFontFile } from '../../../templates/fonts/fonts';
import { createVerifier } from '../verify/verifier';
import { createSettingsService } from './settings';
import { createWorkLists } from './work-lists';
import { createAttachments } from './attachments';
import { createBackups } from './backup/backup';
import { createUserService } from './users';

export function createServices(deps: Deps) {
  const settings = createSettingsService(deps);
  // The calendar tells the cases when it changes, so due dates waiting on a missing year get computed.
  let cases: ReturnType<typeof createCaseService> | null = null;
  const calendar = createCalendarService(deps, (trx, cal) => cases!.recomputeMissing(trx, cal));
  cases = createCaseService(deps, settings, calendar);
  const paperSettings = createPaperSettings(deps, checkFontFile);
  const paperTemplates = createPaperTemplates(deps);
  const statistics = createStatistics(deps, calendar);
  const statisticsSummaryPdf = createStatisticsSummaryPdf(statistics, createStatisticsTrend(deps), settings);
  const backups = createBackups(deps, settings);
  return {
    deps,
    users: createUserService(deps),
    settings,
    calendar,
    cases,
    registerList: createRegisterList(deps, settings, calendar),
    registerExport: createRegisterExport(deps, settings, calendar, { inThread: deps.exportInThread === true }),
    repeats: createCaseRepeats(deps, cases.detail),
    statistics,
    statisticsWorkbook: createStatisticsWorkbook(deps, statistics, settings),
    statisticsTrend: createStatisticsTrend(deps),
    statisticsSummaryPdf,
    statisticsSummaries: createStatisticsSummaries(deps, statisticsSummaryPdf, createFrozenStore(deps.papersRoot ?? null, 'summaries')),
    workLists: createWorkLists(deps, calendar, backups.warning),
    backups,
    attachments: createAttachments(deps),
    history: createVerifier(deps),
    paperSettings,
    paperTemplates,
    previewCases: createPreviewCases(deps),
    papers: createDocuments(deps, { settings, paperSettings, paperTemplates, calendar, store: createFrozenStore(deps.papersRoot ?? null, 'papers') }),
  };
}

export type Services = ReturnType<typeof createServices>;
