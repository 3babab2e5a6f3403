import type { CaseRow } from '../../../../db/types';
import type { CaseStatus } from '../../domain/vocab';
import type { CaseForRules } from '../../domain/workflow';

/** What the workflow rules (domain/workflow.ts) need to know of a stored case on `today`. */
export function caseForRules(row: Pick<CaseRow, 'status' | 'recorder_id' | 'handler_staff_id' | 'due_date'>, today: string): CaseForRules {
  return {
    status: row.status as CaseStatus,
    recorderId: row.recorder_id,
    handlerStaffId: row.handler_staff_id,
    // The same test as the due state's "overdue" (domain/deadlines.ts dueStateOf).
    isOverdue: row.due_date !== null && row.due_date < today,
  };
}
