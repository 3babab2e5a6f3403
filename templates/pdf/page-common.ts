// What both layouts share: A4 in points, the pages each paper of a batch occupies, the preview mark.
import type { Content } from 'pdfmake/interfaces';
import type { FaceRegistry } from './inline-text';

export const MM = 72 / 25.4;
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;

/**
 * Which pages each paper of a batch occupies. pdfmake lays a paper out as a section; a section's background is
 * called as each of its pages is added (in order, once: render-pdf uses no pageBreakBefore, so there is one layout
 * pass), and the footers after the whole layout, when every section's first page is known. A paper numbers its own
 * pages from there, and knows its last page (for the 抄送 block).
 */
export class PageTracker {
  private readonly starts: number[] = [];
  private readonly extras: Content[][] = [];

  /** called by a section's background; true on the paper's first page */
  pageAdded(index: number, page: number): boolean {
    if (this.starts[index] === undefined) {
      this.starts[index] = page;
      return true;
    }
    return this.starts[index] === page;
  }

  position(index: number, page: number, total: number): { relative: number; count: number; last: boolean } {
    const start = this.starts[index] ?? page;
    const next = this.starts.slice(index + 1).find((s) => s !== undefined);
    const end = (next ?? total + 1) - 1;
    return { relative: page - start + 1, count: end - start + 1, last: page === end };
  }

  setLastPageExtras(index: number, nodes: Content[]): void {
    this.extras[index] = nodes;
  }

  lastPageExtras(index: number): Content[] {
    return this.extras[index] ?? [];
  }
}

export const PREVIEW_TEXT = '预览 · 未签发';

/** a light diagonal watermark is the section's; this is the corner label on every page of a preview */
export function previewMarks(reg: FaceRegistry): Content[] {
  const w = reg.width(PREVIEW_TEXT, 'title', 10) + 8 + 1.5;
  return [
    {
      // noWrap: a table placed absolutely gets only the room left of the page edge, and pdfmake's cell padding on
      // top of `w` wrapped 「发」 onto a second line
      table: { body: [[{ text: reg.inlines(PREVIEW_TEXT, { role: 'title', size: 10, color: '#C00000' }), noWrap: true, margin: [4, 1, 4, 1] }]] },
      layout: { hLineColor: () => '#C00000', vLineColor: () => '#C00000', hLineWidth: () => 0.75, vLineWidth: () => 0.75 },
      absolutePosition: { x: PAGE_W - 10 * MM - w, y: 10 * MM },
    } as Content,
  ];
}
