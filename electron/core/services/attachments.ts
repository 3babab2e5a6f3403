import { caseById } from '../../../db/queries/cases';
import { complainantsOf } from '../../../db/queries/complainants';
import {
  attachmentBlobs, attachmentById, attachmentsOfCase, hasAttachmentStore, caseAttachmentBytes, insertAttachment, voidAttachment,
} from '../../../db/queries/attachments';
import type { AttachmentRow, CaseRow } from '../../../db/types';
import type { ParsedInput } from '../contract';
import {
  ATTACHMENT_ALLOWED, ATTACHMENT_MAX_CASE_BYTES, ATTACHMENT_MAX_FILE_BYTES, attachmentName, formatAttachmentSize, sniffAttachment,
} from '../domain/attachments';
import { AppError } from '../errors';
import { localDateTime } from '../local-time';
import type { Actor } from '../session';
import type { AttachmentInfo, AttachmentLimits, AttachmentList, FileResult } from '../types';
import { freeTextFor, identitiesOf } from './cases/case-view';
import { masksIdentityFor } from './cases/identity-rules';
import type { Deps } from './deps';
import { attachmentsRoot, checkBlobs, readBlob, storeBlob, type BlobProblem } from './files/attachment-store';
import { appendHistory } from './history';

/**
 * 附件: files attached to a case (domain/attachments.ts says what a file is). The bytes go to the content-addressed
 * store (files/attachment-store.ts) before the one transaction that records the row and its history row, so a
 * recorded attachment's blob is always complete. Nothing is deleted: a wrong file is voided with a reason.
 *
 * Who: list and file — whoever may open the case; a confidential case's attachments only for whoever sees its
 * complainant's identity (the complainant fields' rule, identity-rules.ts: a scanned ID card or a letter names
 * the person as much as the fields do). add — clerks, supervisors, admins (the contract's access); void — whoever
 * added it, or a supervisor or admin. File names and void reasons are free text: shown to a reader who sees the
 * complainants masked with the identity typed into them masked too, as on the case page.
 */
export const ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: ATTACHMENT_MAX_FILE_BYTES, maxCaseBytes: ATTACHMENT_MAX_CASE_BYTES, allowed: ATTACHMENT_ALLOWED,
};

const HIDDEN_MESSAGE = '该诉求人要求保密，您无权查看本案的附件';

