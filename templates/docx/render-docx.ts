// The editable Word file of a paper: the same PaperDocument the PDF draws (templates/pdf), laid out as a .docx with
// the `docx` package (MIT), for the office that adjusts a letter by hand before printing (the issued PDF stays the
// record). Letters follow GB/T 9704-2012's 信函格式 (../../shared/documents.md): A4, type area 156 × 225 mm, the
// office's name in red 30 mm from the top edge over a red double rule (thick over thin), another (thin over thick)
// 20 mm from the bottom edge of page 1, the number flush right under the first rule, the title centred two lines
// lower, the body in 仿宋_GB2312 16 pt on a lines-only grid of 22 lines with a small negative character spacing (28
// characters a line; Word's linesAndChars grid comes out at 14 a line in LibreOffice), no page number on page 1 and
// `— n —` from page 2. Forms are the PDF's plain A4 table form. The file names the office's fonts (仿宋_GB2312,
// 方正小标宋简体, 黑体, 楷体_GB2312) and lets Word / WPS on the office PC supply them; its font table gives each one a
// stand-in every Chinese Windows has (仿宋, 宋体, 楷体). Pure: no clock (the core properties carry no dates), no files.
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
  ImportedXmlComponent,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
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
import { TextWatermark } from 'docx/watermarks';
import { NUMBER_PENDING } from '../papers/compose';
import type { PaperBlock, PaperDocument } from '../papers/paper-document';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ---- measures (twips: 1/20 pt; 1 mm = 56.693 twips) ----
const mm = (v: number): number => Math.round((v * 1440) / 25.4);
const pt = (v: number): number => Math.round(v * 20);
const PAGE = { width: 11906, height: 16838 };
const RED = 'E60012';
const PREVIEW_RED = 'C00000';
const GREY = '999999';

interface Geometry {
  margin: { top: number; left: number; bottom: number; right: number };
  /** body size in points */
  size: number;
  /** body character spacing in twips (negative: condensed) */
  spacing: number;
  /** lines-only document grid pitch (twips), or none */
  grid: number | null;
}

/** Letters: 37 / 28 / 35 / 26 mm; 28 characters of 16 pt are 448 pt, the type area 442.2: −0.25 pt a character */
const LETTER: Geometry = {
  margin: { top: mm(37), left: mm(28), bottom: mm(35), right: mm(26) },
  size: 16,
  spacing: -5,
  grid: Math.floor((PAGE.height - mm(37) - mm(35)) / 22),
};
/** Forms: the PDF's margins (top 20, left 25, right 20, bottom 22 mm), 12 pt text, no grid */
const FORM: Geometry = {
  margin: { top: mm(20), left: mm(25), bottom: mm(22), right: mm(20) },
  size: 12,
  spacing: 0,
  grid: null,
};
const typeWidth = (g: Geometry) => PAGE.width - g.margin.left - g.margin.right;
/** one body character, as the text is set (size + spacing), in twips */
const charWidth = (g: Geometry) => pt(g.size) + g.spacing;

export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** What Word substitutes when the office PC lacks the font (w:altName): faces every Chinese Windows has. */
const FONT_TABLE: readonly { name: string; altName: string | null; family: string; pitch: string }[] = [
  { name: FONTS.body, altName: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: FONTS.title, altName: '宋体', family: 'script', pitch: 'variable' },
  { name: FONTS.heading1, altName: null, family: 'modern', pitch: 'fixed' },
  { name: FONTS.heading2, altName: '楷体', family: 'modern', pitch: 'fixed' },
  { name: FONTS.pageNumber, altName: null, family: 'auto', pitch: 'variable' },
];

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' });
const ZH = { value: 'zh-CN', eastAsia: 'zh-CN' };
const half = (points: number) => ({ size: points * 2, sizeComplexScript: points * 2 });

