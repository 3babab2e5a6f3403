import { createHash } from 'node:crypto';
import { caseById } from '../../../../db/queries/cases';
import { complainantsOf } from '../../../../db/queries/complainants';
import {
  advancePaperSeq, currentPaper, insertPaper, issuedPaperRecord, lastPaperSeq, lastPaperVersion, markSuperseded, paperById, papersOfCase,
} from '../../../../db/queries/papers';
import { workListIds } from '../../../../db/queries/work-lists';
import type { PaperRow } from '../../../../db/types';
import type { FontOptions } from '../../../../templates/fonts/fonts';
import { checkTemplate } from '../../../../templates/engine';
import { composePaper, NUMBER_PENDING, TemplateError } from '../../../../templates/papers/compose';
import type { PaperDocument } from '../../../../templates/papers/paper-document';
import type { ParsedInput } from '../../contract';
import { addWorkingDays } from '../../domain/calendar';
import { dueThresholds } from '../../domain/deadlines';
import {
  formatPaperNumber, paperAllowed, PAPER_TYPE_INFO, placeholdersFor, whyNotIssue, type PaperType,
} from '../../domain/papers';
import { seesIdentity } from '../../domain/permissions';
import { AppError } from '../../errors';
import { safeFileName } from '../../file-name';
import { localDate, localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { FileResult, MissingValue, PaperDraft, PaperRecord, PaperTemplateText, TemplateIssue } from '../../types';
import type { CalendarService } from '../calendar';
import { freeTextFor, identitiesOf } from '../cases/case-view';
import { identityHolder } from '../cases/identity-rules';
import type { Deps, Trx } from '../deps';
import { appendHistory } from '../history';
import type { SettingsService } from '../settings';
import { createSerializer, MAX_NUMBER_ATTEMPTS } from './numbering';
import { sharedRenderPool, type PaperRenderers } from './render-pool';
import type { PaperSettingsService } from './paper-settings';
import { paperRecord } from './paper-record';
import { noStoreMessage, type FrozenStore, type StoredFile } from '../files/frozen-store';
import type { PaperTemplatesService, ResolvedTemplate } from './paper-templates';
import { templateRefusal } from './paper-templates';
import { loadPaperModel, paperDate, type LoadedPaperModel } from './view-model';

/** The SHA-256 of a paper's stored document text (the JSON its Word file is built from), hex. */
export const documentSha256 = (documentJson: string): string => createHash('sha256').update(documentJson, 'utf8').digest('hex');

const NO_STORE_MESSAGE = noStoreMessage('papers');

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentsDeps {
  settings: SettingsService;
  paperSettings: PaperSettingsService;
  paperTemplates: PaperTemplatesService;
  calendar: CalendarService;
  store: FrozenStore;
  render?: Partial<PaperRenderers>;
}

/**
 * What a batch of 督办通知 says when nobody typed a requirement: the general chase every overdue case gets
 * (a single case's notice is typed in its dialog). The report is due 3 working days after the notice.
 */
export const BATCH_SUPERVISION_REQUEST = '请你单位高度重视，立即组织力量依法依规办理，尽快办结，并将办理结果及时答复投诉人。';
export const BATCH_REPORT_WORKING_DAYS = 3;
/** At most this many papers in one batch (a day's overdue cases in a large office are far fewer). */
export const BATCH_LIMIT = 500;

/** Placeholders the paper itself gives (composePaper's own values), not typed in per paper. */
const NOT_FILLED: ReadonlySet<string> = new Set(['文书编号', '落款日期', '单位名称']);

/** Types a case may receive again while one is in force, each a paper of its own (every chase is a new notice). */
const REPEATABLE: ReadonlySet<PaperType> = new Set(['supervise']);

interface Composed { document: PaperDocument; missing: MissingValue[] }
interface PaperContext { loaded: LoadedPaperModel; officeName: string; fonts: FontOptions; pattern: string; abbreviation: string }

export function createDocuments(deps: Deps, d: DocumentsDeps) {
  const { db } = deps;
  const pool = sharedRenderPool();
  const render: PaperRenderers = { pdf: d.render?.pdf ?? pool.pdf, docx: d.render?.docx ?? pool.docx };
  const serialized = createSerializer();

  async function caseRow(caseId: number) {
    const row = await caseById(db, caseId);
    if (!row) throw new AppError('NOT_FOUND', '案件不存在', 'caseId');
    return row;
  }

  /**
   * Only the text placeholders the type's template may use can be typed in; the number, the date and the
   * office's name are the paper's own (given at issue, or 设置 → 单位信息), never typed per paper.
   */
  function checkFillIns(type: PaperType, fillIns: Record<string, string>): void {
    const allowed = new Set(placeholdersFor(type).filter((p) => p.kind === 'text' && !NOT_FILLED.has(p.name)).map((p) => p.name));
    for (const name of Object.keys(fillIns)) {
      if (name === '单位名称') throw new AppError('VALIDATION', '「单位名称」不按文书填写，请在 设置 → 单位信息 中填写本单位名称', `fillIns.${name}`);
      if (!allowed.has(name)) throw new AppError('VALIDATION', `「${name}」不是${PAPER_TYPE_INFO[type].name}可以填写的内容`, `fillIns.${name}`);
    }
  }

  /**
   * The case's model for this paper and actor (refuses a complainant's paper to whoever may not see them), and
   * the settings. `trying`: a template tried on the case (设置 → 文书模板), where whoever may not see the
   * complainant (an admin) sees them masked instead of being refused; nothing is issued from it.
   */
  async function context(actor: Actor, caseId: number, type: PaperType, trying = false): Promise<PaperContext> {
    const [loaded, office, ps] = await Promise.all([
      loadPaperModel(db, { caseId, type, actor, now: deps.now(), trying }),
      d.settings.get(),
      d.paperSettings.get(),
    ]);
    return {
      loaded,
      officeName: office.office.name,
      fonts: { bodyFontFile: ps.bodyFontFile, titleFontFile: ps.titleFontFile },
      pattern: ps.patterns[type],
      abbreviation: ps.abbreviation,
    };
  }

  function compose(type: PaperType, template: PaperTemplateText, ctx: PaperContext, fillIns: Record<string, string>, number: string | null, preview: boolean): Composed {
    // What is typed into the gaps is free text like the case's: a paper that may not show the identity masks it there too.
    const typed = Object.fromEntries(Object.entries(fillIns).map(([name, value]) => [name, ctx.loaded.scrub(value)]));
    try {
      return composePaper({
        type, template, model: ctx.loaded.model, fillIns: typed, number, officeName: ctx.officeName,
        signatureDate: paperDate(localDate(deps.now()))!, preview,
      });
    } catch (err) {
      // A stored template checked on save can still fail a later catalogue: say so rather than INTERNAL.
      if (err instanceof TemplateError) throw templateRefusal(err.issues);
      throw err;
    }
  }

  /** Forms carry the register number even in a preview; numbered papers get theirs when issued. */
  const previewNumber = (type: PaperType, ctx: PaperContext) => (PAPER_TYPE_INFO[type].numbered ? null : ctx.loaded.registerNo);

  function whyNotNow(type: PaperType, actor: Actor, ctx: PaperContext, missing: readonly MissingValue[]): string | null {
    return paperAllowed(type, ctx.loaded.caseState)
      ?? whyNotIssue(type, actor.role)
      ?? (missing.length > 0 ? `尚有待填写的内容：${missing.map((m) => m.name).join('、')}` : null);
  }

  async function pdfOf(docs: readonly PaperDocument[], fonts: FontOptions): Promise<Uint8Array> {
    try {
      return await render.pdf(docs, fonts);
    } catch (err) {
      // The admin's font file (设置 → 文书模板) is the one input a render can refuse.
      if (err instanceof Error && /字体/.test(err.message) && !(err instanceof AppError)) {
        throw new AppError('VALIDATION', `${err.message}（请在 设置 → 文书模板 → 文书设置 中更正字体文件）`, 'bodyFontFile');
      }
      throw err;
    }
  }

  const fileName = (type: PaperType, label: string, ext: string) => safeFileName(`${PAPER_TYPE_INFO[type].name}-${label}.${ext}`);

  async function draft(actor: Actor, input: ParsedInput<'papers/prepare'>, template?: ResolvedTemplate) {
    checkFillIns(input.type, input.fillIns);
    const ctx = await context(actor, input.caseId, input.type);
    const resolved = template ?? (await d.paperTemplates.resolve(input.type));
    const composed = compose(input.type, resolved.text, ctx, input.fillIns, previewNumber(input.type, ctx), true);
    return { ctx, resolved, composed };
  }

  function toDraft(actor: Actor, input: { caseId: number; type: PaperType }, x: Awaited<ReturnType<typeof draft>>, issues: TemplateIssue[] = []): PaperDraft {
    return {
      caseId: input.caseId,
      type: input.type,
      name: PAPER_TYPE_INFO[input.type].name,
      templateVersion: x.resolved.version,
      document: x.composed.document,
      missing: x.composed.missing,
      allowed: whyNotNow(input.type, actor, x.ctx, x.composed.missing),
      issues,
    };
  }

  /** Reading an issued paper: a paper carrying the complainant's identity needs a reader who sees it, or an auditor's recorded purpose. */
  async function readable(actor: Actor, input: { paperId: number; purpose?: string }): Promise<{ paper: PaperRow; registerNo: string }> {
    const paper = await paperById(db, input.paperId);
    if (!paper) throw new AppError('NOT_FOUND', '文书不存在', 'paperId');
    const c = await caseRow(paper.case_id);
    const info = PAPER_TYPE_INFO[paper.type as PaperType];
    if (info.audience !== 'department' && !seesIdentity(actor, identityHolder(c))) {
      if (actor.role !== 'auditor') throw new AppError('FORBIDDEN', `${info.name}载有诉求人的身份信息，您无权查看本案诉求人的身份`);
      const purpose = (input.purpose ?? '').trim();
      if (purpose === '') throw new AppError('VALIDATION', `${info.name}载有诉求人的身份信息，请填写「查看目的」（将记入案件历史）`, 'purpose');
      await db.transaction().execute((trx) => appendHistory(trx, {
        entity: 'case', entityId: c.id, action: 'paperViewed', actor, at: localDateTime(deps.now()),
        note: `查看「${info.name}」${paper.number ?? c.register_no}：${purpose}`,
      }));
    }
    return { paper, registerNo: c.register_no };
  }

  /** One paper to issue: its case's context, what was typed in, and (a re-issue) the paper it replaces. */
  interface IssueItem { caseId: number; ctx: PaperContext; fillIns: Record<string, string>; supersedes?: number; reason: string }

  const gapRefusal = (type: PaperType, missing: readonly MissingValue[]) => new AppError(
    'VALIDATION', `${PAPER_TYPE_INFO[type].name}尚有待填写的内容：${missing.map((m) => m.name).join('、')}，填写后才能签发`, `fillIns.${missing[0].name}`,
  );

  /** Issues one paper: number, render, store, record (SPEC8 §5). */
  async function issue(actor: Actor, input: ParsedInput<'papers/issue'>): Promise<PaperRecord> {
    const { caseId, type, fillIns } = input;
    const refused = whyNotIssue(type, actor.role);
    if (refused) throw new AppError('FORBIDDEN', refused);
    if (d.store.root === null) throw new AppError('INVALID_TRANSITION', NO_STORE_MESSAGE);
    checkFillIns(type, fillIns);
    const ctx = await context(actor, caseId, type);
    const notAllowed = paperAllowed(type, ctx.loaded.caseState);
    if (notAllowed) throw new AppError('INVALID_TRANSITION', notAllowed);
    const template = await d.paperTemplates.resolve(type);
    const [issued] = await issueAll(actor, type, template, [{ caseId, ctx, fillIns, supersedes: input.supersedes, reason: (input.reason ?? '').trim() }]);
    return issued.record;
  }

  /**
   * Issues papers of one type, numbered in turn: the next numbers are read, every paper rendered with its own
   * (in parallel on the render workers) and stored, all outside any transaction; then one short transaction
   * records them if the counter still stands where it was read, else they are rendered again with the next
   * numbers. A batch is recorded whole or not at all.
   */
  async function issueAll(actor: Actor, type: PaperType, template: ResolvedTemplate, items: readonly IssueItem[]): Promise<Array<{ record: PaperRecord; document: PaperDocument }>> {
    const info = PAPER_TYPE_INFO[type];
    return serialized(type, async () => {
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
        const now = deps.now();
        const year = Number(localDate(now).slice(0, 4));
        const last = info.numbered ? await lastPaperSeq(db, type, year) : 0;
        const papers = items.map((item, k) => {
          const number = info.numbered
            ? formatPaperNumber(item.ctx.pattern, { abbreviation: item.ctx.abbreviation, typeWord: info.typeWord, year, n: last + 1 + k })
            : item.ctx.loaded.registerNo;
          const { document, missing } = compose(type, template.text, item.ctx, item.fillIns, number, false);
          if (missing.length > 0) throw gapRefusal(type, missing);
          return { item, number, seq: last + 1 + k, document };
        });
        // Rendering and the files are outside any transaction; each file is in place before the record names it.
        const bytes = await Promise.all(papers.map((p) => pdfOf([p.document], p.item.ctx.fonts)));
        const stored = bytes.map((b) => d.store.save(year, b));
        const at = localDateTime(now);
        let ids: number[] | null;
        try {
          ids = await db.transaction().execute(async (trx) => {
            if (info.numbered && !(await advancePaperSeq(trx, type, year, last, papers.length))) return null;
            const recorded: number[] = [];
            for (const [k, p] of papers.entries()) recorded.push(await record(trx, actor, type, template, p, stored[k], year, at));
            return recorded;
          });
        } catch (err) {
          for (const s of stored) await discardUnused(s.file);
          throw err;
        }
        if (ids === null) {
          for (const s of stored) await discardUnused(s.file);
          continue; // a number was taken meanwhile: render again with the next ones
        }
        const rows = await Promise.all(ids.map((id) => paperById(db, id)));
        return rows.map((row, k) => ({ record: paperRecord(row!, papers[k].item.ctx.loaded.registerNo), document: papers[k].document }));
      }
      throw new AppError('CONFLICT', `${info.name}的编号一再被其他签发占用，请稍后重试`);
    });
  }

  /** One paper's row, the one it replaces marked, and its history row, inside the recording transaction. */
  async function record(
    trx: Trx, actor: Actor, type: PaperType, template: ResolvedTemplate,
    p: { item: IssueItem; number: string; seq: number; document: PaperDocument }, stored: StoredFile, year: number, at: string,
  ): Promise<number> {
    const info = PAPER_TYPE_INFO[type];
    const { caseId, supersedes, reason, ctx, fillIns } = p.item;
    let replaced: PaperRow | undefined;
    if (supersedes !== undefined) {
      replaced = await paperById(trx, supersedes);
      if (!replaced) throw new AppError('NOT_FOUND', '要替代的文书不存在', 'supersedes');
      if (replaced.case_id !== caseId || replaced.type !== type) throw new AppError('VALIDATION', `要替代的文书不是本案的${info.name}`, 'supersedes');
      if (replaced.superseded_at !== null) throw new AppError('CONFLICT', `该${info.name}已被重新签发过，请替代其最新版本`, 'supersedes');
    } else if (!REPEATABLE.has(type)) {
      const inForce = await currentPaper(trx, caseId, type);
      if (inForce) throw new AppError('CONFLICT', `本案已签发${info.name}（${inForce.number ?? ctx.loaded.registerNo}），如需更正请重新签发并说明原因`, 'supersedes');
    }
    const version = (await lastPaperVersion(trx, caseId, type)) + 1;
    const number = info.numbered ? p.number : null;
    // The document the Word file is rebuilt from is frozen like the PDF: its hash goes into the history row.
    const documentJson = JSON.stringify(p.document);
    const paperId = await insertPaper(trx, {
      case_id: caseId, type, version,
      number, number_year: info.numbered ? year : null, number_seq: info.numbered ? p.seq : null,
      template_version: template.version, document: documentJson, fill_ins: JSON.stringify(fillIns),
      sha256: stored.sha256, size: stored.size, file: stored.file,
      issued_by: actor.id, issued_by_name: actor.displayName, issued_at: at,
    });
    if (replaced && !(await markSuperseded(trx, replaced.id, paperId, at, reason))) {
      throw new AppError('CONFLICT', `该${info.name}已被重新签发过，请替代其最新版本`, 'supersedes');
    }
    const replacedNote = replaced ? `，替代第 ${replaced.version} 版${replaced.number ? ` ${replaced.number}` : ''}（原因：${reason}）` : '';
    await appendHistory(trx, {
      entity: 'case', entityId: caseId, action: replaced ? 'paperReissued' : 'paperIssued', actor, at,
      after: { paper: { id: paperId, type, version, number, sha256: stored.sha256, size: stored.size, supersedes: replaced?.id ?? null, documentSha256: documentSha256(documentJson) } },
      note: `${replaced ? '重新签发' : '签发'}「${info.name}」${p.number}${version > 1 ? `（第 ${version} 版${replacedNote}）` : ''} · SHA-256 ${stored.sha256}`,
    });
    return paperId;
  }

  /** A file written for a paper that was then not recorded goes again, unless a recorded paper has the same bytes. */
  async function discardUnused(file: string): Promise<void> {
    const used = await db.selectFrom('papers').select('id').where('file', '=', file).executeTakeFirst();
    if (!used) d.store.discard(file);
  }

  return {
    async list(actor: Actor, caseId: number): Promise<PaperRecord[]> {
      const c = await caseRow(caseId);
      const records = (await papersOfCase(db, caseId)).map((r) => paperRecord(r, c.register_no));
      if (seesIdentity(actor, identityHolder(c)) || records.every((r) => r.supersededReason === null)) return records;
      // A re-issue reason is free text: the identity typed into it is masked as on the case page.
      const text = freeTextFor(true, identitiesOf(await complainantsOf(db, caseId)));
      return records.map((r) => (r.supersededReason === null ? r : { ...r, supersededReason: text(r.supersededReason) }));
    },

    async prepare(actor: Actor, input: ParsedInput<'papers/prepare'>): Promise<PaperDraft> {
      return toDraft(actor, input, await draft(actor, input));
    },

    async previewPdf(actor: Actor, input: ParsedInput<'papers/previewPdf'>): Promise<FileResult> {
      const x = await draft(actor, input);
      const bytes = await pdfOf([x.composed.document], x.ctx.fonts);
      return { name: fileName(input.type, `${x.ctx.loaded.registerNo}-预览`, 'pdf'), mimeType: 'application/pdf', bytes };
    },

    async previewDocx(actor: Actor, input: ParsedInput<'papers/previewDocx'>): Promise<FileResult> {
      const x = await draft(actor, input);
      return { name: fileName(input.type, `${x.ctx.loaded.registerNo}-预览`, 'docx'), mimeType: DOCX_MIME, bytes: await render.docx(x.composed.document) };
    },

    issue,

    async pdf(actor: Actor, input: ParsedInput<'papers/pdf'>): Promise<FileResult> {
      const { paper, registerNo } = await readable(actor, input);
      const bytes = d.store.read(paper.file, paper.sha256);
      return { name: fileName(paper.type as PaperType, paper.number ?? registerNo, 'pdf'), mimeType: 'application/pdf', bytes };
    },

    async docx(actor: Actor, input: ParsedInput<'papers/docx'>): Promise<FileResult> {
      const { paper, registerNo } = await readable(actor, input);
      // The stored document is checked against the hash its 签发 row recorded, as the PDF is against its own.
      const recorded = await issuedPaperRecord(db, paper.case_id, paper.id);
      if (!recorded || (typeof recorded.documentSha256 === 'string' && recorded.documentSha256 !== documentSha256(paper.document))) {
        throw new AppError('CONFLICT', `${PAPER_TYPE_INFO[paper.type as PaperType].name}${paper.number ?? registerNo}的文书内容已被改动：与签发时记录的 SHA-256 不一致，不能生成 Word 文件，请从备份恢复`);
      }
      const document = JSON.parse(paper.document) as PaperDocument;
      return { name: fileName(paper.type as PaperType, paper.number ?? registerNo, 'docx'), mimeType: DOCX_MIME, bytes: await render.docx(document) };
    },

    /**
     * 督办通知 for every open overdue case, or 回访记录单 for every case awaiting follow-up (due within 7 days of
     * the reply) that has none in force: each issued (numbered, stored, recorded) and all in one PDF to print.
     * A case whose paper would still have gaps is left out; none left to issue is NOT_FOUND.
     */
    async issueBatch(actor: Actor, input: ParsedInput<'papers/issueBatch'>): Promise<FileResult> {
      const type: PaperType = input.type;
      const info = PAPER_TYPE_INFO[type];
      const cal = await d.calendar.load();
      const today = localDate(deps.now());
      const t = dueThresholds(cal, today);
      const ids = type === 'supervise'
        ? await workListIds(db, { due: { before: t.today } }, 'dueDate', BATCH_LIMIT)
        : await workListIds(db, { status: ['replied'] }, 'receivedAt', BATCH_LIMIT);
      const fillIns: Record<string, string> = type === 'supervise'
        ? { 督办要求: BATCH_SUPERVISION_REQUEST, 报告期限: paperDate(addWorkingDays(cal, today, BATCH_REPORT_WORKING_DAYS))!, ...(input.fillIns ?? {}) }
        : { ...(input.fillIns ?? {}) };
      checkFillIns(type, fillIns);
      if (whyNotIssue(type, actor.role)) throw new AppError('FORBIDDEN', whyNotIssue(type, actor.role)!);
      if (d.store.root === null) throw new AppError('INVALID_TRANSITION', NO_STORE_MESSAGE);
      const template = await d.paperTemplates.resolve(type);
      const items: IssueItem[] = [];
      const skipped: string[] = [];
      for (const caseId of ids) {
        if (type === 'follow-up' && (await currentPaper(db, caseId, type))) continue;
        let ctx: PaperContext;
        try {
          ctx = await context(actor, caseId, type);
        } catch (err) {
          if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
          skipped.push(err.message);
          continue;
        }
        if (paperAllowed(type, ctx.loaded.caseState) !== null) continue;
        // A case whose paper would still have gaps is left out (checked with the number still to come).
        const { missing } = compose(type, template.text, ctx, fillIns, previewNumber(type, ctx) ?? NUMBER_PENDING, false);
        if (missing.length > 0) skipped.push(gapRefusal(type, missing).message);
        else items.push({ caseId, ctx, fillIns, reason: '' });
      }
      if (items.length === 0) {
        throw new AppError('NOT_FOUND', skipped.length > 0
          ? `没有可签发的${info.name}：${skipped.length} 件未能签发（${skipped[0]}）`
          : `没有需要签发${info.name}的案件`);
      }
      const docs = (await issueAll(actor, type, template, items)).map((x) => x.document);
      const ps = await d.paperSettings.get();
      const bytes = await pdfOf(docs, { bodyFontFile: ps.bodyFontFile, titleFontFile: ps.titleFontFile });
      return { name: safeFileName(`${info.name}-${today}-共${docs.length}份.pdf`), mimeType: 'application/pdf', bytes };
    },

    /** A template text tried on a real case: nothing is saved; what is wrong in it is listed (the preview then uses the template in use). */
    async previewTemplate(actor: Actor, input: ParsedInput<'paperTemplates/preview'>): Promise<PaperDraft> {
      const issues = checkTemplate(input.type, input.text);
      const current = await d.paperTemplates.resolve(input.type);
      const resolved = issues.length === 0 ? { version: current.version + 1, text: input.text } : current;
      const ctx = await context(actor, input.caseId, input.type, true);
      const composed = compose(input.type, resolved.text, ctx, {}, previewNumber(input.type, ctx), true);
      return toDraft(actor, input, { ctx, resolved, composed }, issues);
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocuments>;
