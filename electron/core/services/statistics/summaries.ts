import { insertStatisticsSummary, isSummaryFileRecorded, statisticsSummaries, statisticsSummaryById } from '../../../../db/queries/statistics-summaries';
import type { StatisticsSummaryRow } from '../../../../db/types';
import type { ParsedInput } from '../../contract';
import { AppError } from '../../errors';
import { localDate, localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { FileResult, StatisticsSummaryRecord } from '../../types';
import type { Deps } from '../deps';
import { createSerializer } from '../documents/numbering';
import { noStoreMessage, type FrozenStore } from '../files/frozen-store';
import { appendHistory } from '../history';
import type { StatisticsSummaryPdfService } from './summary-pdf';

/**
 * 签发 of the statistics summary (issue 9 item 2): the summary PDF of statistics/pdf for a period and version is
 * rendered once, its exact bytes stored under `summaries/<year>/<sha256>.pdf` in the data folder (the frozen
 * store: written, flushed and renamed into place before anything records it), then one transaction records the
 * summary (statistics_summaries, append-only) and its history row ('statistics.issue' with the SHA-256). A
 * download reads the stored file and serves it only while its SHA-256 is the one recorded.
 *
 * The stored bytes are the same for everyone who may open 已签发 (supervisors, admins, auditors), so an issued
 * summary holds only what the least entitled of them reads in statistics/pdf — an auditor's reading: no per-staff
 * table (supervisors and admins only) and the overdue list's subjects with every complainant's identity masked.
 * The issuer's name is printed after 制表人.
 */
export const ISSUED_SUMMARY_READER = 'auditor' as const;

export const STATISTICS_ISSUE_ACTION = 'statistics.issue';

const PDF_MIME = 'application/pdf';

function summaryRecord(r: StatisticsSummaryRow): StatisticsSummaryRecord {
  const isPublic = r.public === 1;
  return {
    id: r.id,
    period: { kind: r.period_kind, from: r.period_from, to: r.period_to, label: r.label },
    public: isPublic,
    sha256: r.sha256,
    bytes: r.bytes,
    issuedById: r.issued_by,
    issuedBy: r.issued_by_name,
    issuedAt: r.issued_at,
    asOf: r.as_of,
    fileName: summaryFileName(r.label, isPublic, r.issued_at),
  };
}

/** 投诉统计-2026年11月-签发20261202.pdf (…-公开版-签发…): the period, the version and the day it was issued. */
function summaryFileName(label: string, isPublic: boolean, issuedAt: string): string {
  return `投诉统计-${label.replace(/\s+/g, '')}${isPublic ? '-公开版' : ''}-签发${issuedAt.slice(0, 10).replace(/-/g, '')}.pdf`;
}

export function createStatisticsSummaries(deps: Deps, summaryPdf: StatisticsSummaryPdfService, store: FrozenStore) {
  const { db } = deps;
  // One issue at a time stores and records: a file written for an issue that then failed is removed only when
  // no other issue of the same bytes has recorded it meanwhile.
  const serialized = createSerializer();

  async function issue(actor: Actor, input: ParsedInput<'statistics/issue'>): Promise<StatisticsSummaryRecord> {
    if (store.root === null) throw new AppError('INVALID_TRANSITION', noStoreMessage('summaries'));
    const reader: Actor = { ...actor, role: ISSUED_SUMMARY_READER };
    // Rendering is outside any transaction; the file is in place before the record names it.
    const { report, file } = await summaryPdf.render(reader, { period: input.period, public: input.public }, actor.displayName);
    return serialized('issue', async () => {
      const now = deps.now();
      const at = localDateTime(now);
      const stored = store.save(Number(localDate(now).slice(0, 4)), file.bytes);
      let id: number;
      try {
        id = await db.transaction().execute(async (trx) => {
          const summaryId = await insertStatisticsSummary(trx, {
            period_kind: report.period.kind, period_from: report.period.from, period_to: report.period.to, label: report.period.label,
            public: report.public ? 1 : 0, sha256: stored.sha256, bytes: stored.size, file: stored.file,
            issued_by: actor.id, issued_by_name: actor.displayName, issued_at: at, as_of: report.asOf,
          });
          const version = report.public ? '公开版' : '内部版';
          await appendHistory(trx, {
            entity: 'statistics', entityId: summaryId, action: STATISTICS_ISSUE_ACTION, actor, at,
            after: {
              summary: {
                id: summaryId, period: report.period, public: report.public, sha256: stored.sha256, bytes: stored.size, file: stored.file, asOf: report.asOf,
              },
            },
            note: `签发统计汇总表「${report.period.label}」（${version}，${report.period.from} 至 ${report.period.to}，数据截至 ${report.asOf}）· SHA-256 ${stored.sha256}`,
          });
          return summaryId;
        });
      } catch (err) {
        if (!(await isSummaryFileRecorded(db, stored.file))) store.discard(stored.file);
        throw err;
      }
      return summaryRecord((await statisticsSummaryById(db, id))!);
    });
  }

  async function list(): Promise<StatisticsSummaryRecord[]> {
    return (await statisticsSummaries(db)).map(summaryRecord);
  }

  /** The stored bytes of an issued summary, refused when the file is gone or no longer has its recorded SHA-256. */
  async function pdf(input: ParsedInput<'statistics/summaryPdf'>): Promise<FileResult> {
    const row = await statisticsSummaryById(db, input.id);
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${input.id} 的已签发统计汇总表`, 'id');
    const bytes = store.read(row.file, row.sha256);
    return { name: summaryRecord(row).fileName, mimeType: PDF_MIME, bytes };
  }

  return { issue, list, pdf };
}

export type StatisticsSummariesService = ReturnType<typeof createStatisticsSummaries>;
