// The plain A4 form (投诉登记表, 转办单, 回访记录单, 办理过程记录): office name and title centred, the register
// number top right, a bordered two-column table of fields, notes as full-width rows, the process table whose
// header row repeats on every page, signature lines at the end; page numbers 第 n 页 共 m 页 on every page, as
// the Word file has them (its footer field prints them on a one-page form too): the two agree.
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { PaperBlock, PaperDocument } from '../papers/paper-document';
import type { FaceRegistry, Role } from './inline-text';
import { MM, PAGE_H, PAGE_W, type PageTracker, PREVIEW_TEXT, previewMarks } from './page-common';

export const FORM_MARGINS: [number, number, number, number] = [25 * MM, 20 * MM, 20 * MM, 22 * MM];
const W = PAGE_W - FORM_MARGINS[0] - FORM_MARGINS[2];
const SIZE = 12;
const PITCH = 18;
const LABEL_W = 92;

const BORDER = {
  hLineWidth: () => 0.75,
  vLineWidth: () => 0.75,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

export function formSection(doc: PaperDocument, reg: FaceRegistry, tracker: PageTracker, index: number): Content {
  const t = (text: string, role: Role = 'body', size = SIZE, pitch = PITCH) => reg.inlines(text, { role, size, pitch });
  const content: Content[] = [];
  content.push({ text: t(doc.officeName, 'title', 15, 22), alignment: 'center' } as Content);
  content.push({ text: t(doc.title, 'title', 20, 30), alignment: 'center', margin: [0, 4, 0, 0] } as Content);
  const numberText = doc.number ? `登记编号：${doc.number}` : doc.preview ? '登记编号：（签发时生成）' : '';
  content.push({ text: numberText ? t(numberText, 'body', 11, 16) : ' ', alignment: 'right', margin: [0, 6, 0, 4] } as Content);
  if (doc.recipient) content.push({ text: t(doc.recipient), margin: [0, 0, 0, 4] } as Content);

  // consecutive fields and notes make one bordered table
  let rows: TableCell[][] = [];
  const flushRows = () => {
    if (rows.length === 0) return;
    content.push({ table: { widths: [LABEL_W, '*'], body: rows }, layout: BORDER, margin: [0, 0, 0, 8] } as Content);
    rows = [];
  };
  for (const block of doc.blocks) {
    if (block.kind === 'field') {
      rows.push([{ text: t(block.label, 'heading2'), alignment: 'center' } as TableCell, { text: t(block.value) } as TableCell]);
      continue;
    }
    if (block.kind === 'note') {
      rows.push([{ text: t(block.text), colSpan: 2 } as TableCell, {} as TableCell]);
      continue;
    }
    flushRows();
    content.push(blockNode(block));
  }
  flushRows();

  if (doc.signature) {
    content.push({
      stack: [
        { text: t(doc.signature.office), alignment: 'right', margin: [0, 16, 2 * SIZE, 0] },
        { text: t(doc.signature.date), alignment: 'right', margin: [0, 0, 2 * SIZE, 0] },
      ],
      unbreakable: true,
    } as Content);
  }
  if (doc.contact) content.push({ text: t(doc.contact), margin: [0, 8, 0, 0] } as Content);
  if (doc.copyTo) content.push({ text: t(doc.copyTo), margin: [0, 12, 0, 0] } as Content);

  return {
    section: content,
    pageMargins: FORM_MARGINS,
    background: (page: number) => {
      tracker.pageAdded(index, page);
      return doc.preview ? previewMarks(reg) : null;
    },
    footer: (page: number, total: number) => {
      const { relative, count } = tracker.position(index, page, total);
      return { text: t(`第 ${relative} 页  共 ${count} 页`, 'body', 10.5, 14), alignment: 'center', margin: [0, 8 * MM, 0, 0] } as Content;
    },
    watermark: doc.preview ? { text: PREVIEW_TEXT, color: '#C00000', opacity: 0.07, font: reg.family(reg.fonts.bundled.serifBold), fontSize: 64 } : null,
  } as unknown as Content;

  function blockNode(block: Exclude<PaperBlock, { kind: 'field' } | { kind: 'note' }>): Content {
    switch (block.kind) {
      case 'paragraph':
        return { text: t(block.text), leadingIndent: 2 * SIZE, alignment: 'justify', margin: [0, 0, 0, 4] } as Content;
      case 'heading1':
        return { text: t(block.text, 'heading1', 13, 20), margin: [0, 6, 0, 4], headlineLevel: 1 } as Content;
      case 'heading2':
        return { text: t(block.text, 'heading2', 12, 18), margin: [0, 4, 0, 2] } as Content;
      case 'table':
        return processTable(block);
      case 'signatures':
        return signatureLines(block.labels);
    }
  }

  function processTable(block: { columns: string[]; rows: string[][] }): Content {
    const n = Math.max(1, block.columns.length, ...block.rows.map((r) => r.length));
    // the widest column (by its longest text) takes the rest of the width; the others fit their contents
    const longest = Array.from({ length: n }, (_, c) => Math.max(reg.width(block.columns[c] ?? '', 'body', 10.5), ...block.rows.map((r) => reg.width(r[c] ?? '', 'body', 10.5))));
    const star = longest.indexOf(Math.max(...longest));
    const widths = longest.map((w, c) => (c === star ? '*' : Math.min(Math.max(w, reg.width(block.columns[c] ?? '', 'heading2', 10.5)) + 11, W * 0.3)));
    const cell = (text: string, role: Role = 'body'): Record<string, unknown> => ({ text: reg.inlines(text, { role, size: 10.5, pitch: 15 }) });
    const header = Array.from({ length: n }, (_, c) => ({ ...cell(block.columns[c] ?? '', 'heading2'), alignment: 'center', fillColor: '#EEEEEE' }) as TableCell);
    const body = block.rows.map((r) => Array.from({ length: n }, (_, c) => cell(r[c] ?? '') as TableCell));
    return {
      table: { headerRows: 1, widths, body: [header, ...(body.length > 0 ? body : [Array.from({ length: n }, (_, c) => (c === 0 ? { ...cell('（无）'), colSpan: n } : {}) as TableCell)])] },
      layout: BORDER,
      margin: [0, 0, 0, 8],
    } as Content;
  }

  function signatureLines(labels: string[]): Content {
    // up to three per row: 「标签：」 then a line to sign on
    const rowsOf: string[][] = [];
    for (let i = 0; i < labels.length; i += 3) rowsOf.push(labels.slice(i, i + 3));
    return {
      stack: rowsOf.map((row) => ({
        columns: row.map((label) => ({
          width: '*',
          columns: [
            { width: 'auto', text: t(`${label}：`) },
            {
              width: '*',
              table: { widths: ['*'], body: [[{ text: ' ' }]] },
              layout: { hLineWidth: (i: number) => (i === 1 ? 0.75 : 0), vLineWidth: () => 0, hLineColor: () => '#000000', paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 2, paddingBottom: () => 1 },
            },
          ],
          columnGap: 2,
        })),
        columnGap: 18,
        margin: [0, 18, 0, 0],
      })),
      unbreakable: true,
    } as unknown as Content;
  }
}

export const FORM_GEOMETRY = { W, PAGE_H };
