import {
  currentTemplate, currentTemplates, insertTemplateVersion, templateVersions,
} from '../../../../db/queries/paper-templates';
import type { PaperTemplateRow } from '../../../../db/types';
import { checkTemplate } from '../../../../templates/engine';
import { DEFAULT_TEMPLATES } from '../../../../templates/papers/defaults';
import type { ParsedInput } from '../../contract';
import { PAPER_TYPES, PAPER_TYPE_INFO, placeholdersFor, type PaperType } from '../../domain/papers';
import { AppError } from '../../errors';
import { localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { PaperTemplateInfo, PaperTemplateText, PaperTemplateVersion, TemplateIssue } from '../../types';
import type { Deps, Trx } from '../deps';
import { appendHistory } from '../history';

/** The template a paper is composed from: the highest saved version, or version 0 (the default in templates/). */
export interface ResolvedTemplate { version: number; text: PaperTemplateText }

const textOf = (row: PaperTemplateRow): PaperTemplateText => {
  const t = JSON.parse(row.text) as Partial<PaperTemplateText>;
  return { title: t.title ?? '', recipient: t.recipient ?? '', body: t.body ?? '', contact: t.contact ?? '', copyTo: t.copyTo ?? '' };
};

/** A template's problems as one refusal: the first few messages, the field of the first. */
export function templateRefusal(issues: readonly TemplateIssue[]): AppError {
  const shown = issues.slice(0, 5).map((i) => i.message).join('；');
  const more = issues.length > 5 ? `；另有 ${issues.length - 5} 处问题` : '';
  return new AppError('VALIDATION', `模板有误：${shown}${more}`, `text.${issues[0].field}`);
}

export function createPaperTemplates(deps: Deps) {
  const { db } = deps;

  function info(type: PaperType, row: PaperTemplateRow | undefined): PaperTemplateInfo {
    const meta = PAPER_TYPE_INFO[type];
    return {
      type,
      name: meta.name,
      layout: meta.layout,
      version: row?.version ?? 0,
      isDefault: row === undefined,
      text: row ? textOf(row) : { ...DEFAULT_TEMPLATES[type] },
      defaultText: { ...DEFAULT_TEMPLATES[type] },
      placeholders: [...placeholdersFor(type)],
      updatedAt: row?.created_at ?? null,
      updatedBy: row?.created_by_name ?? null,
    };
  }

  async function resolve(type: PaperType, q: Trx | Deps['db'] = db): Promise<ResolvedTemplate> {
    const row = await currentTemplate(q, type);
    return row ? { version: row.version, text: textOf(row) } : { version: 0, text: { ...DEFAULT_TEMPLATES[type] } };
  }

  return {
    resolve,

    async list(): Promise<PaperTemplateInfo[]> {
      const rows = new Map((await currentTemplates(db)).map((r) => [r.type, r]));
      return PAPER_TYPES.map((type) => info(type, rows.get(type)));
    },

    async versions(type: PaperType): Promise<PaperTemplateVersion[]> {
      return (await templateVersions(db, type)).map((r) => ({ version: r.version, text: textOf(r), createdAt: r.created_at, createdBy: r.created_by_name }));
    },

    /** Saves the text as the type's next version; a text checkTemplate finds fault with is refused with line and name. */
    async save(actor: Actor, input: ParsedInput<'paperTemplates/save'>): Promise<PaperTemplateInfo> {
      const issues = checkTemplate(input.type, input.text);
      if (issues.length > 0) throw templateRefusal(issues);
      const row = await db.transaction().execute(async (trx) => {
        const current = await currentTemplate(trx, input.type);
        const version = (current?.version ?? 0) + 1;
        const values = {
          type: input.type, version, text: JSON.stringify(input.text), created_by: actor.id, created_by_name: actor.displayName,
          created_at: localDateTime(deps.now()),
        };
        await insertTemplateVersion(trx, values);
        await appendHistory(trx, {
          entity: 'settings', entityId: 0, action: 'paperTemplate.save', actor, at: values.created_at,
          after: { type: input.type, version, text: input.text }, note: `${PAPER_TYPE_INFO[input.type].name} 模板第 ${version} 版`,
        });
        return values;
      });
      return info(input.type, row);
    },
  };
}

export type PaperTemplatesService = ReturnType<typeof createPaperTemplates>;
