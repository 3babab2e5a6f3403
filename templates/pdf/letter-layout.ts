// 信函格式 of GB/T 9704-2012 for notices and reply letters: office name in red 30 mm from the top edge, a red
// double rule under it (thick over thin) and another 20 mm from the bottom edge (thin over thick), both 170 mm
// and on the first page only; the number flush right under the rule; title centred two lines lower; recipient
// flush left; body 22 lines × 28 characters; signature with room for the seal; contact note; 抄送 at the bottom
// of the last page; page numbers `— 2 —` from page 2 (even pages left, odd pages right, one character in).
import type { Content } from 'pdfmake/interfaces';
import type { PaperBlock, PaperDocument } from '../papers/paper-document';
import type { FaceRegistry, Role } from './inline-text';
import { NUMBER_PENDING } from '../papers/compose';
import { breakLines } from './line-break';
import { type PageTracker, MM, PAGE_H, PAGE_W, PREVIEW_TEXT, previewMarks } from './page-common';

export const LETTER_MARGINS: [number, number, number, number] = [79.4, 104.9, 73.7, 99.2];
const [ML, MT, MR, MB] = LETTER_MARGINS;
/** type area width: 28 characters of 15.79 pt (pdfmake at 16 pt fits only 27, see documents.md) */
const W = PAGE_W - ML - MR;
const S = 15.79;
/** 22 lines in the 225 mm type area (a hair under, so a line with a taller fallback face never drops a line) */
const P = Math.floor(((PAGE_H - MT - MB) / 22) * 100) / 100;
const RED = '#E60012';
const TITLE_SIZE = 22;
const TITLE_PITCH = 34;
const OFFICE_SIZE = 26;
const CC_SIZE = 14;
const CC_PITCH = 24;
const PAGE_NO_SIZE = 14;
/** visible top of a CJK glyph below the top of its line box (ascent 1.15 em, ideographic top ≈ 0.88 em) */
const GLYPH_TOP = 0.27;

/** rules: the office name's glyphs start 30 mm down; the double rule 4 mm under them */
const OFFICE_TOP = 30 * MM;
const RULE_TOP = OFFICE_TOP + OFFICE_SIZE * 0.98 + 4 * MM;
const THICK = 2.25;
const THIN = 0.75;
const RULE_GAP = 1.5;
const RULE_X = (PAGE_W - 170 * MM) / 2;
/** the number's glyphs start 7/8 of a 3号 character below the double rule */
const NUMBER_LINE_TOP = RULE_TOP + THICK + RULE_GAP + THIN + 16 * (7 / 8) - GLYPH_TOP * S;
const BOTTOM_RULE_BOTTOM = PAGE_H - 20 * MM;

interface Line {
  node: Content;
  /** height this line takes (for the keep-together groups) */
  height: number;
  /** must stay on the page of the next line */
  keepWithNext: boolean;
}

