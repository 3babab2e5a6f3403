// The faces the papers are drawn in. The bundled ones come from npm packages (resolved at run time, never copied
// into git; electron-builder packs just these three files, see electron-builder.yml); an admin may point the app at
// a 仿宋 (body) and a 小标宋 (title) file already installed on the office PC, used at run time and never shipped.
// Every face is parsed once per process: fontkit here tells which characters a face lacks (so they go to the
// fallback face), and render-pdf hands pdfkit the same parsed face instead of letting it re-read 15 MB per paper.
import { readFileSync, statSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** The admin's fonts on the office PC (设置 → 文书): used at run time, never shipped. */
export interface FontOptions {
  /** 仿宋 for the body, e.g. C:\Windows\Fonts\simfang.ttf */
  bodyFontFile?: string | null;
  /** 小标宋 for the title and the letterhead */
  titleFontFile?: string | null;
}

/** One parsed face. */
export interface FontFace {
  /** the file pdfkit embeds */
  file: string;
  /** the face inside a collection (.ttc), else null */
  postscriptName: string | null;
  familyName: string;
  /** (ascent - descent) / unitsPerEm: pdfkit's line height per point of font size */
  lineRatio: number;
  /** the parsed face (shared with pdfkit by render-pdf) */
  font: fontkit.Font;
  hasGlyph(codePoint: number): boolean;
  /** advance width of one character at 1 pt (0 when the face lacks it) */
  advance(codePoint: number): number;
}

export interface PaperFonts {
  /** body text (仿宋 → Noto Serif SC Regular) */
  body: FontFace;
  /** title and letterhead (小标宋 → Noto Serif SC Bold) */
  title: FontFace;
  /** level-1 headings 一、 (黑体 → Source Han Sans SC Regular) */
  heading1: FontFace;
  /** level-2 headings （一） (楷体 is not shipped → Noto Serif SC Bold) */
  heading2: FontFace;
  /** the faces a character is looked up in, in order, for each role; the last one covers Extension B (𠮷) */
  chains: Record<'body' | 'title' | 'heading1' | 'heading2', readonly FontFace[]>;
  /** every file the PDF may read (pdfmake's local access policy) */
  files: readonly string[];
  /** the bundled faces themselves (marks that must print whatever the office's fonts hold) */
  bundled: { serif: FontFace; serifBold: FontFace; sans: FontFace };
}

/** The bundled files, resolved in node_modules (or in the installer's app.asar.unpacked). */
export function bundledFontFiles(): { serifRegular: string; serifBold: string; sans: string } {
  return {
    serifRegular: resolvePackaged('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
    serifBold: resolvePackaged('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
    sans: resolvePackaged('node-source-han-sans-sc/SourceHanSansSC-Regular.otf'),
  };
}

function resolvePackaged(request: string): string {
  const file = require.resolve(request);
  // electron-builder unpacks the font files (asarUnpack): read the real file, not the copy inside the archive.
  const unpacked = file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  if (unpacked !== file) {
    try {
      statSync(unpacked);
      return unpacked;
    } catch {
      /* not unpacked: Electron's fs reads it from the archive */
    }
  }
  return file;
}

const SAMPLE_HAN = '的'.codePointAt(0)!;
/** A font file larger than this is refused before it is read. */
const MAX_FONT_BYTES = 512 * 1024 ** 2;

type Opened = { ok: true; face: FontFace } | { ok: false; message: string };

/** Parses a font file; a .ttc gives its first face. Messages name the field 「字体文件」. */
function openFace(file: string): Opened {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, message: `「字体文件」不是文件：${file}` };
    // The largest CJK collections are some 100 MB; anything far beyond is no font and is not read into memory.
    if (stat.size > MAX_FONT_BYTES) return { ok: false, message: `「字体文件」过大（超过 ${MAX_FONT_BYTES / 1024 ** 2} MB），不是可用的字体文件：${file}` };
    bytes = readFileSync(file);
  } catch {
    return { ok: false, message: `「字体文件」找不到或无法读取：${file}` };
  }
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = fontkit.create(bytes);
  } catch {
    parsed = undefined as never;
  }
  if (!parsed) return { ok: false, message: `「字体文件」不是可用的字体文件（应为 .ttf、.otf 或 .ttc）：${file}` };
  let font: fontkit.Font;
  let postscriptName: string | null = null;
  if (parsed.type === 'TTC') {
    const first = (parsed as fontkit.FontCollection).fonts[0];
    if (!first) return { ok: false, message: `「字体文件」是空的字体集（.ttc），没有可用的字体：${file}` };
    font = first;
    postscriptName = first.postscriptName;
  } else if (parsed.type === 'DFont') {
    return { ok: false, message: `「字体文件」是 Mac 的 dfont 字体集，不支持，请选择 .ttf、.otf 或 .ttc 文件：${file}` };
  } else if (parsed.type === 'WOFF' || parsed.type === 'WOFF2') {
    return { ok: false, message: `「字体文件」是网页字体（${parsed.type}），不能嵌入公文，请选择 .ttf、.otf 或 .ttc 文件：${file}` };
  } else {
    font = parsed as fontkit.Font;
  }
  let face: FontFace;
  try {
    face = makeFace(file, postscriptName, font);
  } catch {
    return { ok: false, message: `「字体文件」已损坏，无法读取其中的字形：${file}` };
  }
  if (!face.hasGlyph(SAMPLE_HAN)) return { ok: false, message: `「字体文件」不含中文字形，不能用于公文：${file}` };
  return { ok: true, face };
}

