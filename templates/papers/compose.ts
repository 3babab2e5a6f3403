// composePaper (SPEC8 §2): a paper type's template text + the case's view model → the PaperDocument the PDF
// and Word layouts draw, and the list of values still missing. Pure: no clock, no database; the core passes the
// number, the office name and the signature date in.
//
// Body layout (documented for the admin in templates/README.md):
//   - one block per non-empty line of the template (a line the template breaks; a value's own line breaks
//     become further paragraphs in a letter and stay inside the cell in a form);
//   - a line the TEMPLATE starts with 一、…十、 is a level-1 heading, with （一）… a level-2 heading;
//   - forms only: `签名栏：甲｜乙｜丙` is the signature block, a line with `｜` is a table row (the first row of
//     a run of rows is the header), a line with `：` is a field row (label before the first `：`), any other
//     line a full-width note. Only the template's own characters count: a `：` or `｜` inside a value never
//     splits anything, and a value starting with 一、 is not a heading.
import { TemplateFillError, checkTemplate, fillTemplate, parseTemplate, splitLines, textOf } from '../engine';
import type { Segment } from '../engine';
import type { MissingValue, PaperModel, PaperTemplateText, TemplateIssue } from '../engine/types';
import { PAPER_TYPE_INFO, PLACEHOLDERS, placeholderInfo, type PaperType } from './catalogue';
import type { PaperBlock, PaperDocument } from './paper-document';

export interface ComposeInput {
  type: PaperType;
  template: PaperTemplateText;
  model: PaperModel;
  /** values typed in for this paper, by placeholder name; a non-empty one wins over the model's value */
  fillIns: Record<string, string>;
  /** 发文字号 (numbered types) or 登记编号 (forms); null only in preview */
  number: string | null;
  officeName: string;
  /** 2026年11月24日 */
  signatureDate: string;
  preview: boolean;
}

export interface ComposeResult {
  document: PaperDocument;
  missing: MissingValue[];
}

/** A template that does not pass checkTemplate is never composed. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(readonly issues: TemplateIssue[]) {
    super(issues.map((i) => i.message).join('；'));
  }
}

/** How a gap is written in a preview; the core refuses to issue while any is left. */
export const gapText = (name: string) => `〔待填写：${name}〕`;
/** 文书编号 in a preview of a numbered paper: the number is given when it is issued. */
export const NUMBER_PENDING = '〔签发时编号〕';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A value as it may be printed: line breaks normalised, tabs as spaces, control characters and broken surrogates dropped, trimmed. */
export function cleanText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

function cleanModel(model: PaperModel): PaperModel {
  const out: PaperModel = {};
  for (const key of Object.keys(model)) {
    const v = model[key];
    out[key] = typeof v === 'string' ? cleanText(v) : Array.isArray(v) ? v.map(cleanModel) : v;
  }
  return out;
}

const WS = /^[\s\u3000]+|[\s\u3000]+$/g;
const trimAll = (s: string) => s.replace(WS, '');
const HEADING1 = /^[一二三四五六七八九十]{1,3}、/;
const HEADING2 = /^（[一二三四五六七八九十]{1,3}）/;
const BAR = /[｜|]/;
const SIGNATURES = '签名栏：';

/** The template's own text at the start of a line, before the first value. */
function leadingLiteral(line: readonly Segment[]): string {
  let lead = '';
  for (const seg of line) {
    if (!seg.literal) break;
    lead += seg.text;
  }
  return lead.replace(/^[\s\u3000]+/, '');
}

/** Cut a line at the template's own separators (`sep` matched in literal segments only). */
function splitAtLiteral(line: readonly Segment[], sep: RegExp, once: boolean): string[] {
  const parts: string[] = [''];
  let cut = false;
  for (const seg of line) {
    if (!seg.literal || (once && cut)) {
      parts[parts.length - 1] += seg.text;
      continue;
    }
    let rest = seg.text;
    let m: RegExpExecArray | null;
    while ((!once || !cut) && (m = sep.exec(rest)) !== null) {
      parts[parts.length - 1] += rest.slice(0, m.index);
      parts.push('');
      rest = rest.slice(m.index + m[0].length);
      cut = true;
    }
    parts[parts.length - 1] += rest;
  }
  return parts;
}

/** The line without its first `count` characters (all of them the template's own: the leading literal). */
function dropLeading(line: readonly Segment[], count: number): Segment[] {
  const rest: Segment[] = [];
  let drop = count;
  for (const seg of line) {
    if (drop >= seg.text.length) {
      drop -= seg.text.length;
      continue;
    }
    rest.push(drop > 0 ? { ...seg, text: seg.text.slice(drop) } : seg);
    drop = 0;
  }
  return rest;
}

/**
 * A value that ends a sentence itself (…申请复查。) followed by the template's own 。 or ， prints one mark,
 * not two (…申请复查。。).
 */
function joinPunctuation(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const prev = out[out.length - 1];
    if (seg.literal && prev && !prev.literal && /[。！？；，、：]$/.test(prev.text) && /^[。；，：]/.test(seg.text)) {
      const rest = seg.text.slice(1);
      if (rest !== '') out.push({ text: rest, literal: true });
      continue;
    }
    out.push(seg);
  }
  return out;
}

const hasLiteral = (line: readonly Segment[], re: RegExp) => line.some((s) => s.literal && re.test(s.text));

