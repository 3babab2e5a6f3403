/**
 * The statistics summary as a PDF to print and sign (issue 9 item 2): A4 portrait, the office's name, the period,
 * 数据截至, the key figures with 环比 and 同比, the charts of the 统计 page (ECharts SVG, templates/charts), the
 * breakdowns, the per-department table, in the internal version the overdue list (no complainant data: the
 * core hands the subjects already masked, as for the workbook) and, when the report carries it (supervisors and
 * admins), the per-staff table; the 制表人 / 审核人 / 日期 lines; 第 n 页 共 m 页 in every footer. A pure function
 * of its view model: the public version arrives with "<3" cells and without lists, staff or subjects.
 *
 * Text goes through the papers' FaceRegistry (glyph fallback: a character Noto Serif SC lacks, such as 𠮷, is
 * drawn by Source Han Sans); the charts' SVG text is in the Noto Serif SC TTF face under its pdfmake family name.
 * Tables repeat their header row on every page they run over.
 */
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { summaryCharts, type ChartSvg } from '../charts/statistics-charts';
import { FIGURES, change, formatChange, formatRate, type FigureDefinition } from '../statistics/figures';
import type { FileResult, StatisticsCell, StatisticsFigures, StatisticsReport, StatisticsTrend } from '../../electron/core/types';
import { loadPaperFonts } from '../fonts/fonts';
import { FaceRegistry, type Role } from './inline-text';
import { MM, PAGE_W } from './page-common';
import { sanitizeInfo } from './render-pdf';
import { shareParsedFonts } from './shared-fonts';

export const PDF_MIME = 'application/pdf';

export interface StatisticsSummaryView {
  officeName: string;
  report: StatisticsReport;
  /** the 12 months ending with the period's last month (statistics/trend) */
  trend: StatisticsTrend | null;
  /** the name printed after 制表人 (an issued summary: the issuer's); a blank line to sign on when absent */
  preparedBy?: string | null;
}

const MARGIN: [number, number, number, number] = [18 * MM, 16 * MM, 18 * MM, 18 * MM];
const CONTENT_W = PAGE_W - MARGIN[0] - MARGIN[2];
const NONE = '—';
const HEADER_FILL = '#E8EEF7';

const countText = (c: StatisticsCell | number | null | undefined): string => (c === null || c === undefined ? NONE : String(c));

/** pdfmake text in the role's faces (glyph fallback), at a size, with optional bold-like face and alignment. */
function textNode(reg: FaceRegistry, text: string, o: { role?: Role; size?: number; align?: 'left' | 'center' | 'right'; color?: string; margin?: [number, number, number, number] } = {}): Content {
  const node: Record<string, unknown> = { text: reg.inlines(text, { role: o.role ?? 'body', size: o.size ?? 9, color: o.color }) };
  if (o.align) node.alignment = o.align;
  if (o.margin) node.margin = o.margin;
  return node as unknown as Content;
}

function table(reg: FaceRegistry, header: string[], rows: string[][], widths: Array<number | string>, align: Array<'left' | 'center' | 'right'>, boldLast = false): Content {
  const head: TableCell[] = header.map((h) => ({ ...(textNode(reg, h, { role: 'title', size: 8.5, align: 'center' }) as object), fillColor: HEADER_FILL } as TableCell));
  const body: TableCell[][] = rows.map((r, ri) => r.map((v, i) => textNode(reg, v, { role: boldLast && ri === rows.length - 1 ? 'title' : 'body', size: 8.5, align: align[i] }) as TableCell));
  return {
    // the header repeats on every page; it never stands alone at the foot of one
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [head, ...body] },
    layout: {
      hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999',
      paddingLeft: () => 3, paddingRight: () => 3, paddingTop: () => 1.5, paddingBottom: () => 1.5,
    },
    margin: [0, 2, 0, 6],
  } as Content;
}

const heading = (reg: FaceRegistry, text: string): Content => ({ ...(textNode(reg, text, { role: 'heading1', size: 11.5, margin: [0, 8, 0, 4] }) as object), headlineLevel: 1 }) as Content;

