import { caseById } from '../../../../db/queries/cases';
import { papersOfCase } from '../../../../db/queries/papers';
import type { ParsedInput } from '../../contract';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { FileResult, PaperDraft, PaperRecord } from '../../types';
import type { Deps } from '../deps';
import type { PaperSettingsService } from './paper-settings';
import { paperRecord } from './paper-record';

const notYet = (): never => {
  throw new AppError('INVALID_TRANSITION', '文书签发功能正在接入，暂不可用');
};

export function createDocuments(deps: Deps, _paperSettings: PaperSettingsService) {
  const { db } = deps;

  async function caseRow(caseId: number) {
    const row = await caseById(db, caseId);
    if (!row) throw new AppError('NOT_FOUND', '案件不存在', 'caseId');
    return row;
  }

  return {
    async list(_actor: Actor, caseId: number): Promise<PaperRecord[]> {
      const c = await caseRow(caseId);
      return (await papersOfCase(db, caseId)).map((r) => paperRecord(r, c.register_no));
    },
    prepare: async (_actor: Actor, _input: ParsedInput<'papers/prepare'>): Promise<PaperDraft> => notYet(),
    previewPdf: async (_actor: Actor, _input: ParsedInput<'papers/previewPdf'>): Promise<FileResult> => notYet(),
    previewDocx: async (_actor: Actor, _input: ParsedInput<'papers/previewDocx'>): Promise<FileResult> => notYet(),
    issue: async (_actor: Actor, _input: ParsedInput<'papers/issue'>): Promise<PaperRecord> => notYet(),
    pdf: async (_actor: Actor, _input: ParsedInput<'papers/pdf'>): Promise<FileResult> => notYet(),
    docx: async (_actor: Actor, _input: ParsedInput<'papers/docx'>): Promise<FileResult> => notYet(),
    issueBatch: async (_actor: Actor, _input: ParsedInput<'papers/issueBatch'>): Promise<FileResult> => notYet(),
    previewTemplate: async (_actor: Actor, _input: ParsedInput<'paperTemplates/preview'>): Promise<PaperDraft> => notYet(),
  };
}

export type DocumentsService = ReturnType<typeof createDocuments>;
