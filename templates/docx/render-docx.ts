// The editable Word file of a paper: the same PaperDocument the PDF draws, laid out as a .docx with the `docx`
// package (MIT). Letters follow GB/T 9704-2012's 信函格式 (../../shared/documents.md): A4, type area 156 × 225 mm,
// the office's name in red 30 mm from the top edge over a red double rule (thick over thin), another rule (thin over
// thick) 20 mm from the bottom edge of page 1, the number flush right under the first rule, the title centred, the
// body in 仿宋_GB2312 16 pt on a 22-line grid, no page number on page 1 and `— n —` from page 2. Forms are a plain A4
// table form. The Word file names the office fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) and lets Word / WPS on
// the office PC supply them; its font table gives each one a stand-in every Chinese Windows has (仿宋, 宋体, 楷体).
// Pure: no clock (the file's core properties carry no dates), no files, no database.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  Header,
  HeightRule,
  HorizontalPositionAlign,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalPositionAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
  type ITableCellBorders,
} from 'docx';
import type { PaperBlock, PaperDocument } from '../papers/paper-document';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ---- measures (twips: 1/20 pt; 1 mm = 56.693 twips) ----
const mm = (v: number): number => Math.round((v * 1440) / 25.4);
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: mm(37), left: mm(28), bottom: mm(35), right: mm(26) };
/** 156 mm */
const TYPE_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** 225 mm / 22 lines = 28.99 pt */
const LINE_PITCH = Math.floor((PAGE.height - MARGIN.top - MARGIN.bottom) / 22);
/** 3号 = 16 pt, in half-points */
const BODY_SIZE = 32;
/** 28 characters of 16 pt are 448 pt, the type area 442.2 pt: −0.25 pt a character keeps 28 a line */
const BODY_SPACING = -5;
/** one body character (16 pt − 0.25 pt) */
const CHAR = 320 + BODY_SPACING;
const RED = 'E60012';
const GREY = '808080';

export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** What Word substitutes when the office PC lacks the font (w:altName), every one shipped with Chinese Windows. */
const FONT_TABLE: readonly { name: string; altName: string | null; family: string; pitch: string }[] = [
  { name: FONTS.body, altName: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: FONTS.title, altName: '宋体', family: 'script', pitch: 'variable' },
  { name: FONTS.heading1, altName: null, family: 'modern', pitch: 'fixed' },
  { name: FONTS.heading2, altName: '楷体', family: 'modern', pitch: 'fixed' },
  { name: FONTS.pageNumber, altName: null, family: 'auto', pitch: 'variable' },
];

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' });
const ZH = { value: 'zh-CN', eastAsia: 'zh-CN' };

