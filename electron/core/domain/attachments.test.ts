import { crc32 } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_NAME_MAX, attachmentName, opensInViewer, sniffAttachment, type SniffResult,
} from './attachments';

const bytes = (...parts: Array<string | number[] | Uint8Array>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])));
const pad = (n: number) => new Array<number>(n).fill(0x20);

/** A zip as Office writes it (stored entries), with its central directory at the end. */
function zip(entries: Record<string, string>): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(n.length, 26);
    local.push(head, n, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(n.length, 28); dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, cd, end]));
}

const kindOf = (r: SniffResult) => ('refused' in r ? `refused: ${r.refused}` : `${r.kind} ${r.mimeType} ${r.ext}${r.activeContent ? ' active' : ''}`);

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0, 1, 1], pad(20));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', pad(20));
const PDF = bytes('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n');
const HTML = bytes('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n');

describe('sniffAttachment: each allowed type from its first bytes', () => {
  it.each([
    ['photo.jpg', JPEG, 'image image/jpeg jpg'],
    ['scan.png', PNG, 'image image/png png'],
    ['a.gif', bytes('GIF89a', pad(20)), 'image image/gif gif'],
    ['old.gif', bytes('GIF87a', pad(20)), 'image image/gif gif'],
    ['p.webp', bytes('RIFF', [0x20, 0, 0, 0], 'WEBPVP8 ', pad(20)), 'image image/webp webp'],
    ['iphone.heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'image image/heic heic'],
    ['x.heic', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1heix'), 'image image/heic heic'],
    ['letter.pdf', PDF, 'pdf application/pdf pdf'],
    ['note.txt', new Uint8Array(Buffer.from('投诉人来信：窗口态度生硬。\r\n\t第二行', 'utf8')), 'text text/plain; charset=utf-8 txt'],
    ['rec.mp3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0], pad(20)), 'audio audio/mpeg mp3'],
    ['raw.mp3', bytes([0xff, 0xfb, 0x90, 0x64], pad(20)), 'audio audio/mpeg mp3'],
    ['call.m4a', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0], 'M4A isom', pad(8)), 'audio audio/mp4 m4a'],
    ['call.m4a', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2', [0, 0, 0, 0x21], 'hdlr', [0, 0, 0, 0, 0, 0, 0, 0], 'soun', pad(12)), 'audio audio/mp4 m4a'],
    ['call.wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ', pad(20)), 'audio audio/wav wav'],
  ])('%s', (name, content, expected) => {
    expect(kindOf(sniffAttachment(content, name))).toBe(expected);
  });

  it('reads GB18030 text (Notepad on Chinese Windows saves ANSI = GBK)', () => {
    // 投诉 in GBK: CDB6 CBDF, then a line break and ASCII.
    const gbk = Uint8Array.from(Buffer.from('cdb6cbdf0d0a3230323620e5b9b4', 'hex').subarray(0, 10));
    expect(kindOf(sniffAttachment(gbk, '来信.txt'))).toBe('text text/plain; charset=gb18030 txt');
  });

  it('a real Word document and a real Excel workbook, told apart by their zip entries', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('投诉材料')] }] })));
    expect(kindOf(sniffAttachment(docx, '材料.docx'))).toBe('word application/vnd.openxmlformats-officedocument.wordprocessingml.document docx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRow(['a', 1]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(kindOf(sniffAttachment(xlsx, '清单.xlsx'))).toBe('excel application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx');
    // The name is not what decides: a workbook named .docx is refused, not taken for Word.
    expect(kindOf(sniffAttachment(xlsx, '清单.docx'))).toMatch(/refused: .*扩展名是Word 文档，内容却是Excel 工作簿/);
  });

  it('a file with no extension is accepted for what it is', () => {
    expect(kindOf(sniffAttachment(PNG, '扫描件'))).toBe('image image/png png');
  });
});