function makeFace(file: string, postscriptName: string | null, font: fontkit.Font): FontFace {
  const upm = font.unitsPerEm;
  const lineRatio = (font.ascent - font.descent) / upm;
  if (!(upm > 0) || !(lineRatio > 0)) throw new Error('bad metrics');
  const known = new Map<number, number>();
  const advance = (cp: number): number => {
    let w = known.get(cp);
    if (w === undefined) {
      w = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth / upm : 0;
      known.set(cp, w);
    }
    return w;
  };
  return {
    file,
    postscriptName,
    familyName: font.familyName,
    lineRatio,
    font,
    hasGlyph: (cp) => font.hasGlyphForCodePoint(cp),
    advance,
  };
}

/** For the settings page: is this a font file the papers can use? (.ttc: its first face is used) */
export function checkFontFile(file: string): { ok: true; family: string } | { ok: false; message: string } {
  if (typeof file !== 'string' || file.trim() === '') return { ok: false, message: '「字体文件」不能为空' };
  const opened = openFace(file);
  return opened.ok ? { ok: true, family: opened.face.familyName } : { ok: false, message: opened.message };
}

const faceCache = new Map<string, FontFace>();
const setCache = new Map<string, PaperFonts>();

function face(file: string): FontFace {
  let f = faceCache.get(file);
  if (!f) {
    const opened = openFace(file);
    if (!opened.ok) throw new Error(opened.message);
    f = opened.face;
    faceCache.set(file, f);
  }
  return f;
}

/**
 * The faces for the papers, loaded once per process and cached by options. A configured file that is no longer
 * usable (moved, replaced) throws with the reason naming 「字体文件」 rather than printing in another face.
 */
export function loadPaperFonts(options: FontOptions = {}): PaperFonts {
  const bodyFile = options.bodyFontFile?.trim() || null;
  const titleFile = options.titleFontFile?.trim() || null;
  const key = JSON.stringify([bodyFile, titleFile]);
  const cached = setCache.get(key);
  if (cached) return cached;
  const files = bundledFontFiles();
  const serif = face(files.serifRegular);
  const serifBold = face(files.serifBold);
  const sans = face(files.sans);
  const body = bodyFile ? face(bodyFile) : serif;
  const title = titleFile ? face(titleFile) : serifBold;
  // an office 仿宋 usually holds only GB2312: what it lacks comes from Noto Serif, then Source Han Sans (𠮷)
  const chain = (...faces: FontFace[]): FontFace[] => faces.filter((f, i) => faces.indexOf(f) === i);
  const set: PaperFonts = {
    body,
    title,
    heading1: sans,
    heading2: serifBold,
    chains: {
      body: chain(body, serif, sans),
      title: chain(title, serifBold, sans),
      heading1: chain(sans),
      heading2: chain(serifBold, sans),
    },
    files: [...new Set([body.file, title.file, serif.file, serifBold.file, sans.file])],
    bundled: { serif, serifBold, sans },
  };
  setCache.set(key, set);
  return set;
}

export interface FontRun {
  text: string;
  face: FontFace;
}

/**
 * Splits text into runs each drawn by the first face of the chain that has the character (by code point, so a
 * surrogate pair such as 𠮷 stays whole). A character no face has stays with the first face.
 */
export function splitByFace(text: string, chain: readonly FontFace[]): FontRun[] {
  const runs: FontRun[] = [];
  let current: FontRun | null = null;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let chosen = chain[0];
    // whitespace and controls: keep with whatever run is open, so a space never splits a run
    if (current && (cp === 0x20 || cp === 0x0a || cp === 0x09)) chosen = current.face;
    else for (const f of chain) if (f.hasGlyph(cp)) { chosen = f; break; }
    if (current && current.face === chosen) current.text += ch;
    else {
      current = { text: ch, face: chosen };
      runs.push(current);
    }
  }
  return runs;
}

/** Width in points of text at a size, each character measured in the face the split gives it. */
export function textWidth(text: string, chain: readonly FontFace[], size: number): number {
  let w = 0;
  for (const run of splitByFace(text, chain)) for (const ch of run.text) w += run.face.advance(ch.codePointAt(0)!) * size;
  return w;
}