export function letterSection(doc: PaperDocument, reg: FaceRegistry, tracker: PageTracker, index: number): Content {
  const lines: Line[] = [];
  const add = (node: Content, height: number, keepWithNext = false) => lines.push({ node, height, keepWithNext });

  // the number: flush right on the first line under the rule (in a preview without one, a grey note in its place)
  const numberText = doc.number ?? (doc.preview ? NUMBER_PENDING : '');
  add(
    { text: numberText ? reg.inlines(numberText, { role: 'body', size: S, pitch: P, color: doc.number ? undefined : '#999999' }) : ' ', alignment: 'right', margin: [0, NUMBER_LINE_TOP - MT, 0, 0] } as Content,
    NUMBER_LINE_TOP - MT + P,
    true,
  );
  // the title two lines below, centred; the recipient one line below the title
  // (broken here too, so a long title's height is known to the keep-together groups)
  breakLines(doc.title, (u) => reg.width(u, 'title', TITLE_SIZE), W - 2 * TITLE_SIZE, W - 2 * TITLE_SIZE).forEach((t, i) =>
    add({ text: reg.inlines(t, { role: 'title', size: TITLE_SIZE, pitch: TITLE_PITCH }), alignment: 'center', noWrap: true, margin: [0, i === 0 ? 2 * P : 0, 0, 0] } as Content, (i === 0 ? 2 * P : 0) + TITLE_PITCH, true),
  );
  if (doc.recipient) {
    // one blank line under the title, shortened or stretched a little so that the recipient and the body sit on
    // the page's 22-line grid: off the grid, page 1 lost its 15th body line to a gap of 0.9 line at the foot
    // (a 信函 whose 「特此告知。」 and signature then went alone to page 2)
    const above = lines.reduce((h, l) => h + l.height, 0);
    const gap = Math.round((above + P) / P) * P - above;
    const rl = paragraphLines(doc.recipient, 'body', 0, false);
    (rl[0].node as { margin: number[] }).margin = [0, gap, 0, 0];
    rl[0].height += gap;
    for (const l of rl) add(l.node, l.height, true);
  }

  // the body: justified lines; a paragraph's first two and last two lines stay together, a heading with what follows
  const blocks = doc.blocks;
  for (const block of blocks) blockLines(block).forEach((l) => lines.push(l));

  // the signature (GB/T 9704 7.3.5.1, with a seal): one blank line, so the seal pressed over name and date reaches
  // to within a line of the body; the office name centred over the date, the date 4 characters in
  // the last lines of the body go with the signature: never a page with only the signature on it
  if (lines.length > 0 && (doc.signature || doc.contact)) lines[lines.length - 1].keepWithNext = true;
  if (doc.signature) {
    const dateW = reg.width(doc.signature.date, 'body', S);
    const officeW = reg.width(doc.signature.office, 'body', S);
    const dateX = Math.max(0, W - 4 * S - dateW);
    if (officeW <= W - S) {
      let officeX = dateX + (dateW - officeW) / 2;
      if (officeX + officeW > W - S) officeX = W - S - officeW;
      officeX = Math.max(0, officeX);
      add({ text: reg.inlines(doc.signature.office, { role: 'body', size: S, pitch: P }), noWrap: true, margin: [officeX, P, 0, 0] } as Content, 2 * P, true);
    } else {
      // a name longer than a line: right-aligned lines, one character in
      breakLines(doc.signature.office, (u) => reg.width(u, 'body', S), W - S, W - S).forEach((t, i) =>
        add({ text: reg.inlines(t, { role: 'body', size: S, pitch: P }), alignment: 'right', noWrap: true, margin: [0, i === 0 ? P : 0, S, 0] } as Content, (i === 0 ? 2 : 1) * P, true),
      );
    }
    add({ text: reg.inlines(doc.signature.date, { role: 'body', size: S, pitch: P }), noWrap: true, margin: [dateX, 0, 0, 0] } as Content, P, true);
  }
  // the contact note, in parentheses, two characters in on the line after the date
  if (doc.contact) for (const part of doc.contact.split('\n')) paragraphLines(part, 'body', 2 * S, false).forEach((l) => lines.push({ ...l, keepWithNext: true }));

  // 抄送: drawn by the footer at the bottom of the last page; here only the room it needs, kept with the signature
  const cc = doc.copyTo ? copyToLines(doc.copyTo) : null;
  // (a blank text with a top margin: an empty canvas of that height makes pdfmake move the whole block to a new page)
  if (cc) add({ text: reg.inlines(' ', { role: 'body', size: 1 }), margin: [0, cc.height - 1.5, 0, 0] } as Content, cc.height);
  if (lines.length > 0) lines[lines.length - 1].keepWithNext = false;

  tracker.setLastPageExtras(index, cc ? cc.nodes : []);

  return {
    section: groupLines(lines),
    pageMargins: LETTER_MARGINS,
    background: (page: number) => {
      const first = tracker.pageAdded(index, page);
      const marks: Content[] = first ? letterhead(doc, reg) : [];
      if (doc.preview) marks.push(...previewMarks(reg));
      return marks.length > 0 ? marks : null;
    },
    footer: (page: number, total: number) => {
      const { relative, last } = tracker.position(index, page, total);
      const out: Content[] = [];
      if (relative >= 2) {
        const text = `— ${relative} —`;
        // a little letter spacing: with bare spaces pdftotext reads 「—2—」 (its word gap is wider than a space)
        const w = reg.width(text, 'body', PAGE_NO_SIZE) + 2 * (text.length - 1);
        const x = relative % 2 === 0 ? ML + PAGE_NO_SIZE : PAGE_W - MR - PAGE_NO_SIZE - w;
        out.push({ text: reg.inlines(text, { role: 'body', size: PAGE_NO_SIZE, characterSpacing: 2 }), noWrap: true, absolutePosition: { x, y: 7 * MM - 0.8 * PAGE_NO_SIZE } } as Content);
      }
      // footer positions are relative to the footer's box, which starts at the bottom of the type area
      if (last) out.push(...tracker.lastPageExtras(index));
      return out.length > 0 ? { stack: out } : null;
    },
    watermark: doc.preview ? { text: PREVIEW_TEXT, color: '#C00000', opacity: 0.07, font: reg.family(reg.fonts.bundled.serifBold), fontSize: 64 } : null,
  } as unknown as Content;

  function paragraphLines(text: string, role: Role, indent: number, justify: boolean, size = S, pitch = P): Line[] {
    const measure = (u: string) => reg.width(u, role, size);
    const texts = breakLines(text, measure, W - indent, W);
    return texts.map((t, i) => {
      const lineW = i === 0 ? W - indent : W;
      let characterSpacing: number | undefined;
      const count = [...t].length;
      if (justify && i < texts.length - 1 && count > 1) characterSpacing = justifySpacing(lineW - measure(t), count, size);
      const node = { text: t ? reg.inlines(t, { role, size, pitch, characterSpacing }) : ' ', noWrap: true, margin: [i === 0 ? indent : 0, 0, 0, 0] } as Content;
      return { node, height: pitch, keepWithNext: false };
    });
  }

  function blockLines(block: PaperBlock): Line[] {
    switch (block.kind) {
      case 'paragraph':
        return keepEnds(paragraphLines(block.text, 'body', 2 * S, true));
      case 'heading1':
      case 'heading2': {
        const ls = paragraphLines(block.text, block.kind, 2 * S, true);
        for (const l of ls) l.keepWithNext = true; // never a heading at the foot of a page
        return ls;
      }
      case 'field':
        return keepEnds(paragraphLines(`${block.label}：${block.value}`, 'body', 2 * S, true));
      case 'note':
        return block.text.split('\n').flatMap((t) => keepEnds(paragraphLines(t, 'body', 2 * S, true)));
      case 'table':
        // a letter has no tables: each row as one line of its cells
        return block.rows.flatMap((row) => keepEnds(paragraphLines(row.map((c, i) => `${block.columns[i] ?? ''}${block.columns[i] ? '：' : ''}${c}`).join('；'), 'body', 2 * S, true)));
      case 'signatures':
        return keepEnds(paragraphLines(block.labels.map((l) => `${l}：`).join('　　　　'), 'body', 2 * S, false));
    }
  }

  function copyToLines(text: string): { nodes: Content[]; height: number } {
    const nodes: Content[] = [];
    let y = 0;
    const left = ML + CC_SIZE;
    const width = W - 2 * CC_SIZE;
    const parts = text.split('\n');
    const heights: { x: number; t: string }[] = [];
    for (const part of parts) {
      const colon = part.indexOf('：');
      const label = colon >= 0 && colon <= 6 ? part.slice(0, colon + 1) : '';
      const labelW = reg.width(label, 'body', CC_SIZE);
      const rest = part.slice(label.length);
      const texts = breakLines(rest, (u) => reg.width(u, 'body', CC_SIZE), width - labelW, width - labelW);
      texts.forEach((t, i) => heights.push({ x: i === 0 ? left : left + labelW, t: i === 0 ? label + t : t }));
    }
    const total = heights.length * CC_PITCH;
    for (const h of heights) {
      nodes.push({ text: reg.inlines(h.t, { role: 'body', size: CC_SIZE, pitch: CC_PITCH }), noWrap: true, absolutePosition: { x: h.x, y: y - total } } as Content);
      y += CC_PITCH;
    }
    // one blank body line between the signature block and the 抄送
    return { nodes, height: total + P };
  }
}