/** Characters XML 1.0 cannot carry (control characters, lone surrogates) would make a part unreadable: drop them. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** A text as runs: a line break in the text is a line break in the paragraph. */
function runs(text: string, options: RunStyle = {}): TextRun[] {
  return clean(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

/** Width in characters: a CJK character is one, an ASCII character (the digits of a date) half. */
function ems(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2e80 ? 0.5 : 1;
  return w;
}

// ---- styles: what the office would change by hand lives in named styles ----
const STYLE = {
  letterhead: 'PaperLetterhead',
  rule: 'PaperRule',
  number: 'PaperNumber',
  office: 'PaperOffice',
  title: 'PaperTitle',
  recipient: 'PaperRecipient',
  heading1: 'PaperHeading1',
  heading2: 'PaperHeading2',
  signature: 'PaperSignature',
  contact: 'PaperContact',
  copyTo: 'PaperCopyTo',
  label: 'PaperLabel',
  cell: 'PaperCell',
  tableText: 'PaperTableText',
  preview: 'PaperPreview',
  pageNumber: 'PaperPageNumber',
} as const;

const NO_INDENT = { firstLine: 0, firstLineChars: 0, left: 0, right: 0 };

function styles(g: Geometry, letter: boolean) {
  const bodyRun = { font: font(FONTS.body), ...half(g.size), characterSpacing: g.spacing, language: ZH };
  const para = (id: string, name: string, paragraph: IParagraphOptions, run: RunStyle = {}) => ({ id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true, paragraph, run });
  const cellSize = letter ? 14 : 12;
  return {
    paragraphStyles: [
      // Normal is the body paragraph, its size set explicitly (LibreOffice otherwise takes a default of its own)
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run: bodyRun,
        paragraph: {
          alignment: AlignmentType.BOTH,
          indent: { firstLine: 2 * charWidth(g), firstLineChars: 200 },
          spacing: { before: 0, after: letter ? 0 : pt(4), line: 240, lineRule: LineRuleType.AUTO },
          widowControl: true,
        },
      },
      para(STYLE.letterhead, '发文机关标志', { alignment: AlignmentType.CENTER, indent: { ...NO_INDENT, left: -mm(7), right: -mm(7) } }, { font: font(FONTS.title), color: RED }),
      para(STYLE.rule, '版头分隔线', { alignment: AlignmentType.CENTER, indent: { ...NO_INDENT, left: -mm(7), right: -mm(7) } }),
      para(STYLE.number, '发文字号', { alignment: AlignmentType.RIGHT, indent: NO_INDENT, keepNext: true }),
      para(STYLE.office, '单位名称', { alignment: AlignmentType.CENTER, indent: NO_INDENT, keepNext: true }, { font: font(FONTS.title), ...half(15) }),
      para(STYLE.recipient, '主送机关', { alignment: AlignmentType.LEFT, indent: NO_INDENT, keepNext: true }),
      para(STYLE.heading1, '一级标题', { keepNext: true }, { font: font(FONTS.heading1), ...(letter ? {} : half(13)) }),
      para(STYLE.heading2, '二级标题', { keepNext: true }, { font: font(FONTS.heading2) }),
      para(STYLE.signature, '署名和日期', { alignment: AlignmentType.RIGHT, indent: NO_INDENT, keepNext: true, keepLines: true }),
      para(STYLE.contact, '附注', { alignment: AlignmentType.LEFT, keepNext: true }),
      // not based on Normal: a firstLineChars inherited (even 0) would win over the paragraph's hanging indent in Word
      { ...para(STYLE.copyTo, '抄送', { alignment: AlignmentType.LEFT, spacing: { before: 0, after: 0, line: pt(24), lineRule: LineRuleType.EXACT } }, { ...half(14), characterSpacing: 0 }), basedOn: undefined },
      para(STYLE.label, '表格标签', { alignment: AlignmentType.CENTER, indent: NO_INDENT, spacing: { before: 0, after: 0 } }, { font: font(FONTS.heading2), ...half(cellSize) }),
      para(STYLE.cell, '表格文字', { alignment: AlignmentType.LEFT, indent: NO_INDENT, spacing: { before: 0, after: 0 } }, { ...half(cellSize) }),
      para(STYLE.tableText, '过程表文字', { alignment: AlignmentType.LEFT, indent: NO_INDENT, spacing: { before: 0, after: 0 } }, { ...half(10.5) }),
      para(STYLE.preview, '预览标记', { alignment: AlignmentType.RIGHT, indent: NO_INDENT, spacing: { before: 0, after: 0 } }, { font: font(FONTS.heading1), ...half(10), color: PREVIEW_RED, characterSpacing: 0 }),
      para(STYLE.pageNumber, '页码', { indent: NO_INDENT, spacing: { before: 0, after: 0 } }, { font: font(FONTS.pageNumber), ...half(14), characterSpacing: 0 }),
    ],
    // Given imported styles, docx leaves out its own defaults: the document defaults and the default table style
    // are given here with them
    importedStyles: [
      documentDefaults(g),
      ImportedXmlComponent.fromXmlString(
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
          '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
      ),
      titleStyle(g, letter),
    ],
    // the footnote parts docx writes point to these
    characterStyles: [
      { id: 'FootnoteReference', name: 'footnote reference', run: { superScript: true } },
      { id: 'EndnoteReference', name: 'endnote reference', run: { superScript: true } },
    ],
  };
}

/**
 * The document defaults, written out for what docx has no option for: no automatic space between Chinese and Latin
 * text or figures (autoSpaceDE / autoSpaceDN), so 2026年11月3日 sets as in the PDF and lines break where its do.
 */
function documentDefaults(g: Geometry): ImportedXmlComponent {
  const f = escapeXml(FONTS.body);
  const size = g.size * 2;
  return ImportedXmlComponent.fromXmlString(
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
      `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}" w:hint="eastAsia"/>${g.spacing ? `<w:spacing w:val="${g.spacing}"/>` : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>` +
      '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
  );
}

/**
 * The title's style, written out because docx has no option for the paragraph's w:snapToGrid: off, so that its
 * exact line pitch holds on the letter's grid (LibreOffice would otherwise give a 22 pt line of a tall face such as
 * Noto Serif SC two grid lines, where the PDF and Word give one).
 */
function titleStyle(g: Geometry, letter: boolean): ImportedXmlComponent {
  const f = escapeXml(FONTS.title);
  const size = (letter ? 22 : 20) * 2;
  const line = letter ? g.grid! : pt(30);
  return ImportedXmlComponent.fromXmlString(
    `<w:style w:type="paragraph" w:styleId="${STYLE.title}"><w:name w:val="公文标题"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
      `<w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${line}" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>` +
      `<w:rPr><w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}" w:hint="eastAsia"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`,
  );
}

// ---- page furniture ----
const PREVIEW_TEXT = '预览 · 未签发';

/** A preview's marks on every page: the boxed corner label 10 mm from the top and right edges, and the faint diagonal watermark. */
function previewMarks(): Paragraph[] {
  return [
    new Paragraph({
      style: STYLE.preview,
      frame: {
        type: 'absolute',
        position: { x: PAGE.width - mm(10) - pt(80), y: mm(10) },
        anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
        width: pt(80),
        wrap: 'around',
      },
      children: [
        ...runs(PREVIEW_TEXT, { border: { style: BorderStyle.SINGLE, size: 6, color: PREVIEW_RED, space: 2 } }),
        new TextWatermark({ text: PREVIEW_TEXT, font: FONTS.body, color: PREVIEW_RED, opacity: 0.07, fontSize: 64, layout: 'diagonal' }),
      ],
    }),
  ];
}

/** The office's name in red, 26 pt (smaller for a long name, to fit the 170 mm of the rules), then the first rule. */
function letterhead(officeName: string): Paragraph[] {
  const size = Math.max(12, Math.min(26, Math.floor((170 / 25.4) * 72 / Math.max(1, ems(officeName)) * 2) / 2));
  return [
    new Paragraph({
      style: STYLE.letterhead,
      spacing: { line: pt(size * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: runs(officeName, half(size)),
    }),
    // the double rule 4 mm under the name: thick over thin (thick-thin is thick on the text's side)
    new Paragraph({
      style: STYLE.rule,
      spacing: { line: mm(2.6), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 0 } },
      children: [],
    }),
  ];
}

/** The second double rule (thin over thick), 20 mm from the bottom edge of page 1, where the first-page footer sits. */
function lowerRule(): Paragraph {
  return new Paragraph({
    style: STYLE.rule,
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    // for a top border the text's side is below: thick-thin gives thin over thick
    border: { top: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 0 } },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

/** `— 2 —`: 4号 宋体, one character in from the outer edge (right on odd pages, left on even ones). */
function letterPageNumber(side: 'odd' | 'even'): Paragraph {
  return new Paragraph({
    style: STYLE.pageNumber,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: pt(14) } : { left: pt(14) },
    spacing: { after: mm(3) },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
  });
}

/** Forms: 第 n 页  共 m 页, centred under the type area. */
function formPageNumber(): Paragraph {
  return new Paragraph({
    style: STYLE.pageNumber,
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ ...half(10.5), font: font(FONTS.body), children: ['第 ', PageNumber.CURRENT, ' 页  共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
  });
}

// ---- tables ----
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const CELL_BORDERS: ITableCellBorders = { top: LINE, bottom: LINE, left: LINE, right: LINE };
const CELL_MARGINS = { top: pt(4), bottom: pt(4), left: pt(5), right: pt(5) };
const CELL_PAD = CELL_MARGINS.left + CELL_MARGINS.right + 40;

function cell(children: Paragraph[], width: number, opts: { span?: number; shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    borders: CELL_BORDERS,
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: opts.shade ? { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } : undefined,
    children,
  });
}
const p = (style: string, text: string) => new Paragraph({ style, children: runs(text) });

type FieldOrNote = Extract<PaperBlock, { kind: 'field' } | { kind: 'note' }>;

/** Consecutive field / note blocks: one bordered two-column table (label | value; a note spans both). */
function fieldTable(blocks: readonly FieldOrNote[], width: number): Table {
  const labelWidth = pt(92);
  const valueWidth = width - labelWidth;
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [labelWidth, valueWidth],
    layout: TableLayoutType.FIXED,
    rows: blocks.map(
      (b) =>
        new TableRow({
          cantSplit: (b.kind === 'field' ? b.value : b.text).length < 80 || undefined,
          height: { value: pt(26), rule: HeightRule.ATLEAST },
          children: b.kind === 'field' ? [cell([p(STYLE.label, b.label)], labelWidth), cell([p(STYLE.cell, b.value)], valueWidth)] : [cell([p(STYLE.cell, b.text)], width, { span: 2 })],
        }),
    ),
  });
}

/**
 * Column widths from what the columns hold (10.5 pt text): a column whose longest text is short (a date, 环节, a
 * name) gets just that width, the long ones (内容) share the rest; when even that does not fit, all shrink alike.
 */
export function columnWidths(columns: readonly string[], rows: readonly (readonly string[])[], total: number): number[] {
  const CH = pt(10.5);
  // digits and Latin letters at 0.6 of a character (proportional figures are wider than half a Chinese character),
  // and a quarter character where Latin meets Chinese (Word's and LibreOffice's automatic spacing, 2026 年 11 月)
  const width = (t: string) => ems(t) + 0.1 * (t.match(/[\x21-\x7e]/g)?.length ?? 0) + 0.25 * (t.match(/[\x21-\x7e](?=[^\x00-\x7e])|[^\x00-\x7e](?=[\x21-\x7e])/gu)?.length ?? 0);
  const longest = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map(width)))));
  const SHORT = 10;
  const natural = longest.map((l) => Math.ceil(Math.min(l, SHORT) * CH) + CELL_PAD);
  const flexible = longest.map((l, i) => (l > SHORT ? i : -1)).filter((i) => i >= 0);
  const fixedSum = natural.reduce((a, w, i) => (flexible.includes(i) ? a : a + w), 0);
  const room = total - fixedSum;
  let widths: number[];
  if (flexible.length > 0 && room >= flexible.length * (4 * CH + CELL_PAD)) {
    const sum = flexible.reduce((a, i) => a + Math.min(longest[i], 40), 0);
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

/** A data table (e.g. 办理过程: 日期 环节 内容 经办人): the header row repeated on every page, short rows kept whole. */
function dataTable(block: Extract<PaperBlock, { kind: 'table' }>, total: number): Table {
  const n = Math.max(1, block.columns.length, ...block.rows.map((r) => r.length));
  const columns = Array.from({ length: n }, (_, i) => block.columns[i] ?? '');
  const widths = columnWidths(columns, block.rows, total);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell([new Paragraph({ style: STYLE.tableText, alignment: AlignmentType.CENTER, children: runs(c, { font: font(FONTS.heading2) }) })], widths[i], { shade: true })),
  });
  const body = block.rows.length
    ? block.rows.map((r) => new TableRow({ cantSplit: r.join('').length < 80 || undefined, children: columns.map((_, i) => cell([p(STYLE.tableText, r[i] ?? '')], widths[i])) }))
    : [new TableRow({ children: [cell([new Paragraph({ style: STYLE.tableText, alignment: AlignmentType.CENTER, children: runs('（无）') })], total, { span: n })] })];
  return new Table({ width: { size: total, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [header, ...body] });
}

