// Text for pdfmake in the right faces: every run of characters goes to the first face of its chain that has them
// (pdfmake has no glyph fallback: a missing glyph prints as a box), each face registered under its own family.
import type { Content } from 'pdfmake/interfaces';
import { splitByFace, type FontFace, type PaperFonts } from '../fonts/fonts';

export type Role = keyof PaperFonts['chains'];

export interface TextStyle {
  role: Role;
  size: number;
  /** line pitch in points: each face gets the lineHeight that gives this pitch, whatever its ascent/descent */
  pitch?: number;
  color?: string;
  characterSpacing?: number;
}

/** The faces of one render, as pdfmake families F0, F1 … */
export class FaceRegistry {
  private readonly names = new Map<FontFace, string>();
  constructor(readonly fonts: PaperFonts) {
    // every face up front: pdfmake's font table is fixed before the footers and backgrounds ask for theirs
    for (const chain of Object.values(fonts.chains)) for (const face of chain) this.family(face);
  }

  family(face: FontFace): string {
    let name = this.names.get(face);
    if (!name) {
      name = `F${this.names.size}`;
      this.names.set(face, name);
    }
    return name;
  }

  /** pdfmake's font table: one face per family, the same file for all four styles */
  definitions(): Record<string, { normal: string | [string, string]; bold: string | [string, string]; italics: string | [string, string]; bolditalics: string | [string, string] }> {
    const out: ReturnType<FaceRegistry['definitions']> = {};
    for (const [face, name] of this.names) {
      const def: string | [string, string] = face.postscriptName ? [face.file, face.postscriptName] : face.file;
      out[name] = { normal: def, bold: def, italics: def, bolditalics: def };
    }
    return out;
  }

  chain(role: Role): readonly FontFace[] {
    return this.fonts.chains[role];
  }

  /** width in points of text in a role's faces */
  width(text: string, role: Role, size: number): number {
    let w = 0;
    for (const run of splitByFace(text, this.chain(role))) for (const ch of run.text) w += run.face.advance(ch.codePointAt(0)!) * size;
    return w;
  }

  /** pdfmake inlines for text, split by face */
  inlines(text: string, style: TextStyle): Content[] {
    return splitByFace(text, this.chain(style.role)).map((run) => {
      const inline: Record<string, unknown> = { text: run.text, font: this.family(run.face), fontSize: style.size };
      if (style.pitch) inline.lineHeight = style.pitch / (style.size * run.face.lineRatio);
      if (style.color) inline.color = style.color;
      if (style.characterSpacing) inline.characterSpacing = style.characterSpacing;
      return inline as unknown as Content;
    });
  }
}