/**
 * Justification never spreads a line thinner than a reader accepts: at most MAX_STRETCH em between characters.
 * A line left short by an unbreakable run carried to the next one (a register number 2026-000140, a phone
 * number, a pulled-down character before a closing mark) would otherwise show a gap after every character
 * (「业 主 同 意 的 投 诉 （ 受 理 …」): it gets that much spacing and stays short at the right, as a
 * ragged line does in Word. Returns the letter spacing in points (undefined: none).
 */
export const MAX_STRETCH = 0.12;
export function justifySpacing(slack: number, count: number, size: number): number | undefined {
  if (count < 2 || slack <= 0.01) return undefined;
  return Math.min(slack / (count - 1), size * MAX_STRETCH);
}

/** first two and last two lines of a paragraph stay on one page (no orphan, no widow) */
function keepEnds(lines: Line[]): Line[] {
  if (lines.length >= 2) lines[0].keepWithNext = true;
  if (lines.length >= 3) lines[lines.length - 2].keepWithNext = true;
  return lines;
}

/** consecutive lines that must stay together become one unbreakable stack (never taller than ~ a page) */
function groupLines(lines: Line[]): Content[] {
  const out: Content[] = [];
  const limit = (PAGE_H - MT - MB) * 0.85;
  let group: Line[] = [];
  let height = 0;
  const flush = () => {
    if (group.length === 1) out.push(group[0].node);
    else if (group.length > 1) out.push({ stack: group.map((l) => l.node), unbreakable: true } as Content);
    group = [];
    height = 0;
  };
  for (const line of lines) {
    if (group.length > 0 && height + line.height > limit) flush();
    group.push(line);
    height += line.height;
    if (!line.keepWithNext) flush();
  }
  flush();
  return out;
}

