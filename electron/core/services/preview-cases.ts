import { previewCaseRows } from '../../../db/queries/preview-cases';
import type { CaseStatus } from '../domain/vocab';
import type { PaperPreviewCase } from '../types';
import type { Deps } from './deps';

/** how many cases the picker offers at once */
export const PREVIEW_CASES_LIMIT = 20;

/**
 * previewCases/list: the cases the template editor's live preview may be composed from, for the admin who
 * may not open the register. Only what identifies a case to pick it: register number, date, type, status.
 */
export function createPreviewCases(deps: Deps) {
  return {
    list: async (input: { search?: string }): Promise<PaperPreviewCase[]> => {
      const search = (input.search ?? '').trim();
      const rows = await previewCaseRows(deps.db, search === '' ? null : search, PREVIEW_CASES_LIMIT);
      return rows.map((r) => ({
        id: r.id, registerNo: r.register_no, receivedAt: r.received_at.slice(0, 10), caseType: r.case_type, status: r.status as CaseStatus,
      }));
    },
  };
}