/**
 * A section's heading with what follows, kept on one page when short (≤ 20 rows); a longer one runs over pages
 * (its table's head repeated, and the document's pageBreakBefore keeps a heading from ending a page).
 */
const section = (title: Content, rows: number, nodes: Content[]): Content =>
  (rows <= 20 ? { unbreakable: true, stack: [unmarked(title), ...nodes] } : { stack: [title, ...nodes] }) as Content;

/** A heading inside an unbreakable block: the block keeps it with what follows (a page break inside one loops). */
function unmarked(title: Content): Content {
  const { headlineLevel: _, ...rest } = title as { headlineLevel?: number };
  return rest as Content;
}

function figureText(f: FigureDefinition, x: StatisticsFigures): string {
  const v = x[f.key as keyof StatisticsFigures] as number | null;
  return f.kind === 'rate' ? formatRate(v) : countText(v);
}

function keyFigureRows(r: StatisticsReport): string[][] {
  const rows: string[][] = [];
  for (const f of FIGURES) {
    if (f.kind === 'days') {
      for (const which of ['mean', 'median'] as const) {
        const label = which === 'mean' ? '平均办理时长（工作日）' : '中位办理时长（工作日）';
        const v = (x: StatisticsFigures) => x.handlingWorkingDays[which];
        const show = (n: number | null) => (n === null ? NONE : n.toFixed(1));
        rows.push([label, show(v(r)), show(v(r.previous)), formatChange('days', change('days', v(r), v(r.previous))), show(v(r.yearAgo)), formatChange('days', change('days', v(r), v(r.yearAgo)))]);
      }
      continue;
    }
    const kind = f.kind;
    const num = (x: StatisticsFigures) => x[f.key as keyof StatisticsFigures] as number | null;
    rows.push([
      f.label, figureText(f, r), figureText(f, r.previous), formatChange(kind, change(kind, num(r), num(r.previous))),
      figureText(f, r.yearAgo), formatChange(kind, change(kind, num(r), num(r.yearAgo))),
    ]);
  }
  return rows;
}

function chartNode(c: ChartSvg | null, title: string, reg: FaceRegistry, width: number): Content {
  if (!c) return { stack: [textNode(reg, title, { role: 'title', size: 9.5 }), textNode(reg, '本期无数据', { size: 9, color: '#888888' })], width } as Content;
  return { stack: [textNode(reg, title, { role: 'title', size: 9.5, margin: [0, 0, 0, 2] }), { svg: c.svg, width: c.width, height: c.height }], width, unbreakable: true } as Content;
}

const BREAKDOWNS: Array<[keyof StatisticsReport, string]> = [
  ['byType', '按类型'], ['byChannel', '按渠道'], ['byRespondentDepartment', '按被投诉部门'],
  ['bySeverity', '按严重程度'], ['byFinding', '按调查结论'], ['byStatus', '按当前状态'],
];