/**
 * Form signature lines, up to three to a line: 「投诉人签名：＿＿＿＿　　登记人：＿＿＿＿　　日期：＿＿＿＿」, the underlined
 * blanks as long as the line allows.
 */
function signatureLines(labels: readonly string[], g: Geometry): Paragraph[] {
  const perLine = Math.floor(typeWidth(g) / pt(g.size)) - 1;
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
    out.push(new Paragraph({ style: STYLE.cell, spacing: { before: pt(18), after: 0 }, keepNext: i + 3 < labels.length, keepLines: true, children }));
  }
  return out;
}

/** Between two tables: without it Word and LibreOffice read them as one (whose header row then no longer repeats). */
const spacer = () => new Paragraph({ style: STYLE.cell, spacing: { before: 0, after: 0, line: pt(8), lineRule: LineRuleType.EXACT }, children: [] });

/** A letter has no tables (as in the PDF): a field is 「标签：值」, a note its lines, a table row its cells in one line. */
function letterBlocks(blocks: readonly PaperBlock[], keepLast: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  const body = (text: string, last: boolean) => new Paragraph({ ...(last ? { keepNext: true, keepLines: true } : {}), children: runs(text) });
  blocks.forEach((b, i) => {
    // never a page with only the signature: the last paragraph stays with it, and whole
    const last = keepLast && i === blocks.length - 1;
    switch (b.kind) {
      case 'paragraph':
        out.push(body(b.text, last));
        break;
      case 'heading1':
      case 'heading2':
        out.push(new Paragraph({ style: b.kind === 'heading1' ? STYLE.heading1 : STYLE.heading2, children: runs(b.text) }));
        break;
      case 'field':
        out.push(body(`${b.label}：${b.value}`, last));
        break;
      case 'note': {
        const parts = b.text.split('\n');
        parts.forEach((t, j) => out.push(body(t, last && j === parts.length - 1)));
        break;
      }
      case 'table':
        b.rows.forEach((row, j) =>
          out.push(body(row.map((c, k) => `${b.columns[k] ?? ''}${b.columns[k] ? '：' : ''}${c}`).join('；'), last && j === b.rows.length - 1)),
        );
        break;
      case 'signatures':
        out.push(new Paragraph({ alignment: AlignmentType.LEFT, ...(last ? { keepNext: true, keepLines: true } : {}), children: runs(b.labels.map((l) => `${l}：`).join('　　　　')) }));
        break;
    }
  });
  return out;
}