/** Characters XML 1.0 cannot carry (control characters, lone surrogates) would make the part unreadable: drop them. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** A text as runs: a line break in the text is a line break in the paragraph. */
function runs(text: string, options: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun[] {
  return clean(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

/** Width in body characters: a CJK character is one, an ASCII character (digits of a date) half. */
function ems(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2e80 ? 0.5 : 1;
  return w;
}

// ---- styles ----
const STYLE = {
  letterhead: 'PaperLetterhead',
  number: 'PaperNumber',
  title: 'PaperTitle',
  recipient: 'PaperRecipient',
  heading1: 'PaperHeading1',
  heading2: 'PaperHeading2',
  signature: 'PaperSignature',
  contact: 'PaperContact',
  copyTo: 'PaperCopyTo',
  cell: 'PaperCell',
  preview: 'PaperPreview',
  pageNumber: 'PaperPageNumber',
} as const;

function styles() {
  const bodyRun = { font: font(FONTS.body), size: BODY_SIZE, sizeComplexScript: BODY_SIZE, characterSpacing: BODY_SPACING, language: ZH };
  const para = (id: string, name: string, paragraph: IParagraphOptions, run: IRunOptions = {}) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    paragraph,
    run,
  });
  return {
    default: { document: { run: bodyRun, paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO } } } },
    paragraphStyles: [
      // Normal: the body paragraph, its size set explicitly (LibreOffice otherwise takes its own default).
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run: bodyRun,
        paragraph: { alignment: AlignmentType.BOTH, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, widowControl: true },
      },
      para(STYLE.letterhead, '发文机关标志', { alignment: AlignmentType.CENTER, indent: { left: -mm(7), right: -mm(7), firstLine: 0, firstLineChars: 0 } }, { font: font(FONTS.title), color: RED, characterSpacing: 0 }),
      para(STYLE.number, '发文字号', { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, firstLineChars: 0 } }),
      // exact pitch: a 22 pt line of a tall face (Noto Serif SC) would otherwise snap to two grid lines
      para(STYLE.title, '公文标题', { alignment: AlignmentType.CENTER, indent: { firstLine: 0, firstLineChars: 0 }, keepNext: true, spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT } }, { font: font(FONTS.title), size: 44, sizeComplexScript: 44, characterSpacing: 0 }),
      para(STYLE.recipient, '主送机关', { alignment: AlignmentType.LEFT, indent: { firstLine: 0, firstLineChars: 0 }, keepNext: true }),
      para(STYLE.heading1, '一级标题', { keepNext: true }, { font: font(FONTS.heading1) }),
      para(STYLE.heading2, '二级标题', { keepNext: true }, { font: font(FONTS.heading2) }),
      para(STYLE.signature, '署名和日期', { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, firstLineChars: 0 }, keepNext: true, keepLines: true }),
      para(STYLE.contact, '附注', { alignment: AlignmentType.LEFT }),
      para(STYLE.copyTo, '抄送', { alignment: AlignmentType.LEFT, indent: { left: 280 + 3 * 280, hanging: 3 * 280, right: 280, firstLineChars: 0 } }, { size: 28, sizeComplexScript: 28, characterSpacing: 0 }),
      para(STYLE.cell, '表格文字', { alignment: AlignmentType.LEFT, indent: { firstLine: 0, firstLineChars: 0 }, spacing: { before: 40, after: 40 } }, { size: 28, sizeComplexScript: 28, characterSpacing: 0 }),
      para(STYLE.preview, '预览标记', { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, firstLineChars: 0 }, spacing: { line: 240, lineRule: LineRuleType.EXACT } }, { size: 20, sizeComplexScript: 20, color: GREY, characterSpacing: 0 }),
      para(STYLE.pageNumber, '页码', { indent: { firstLine: 0, firstLineChars: 0 } }, { font: font(FONTS.pageNumber), size: 28, sizeComplexScript: 28, characterSpacing: 0 }),
    ],
  };
}

// ---- page furniture ----
const PREVIEW_TEXT = '预览 · 未签发';
const previewLine = () => new Paragraph({ style: STYLE.preview, children: runs(PREVIEW_TEXT) });
/** the preview line is 12 pt high: the header starts that much higher so the office's name stays 30 mm from the top */
const PREVIEW_HEIGHT = 240;

/** The office's name in red with the first double rule (thick over thin) 4 mm under it, 170 mm long. */
function letterhead(officeName: string): Paragraph {
  const len = Math.max(1, ems(officeName));
  // 小初 (36 pt) for a short name, smaller so a long one still fits the 170 mm rule on one line
  const size = Math.max(20, Math.min(36, Math.floor((mm(168) / 20 / len) * 2) / 2));
  return new Paragraph({
    style: STYLE.letterhead,
    spacing: { line: Math.round(size * 20 * 1.1), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 11 } },
    children: runs(officeName, { size: size * 2, sizeComplexScript: size * 2 }),
  });
}

/** The second double rule (thin over thick), 20 mm from the bottom edge of page 1 (the footer sits there). */
function lowerRule(): Paragraph {
  return new Paragraph({
    style: STYLE.letterhead,
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    // thick-thin means thick on the text's side: for a top border that is the lower line, so thin over thick
    border: { top: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 0 } },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

/** `— 2 —`: 4号 宋体, one character in from the outer edge (right on odd pages, left on even ones). */
function pageNumber(side: 'odd' | 'even'): Paragraph {
  return new Paragraph({
    style: STYLE.pageNumber,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: 280 } : { left: 280 },
    spacing: { after: mm(3) },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
  });
}

// ---- blocks ----
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const CELL_BORDERS: ITableCellBorders = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

function cell(text: string, width: number, opts: { bold?: boolean; span?: number; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    borders: CELL_BORDERS,
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        style: STYLE.cell,
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: runs(text, opts.bold ? { font: font(FONTS.heading1) } : {}),
      }),
    ],
  });
}