/** The document definition (exported for the layout tests); the charts are drawn here. */
export function statisticsSummaryDefinition(view: StatisticsSummaryView, reg: FaceRegistry): TDocumentDefinitions {
  const r = view.report;
  const serif = reg.family(reg.fonts.bundled.serif);
  const charts = summaryCharts(r, view.trend, Math.floor(CONTENT_W), serif);
  const half = Math.floor((CONTENT_W - 12) / 2);
  const version = r.public ? '（定期公开版）' : '';
  const content: Content[] = [
    textNode(reg, view.officeName, { role: 'title', size: 16, align: 'center' }),
    textNode(reg, `投诉统计汇总表${version}`, { role: 'title', size: 14, align: 'center', margin: [0, 2, 0, 4] }),
    textNode(reg, `统计期间：${r.period.label}（${r.period.from} 至 ${r.period.to}）　　数据截至：${r.asOf}`, { size: 9.5, align: 'center', margin: [0, 0, 0, 2] }),
    textNode(reg, `环比：${r.previous.period.label}（${r.previous.period.from} 至 ${r.previous.period.to}）　同比：${r.yearAgo.period.label}（${r.yearAgo.period.from} 至 ${r.yearAgo.period.to}）`, { size: 8.5, align: 'center', color: '#555555', margin: [0, 0, 0, 4] }),
  ];
  for (const w of r.warnings) content.push(textNode(reg, `提示：${w}`, { size: 9, color: '#AD4E00' }));

  content.push(heading(reg, '一、主要指标'));
  content.push(table(reg,
    ['指标', `本期\n${r.period.label}`, `上期\n${r.previous.period.label}`, '环比增减', `去年同期\n${r.yearAgo.period.label}`, '同比增减'],
    keyFigureRows(r), ['*', 62, 62, 66, 62, 66], ['left', 'right', 'right', 'right', 'right', 'right']));
  content.push(textNode(reg, '说明：比率以百分数表示（保留一位小数），分母为 0 时记“—”；比率的增减以百分点计。按期办结率为办结件中的按期比例，须与“超期未办结”一并看。', { size: 8, color: '#555555' }));

  // the heading stays with the first chart (never alone at the foot of a page)
  content.push({ unbreakable: true, stack: [unmarked(heading(reg, '二、统计图表')), chartNode(charts.trend, '近 12 个月趋势（登记量、办结、按期办结率）', reg, CONTENT_W)] } as Content);
  content.push({ columns: [chartNode(charts.byType, '按类型', reg, half), chartNode(charts.byChannel, '按渠道', reg, half)], columnGap: 12, margin: [0, 6, 0, 0] } as Content);
  content.push({ ...(chartNode(charts.byDepartment, '按承办单位（分办件数、按期办结率）', reg, CONTENT_W) as object), margin: [0, 6, 0, 0] } as Content);

  content.push(heading(reg, '三、分类统计'));
  const blocks = BREAKDOWNS.filter(([key]) => Object.keys(r[key] as object).length > 0).map(([key, title]) => {
    const cells = r[key] as Record<string, StatisticsCell>;
    return { width: (CONTENT_W - 24) / 3, stack: [textNode(reg, title, { role: 'title', size: 9 }), table(reg, ['分项', '件数'], Object.entries(cells).map(([k, v]) => [k, countText(v)]), ['*', 36], ['left', 'right'])] } as Content;
  });
  if (blocks.length === 0) content.push(textNode(reg, '本期无登记案件。', { size: 9 }));
  for (let i = 0; i < blocks.length; i += 3) content.push({ columns: blocks.slice(i, i + 3), columnGap: 12 } as Content);
  if (r.public) content.push(textNode(reg, '注：少于 3 件的分项以“<3”表示。', { size: 8, color: '#555555' }));

  content.push(section(heading(reg, '四、承办单位办理情况'), r.departments.length, [
    table(reg,
      ['排名', '承办单位', '分办', '办结', '按期办结', '按期办结率', '超期未办结', '回访', '满意率', '不满意'],
      r.departments.map((d) => [d.rank === null ? '' : String(d.rank), d.name, countText(d.assigned), countText(d.closed), countText(d.closedOnTime), formatRate(d.onTimeRate), countText(d.overdueOpen), countText(d.followedUp), formatRate(d.satisfactionRate), countText(d.unsatisfied)]),
      [24, '*', 30, 30, 38, 46, 44, 30, 42, 34], ['center', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'], true),
    textNode(reg, '排名按按期办结率由高到低（无办结件的排在最后）；满意率 =（满意 + 基本满意）÷ 回访。', { size: 8, color: '#555555' }),
  ]));

  let n = 5;
  const numeral = () => ['', '一', '二', '三', '四', '五', '六', '七', '八'][n++];
  if (!r.public && r.overdueList) {
    const list = r.overdueList;
    const nodes: Content[] = list.rows.length === 0
      ? [textNode(reg, '本期登记的案件中没有超期未办结的。', { size: 9 })]
      : [table(reg, ['序号', '登记编号', '事由', '承办单位', '期限', '超期天数'],
        list.rows.map((x, i) => [String(i + 1), x.registerNo, x.subject, x.handlingDepartment, x.dueDate, String(x.daysOverdue)]),
        [24, 70, '*', 90, 56, 44], ['center', 'left', 'left', 'left', 'center', 'right'])];
    if (list.total > list.rows.length) nodes.push(textNode(reg, `共 ${list.total} 件，此处列出超期最久的 ${list.rows.length} 件。`, { size: 8, color: '#555555' }));
    content.push(section(heading(reg, `${numeral()}、督办清单（超期未办结）`), list.rows.length, nodes));
  }
  if (!r.public && r.staff) {
    const span = r.staffPeriod ? `（${r.staffPeriod.from} 至 ${r.staffPeriod.to}）` : '';
    const nodes: Content[] = r.staff.length === 0
      ? [textNode(reg, '本年度无属实或部分属实的被投诉人员。', { size: 9 })]
      : [table(reg, ['序号', '被投诉人员', '所在部门', '属实 / 部分属实', '处理档次'],
        r.staff.map((x, i) => [String(i + 1), x.name, x.department, String(x.substantiated), x.band ?? '']),
        [24, 90, '*', 70, 80], ['center', 'left', 'left', 'right', 'center'])];
    nodes.push(textNode(reg, '按年度累计：2 件批评教育，3 件诫勉谈话，4 件及以上调离岗位（以本单位规定为准）。内部资料，不得公开。', { size: 8, color: '#555555' }));
    content.push(section(heading(reg, `${numeral()}、被投诉人员属实件数${span}`), r.staff.length, nodes));
  }

  const line = '＿＿＿＿＿＿＿＿';
  content.push({
    unbreakable: true, margin: [0, 22, 0, 0],
    columns: [
      textNode(reg, `制表人：${view.preparedBy ? view.preparedBy : line}`, { size: 10.5 }),
      textNode(reg, `审核人：${line}`, { size: 10.5 }),
      textNode(reg, `日期：${line}`, { size: 10.5 }),
    ],
  } as Content);

  return {
    pageSize: 'A4',
    pageMargins: MARGIN,
    version: '1.7',
    language: 'zh-CN',
    info: {
      title: sanitizeInfo(`${view.officeName} 投诉统计汇总表 ${r.period.label}${version}`),
      author: sanitizeInfo(view.officeName),
      subject: sanitizeInfo(`统计期间 ${r.period.from} 至 ${r.period.to}，数据截至 ${r.asOf}`),
      creator: '投诉登记册',
      producer: '投诉登记册 (pdfmake)',
    },
    content,
    // a heading never ends a page: one in the last ~90 pt of a page moves to the next with its table (pdfmake
    // counts a table whose head moved on as still on this page, so "nothing follows here" cannot be asked)
    pageBreakBefore: (node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } }) =>
      node.headlineLevel === 1 && (node.startPosition?.verticalRatio ?? 0) > 0.88,
    footer: (page: number, pages: number) => ({ ...(textNode(reg, `第 ${page} 页 共 ${pages} 页`, { size: 9, align: 'center' }) as object), margin: [0, 6 * MM, 0, 0] }) as Content,
    defaultStyle: { font: reg.family(reg.fonts.body), fontSize: 9 },
  } as TDocumentDefinitions;
}

/** The summary's bytes. The bundled faces always (the office's 仿宋 is for letters, not for a table of figures). */
export async function statisticsSummaryBytes(view: StatisticsSummaryView): Promise<Uint8Array> {
  const fonts = loadPaperFonts();
  const reg = new FaceRegistry(fonts);
  const definition = statisticsSummaryDefinition(view, reg);
  shareParsedFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  const allowed = new Set(fonts.files);
  pdfmake.setLocalAccessPolicy((path: string) => allowed.has(path));
  pdfmake.setFonts(reg.definitions() as unknown as TFontDictionary);
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** 投诉统计-2026年11月.pdf, 投诉统计-2026年11月-公开版.pdf */
export function statisticsSummaryName(r: StatisticsReport): string {
  return `投诉统计-${r.period.label.replace(/\s+/g, '')}${r.public ? '-公开版' : ''}.pdf`;
}

export async function statisticsSummaryFile(view: StatisticsSummaryView): Promise<FileResult> {
  return { name: statisticsSummaryName(view.report), mimeType: PDF_MIME, bytes: await statisticsSummaryBytes(view) };
}