function formBlocks(blocks: readonly PaperBlock[], g: Geometry): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const width = typeWidth(g);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    switch (b.kind) {
      case 'paragraph':
        out.push(new Paragraph({ children: runs(b.text) }));
        break;
      case 'heading1':
        out.push(new Paragraph({ style: STYLE.heading1, indent: NO_INDENT, spacing: { before: pt(6), after: pt(4) }, children: runs(b.text) }));
        break;
      case 'heading2':
        out.push(new Paragraph({ style: STYLE.heading2, indent: NO_INDENT, spacing: { before: pt(4), after: pt(2) }, children: runs(b.text) }));
        break;
      case 'field':
      case 'note': {
        const group: FieldOrNote[] = [];
        while (i < blocks.length && (blocks[i].kind === 'field' || blocks[i].kind === 'note')) group.push(blocks[i++] as FieldOrNote);
        i--;
        out.push(fieldTable(group, width));
        break;
      }
      case 'table':
        out.push(dataTable(b, width));
        break;
      case 'signatures':
        out.push(...signatureLines(b.labels, g));
        break;
    }
  }
  for (let k = out.length - 1; k > 0; k--) if (out[k] instanceof Table && out[k - 1] instanceof Table) out.splice(k, 0, spacer());
  return out;
}

/**
 * 署名 and 成文日期 with room for the seal (as the PDF): a blank line, the date 4 characters in from the right, the
 * office's name centred over it but at least one character in.
 */