/** Consecutive field / note blocks: one bordered two-column table (label | value; a note spans both). */
function fieldTable(blocks: readonly (Extract<PaperBlock, { kind: 'field' }> | Extract<PaperBlock, { kind: 'note' }>)[]): Table {
  const labelWidth = Math.round(TYPE_WIDTH * 0.24);
  const valueWidth = TYPE_WIDTH - labelWidth;
  return new Table({
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, valueWidth],
    layout: TableLayoutType.FIXED,
    rows: blocks.map(
      (b) =>
        new TableRow({
          cantSplit: b.kind === 'field' && b.value.length < 80,
          height: { value: 560, rule: HeightRule.ATLEAST },
          children: b.kind === 'field' ? [cell(b.label, labelWidth, { bold: true, center: true }), cell(b.value, valueWidth)] : [cell(b.text, TYPE_WIDTH, { span: 2 })],
        }),
    ),
  });
}

/** table text: 4号 (14 pt) */
const CELL_CHAR = 280;
const CELL_PAD = CELL_MARGINS.left + CELL_MARGINS.right + 40;

/**
 * Column widths from what the columns hold: a column whose longest text is short (a date, 环节, a name) gets just
 * that width, the long ones (内容) share the rest; when even that does not fit, every column shrinks in proportion.
 */
export function columnWidths(columns: readonly string[], rows: readonly (readonly string[])[], total = TYPE_WIDTH): number[] {
  // digits and Latin letters at 0.6 of a character: proportional figures are wider than half a Chinese character
  const width = (t: string) => ems(t) + 0.1 * (t.match(/[\x20-\x7e]/g)?.length ?? 0);
  const longest = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map(width)))));
  const SHORT = 10;
  const natural = longest.map((l) => Math.ceil(Math.min(l, SHORT) * CELL_CHAR) + CELL_PAD);
  const flexible = longest.map((l, i) => (l > SHORT ? i : -1)).filter((i) => i >= 0);
  const fixedSum = natural.reduce((a, w, i) => (flexible.includes(i) ? a : a + w), 0);
  let widths: number[];
  const room = total - fixedSum;
  if (flexible.length > 0 && room >= flexible.length * (4 * CELL_CHAR + CELL_PAD)) {
    const weight = flexible.map((i) => Math.min(longest[i], 40));
    const sum = weight.reduce((a, b) => a + b, 0);
    widths = natural.map((w, i) => (flexible.includes(i) ? Math.floor((room * Math.min(longest[i], 40)) / sum) : w));
  } else {
    const sum = natural.reduce((a, b) => a + b, 0);
    widths = natural.map((w) => Math.floor((w * total) / sum));
  }
  // what rounding left over goes to the widest column
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A data table (e.g. 办理过程: 日期 环节 内容 经办人): header row repeated on every page, rows kept whole. */
function dataTable(block: Extract<PaperBlock, { kind: 'table' }>): Table {
  const widths = columnWidths(block.columns, block.rows);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) => cell(c, widths[i], { bold: true, center: true })),
  });
  const body = block.rows.length
    ? block.rows.map(
        (r) =>
          new TableRow({
            cantSplit: r.join('').length < 80,
            children: block.columns.map((_, i) => cell(r[i] ?? '', widths[i])),
          }),
      )
    : [new TableRow({ children: [cell('（无）', TYPE_WIDTH, { span: block.columns.length, center: true })] })];
  return new Table({ width: { size: TYPE_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [header, ...body] });
}

/**
 * Signature lines, up to three to a line: 「投诉人签名：＿＿＿＿　　登记人：＿＿＿＿　　日期：＿＿＿＿」, the underlined blanks
 * as long as the line allows (4号, 31 characters a line).
 */