describe('sniffAttachment: hostile and wrong files', () => {
  it('an HTML page renamed .jpg is refused (its name claims a picture)', () => {
    const r = sniffAttachment(HTML, '照片.jpg');
    expect(r).toEqual({ refused: expect.stringContaining('「照片.jpg」') });
    expect(kindOf(r)).toMatch(/扩展名是图片，内容却是文本/);
  });

  it('a program named ..\\..\\x.exe is refused, naming only the file', () => {
    const r = sniffAttachment(bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], pad(60)), '..\\..\\x.exe');
    expect(r).toEqual({ refused: '文件「x.exe」是可执行程序，不能作为附件' });
    expect(kindOf(sniffAttachment(bytes([0x7f], 'ELF', [2, 1, 1, 0], pad(8)), '../../x'))).toMatch(/「x」是可执行程序/);
  });

  it('a 0-byte file and an over-limit file are refused with their names and the limit', () => {
    expect(sniffAttachment(new Uint8Array(0), '空.pdf')).toEqual({ refused: '文件「空.pdf」是空文件（0 字节），不能作为附件' });
    const big = new Uint8Array(ATTACHMENT_MAX_FILE_BYTES + 1);
    big.set(JPEG);
    // a byte over reads as bytes, not as "50 MB, over the limit of 50 MB"
    expect(sniffAttachment(big, '大.jpg')).toEqual({ refused: '文件「大.jpg」有 52,428,801 字节，超过单个附件的上限 50 MB（52,428,800 字节）' });
    const bigger = new Uint8Array(ATTACHMENT_MAX_FILE_BYTES + 3 * 1024 * 1024);
    bigger.set(JPEG);
    expect(sniffAttachment(bigger, '大.jpg')).toEqual({ refused: '文件「大.jpg」有 53 MB，超过单个附件的上限 50 MB（52,428,800 字节）' });
    const exact = new Uint8Array(ATTACHMENT_MAX_FILE_BYTES);
    exact.set(JPEG);
    expect(kindOf(sniffAttachment(exact, '刚好.jpg'))).toBe('image image/jpeg jpg');
  });

  it('a PDF with JavaScript or a launch action is kept but marked as active (download only)', () => {
    const js = bytes('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n');
    expect(kindOf(sniffAttachment(js, 'a.pdf'))).toBe('pdf application/pdf pdf active');
    const escaped = bytes('%PDF-1.4\n1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj\n');
    expect(kindOf(sniffAttachment(escaped, 'b.pdf'))).toBe('pdf application/pdf pdf active');
    const launch = bytes('%PDF-1.4\n<< /A << /S /Launch /F (cmd.exe) >> >>\n');
    expect(kindOf(sniffAttachment(launch, 'c.pdf'))).toBe('pdf application/pdf pdf active');
    expect(opensInViewer(sniffAttachment(js, 'a.pdf'))).toBe(false);
    expect(opensInViewer(sniffAttachment(PDF, 'a.pdf'))).toBe(true);
  });

  it('a bare zip, a macro document and a damaged zip are refused', () => {
    expect(kindOf(sniffAttachment(zip({ 'readme.txt': 'hi' }), 'files.zip'))).toMatch(/「files.zip」是压缩文件（zip）/);
    const docm = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'VBA' });
    expect(kindOf(sniffAttachment(docm, '宏.docx'))).toMatch(/「宏.docx」含有宏/);
    const xlsm = zip({ 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'VBA' });
    expect(kindOf(sniffAttachment(xlsm, '宏.xlsm'))).toMatch(/含有宏/);
    const cut = zip({ 'word/document.xml': '<w:document/>' }).subarray(0, 40);
    expect(kindOf(sniffAttachment(cut, '坏.docx'))).toMatch(/「坏.docx」是损坏或无法读取的压缩文件/);
    expect(kindOf(sniffAttachment(zip({ 'word/document.xml': '<w:document/>' }), 'ok.docx'))).toMatch(/^word /);
  });

  it('a zip-bomb-like docx is just bytes: only its table of contents is read, nothing is inflated', () => {
    // An entry that claims 4 GB uncompressed: the sniffer never looks at sizes or inflates anything.
    const z = Buffer.from(zip({ 'word/document.xml': 'x'.repeat(1000) }));
    const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z.writeUInt32LE(0xfffffffe, cd + 24);
    z.writeUInt32LE(0xfffffffe, 22);
    const started = Date.now();
    expect(kindOf(sniffAttachment(new Uint8Array(z), 'bomb.docx'))).toMatch(/^word /);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('old .doc/.xls, video and unknown binary are refused with what is allowed', () => {
    const cfb = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], pad(40));
    expect(kindOf(sniffAttachment(cfb, '旧.doc'))).toMatch(/旧版 Word\/Excel/);
    const mp4 = bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2', [0, 0, 0, 0x21], 'hdlr', [0, 0, 0, 0, 0, 0, 0, 0], 'vide', pad(4), 'hdlr', pad(8), 'soun');
    expect(kindOf(sniffAttachment(mp4, 'v.m4a'))).toMatch(/是视频/);
    expect(kindOf(sniffAttachment(bytes([0x00, 0x01, 0x02, 0xff, 0xfe]), 'x.bin'))).toMatch(/类型不能作为附件（按文件内容判断，不看扩展名）：只接受 JPG/);
    // Text with control characters (a binary without NULs) is not text.
    expect(kindOf(sniffAttachment(bytes('abc\x1b[31mdef'), 'x.txt'))).toMatch(/类型不能作为附件/);
  });
});

describe('attachmentName', () => {
  const text = { kind: 'text', ext: 'txt' } as const;
  it('keeps the last part of the name, cleaned, with an extension of its kind', () => {
    expect(attachmentName('C:\\Users\\wang\\照片.JPG', { kind: 'image', ext: 'jpg' })).toBe('照片.JPG');
    expect(attachmentName('../../etc/passwd', text)).toBe('passwd.txt');
    expect(attachmentName('通知.html', text)).toBe('通知.html.txt');
    expect(attachmentName('..\\..\\x.exe', text)).toBe('x.exe.txt');
    expect(attachmentName('a\u202Efdp.exe', { kind: 'pdf', ext: 'pdf' })).toBe('a_fdp.exe.pdf');
    expect(attachmentName('CON.txt', text)).toBe('_CON.txt');
    expect(attachmentName('', { kind: 'image', ext: 'png' })).toBe('附件.png');
  });

  it(`is at most ${ATTACHMENT_NAME_MAX} characters and keeps its extension`, () => {
    const long = attachmentName(`${'投'.repeat(300)}.pdf`, { kind: 'pdf', ext: 'pdf' });
    expect(Array.from(long)).toHaveLength(ATTACHMENT_NAME_MAX);
    expect(long.endsWith('投.pdf')).toBe(true);
  });
});