function letterSignature(sig: { office: string; date: string }, g: Geometry): Paragraph[] {
  const wn = ems(sig.office);
  const wd = ems(sig.date);
  const nameRight = Math.max(1, 4 + (wd - wn) / 2);
  const c = charWidth(g);
  return [
    new Paragraph({ style: STYLE.signature, spacing: { before: g.grid ?? pt(29) }, indent: { right: Math.round(nameRight * c) }, children: runs(sig.office) }),
    new Paragraph({ style: STYLE.signature, indent: { right: 4 * c }, children: runs(sig.date) }),
  ];
}

/** 抄送 at the foot of the last page (14 pt, one character in, a wrapped line under the text after 「抄送：」), a frame anchored to the bottom margin. */
function copyToBlock(text: string, width: number): Paragraph[] {
  const parts = clean(text).split('\n');
  return parts.map((part, i) => {
    const colon = part.indexOf('：');
    const label = colon >= 0 && colon <= 6 ? part.slice(0, colon + 1) : '';
    const hang = Math.round(ems(label) * pt(14));
    return new Paragraph({
      style: STYLE.copyTo,
      keepNext: i < parts.length - 1,
      indent: { left: pt(14) + hang, hanging: hang, right: pt(14) },
      frame: {
        type: 'alignment',
        alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM },
        anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
        width,
        wrap: 'notBeside',
      },
      children: runs(part),
    });
  });
}

