// PaperDocument(s) → PDF bytes with pdfmake 0.3 in Node. Several documents make a batch: each starts on a new page
// (a pdfmake section) and numbers its own pages. No URL is ever fetched; the only files read are the font files.
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { type FontOptions, loadPaperFonts } from '../fonts/fonts';
import type { PaperDocument } from '../papers/paper-document';
import { formSection } from './form-layout';
import { FaceRegistry } from './inline-text';
import { letterSection } from './letter-layout';
import { PageTracker } from './page-common';
import { shareParsedFonts } from './shared-fonts';

/** pdfkit writes the info fields into the XMP packet unescaped: keep XML's special characters out of them */
export function sanitizeInfo(value: string): string {
  return value
    .replace(/&/g, '＆')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
}

/** Renders one paper, or a batch of papers into one PDF. Throws (Chinese message) when a configured font is unusable. */
export async function renderPdf(docs: readonly PaperDocument[], fonts?: FontOptions): Promise<Uint8Array> {
  if (docs.length === 0) throw new Error('没有要生成的文书');
  const paperFonts = loadPaperFonts(fonts);
  const reg = new FaceRegistry(paperFonts);
  const tracker = new PageTracker();
  const sections: Content[] = docs.map((doc, i) => (doc.layout === 'letter' ? letterSection(doc, reg, tracker, i) : formSection(doc, reg, tracker, i)));
  const first = docs[0];
  const info =
    docs.length === 1
      ? first.info
      : { title: `${first.info.title} 等 ${docs.length} 份`, author: first.info.author, subject: first.info.subject };
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: sectionsMargins(sections),
    // PDF/A-2b for the dossier: all fonts embedded, XMP metadata written (PDF 1.7)
    version: '1.7',
    subset: 'PDF/A-2b',
    language: 'zh-CN',
    info: {
      title: sanitizeInfo(info.title),
      author: sanitizeInfo(info.author),
      subject: sanitizeInfo(info.subject),
      creator: '投诉登记册',
      producer: '投诉登记册 (pdfmake)',
    },
    content: sections,
    defaultStyle: { font: reg.family(paperFonts.body), fontSize: 12 },
  } as TDocumentDefinitions;
  shareParsedFonts(paperFonts);
  pdfmake.setUrlAccessPolicy(() => false);
  const allowed = new Set(paperFonts.files);
  pdfmake.setLocalAccessPolicy((path: string) => allowed.has(path));
  pdfmake.setFonts(reg.definitions() as unknown as TFontDictionary);
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function sectionsMargins(sections: Content[]): [number, number, number, number] {
  const first = sections[0] as { pageMargins?: [number, number, number, number] };
  return first.pageMargins ?? [40, 40, 40, 40];
}