function signatureLines(labels: readonly string[]): Paragraph[] {
  const perLine = 31;
  const out: Paragraph[] = [];
  for (let i = 0; i < labels.length; i += 3) {
    const slice = labels.slice(i, i + 3);
    const used = slice.reduce((a, l) => a + ems(l) + 1, 0) + 2 * (slice.length - 1);
    const blank = Math.max(4, Math.floor((perLine - used) / slice.length));
    const children: TextRun[] = [];
    slice.forEach((label, j) => {
      if (j > 0) children.push(new TextRun({ text: '\u3000\u3000' }));
      children.push(...runs(`${label}：`), new TextRun({ text: '\u3000'.repeat(blank), underline: {} }));
    });
    out.push(new Paragraph({ style: STYLE.cell, spacing: { before: 480, after: 0 }, keepNext: i + 3 < labels.length, keepLines: true, children }));
  }
  return out;
}

const spacer = () => new Paragraph({ style: STYLE.cell, spacing: { before: 0, after: 0, line: 160, lineRule: LineRuleType.EXACT }, children: [] });

function blocksToChildren(blocks: readonly PaperBlock[], keepLastWithNext: boolean): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    switch (b.kind) {
      case 'paragraph':
        // Never a page with only the signature: the last body paragraph stays with it, and whole.
        out.push(keepLastWithNext && i === blocks.length - 1 ? new Paragraph({ keepNext: true, keepLines: true, children: runs(b.text) }) : new Paragraph({ children: runs(b.text) }));
        break;
      case 'heading1':
        out.push(new Paragraph({ style: STYLE.heading1, children: runs(b.text) }));
        break;
      case 'heading2':
        out.push(new Paragraph({ style: STYLE.heading2, children: runs(b.text) }));
        break;
      case 'field':
      case 'note': {
        const group: (Extract<PaperBlock, { kind: 'field' }> | Extract<PaperBlock, { kind: 'note' }>)[] = [];
        while (i < blocks.length && (blocks[i].kind === 'field' || blocks[i].kind === 'note')) {
          group.push(blocks[i] as (typeof group)[number]);
          i++;
        }
        i--;
        out.push(fieldTable(group));
        break;
      }
      case 'table':
        out.push(dataTable(b));
        break;
      case 'signatures':
        out.push(...signatureLines(b.labels));
        break;
    }
  }
  // Two tables in a row would be read as one (its header row then no longer first, so not repeated): a thin
  // paragraph between them keeps them apart.
  for (let k = out.length - 1; k > 0; k--) {
    if (out[k] instanceof Table && out[k - 1] instanceof Table) out.splice(k, 0, spacer());
  }
  return out;
}

/**
 * 署名 and 成文日期 for a sealed paper (GB/T 9704 7.3.5.1): the date 4 characters in from the right, the office's name
 * centred over it, the seal pressed over both; a name too long for that is set 2 characters in and the date centred
 * under it.
 */
function signature(sig: { office: string; date: string }, hasContact: boolean): Paragraph[] {
  const wn = ems(sig.office);
  const wd = ems(sig.date);
  let nameRight = 4 + (wd - wn) / 2;
  let dateRight = 4;
  if (nameRight < 2) {
    nameRight = 2;
    dateRight = 2 + (wn - wd) / 2;
  }
  return [
    new Paragraph({ style: STYLE.signature, spacing: { before: 2 * LINE_PITCH }, indent: { right: Math.round(nameRight * CHAR) }, children: runs(sig.office) }),
    new Paragraph({ style: STYLE.signature, keepNext: hasContact, indent: { right: Math.round(dateRight * CHAR) }, children: runs(sig.date) }),
  ];
}

/** 抄送 at the foot of the last page, between two rules (GB/T 9704 版记), as a frame anchored to the bottom margin. */
function copyTo(text: string): Paragraph {
  const t = text.trim();
  const line = /^抄送/.test(t) ? t : `抄送：${t}`;
  return new Paragraph({
    style: STYLE.copyTo,
    frame: {
      type: 'alignment',
      alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM },
      anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
      width: TYPE_WIDTH,
      wrap: 'notBeside',
    },
    border: {
      top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
      bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
    },
    children: runs(/[。.]$/.test(line) ? line : `${line}。`),
  });
}