function letterChildren(doc: PaperDocument, g: Geometry): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const pitch = g.grid!;
  // the number flush right on the first line under the rule (a preview without one: a grey note in its place)
  const number = doc.number ?? (doc.preview ? NUMBER_PENDING : null);
  out.push(new Paragraph({ style: STYLE.number, children: number ? runs(number, doc.number ? {} : { color: GREY }) : [] }));
  // the title two lines lower, centred; the recipient one line below it
  out.push(new Paragraph({ style: STYLE.title, spacing: { before: 2 * pitch, line: pitch, lineRule: LineRuleType.EXACT }, children: runs(doc.title) }));
  if (doc.recipient) out.push(new Paragraph({ style: STYLE.recipient, spacing: { before: pitch }, children: runs(doc.recipient) }));
  out.push(...letterBlocks(doc.blocks, doc.signature !== null || doc.contact !== null));
  if (doc.signature) out.push(...letterSignature(doc.signature, g));
  // the contact note, in parentheses, two characters in on the line after the date
  if (doc.contact) for (const part of doc.contact.split('\n')) out.push(new Paragraph({ style: STYLE.contact, children: runs(part) }));
  if (doc.copyTo) out.push(...copyToBlock(doc.copyTo, typeWidth(g)));
  return out;
}

function formChildren(doc: PaperDocument, g: Geometry): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(new Paragraph({ style: STYLE.office, children: runs(doc.officeName) }));
  out.push(new Paragraph({ style: STYLE.title, spacing: { before: pt(4), after: 0, line: pt(30), lineRule: LineRuleType.EXACT }, children: runs(doc.title) }));
  const number = doc.number ? `登记编号：${doc.number}` : doc.preview ? '登记编号：（签发时生成）' : '';
  out.push(new Paragraph({ style: STYLE.number, spacing: { before: pt(6), after: pt(4) }, children: number ? runs(number, half(11)) : [] }));
  if (doc.recipient) out.push(new Paragraph({ style: STYLE.recipient, spacing: { after: pt(4) }, children: runs(doc.recipient) }));
  out.push(...formBlocks(doc.blocks, g));
  if (doc.signature) {
    const right = { right: 2 * charWidth(g) };
    out.push(new Paragraph({ style: STYLE.signature, spacing: { before: pt(16) }, indent: right, children: runs(doc.signature.office) }));
    out.push(new Paragraph({ style: STYLE.signature, indent: right, children: runs(doc.signature.date) }));
  }
  if (doc.contact) out.push(new Paragraph({ style: STYLE.contact, indent: NO_INDENT, spacing: { before: pt(8) }, children: runs(doc.contact) }));
  if (doc.copyTo) out.push(new Paragraph({ style: STYLE.contact, indent: NO_INDENT, spacing: { before: pt(12) }, children: runs(doc.copyTo) }));
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
  const g = letter ? LETTER : FORM;
  const marks = () => (doc.preview ? previewMarks() : []);
  const header = (extra: Paragraph[] = []) => new Header({ children: [...marks(), ...extra, ...(extra.length || doc.preview ? [] : [new Paragraph({ style: STYLE.pageNumber, children: [] })])] });
  const document = new Document({
    title: clean(doc.info.title),
    subject: clean(doc.info.subject),
    creator: clean(doc.info.author),
    lastModifiedBy: clean(doc.info.author),
    styles: styles(g, letter),
    evenAndOddHeaderAndFooters: letter,
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            // letters: the first-page header holds the letterhead (from 29 mm: its glyphs start at 30), the first-page footer the rule 20 mm up
            margin: { ...g.margin, header: letter ? mm(29) : mm(10), footer: letter ? mm(20) : mm(10), gutter: 0 },
          },
          grid: g.grid ? { type: DocumentGridType.LINES, linePitch: g.grid } : undefined,
          titlePage: letter,
        },
        headers: letter ? { first: header(letterhead(doc.officeName)), default: header(), even: header() } : { default: header() },
        footers: letter
          ? { first: new Footer({ children: [lowerRule()] }), default: new Footer({ children: [letterPageNumber('odd')] }), even: new Footer({ children: [letterPageNumber('even')] }) }
          : { default: new Footer({ children: [formPageNumber()] }) },
        children: letter ? letterChildren(doc, g) : formChildren(doc, g),
      },
    ],
  });
  return Packer.pack(document, 'uint8array', false, [
    { path: 'docProps/core.xml', data: coreXml(doc) },
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
}