function bodyBlocks(lines: Segment[][], layout: 'letter' | 'form'): PaperBlock[] {
  const blocks: PaperBlock[] = [];
  let table: { kind: 'table'; columns: string[]; rows: string[][] } | null = null;
  for (const line of lines) {
    const text = trimAll(textOf(line));
    if (text === '') continue; // blank lines (also those a section tag leaves) neither print nor end a table
    const lead = leadingLiteral(line);
    if (HEADING1.test(lead) || HEADING2.test(lead)) {
      table = null;
      blocks.push({ kind: HEADING1.test(lead) ? 'heading1' : 'heading2', text: trimAll(text.replace(/\n+/g, '')) });
      continue;
    }
    if (layout === 'letter') {
      table = null;
      for (const para of text.split('\n')) {
        const t = trimAll(para);
        if (t !== '') blocks.push({ kind: 'paragraph', text: t });
      }
      continue;
    }
    if (lead.startsWith(SIGNATURES)) {
      table = null;
      const rest = dropLeading(line, textOf(line).indexOf(SIGNATURES) + SIGNATURES.length);
      const labels = splitAtLiteral(rest, BAR, false).map(trimAll).filter((l) => l !== '');
      blocks.push({ kind: 'signatures', labels });
      continue;
    }
    if (hasLiteral(line, BAR)) {
      const cells = splitAtLiteral(line, BAR, false).map(trimAll);
      if (table === null) {
        table = { kind: 'table', columns: cells, rows: [] };
        blocks.push(table);
      } else {
        const width = table.columns.length;
        const row = cells.length > width ? [...cells.slice(0, width - 1), cells.slice(width - 1).join('｜')] : cells;
        while (row.length < width) row.push('');
        table.rows.push(row);
      }
      continue;
    }
    table = null;
    if (hasLiteral(line, /：/)) {
      const [label, value] = splitAtLiteral(line, /：/, true).map(trimAll);
      if (label !== '') {
        blocks.push({ kind: 'field', label, value });
        continue;
      }
    }
    blocks.push({ kind: 'note', text });
  }
  return blocks;
}

export function composePaper(input: ComposeInput): ComposeResult {
  const info = PAPER_TYPE_INFO[input.type];
  if (!info || !Object.hasOwn(PAPER_TYPE_INFO, input.type)) throw new Error(`未知的文书类型「${String(input.type)}」`);
  const issues = checkTemplate(input.type, input.template);
  if (issues.length > 0) throw new TemplateError(issues);

  if (info.audience === 'department') {
    // defence in depth: the core gives a paper for the department a model without the complainant's identity
    for (const p of PLACEHOLDERS) {
      if (p.identity && Object.hasOwn(input.model, p.name)) {
        throw new Error(`${info.name}发往承办部门，数据中不能有「${p.name}」`);
      }
    }
  }

  const model = cleanModel(input.model);
  const missing: MissingValue[] = [];
  const seen = new Set<string>();
  const miss = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      missing.push({ name, description: placeholderInfo(name)?.description ?? name });
    }
    return gapText(name);
  };

  const modelOffice = typeof model['单位名称'] === 'string' ? (model['单位名称'] as string) : '';
  const office = cleanText(input.officeName ?? '') || modelOffice;
  const signatureDate = cleanText(input.signatureDate ?? '');
  const builtins = new Map<string, string | null>([
    ['文书编号', input.number !== null && cleanText(input.number) !== '' ? cleanText(input.number) : input.preview ? NUMBER_PENDING : null],
    ['落款日期', signatureDate || null],
    ['单位名称', office || null],
  ]);
  const fillIns = input.fillIns ?? {};

  const ctx = {
    top(name: string) {
      if (builtins.has(name)) return builtins.get(name) ?? null;
      if (!Object.hasOwn(model, name)) throw new TemplateFillError(`${info.name}的数据中没有「${name}」`);
      const value = model[name];
      if ((typeof value === 'string' || value === null) && Object.hasOwn(fillIns, name) && typeof fillIns[name] === 'string') {
        const typed = cleanText(fillIns[name]);
        if (typed !== '') return typed;
      }
      return value;
    },
    gap: miss,
  };
  const fill = (field: keyof PaperTemplateText): Segment[] => {
    const parsed = parseTemplate(input.template[field], field);
    if (!parsed.ok) throw new TemplateError(parsed.errors); // checkTemplate passed, so this cannot happen
    return joinPunctuation(fillTemplate(parsed.value, ctx));
  };
  const oneLine = (segments: Segment[]) => trimAll(textOf(segments).replace(/\n+/g, ''));
  const multiLine = (segments: Segment[]) => {
    const t = textOf(segments)
      .split('\n')
      .map(trimAll)
      .filter((l) => l !== '')
      .join('\n');
    return t === '' ? null : t;
  };

  const title = oneLine(fill('title')) || info.name;
  const recipientText = oneLine(fill('recipient')).replace(/[:：\s\u3000]+$/, '');
  const blocks = bodyBlocks(splitLines(fill('body')), info.layout);
  const contact = multiLine(fill('contact'));
  const copyTo = multiLine(fill('copyTo'));

  const letterOffice = office || miss('单位名称');
  const letterDate = signatureDate || miss('落款日期');
  const number = input.number !== null && cleanText(input.number) !== '' ? cleanText(input.number) : null;

  const document: PaperDocument = {
    type: input.type,
    layout: info.layout,
    officeName: letterOffice,
    number,
    title,
    recipient: recipientText === '' ? null : `${recipientText}：`,
    blocks,
    signature: info.layout === 'letter' ? { office: letterOffice, date: letterDate } : null,
    contact,
    copyTo,
    preview: input.preview,
    info: { title, author: office || info.name, subject: number ? `${info.name} ${number}` : info.name },
  };
  return { document, missing };
}
