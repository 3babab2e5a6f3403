import { safeFileName } from '../file-name';

/**
 * Attachments (附件): the papers people hand in, kept with the case. What a file is, is decided from its first
 * bytes (and for Word/Excel from the zip's table of contents), never from its name: a page renamed .jpg is not
 * a picture. The name only has to agree with what the bytes are; a name that says nothing we know gets the
 * right extension added, so the file opens as what it is (an HTML page kept as text is 通知.html.txt).
 * Pure (no Node): the registration form and the case page check a file before sending it with the same rules.
 */
export const ATTACHMENT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const ATTACHMENT_MAX_CASE_BYTES = 500 * 1024 * 1024;
/** The longest file name kept (characters). */
export const ATTACHMENT_NAME_MAX = 200;

export type AttachmentKind = 'image' | 'pdf' | 'word' | 'excel' | 'text' | 'audio';

/** What the UI states as allowed. */
export const ATTACHMENT_ALLOWED = 'JPG、PNG、GIF、WEBP、HEIC 图片，PDF，Word（.docx），Excel（.xlsx），文本（.txt），MP3、M4A、WAV 录音';

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  image: '图片', pdf: 'PDF', word: 'Word 文档', excel: 'Excel 工作簿', text: '文本', audio: '录音',
};

/** The extensions a name may carry for each kind (the first is added when the name carries none of them). */
const KIND_EXTENSIONS: Record<AttachmentKind, readonly string[]> = {
  image: ['jpg', 'jpeg', 'jpe', 'png', 'gif', 'webp', 'heic', 'heif'],
  pdf: ['pdf'],
  word: ['docx'],
  excel: ['xlsx'],
  text: ['txt'],
  audio: ['mp3', 'm4a', 'wav'],
};

export interface SniffedAttachment {
  kind: AttachmentKind;
  mimeType: string;
  /** the extension the content has (jpg, pdf, docx …) */
  ext: string;
  /**
   * Content that can act when opened (a PDF with JavaScript or a launch action): stored, since an office
   * receives such PDFs, but only ever delivered as a download, never opened in a viewer by the app.
   */
  activeContent: boolean;
}
export type SniffResult = SniffedAttachment | { refused: string };

const sizeInMb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** A file over the per-file limit, in words; in bytes when the MB figures would read alike (a byte over 50 MB rounds to 50 MB). */
export function oversizeMessage(name: string, size: number): string {
  const shown = sizeInMb(size) === sizeInMb(ATTACHMENT_MAX_FILE_BYTES) ? `${size.toLocaleString('en-US')} 字节` : sizeInMb(size);
  return `文件「${name}」有 ${shown}，超过单个附件的上限 ${sizeInMb(ATTACHMENT_MAX_FILE_BYTES)}（${ATTACHMENT_MAX_FILE_BYTES.toLocaleString('en-US')} 字节）`;
}
export const formatAttachmentSize = (n: number): string =>
  n < 1024 ? `${n} 字节` : n < 1024 * 1024 ? `${Math.round((n / 1024) * 10) / 10} KB` : sizeInMb(n);

/** The last part of a path as a browser, a file picker or a command line may hand it (C:\…\x.pdf, ../x.pdf). */
function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/** The name as messages show it: its last part, cleaned, shortened. */
function shownName(name: string): string {
  const n = safeFileName(baseName(name));
  return Array.from(n).length > 60 ? `${Array.from(n).slice(0, 57).join('')}…` : n;
}

function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The kind the name's extension claims (null: not one of ours). */
function claimedKind(name: string): AttachmentKind | null {
  const ext = extensionOf(name);
  for (const kind of Object.keys(KIND_EXTENSIONS) as AttachmentKind[]) if (KIND_EXTENSIONS[kind].includes(ext)) return kind;
  return null;
}

// ---------- bytes

