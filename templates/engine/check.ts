// checkTemplate: a template is refused before it is saved or used when it does not parse, names a placeholder
// that does not exist, uses one its paper type may not (the complainant's identity on a paper for the
// department), uses a condition or list as a value, or leaves the title empty. Names are looked up in Maps
// and the catalogue's own lists, so 'constructor' or '__proto__' are simply unknown.
import {
  PAPER_TYPE_INFO,
  PLACEHOLDERS,
  placeholderInfo,
  placeholdersFor,
  type PaperType,
  type PlaceholderInfo,
} from '../papers/catalogue';
import { parseTemplate, type TemplateNode } from './parse';
import { TEMPLATE_FIELDS, type PaperTemplateText, type TemplateIssue } from './types';

/** list field name → the list it belongs to (姓名 → 诉求人) */
const LIST_OF_FIELD = new Map<string, PlaceholderInfo>();
for (const p of PLACEHOLDERS) for (const f of p.fields ?? []) LIST_OF_FIELD.set(f.name, p);

const sectionSyntax = (name: string) => `「{#${name}}…{/${name}}」`;

/** What a name means at one point of a template: a top-level placeholder, a list item field, or an issue. */
export type Resolved =
  | { ok: true; info: PlaceholderInfo; inList: PlaceholderInfo | null }
  | { ok: false; message: string };

/**
 * Resolve `name` for paper `type` inside the open lists `lists` (outermost first). Shared by the check and by
 * fill, so both agree on what a name means.
 */
export function resolveName(type: PaperType, name: string, lists: readonly PlaceholderInfo[]): Resolved {
  for (let k = lists.length - 1; k >= 0; k--) {
    const field = lists[k].fields?.find((f) => f.name === name);
    if (field) return { ok: true, info: field, inList: lists[k] };
  }
  const info = placeholderInfo(name);
  if (!info) {
    const list = LIST_OF_FIELD.get(name);
    if (list) return { ok: false, message: `「${name}」只能用在${sectionSyntax(list.name)}里面` };
    return { ok: false, message: `未知的占位符「${name}」` };
  }
  const typeInfo = PAPER_TYPE_INFO[type];
  if (info.identity && typeInfo.audience === 'department') {
    return { ok: false, message: `${typeInfo.name}发往承办部门，不能使用「${name}」` };
  }
  if (!placeholdersFor(type).includes(info)) {
    const where = (info.types ?? []).map((t) => PAPER_TYPE_INFO[t].name).join('、');
    return { ok: false, message: `${typeInfo.name}不能使用「${name}」（只用于${where}）` };
  }
  return { ok: true, info, inList: null };
}

function checkNodes(
  type: PaperType,
  field: keyof PaperTemplateText,
  nodes: readonly TemplateNode[],
  lists: PlaceholderInfo[],
  issues: TemplateIssue[],
): void {
  const fail = (line: number, name: string, message: string) =>
    issues.push({ field, line, name, message: `第 ${line} 行：${message}` });
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    const resolved = resolveName(type, node.name, lists);
    if (!resolved.ok) {
      fail(node.line, node.name, resolved.message);
      if (node.kind === 'section') {
        // a list refused here still gives its item names to what is inside, so only the real fault is named
        const known = placeholderInfo(node.name);
        checkNodes(type, field, node.children, known?.kind === 'list' && !lists.includes(known) ? [...lists, known] : lists, issues);
      }
      continue;
    }
    const { info } = resolved;
    if (node.kind === 'value') {
      if (info.kind === 'flag') fail(node.line, node.name, `「${node.name}」是条件，不能直接写出，请用${sectionSyntax(node.name)}`);
      if (info.kind === 'list') fail(node.line, node.name, `「${node.name}」是列表，请用${sectionSyntax(node.name)}逐项写出`);
      continue;
    }
    if (info.kind === 'list') {
      if (lists.includes(info)) {
        fail(node.line, node.name, `「{#${node.name}}」不能套在另一个「{#${node.name}}」里面`);
        continue;
      }
      checkNodes(type, field, node.children, [...lists, info], issues);
    } else {
      checkNodes(type, field, node.children, lists, issues);
    }
  }
}

/** Everything wrong with a template for paper `type`, in field order and line order; [] = usable. */
export function checkTemplate(type: PaperType, template: PaperTemplateText): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const field of TEMPLATE_FIELDS) {
    const text = template[field];
    if (typeof text !== 'string') {
      issues.push({ field, line: 1, name: null, message: '第 1 行：模板内容不是文字' });
      continue;
    }
    const parsed = parseTemplate(text, field);
    if (!parsed.ok) {
      issues.push(...parsed.errors);
      continue;
    }
    const found: TemplateIssue[] = [];
    checkNodes(type, field, parsed.value.nodes, [], found);
    found.sort((a, b) => a.line - b.line);
    issues.push(...found);
  }
  if (typeof template.title === 'string' && template.title.trim() === '') {
    issues.push({ field: 'title', line: 1, name: null, message: '第 1 行：标题不能为空' });
  }
  return issues;
}