function letterChildren(doc: PaperDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  // 发文字号 under the rule (the header's spacing leaves about 7/8 of a 3号 character); an empty line in a preview without one
  out.push(new Paragraph({ style: STYLE.number, children: doc.number ? runs(doc.number) : [] }));
  out.push(new Paragraph({ style: STYLE.title, spacing: { before: 2 * LINE_PITCH, line: LINE_PITCH, lineRule: LineRuleType.EXACT }, children: runs(doc.title) }));
  if (doc.recipient) out.push(new Paragraph({ style: STYLE.recipient, spacing: { before: LINE_PITCH }, children: runs(doc.recipient) }));
  out.push(...blocksToChildren(doc.blocks, doc.signature !== null));
  if (doc.signature) out.push(...signature(doc.signature, doc.contact !== null));
  if (doc.contact) out.push(new Paragraph({ style: STYLE.contact, children: runs(doc.contact) }));
  if (doc.copyTo) out.push(copyTo(doc.copyTo));
  return out;
}

function formChildren(doc: PaperDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(new Paragraph({ style: STYLE.recipient, alignment: AlignmentType.CENTER, keepNext: true, children: runs(doc.officeName, { font: font(FONTS.heading1) }) }));
  out.push(new Paragraph({ style: STYLE.title, spacing: { before: 120, after: 120, line: 640, lineRule: LineRuleType.EXACT }, children: runs(doc.title) }));
  out.push(new Paragraph({ style: STYLE.number, spacing: { after: 120 }, keepNext: true, children: doc.number ? runs(`编号：${doc.number}`, { size: 28, sizeComplexScript: 28 }) : [] }));
  if (doc.recipient) out.push(new Paragraph({ style: STYLE.recipient, children: runs(doc.recipient) }));
  out.push(...blocksToChildren(doc.blocks, doc.signature !== null));
  if (doc.signature) out.push(...signature(doc.signature, doc.contact !== null));
  if (doc.contact) out.push(new Paragraph({ style: STYLE.contact, children: runs(doc.contact) }));
  if (doc.copyTo) out.push(copyTo(doc.copyTo));
  return out;
}

// ---- package parts written by hand ----
const escapeXml = (s: string) => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function coreXml(doc: PaperDocument): string {
  const el = (name: string, v: string) => (v ? `<${name}>${escapeXml(v)}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', doc.info.title) +
    el('dc:subject', doc.info.subject) +
    el('dc:creator', doc.info.author) +
    el('cp:lastModifiedBy', doc.info.author) +
    el('cp:keywords', doc.number ?? '') +
    el('dc:language', 'zh-CN') +
    '<cp:revision>1</cp:revision></cp:coreProperties>'
  );
}

function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}">${f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : ''}<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

/** The paper as a .docx (bytes). */
export async function renderDocx(doc: PaperDocument): Promise<Uint8Array> {
  const letter = doc.layout === 'letter';
  const preview = doc.preview;
  const firstHeader = new Header({
    children: [...(preview ? [previewLine()] : []), ...(letter ? [letterhead(doc.officeName)] : [])],
  });
  const otherHeader = () => new Header({ children: preview ? [previewLine()] : [new Paragraph({ style: STYLE.preview, children: [] })] });
  const document = new Document({
    title: clean(doc.info.title),
    subject: clean(doc.info.subject),
    creator: clean(doc.info.author),
    lastModifiedBy: clean(doc.info.author),
    styles: styles(),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: {
              ...MARGIN,
              header: mm(30) - (preview ? PREVIEW_HEIGHT : 0),
              footer: mm(20),
              gutter: 0,
            },
          },
          grid: letter ? { type: DocumentGridType.LINES, linePitch: LINE_PITCH } : undefined,
          titlePage: true,
        },
        headers: { first: firstHeader, default: otherHeader(), even: otherHeader() },
        footers: {
          first: new Footer({ children: letter ? [lowerRule()] : [new Paragraph({ style: STYLE.pageNumber, children: [] })] }),
          default: new Footer({ children: [pageNumber('odd')] }),
          even: new Footer({ children: [pageNumber('even')] }),
        },
        children: letter ? letterChildren(doc) : formChildren(doc),
      },
    ],
  });
  return Packer.pack(document, 'uint8array', false, [
    { path: 'docProps/core.xml', data: coreXml(doc) },
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
}
