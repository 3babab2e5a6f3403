import type { AttachmentCheckRow } from '../../../db/queries/attachments';

/**
 * Attachments against the history rows that added and voided them (services/attachments.ts writes both): the
 * database's triggers refuse changes and deletions, but a trigger can be dropped. Each row must have its
 * `attachment.add` row (same case, SHA-256, size, name, media type), be voided exactly when an `attachment.void`
 * row says so (with that reason), and no add row may name an attachment that is gone. The stored files themselves
 * are checked against their SHA-256 by the command line's verify (attachment-store.ts, checkBlobs).
 */
export interface RecordedAttachment {
  caseId: number;
  added: null | { historyId: number; after: Record<string, unknown> };
  voided: null | { historyId: number; reason: unknown };
}

export const ATTACHMENT_ACTIONS: ReadonlySet<string> = new Set(['attachment.add', 'attachment.void']);

/** Notes one attachment.add / attachment.void history row of a case. */
export function noteAttachmentEntry(recorded: Map<number, RecordedAttachment>, caseId: number, historyId: number, action: string, afterText: string | null): void {
  let after: Record<string, unknown> | null = null;
  try {
    after = afterText ? (JSON.parse(afterText) as Record<string, unknown>) : null;
  } catch {
    after = null;
  }
  const id = after && typeof after.attachmentId === 'number' ? after.attachmentId : null;
  if (id === null) return;
  let r = recorded.get(id);
  if (!r) recorded.set(id, (r = { caseId, added: null, voided: null }));
  if (action === 'attachment.add') r.added = { historyId, after: after! };
  else r.voided = { historyId, reason: after!.reason };
}

export type AttachmentFailure = { caseId: number; historyId: number | null; field: string; message: string };

export function checkAttachmentRows(rows: readonly AttachmentCheckRow[], recorded: Map<number, RecordedAttachment>): AttachmentFailure[] {
  const failures: AttachmentFailure[] = [];
  for (const [id, caseId, sha256, size, name, mimeType, voidedAt, voidReason] of rows) {
    const what = `附件 #${id}`;
    const r = recorded.get(id);
    recorded.delete(id);
    if (!r?.added) {
      failures.push({ caseId, historyId: null, field: 'attachments', message: `${what}没有添加它的历史记录（附件记录被绕过系统直接写入）` });
      continue;
    }
    const h = r.added.historyId;
    const stored: Record<string, unknown> = { case_id: caseId, sha256, size, name, mime_type: mimeType };
    const said: Record<string, unknown> = { case_id: r.caseId, sha256: r.added.after.sha256, size: r.added.after.size, name: r.added.after.name, mime_type: r.added.after.mimeType };
    for (const column of Object.keys(stored)) {
      if (stored[column] !== said[column]) failures.push({ caseId, historyId: h, field: `attachments.${column}`, message: `${what}的 ${column} 与添加它的第 ${h} 条历史记录不符（附件记录被绕过系统直接修改）` });
    }
    if ((voidedAt !== null) !== (r.voided !== null) || (r.voided !== null && r.voided.reason !== voidReason)) {
      failures.push({
        caseId, historyId: r.voided?.historyId ?? h, field: 'attachments.voided_at',
        message: `${what}的作废标记与历史记录不符（历史记录：${r.voided ? `已作废，原因“${String(r.voided.reason)}”` : '未作废'}）`,
      });
    }
  }
  for (const [id, r] of recorded) {
    if (r.added) failures.push({ caseId: r.caseId, historyId: r.added.historyId, field: 'attachments', message: `第 ${r.added.historyId} 条历史记录添加的附件 #${id} 已不存在（附件记录被删除）` });
  }
  return failures;
}