/** red office name 30 mm from the top, red double rules (thick over thin; thin over thick 20 mm from the bottom) */
function letterhead(doc: PaperDocument, reg: FaceRegistry): Content[] {
  // a long name shrinks to the 170 mm of the rules
  const natural = reg.width(doc.officeName, 'title', 1);
  const size = Math.min(OFFICE_SIZE, natural > 0 ? (170 * MM) / natural : OFFICE_SIZE);
  return [
    {
      canvas: [
        { type: 'rect', x: RULE_X, y: RULE_TOP, w: 170 * MM, h: THICK, color: RED, lineWidth: 0 },
        { type: 'rect', x: RULE_X, y: RULE_TOP + THICK + RULE_GAP, w: 170 * MM, h: THIN, color: RED, lineWidth: 0 },
        { type: 'rect', x: RULE_X, y: BOTTOM_RULE_BOTTOM - THICK - RULE_GAP - THIN, w: 170 * MM, h: THIN, color: RED, lineWidth: 0 },
        { type: 'rect', x: RULE_X, y: BOTTOM_RULE_BOTTOM - THICK, w: 170 * MM, h: THICK, color: RED, lineWidth: 0 },
      ],
      absolutePosition: { x: 0, y: 0 },
    } as Content,
    {
      text: reg.inlines(doc.officeName, { role: 'title', size, color: RED }),
      alignment: 'center',
      noWrap: true,
      absolutePosition: { x: 0, y: OFFICE_TOP + OFFICE_SIZE - size - GLYPH_TOP * size },
    } as Content,
  ];
}

export const LETTER_GEOMETRY = { W, S, P, OFFICE_TOP, OFFICE_SIZE, RED, GLYPH_TOP, ML };