const ascii = (bytes: Uint8Array, from: number, length: number): string => {
  let s = '';
  for (let i = from; i < from + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
};
const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;

/** Where the ASCII `needle` first occurs in the bytes (-1: nowhere). */
function indexOfAscii(bytes: Uint8Array, needle: string, from = 0): number {
  const first = needle.charCodeAt(0);
  const last = bytes.length - needle.length;
  outer: for (let i = bytes.indexOf(first, from); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

type Inner = SniffedAttachment | { refused: string } | null;
const found = (kind: AttachmentKind, mimeType: string, ext: string, activeContent = false): SniffedAttachment => ({ kind, mimeType, ext, activeContent });

/**
 * A PDF can carry JavaScript (/JS, /JavaScript) or an action that starts a program (/Launch). Names in a PDF
 * may spell a character as #xx (/J#53 is /JS), so those are read first. A false alarm only means the file is
 * downloaded instead of opened.
 */
function pdfHasActiveContent(bytes: Uint8Array): boolean {
  for (const name of ['/JS', '/JavaScript', '/Launch']) if (indexOfAscii(bytes, name) !== -1) return true;
  // #-escaped names: look only near each '/J' or '/L' that is followed by a '#'.
  for (let i = indexOfAscii(bytes, '#'); i !== -1; i = indexOfAscii(bytes, '#', i + 1)) {
    let start = i - 1;
    while (start >= 0 && i - start <= 12 && bytes[start] !== 0x2f /* / */) start--;
    if (start < 0 || bytes[start] !== 0x2f) continue;
    const raw = ascii(bytes, start, 40).split(/[\s/<>[\]()]/, 2)[1] ?? '';
    const name = `/${raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))}`;
    if (/^\/(JS|JavaScript|Launch)/.test(name)) return true;
  }
  return false;
}

/** ISO base media (HEIC pictures, M4A recordings): `ftyp` at byte 4 and its brand at 8. */
function isoMedia(bytes: Uint8Array, shown: string): Inner {
  if (bytes.length < 12 || ascii(bytes, 4, 4) !== 'ftyp') return null;
  const brand = ascii(bytes, 8, 4);
  if (['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return found('image', 'image/heic', 'heic');
  if (brand === 'M4A ' || brand === 'M4B ') return found('audio', 'audio/mp4', 'm4a');
  if (['isom', 'mp41', 'mp42', 'iso2', 'dash'].includes(brand)) {
    // An MP4 container: a recording when it has a sound track and no picture track (a video is not allowed).
    let sound = false;
    let video = false;
    for (let i = indexOfAscii(bytes, 'hdlr'); i !== -1; i = indexOfAscii(bytes, 'hdlr', i + 4)) {
      const handler = ascii(bytes, i + 12, 4);
      if (handler === 'soun') sound = true;
      if (handler === 'vide') video = true;
    }
    if (sound && !video) return found('audio', 'audio/mp4', 'm4a');
    return { refused: `文件「${shown}」是视频或无法识别的 MP4 文件，不能作为附件（录音请用 MP3、M4A 或 WAV）` };
  }
  return null;
}

/** The names in a zip's central directory (its table of contents at the end), or why it cannot be read. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  // End of central directory: 22 bytes + a comment of up to 65,535, so it starts in the last 65,557 bytes.
  const lowest = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) { eocd = i; break; }
  }
  if (eocd === -1) return null;
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + size > eocd) return null; // zip64 or damaged: not an Office file we read
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Word (.docx) and Excel (.xlsx) files are zips holding word/document.xml or xl/workbook.xml; macros are refused. */
function officeZip(bytes: Uint8Array, shown: string): Inner {
  if (!startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return null;
  const names = zipEntryNames(bytes);
  if (names === null) return { refused: `文件「${shown}」是损坏或无法读取的压缩文件，不能作为附件` };
  const has = (entry: string) => names.some((n) => n.toLowerCase() === entry);
  if (names.some((n) => /(^|\/)vbaproject\.bin$/i.test(n))) {
    return { refused: `文件「${shown}」含有宏（.docm/.xlsm），不能作为附件：请在 Word/Excel 中另存为不含宏的 .docx/.xlsx 后再添加` };
  }
  if (has('word/document.xml')) return found('word', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx');
  if (has('xl/workbook.xml')) return found('excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
  return { refused: `文件「${shown}」是压缩文件（zip），不能作为附件：只接受 ${ATTACHMENT_ALLOWED}` };
}

/** MPEG audio frame sync: 11 bits set, a layer, a bitrate that is not "bad". */
function isMp3Frame(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return false;
  const version = (bytes[1] >> 3) & 3;
  const layer = (bytes[1] >> 1) & 3;
  const bitrate = bytes[2] >> 4;
  const rate = (bytes[2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0xf && rate !== 3;
}

/** Controls no text file holds (tab, line feed, form feed and carriage return are text). */
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function plainText(bytes: Uint8Array): Inner {
  if (bytes.includes(0)) return null;
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    if (CONTROLS.test(text)) return null;
    return found('text', `text/plain; charset=${encoding}`, 'txt');
  }
  return null;
}

function sniffContent(bytes: Uint8Array, shown: string): Inner {
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return found('image', 'image/jpeg', 'jpg');
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return found('image', 'image/png', 'png');
  const head = ascii(bytes, 0, 12);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return found('image', 'image/gif', 'gif');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return found('image', 'image/webp', 'webp');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return found('audio', 'audio/wav', 'wav');
  if (head.startsWith('%PDF-')) return found('pdf', 'application/pdf', 'pdf', pdfHasActiveContent(bytes));
  const iso = isoMedia(bytes, shown);
  if (iso) return iso;
  const office = officeZip(bytes, shown);
  if (office) return office;
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return { refused: `文件「${shown}」是旧版 Word/Excel 文件（.doc/.xls）或加密的 Office 文件，不能作为附件：请另存为 .docx/.xlsx 后再添加` };
  }
  if (head.startsWith('ID3') || isMp3Frame(bytes)) return found('audio', 'audio/mpeg', 'mp3');
  if (head.startsWith('MZ') || head.startsWith('\x7fELF')) return { refused: `文件「${shown}」是可执行程序，不能作为附件` };
  return plainText(bytes);
}

/**
 * What the file is, from its bytes; or why it cannot be attached (a Chinese message naming the file). The name
 * must not claim another kind than the content has (报告.jpg holding a web page is refused).
 */
export function sniffAttachment(bytes: Uint8Array, name: string): SniffResult {
  const shown = shownName(name);
  if (bytes.byteLength === 0) return { refused: `文件「${shown}」是空文件（0 字节），不能作为附件` };
  if (bytes.byteLength > ATTACHMENT_MAX_FILE_BYTES) {
    return { refused: oversizeMessage(shown, bytes.byteLength) };
  }
  const sniffed = sniffContent(bytes, shown);
  if (sniffed === null) return { refused: `文件「${shown}」的类型不能作为附件（按文件内容判断，不看扩展名）：只接受 ${ATTACHMENT_ALLOWED}` };
  if ('refused' in sniffed) return sniffed;
  const claimed = claimedKind(name);
  if (claimed !== null && claimed !== sniffed.kind) {
    return { refused: `文件「${shown}」的扩展名是${ATTACHMENT_KIND_LABELS[claimed]}，内容却是${ATTACHMENT_KIND_LABELS[sniffed.kind]}，扩展名与内容不符，不能作为附件` };
  }
  return sniffed;
}

/**
 * The name an attachment is kept and delivered under: the last part of what was given, with no character a
 * file system or a header refuses, at most ATTACHMENT_NAME_MAX characters, ending in an extension of its kind
 * (one is added otherwise, so a viewer opens the file as what it is).
 */
export function attachmentName(name: string, sniffed: Pick<SniffedAttachment, 'kind' | 'ext'>): string {
  let base = safeFileName(baseName(name));
  if (base === 'download' && baseName(name).trim() === '') base = '附件';
  const hasOwnExtension = KIND_EXTENSIONS[sniffed.kind].includes(extensionOf(base));
  const suffix = hasOwnExtension ? '' : `.${sniffed.ext}`;
  const chars = Array.from(base);
  const room = ATTACHMENT_NAME_MAX - suffix.length;
  if (chars.length <= room) return base + suffix;
  // Too long: keep the start and the extension.
  const ext = hasOwnExtension ? `.${extensionOf(base)}` : '';
  return chars.slice(0, room - ext.length).join('') + ext + suffix;
}

/** Whether the desktop app may open a stored file with the system's viewer (else it is only saved). */
export function opensInViewer(sniffed: SniffResult): boolean {
  return !('refused' in sniffed) && !sniffed.activeContent;
}