export function createAttachments(deps: Deps) {
  const { db } = deps;
  // The data folder (papersRoot is it, unless a test gives another); a memory register has none.
  const dataDir = deps.papersRoot ?? null;
  const root = dataDir === null ? null : attachmentsRoot(dataDir);
  const storeRoot = (): string => {
    if (root === null) throw new AppError('INVALID_TRANSITION', '此登记册没有数据目录，附件无法保存（请通过桌面版、serve 或命令行 --data 打开登记册）');
    return root;
  };

  async function caseRow(caseId: number, field: string): Promise<CaseRow> {
    const row = await caseById(db, caseId);
    if (!row) throw new AppError('NOT_FOUND', '案件不存在', field);
    return row;
  }

  /** A confidential case's attachments are hidden from whoever sees its complainants masked. */
  const hiddenFor = (actor: Actor, c: CaseRow) => c.is_confidential === 1 && masksIdentityFor(actor, c);

  async function textFor(actor: Actor, c: CaseRow): Promise<(text: string) => string> {
    const masked = masksIdentityFor(actor, c);
    return freeTextFor(masked, masked ? identitiesOf(await complainantsOf(db, c.id)) : []);
  }

  const info = (r: AttachmentRow, text: (s: string) => string = (s) => s): AttachmentInfo => ({
    id: r.id,
    caseId: r.case_id,
    name: text(r.name),
    size: r.size,
    mimeType: r.mime_type,
    kind: r.kind,
    sha256: r.sha256,
    addedBy: r.added_by_name,
    addedAt: r.added_at,
    voided: r.voided_at === null ? null : { at: r.voided_at, by: r.voided_by_name ?? '', reason: text(r.void_reason ?? '') },
    downloadOnly: r.active_content === 1,
  });

  async function attachmentRow(id: number): Promise<AttachmentRow> {
    const row = await attachmentById(db, id);
    if (!row) throw new AppError('NOT_FOUND', '附件不存在', 'id');
    return row;
  }

  return {
    root,

    async list(actor: Actor, input: ParsedInput<'attachments/list'>): Promise<AttachmentList> {
      const c = await caseRow(input.caseId, 'caseId');
      if (hiddenFor(actor, c)) return { items: [], usedBytes: 0, limits: ATTACHMENT_LIMITS, hiddenBecauseConfidential: true };
      const rows = await attachmentsOfCase(db, c.id);
      const text = await textFor(actor, c);
      return {
        items: rows.map((r) => info(r, text)),
        usedBytes: rows.reduce((n, r) => n + (r.voided_at === null ? r.size : 0), 0),
        limits: ATTACHMENT_LIMITS,
        hiddenBecauseConfidential: false,
      };
    },

    async add(actor: Actor, input: ParsedInput<'attachments/add'>): Promise<AttachmentInfo> {
      const target = storeRoot();
      const c = await caseRow(input.caseId, 'caseId');
      if (c.status === 'voided') throw new AppError('INVALID_TRANSITION', '已作废的案件不能添加附件', 'caseId');
      const bytes = new Uint8Array(Buffer.from(input.content, 'base64'));
      const sniffed = sniffAttachment(bytes, input.name);
      if ('refused' in sniffed) throw new AppError('VALIDATION', sniffed.refused, 'content');
      const name = attachmentName(input.name, sniffed);
      const overLimit = (used: number) => used + bytes.byteLength > ATTACHMENT_MAX_CASE_BYTES
        ? new AppError('VALIDATION', `文件「${name}」（${formatAttachmentSize(bytes.byteLength)}）加上本案已有附件（${formatAttachmentSize(used)}）超过每个案件的附件上限 ${formatAttachmentSize(ATTACHMENT_MAX_CASE_BYTES)}，未添加`, 'content')
        : null;
      const early = overLimit(await caseAttachmentBytes(db, c.id));
      if (early) throw early;
      // The blob first, outside the transaction (a file write never waits inside one): a row names only complete blobs.
      const stored = storeBlob(target, bytes);
      const at = localDateTime(deps.now());
      const row = await db.transaction().execute(async (trx) => {
        const late = overLimit(await caseAttachmentBytes(trx, c.id)); // another add may have landed meanwhile
        if (late) throw late;
        const r = await insertAttachment(trx, {
          case_id: c.id, sha256: stored.sha256, size: stored.size, name, mime_type: sniffed.mimeType, kind: sniffed.kind,
          active_content: sniffed.activeContent ? 1 : 0, added_by: actor.id > 0 ? actor.id : null, added_by_name: actor.displayName, added_at: at,
        });
        await appendHistory(trx, {
          entity: 'case', entityId: c.id, action: 'attachment.add', actor, at,
          after: { attachmentId: r.id, name, sha256: stored.sha256, size: stored.size, mimeType: sniffed.mimeType },
          note: `添加附件「${name}」（${formatAttachmentSize(stored.size)}）· SHA-256 ${stored.sha256}`,
        });
        return r;
      });
      // The one who added it gets it back as given (even on a confidential case they may not list).
      return info(row);
    },

    async void(actor: Actor, input: ParsedInput<'attachments/void'>): Promise<AttachmentInfo> {
      const a = await attachmentRow(input.id);
      const c = await caseRow(a.case_id, 'id');
      const own = a.added_by !== null && a.added_by === actor.id;
      if (!own && actor.role !== 'supervisor' && actor.role !== 'admin') {
        throw new AppError('FORBIDDEN', '只有添加该附件的人员或主管、管理员可以作废附件', 'id');
      }
      if (!own && hiddenFor(actor, c)) throw new AppError('FORBIDDEN', HIDDEN_MESSAGE, 'id');
      if (a.voided_at !== null) throw new AppError('INVALID_TRANSITION', `附件「${a.name}」已于 ${a.voided_at} 作废`, 'id');
      const at = localDateTime(deps.now());
      const row = await db.transaction().execute(async (trx) => {
        const r = await voidAttachment(trx, a.id, { at, by: actor.id > 0 ? actor.id : null, byName: actor.displayName, reason: input.reason });
        if (!r) throw new AppError('INVALID_TRANSITION', `附件「${a.name}」已作废`, 'id');
        await appendHistory(trx, {
          entity: 'case', entityId: c.id, action: 'attachment.void', actor, at,
          after: { attachmentId: a.id, reason: input.reason },
          note: `作废附件「${a.name}」：${input.reason}`,
        });
        return r;
      });
      return info(row, await textFor(actor, c));
    },

    async file(actor: Actor, input: ParsedInput<'attachments/file'>): Promise<FileResult> {
      const a = await attachmentRow(input.id);
      const c = await caseRow(a.case_id, 'id');
      if (hiddenFor(actor, c)) throw new AppError('FORBIDDEN', HIDDEN_MESSAGE, 'id');
      const bytes = readBlob(storeRoot(), a.sha256, a.size);
      // The name as stored is already safe and ends in its kind's extension; the type is the stored one.
      return { name: (await textFor(actor, c))(a.name), mimeType: a.mime_type, bytes };
    },

    /**
     * Every recorded blob checked against its hash and size (verify): what is missing or altered. Null for a register
     * older than the attachment store (migration 0013, read without migrating it): it records no files to check.
     */
    async checkFiles(): Promise<BlobProblem[] | null> {
      if (!(await hasAttachmentStore(db))) return null;
      const blobs = await attachmentBlobs(db);
      if (blobs.length === 0) return [];
      return checkBlobs(storeRoot(), blobs);
    },

    /**
     * The command line's `verify`: each missing or altered blob in words, naming the attachments and cases that
     * record it (register numbers and attachment numbers only: a file name may carry a protected identity). Null when
     * the check does not apply (a register older than migration 0013).
     */
    async fileProblemLines(): Promise<string[] | null> {
      const problems = await this.checkFiles();
      if (problems === null) return null;
      const lines: string[] = [];
      for (const p of problems) {
        const rows = await db.selectFrom('attachments').innerJoin('cases', 'cases.id', 'attachments.case_id')
          .select(['attachments.id', 'cases.register_no']).where('attachments.sha256', '=', p.sha256).orderBy('attachments.id').execute();
        const where = rows.map((r) => `附件 #${r.id}（案件 ${r.register_no}）`).join('、');
        const file = `attachments/${p.sha256.slice(0, 2)}/${p.sha256}.bin`;
        lines.push(p.problem === 'missing'
          ? `附件文件 ${file} 已丢失：${where}，请从备份恢复`
          : `附件文件 ${file} 已被改动（SHA-256 或大小与登记时记录的 ${p.size} 字节不符）：${where}，请从备份恢复`);
      }
      return lines;
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachments>;
