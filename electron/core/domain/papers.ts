import { PAPER_TYPES, PAPER_TYPE_INFO, type PaperType } from '../../../templates/papers/catalogue';
import { OPEN_STATUSES, type CaseStatus, type Role } from './vocab';

/**
 * The rules of the office's papers (文书), pure: which paper a case's state allows, who may issue it, and
 * the 发文字号 pattern (GB/T 9704: full year in 〔〕, no 第, no leading zeros). The catalogue of types and
 * placeholders lives with the templates (templates/papers/catalogue.ts) and is re-exported here so the core
 * and the pages name one module.
 */
export {
  PAPER_TYPES, PAPER_TYPE_INFO, PLACEHOLDERS, placeholdersFor,
  type PaperAudience, type PaperLayout, type PaperType, type PaperTypeInfo, type PlaceholderInfo,
} from '../../../templates/papers/catalogue';

/** What paperAllowed needs to know of a case (the core's view model loader reads it from the case). */
export interface PaperCaseState {
  status: CaseStatus;
  /** 已作废 */
  isVoid: boolean;
  /** 中止（待补正材料） */
  isSuspended: boolean;
  /** open and past its due date today */
  isOverdue: boolean;
  /** accepted (受理) at some point: acceptedAt is set */
  accepted: boolean;
  /** assigned (分办) to a handling department */
  assigned: boolean;
  /** an extension (延期) was approved */
  hasExtension: boolean;
  /** a finding (办理结果) is recorded */
  hasFinding: boolean;
  /** replied (答复) */
  replied: boolean;
}

const name = (type: PaperType) => PAPER_TYPE_INFO[type].name;

/**
 * null when the case's state allows the paper, else why not (Chinese, names the paper). A voided case
 * gets only its 办理过程记录 (the record of what happened, voiding included).
 */
export function paperAllowed(type: PaperType, c: PaperCaseState): string | null {
  if (type === 'process') return null;
  if (c.isVoid || c.status === 'voided') return `案件已作废，不能出具${name(type)}`;
  switch (type) {
    case 'register-form':
      return null;
    case 'accept':
      return c.accepted ? null : '受理告知书须在案件受理后出具';
    case 'refuse':
      return c.status === 'refused' ? null : '不予受理告知书须在案件决定不予受理后出具';
    case 'extend':
      return c.hasExtension ? null : '延期告知书须在案件批准延期后出具';
    case 'supplement':
      return c.isSuspended || c.status === 'suspended' ? null : '补正材料告知书须在案件中止、等待补正材料时出具';
    case 'assign':
      return c.assigned ? null : '转办单须在案件分办后出具';
    case 'reply':
      return c.hasFinding ? null : '答复函须在案件有办理结果后出具';
    case 'supervise':
      if (!OPEN_STATUSES.includes(c.status)) return '督办通知只能对未办结的案件出具';
      return c.isOverdue ? null : '督办通知只能对已超期的案件出具';
    case 'follow-up':
      return c.replied ? null : '回访记录单须在案件答复后出具';
  }
}

/** Who may issue (签发) each paper: the decisions' notices and the chasing are the supervisor's. */
export const PAPER_ISSUERS: Record<PaperType, readonly Role[]> = {
  'register-form': ['clerk', 'supervisor'],
  accept: ['supervisor'],
  refuse: ['supervisor'],
  extend: ['supervisor'],
  supplement: ['clerk', 'supervisor'],
  assign: ['supervisor'],
  reply: ['clerk', 'supervisor'],
  supervise: ['supervisor'],
  'follow-up': ['clerk', 'supervisor'],
  process: ['clerk', 'supervisor'],
};

/** Who may prepare and preview a paper (the text stays a draft): everyone who works on cases. */
export const PAPER_PREPARERS: readonly Role[] = ['clerk', 'supervisor'];

/** null when this role may issue the paper, else why not. */
export function whyNotIssue(type: PaperType, role: Role): string | null {
  if (PAPER_ISSUERS[type].includes(role)) return null;
  return PAPER_ISSUERS[type].length === 1 ? `${name(type)}由主管签发` : `当前角色无权签发${name(type)}`;
}

export const DEFAULT_NUMBER_PATTERN = '{单位简称}{类型字}〔{年}〕{序号}号';
export const NUMBER_PATTERN_NAMES = ['单位简称', '类型字', '年', '序号'] as const;

/** The number of the n-th paper of a type in a year: no leading zeros, the full year. */
export function formatPaperNumber(pattern: string, v: { abbreviation: string; typeWord: string | null; year: number; n: number }): string {
  const values: Record<string, string> = {
    单位简称: v.abbreviation,
    类型字: v.typeWord ?? '',
    年: String(v.year),
    序号: String(Math.trunc(v.n)),
  };
  return pattern.replace(/\{([^{}]*)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? values[key] : whole));
}

/**
 * Why a 发文字号 pattern cannot be used for this type (null: it can): it must hold {年} and {序号}, only the
 * four names, no 第 before the sequence (GB/T 9704), and stay one short line.
 */
export function numberPatternProblem(type: PaperType, pattern: string): string | null {
  const label = `「${name(type)}」的文号格式`;
  const p = pattern.trim();
  if (p === '') return `${label}不能为空`;
  if (p.length > 40) return `${label}最多 40 个字`;
  if (/[\r\n]/.test(p)) return `${label}只能是一行`;
  for (const m of p.matchAll(/\{([^{}]*)\}/g)) {
    if (!(NUMBER_PATTERN_NAMES as readonly string[]).includes(m[1])) return `${label}中「{${m[1]}}」不是可用的名称（可用：{单位简称} {类型字} {年} {序号}）`;
  }
  if (p.replace(/\{[^{}]*\}/g, '').match(/[{}]/)) return `${label}的花括号不成对`;
  if (!p.includes('{年}')) return `${label}须包含 {年}（完整年份，如 〔2026〕）`;
  if (!p.includes('{序号}')) return `${label}须包含 {序号}`;
  if (/第\s*\{序号\}/.test(p)) return `${label}的 {序号} 前不能加「第」（GB/T 9704：不编虚位，不加“第”字）`;
  if (/[0-9０-９]\s*\{序号\}/.test(p)) return `${label}的 {序号} 前不能写数字（GB/T 9704：不编虚位，如 01 号）`;
  if (/[[［【(（〈《]\s*\{年\}|\{年\}\s*[\]］】)）〉》]/.test(p)) return `${label}的年份须用六角括号「〔〕」括起，写作 〔{年}〕（GB/T 9704）`;
  return null;
}

/**
 * Two numbered types whose patterns give the same numbers (no {类型字} and the same literal text), which would
 * print one 文号 on two different papers: the first such pair, with the number they share, else null.
 */
export function sharedPaperNumber(patterns: Record<PaperType, string>, abbreviation: string): { types: [PaperType, PaperType]; number: string } | null {
  const seen = new Map<string, PaperType>();
  for (const type of PAPER_TYPES) {
    const info = PAPER_TYPE_INFO[type];
    if (!info.numbered) continue;
    const number = formatPaperNumber(patterns[type], { abbreviation, typeWord: info.typeWord, year: 2026, n: 1 });
    const other = seen.get(number);
    if (other) return { types: [other, type], number };
    seen.set(number, type);
  }
  return null;
}
