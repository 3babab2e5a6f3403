// pdfkit parses every font file anew for every PDF (fontkit.create on 15–17 MB per face: the bulk of a warm
// render's time). The faces are already parsed once per process in templates/fonts (fontkit, read-only use), so
// pdfmake's provideFont is taught to wrap those in pdfkit's EmbeddedFont instead of reading the file again. Each
// PDF still gets its own EmbeddedFont (its own subset and ids); only the parsed face is shared.
import type { FontFace, PaperFonts } from '../fonts/fonts';
import { installCffFlattening } from './cff-flatten';

type Def = string | [string, string];
interface PdfmakeDocument {
  fonts: Record<string, Record<string, Def>>;
  fontCache: Record<string, Record<string, unknown>>;
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): Def | null;
  validateLocalFile(path: string): void;
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
}
type EmbeddedFontClass = new (document: unknown, font: unknown, id: string) => unknown;
type PdfmakeDocumentConstructor = { prototype: PdfmakeDocument } & (new (fonts: object, images: object, patterns: object, attachments: object, options: object) => unknown);
let PdfmakeDocumentClass: PdfmakeDocumentConstructor | null = null;

const parsed = new Map<string, FontFace>();
let patched = false;
let EmbeddedFont: EmbeddedFontClass | null = null;

const keyOf = (file: string, postscriptName: string | null | undefined) => `${file}\u0000${postscriptName ?? ''}`;

export function shareParsedFonts(fonts: PaperFonts): void {
  for (const chain of Object.values(fonts.chains))
    for (const face of chain) {
      parsed.set(keyOf(face.file, face.postscriptName), face);
      // a CFF face (Source Han Sans): subsets without subroutines (cff-flatten.ts)
      if ((face.font as unknown as Record<string, unknown>)['CFF ']) installCffFlattening(face.font.createSubset());
    }
  if (patched) return;
  patched = true;
  // pdfmake's PDFDocument (its own subclass of pdfkit's): deep import, pdfmake 0.3 has no "exports" map. Never
  // import pdfkit itself: it is not our dependency, so a bundler would pack a second copy (whose EmbeddedFont and
  // AFM data paths are not pdfmake's).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PdfmakeDocumentClass = require('pdfmake/js/PDFDocument').default as PdfmakeDocumentConstructor;
  const PdfmakeDocument = PdfmakeDocumentClass;
  const original = PdfmakeDocument.prototype.provideFont;
  PdfmakeDocument.prototype.provideFont = function provideFont(this: PdfmakeDocument, family: string, bold: boolean, italics: boolean) {
    const type = this.getFontType(bold, italics);
    // pdfmake asks for every inline it measures: answer from the document's cache first
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const def = this.getFontFile(family, bold, italics);
    const [file, name] = Array.isArray(def) ? def : [def, null];
    const face = typeof file === 'string' ? parsed.get(keyOf(file, name)) : undefined;
    if (!face) return original.call(this, family, bold, italics);
    this.validateLocalFile(face.file);
    const key = `shared:${keyOf(face.file, face.postscriptName)}`;
    let embedded = this._fontFamilies[key];
    if (!embedded) {
      embedded = new (embeddedFontClass(face))(this, face.font, `F${++this._fontCount}`);
      // pdfkit embeds (subsets and writes) every font it finds here when the document ends
      this._fontFamilies[key] = embedded;
    }
    this.fontCache[family] = this.fontCache[family] || {};
    this.fontCache[family][type] = embedded;
    return embedded;
  };
}

/** pdfkit does not export EmbeddedFont: take the class from a font it opened once */
function embeddedFontClass(face: FontFace): EmbeddedFontClass {
  if (!EmbeddedFont) {
    // as pdfmake's Printer makes its documents: no first page, no default Helvetica
    const probe = new PdfmakeDocumentClass!({}, {}, {}, {}, { autoFirstPage: false, font: null });
    (probe as unknown as { font(src: string, family?: string): unknown }).font(face.file, face.postscriptName ?? undefined);
    EmbeddedFont = (probe as unknown as { _font: { constructor: EmbeddedFontClass } })._font.constructor;
  }
  return EmbeddedFont;
}
