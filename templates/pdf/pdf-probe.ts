// Reads a PDF back with poppler (pdftotext, pdfinfo, pdffonts; .ci/prepare installs poppler-utils) for the tests
// of every layer that renders papers: what a person copying text out of the PDF would get.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class PdfProbe {
  private readonly dir: string;
  private readonly file: string;
  readonly pages: number;

  constructor(bytes: Uint8Array) {
    this.dir = mkdtempSync(join(tmpdir(), 'pdf-probe-'));
    this.file = join(this.dir, 'paper.pdf');
    writeFileSync(this.file, bytes);
    const info = execFileSync('pdfinfo', [this.file], { encoding: 'utf8' });
    this.pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  }

  /** the text of one page (1-based) or of all pages */
  text(page?: number): string {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, this.file, '-'], { encoding: 'utf8' });
  }

  private pageCache: string[] | null = null;

  /** the text of every page (one pdftotext run), index 0 = page 1 */
  pageTexts(): string[] {
    if (!this.pageCache) this.pageCache = this.text().split('\f').slice(0, this.pages);
    return this.pageCache;
  }

  /** text with all whitespace removed: line breaks fall where the layout put them */
  flat(page?: number): string {
    return (page ? this.pageTexts()[page - 1] ?? '' : this.text()).replace(/\s+/g, '');
  }

  info(): string {
    return execFileSync('pdfinfo', ['-enc', 'UTF-8', this.file], { encoding: 'utf8' });
  }

  /** the XMP packet pdfinfo finds */
  metadata(): string {
    return execFileSync('pdfinfo', ['-meta', this.file], { encoding: 'utf8' });
  }

  /** embedded font names (pdffonts) */
  fonts(): string[] {
    return execFileSync('pdffonts', [this.file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.split(/\s+/)[0])
      .filter(Boolean);
  }

  /** every word with its box, per page */
  words(): { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', this.file, '-'], { encoding: 'utf8' });
    const out: ReturnType<PdfProbe['words']> = [];
    let page = 0;
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (m) out.push({ page, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] });
    }
    return out;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
