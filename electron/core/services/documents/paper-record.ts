import type { PaperRow } from '../../../../db/types';
import { PAPER_TYPE_INFO, type PaperType } from '../../domain/papers';
import type { PaperRecord } from '../../types';

/** An issued paper's row as the contract answers it (one place maps the snake_case row). */
export function paperRecord(r: PaperRow, registerNo: string): PaperRecord {
  const info = PAPER_TYPE_INFO[r.type as PaperType];
  return {
    id: r.id,
    caseId: r.case_id,
    type: r.type as PaperType,
    name: info.name,
    version: r.version,
    number: r.number,
    registerNo,
    templateVersion: r.template_version,
    sha256: r.sha256,
    size: r.size,
    issuedBy: r.issued_by_name,
    issuedAt: r.issued_at,
    supersededAt: r.superseded_at,
    supersededReason: r.superseded_reason,
    supersededById: r.superseded_by,
    audience: info.audience,
  };
}
