import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CaseExtensionsTable, CaseRow, CaseSuspensionsTable, ComplainantRow, Database, HistoryRow } from '../types';
import { extensionsOf } from './case-extensions';
import { historyOfCase } from './case-history';
import { suspensionsOf } from './case-suspensions';
import { caseById } from './cases';
import { complainantsOf } from './complainants';

/**
 * Everything a paper's view model is built from (electron/core/services/documents/view-model.ts): the case
 * row, its complainants, extensions, suspensions and history, and the office's settings rows. Read in one go so a paper never mixes two states of a case.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** The settings rows a paper reads: the office (name, address, phone), the register numbering, the paper settings. */
const PAPER_SETTING_KEYS = ['office', 'numbering', 'papers'] as const;

export interface PaperModelRows {
  row: CaseRow;
  complainants: ComplainantRow[];
  extensions: Selectable<CaseExtensionsTable>[];
  suspensions: Selectable<CaseSuspensionsTable>[];
  history: HistoryRow[];
  /** settings value (JSON text) by key, for the keys above that are stored */
  settings: Map<string, string>;
}

/** The case's rows, or undefined when there is no such case. */
export async function paperModelRows(db: Db, caseId: number): Promise<PaperModelRows | undefined> {
  const [row, complainants, extensions, suspensions, history, settings] = await Promise.all([
    caseById(db, caseId),
    complainantsOf(db, caseId),
    extensionsOf(db, caseId),
    suspensionsOf(db, caseId),
    historyOfCase(db, caseId),
    db.selectFrom('settings').select(['key', 'value']).where('key', 'in', PAPER_SETTING_KEYS).execute(),
  ]);
  if (!row) return undefined;
  return {
    row, complainants, extensions, suspensions, history,
    settings: new Map(settings.map((s) => [s.key, s.value])),
  };
}
