import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCffFlattening } from './cff-flatten';
import { PAPER_TYPE_INFO, PAPER_TYPES } from '../papers/catalogue';
import { composePaper } from '../papers/compose';
import { DEFAULT_TEMPLATES } from '../papers/defaults';
import type { PaperDocument } from '../papers/paper-document';
import { sampleModel } from '../papers/sample-models';
import { justifySpacing, LETTER_MARGINS, MAX_STRETCH } from './letter-layout';
import { PAGE_W } from './page-common';
import { PdfProbe } from './pdf-probe';
import { renderPdf, sanitizeInfo } from './render-pdf';
import { sampleForm, sampleLetter, sampleProcess } from './sample-papers';

// jsdom's XML parser checks the XMP packet is well-formed (jsdom ships no types; this is all the test uses)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JSDOM } = require('jsdom') as {
  JSDOM: new (html: string) => { window: { DOMParser: new () => { parseFromString(s: string, type: string): { getElementsByTagName(n: string): { length: number } } } } };
};

const probes: PdfProbe[] = [];
async function render(docs: PaperDocument[]): Promise<PdfProbe> {
  const probe = new PdfProbe(await renderPdf(docs));
  probes.push(probe);
  return probe;
}
afterAll(() => probes.forEach((p) => p.close()));

const flat = (s: string) => s.replace(/\s+/g, '');
/** every text a paper prints, as the layouts receive it */
function printedTexts(doc: PaperDocument): string[] {
  const out = [doc.officeName, doc.title];
  if (doc.number) out.push(doc.number);
  if (doc.recipient) out.push(doc.recipient);
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading1' || b.kind === 'heading2' || b.kind === 'note') out.push(...b.text.split('\n'));
    if (b.kind === 'field') out.push(b.label, ...b.value.split('\n'));
    if (b.kind === 'table') out.push(...b.columns, ...b.rows.flat());
    if (b.kind === 'signatures') out.push(...b.labels);
  }
  if (doc.signature) out.push(doc.signature.office, doc.signature.date);
  if (doc.contact) out.push(doc.contact);
  if (doc.copyTo) out.push(doc.copyTo);
  return out;
}

const shortLetter = (overrides: Partial<PaperDocument> = {}) =>
  sampleLetter({
    blocks: [
      { kind: 'paragraph', text: '您于2026年11月3日通过来信反映的问题收悉。经调查核实，现将有关情况答复如下。' },
      { kind: 'heading1', text: '一、调查核实情况' },
      { kind: 'paragraph', text: '经调取当日窗口叫号记录，等候时间确实较长，已对当班工作人员进行批评教育。' },
      { kind: 'heading2', text: '（一）复查途径' },
      { kind: 'paragraph', text: '如不服，可于30日内申请复查。' },
    ],
    ...overrides,
  });

/** exactly 26 characters: one full first line of a paragraph (28 less the 2-character indent) */
const oneLine = (i: number) => `第${String(i).padStart(2, '0')}段经调查核实相关部门已按规定办理完毕特此函告知`;

describe('renderPdf: letters (信函格式)', () => {
  let one: PdfProbe;
  let three: PdfProbe;
  const huge = sampleLetter({
    blocks: Array.from({ length: 7 }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i + 1}段。` + '经调查核实，相关部门已按规定办理并作出处理，现将情况告知如下，请予理解支持。'.repeat(4) })),
  });
  beforeAll(async () => {
    one = await render([shortLetter()]);
    three = await render([huge]);
  });

  it('a short letter is one page holding every text exactly, with no page number', () => {
    expect(one.pages).toBe(1);
    const text = one.flat();
    for (const t of printedTexts(shortLetter())) expect(text).toContain(flat(t));
    expect(one.text()).not.toMatch(/— \d+ —/);
    // reading order: letterhead, number, title, recipient, body, signature, contact, 抄送
    const order = ['某市政务服务中心', '某政服诉复〔2026〕15号', '关于张某某反映窗口办事问题的答复函', '张某某先生：', '您于2026年11月3日', '2026年11月24日', '（联系人：王某', '抄送：'];
    const at = order.map((t) => text.indexOf(t));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('a long body flows onto three pages, numbered — 2 — and — 3 — from page 2', () => {
    expect(three.pages).toBe(3);
    expect(three.pageTexts()[0]).not.toMatch(/—\s*\d+\s*—/);
    expect(three.pageTexts()[1]).toContain('— 2 —');
    expect(three.pageTexts()[2]).toContain('— 3 —');
    const all = three.flat();
    for (const t of printedTexts(huge)) expect(all).toContain(flat(t));
    // the 抄送 is on the last page only, below everything else there
    expect(three.flat(3)).toMatch(/2026年11月24日.*抄送：市人民政府政务服务管理办公室。/);
    expect(three.flat(1) + three.flat(2)).not.toContain('抄送');
  });

  it('page 1 holds 15 body lines on the same 22-line grid as page 2 (the gap under the title snaps to it)', () => {
    const P = Math.floor(((841.89 - LETTER_MARGINS[1] - LETTER_MARGINS[3]) / 22) * 100) / 100;
    const rows = (page: number) => [...new Set(three.words().filter((w) => w.page === page && !w.text.startsWith('—')).map((w) => Math.round(w.yMin * 10) / 10))].sort((a, b) => a - b);
    const recipient = three.words().find((w) => w.page === 1 && w.text === '张某某先生：')!;
    const body1 = rows(1).filter((y) => y > recipient.yMin + 1);
    expect(body1.length).toBe(15);
    const top2 = rows(2)[0];
    expect(rows(2).length).toBe(22);
    for (const y of [recipient.yMin, ...body1]) {
      const off = (((y - top2) % P) + P) % P;
      expect(Math.min(off, P - off)).toBeLessThan(0.5);
    }
  });

  it('never leaves a page with only the signature: the last body lines go with it, whatever the length', async () => {
    // bodies of 8 … 17 one-line paragraphs put the end of the body at every line near the foot of page 1; one batch
    // (each paper lays out from a fresh page exactly as alone) keeps it to one render
    const docs = Array.from({ length: 10 }, (_, k) =>
      sampleLetter({ title: `第${k + 1}份答复函`, blocks: Array.from({ length: 8 + k }, (_, i) => ({ kind: 'paragraph' as const, text: oneLine(i + 1) })) }),
    );
    const probe = await render(docs);
    const pages = probe.pageTexts().map(flat);
    const starts = docs.map((d) => pages.findIndex((t) => t.includes(d.title)));
    docs.forEach((doc, k) => {
      const last = pages[(starts[k + 1] ?? pages.length) - 1];
      expect(last, doc.title).toContain('2026年11月24日');
      expect(last, doc.title).toContain((doc.blocks[doc.blocks.length - 1] as { text: string }).text);
    });
    // the foot of page 1 is really crossed: some of them run to a second page
    expect(new Set(starts.map((s, k) => (starts[k + 1] ?? pages.length) - s))).toEqual(new Set([1, 2]));
  });

  it('no text leaves the type area sideways, even a 300-character address with no break in it', async () => {
    const doc = sampleLetter({
      blocks: [
        { kind: 'paragraph', text: `网址：https://example.gov.cn/${'a'.repeat(300)} 号码：${'1'.repeat(120)}。` },
        { kind: 'paragraph', text: '“引号”（括号）《书名号》，逗号。句号；分号：冒号？问号！叹号'.repeat(12) },
      ],
    });
    const probe = await render([doc]);
    const [left, , right] = LETTER_MARGINS;
    for (const w of probe.words()) {
      expect(w.xMin).toBeGreaterThanOrEqual(left - 1);
      expect(w.xMax).toBeLessThanOrEqual(PAGE_W - right + 1);
    }
    expect(probe.flat()).toContain(flat(`https://example.gov.cn/${'a'.repeat(300)}`));
    // 避头尾: no line starts with a closing mark, none ends with an opening one
    for (const line of probe.text().split('\n')) {
      expect(line).not.toMatch(/^[，。、；：？！）》」』】〕”]/);
      expect(line).not.toMatch(/[（《「『【〔“]$/);
    }
  });

  it('a title, recipient and signing office longer than a line wrap inside the type area and lose nothing', async () => {
    const long = '关于反映不动产登记窗口服务态度生硬及材料一次性告知不到位等问题'.repeat(4);
    const office = '某某省某某市某某县人民政府政务服务管理办公室政务服务中心投诉受理科';
    const doc = shortLetter({ title: `${long}的答复函`, recipient: `${long}的各位投诉人：`, signature: { office, date: '2026年11月24日' } });
    const probe = await render([doc]);
    const text = probe.flat();
    for (const t of printedTexts(doc)) expect(text).toContain(flat(t));
    const [left, , right] = LETTER_MARGINS;
    for (const w of probe.words()) {
      expect(w.xMin).toBeGreaterThanOrEqual(left - 1);
      expect(w.xMax).toBeLessThanOrEqual(PAGE_W - right + 1);
    }
  });

  it('rare name characters come back exactly (Noto Serif SC lacks 𠮷: Source Han Sans draws it)', async () => {
    const names = '䶮𠮷堃赟昇';
    const doc = shortLetter({
      title: `关于${names}反映问题的答复函`,
      recipient: `𠮷${names}女士：`,
      blocks: [{ kind: 'paragraph', text: `您好，𠮷先生与堃女士、赟先生、昇先生、䶮先生共同反映的问题收悉。${names}。` }],
    });
    const probe = await render([doc]);
    const text = probe.flat();
    for (const t of printedTexts(doc)) expect(text).toContain(flat(t));
    expect(text.match(/𠮷/gu)?.length).toBe(5);
    expect(text).not.toContain('\uFFFD');
    expect(probe.fonts().some((f) => f.includes('SourceHanSansSC'))).toBe(true);
    expect(probe.fonts().some((f) => f.includes('NotoSerifSC'))).toBe(true);
  });

  it('metadata: & < > in the title are printed as they are, and the PDF info and XMP stay well-formed', async () => {
    const doc = shortLetter({ title: '关于A&B<公司>问题的答复函', info: { title: '答复函 A&B<公司>', author: '某市政务服务中心', subject: 'x"y\'z' } });
    const probe = await render([doc]);
    expect(probe.flat()).toContain('关于A&B<公司>问题的答复函');
    expect(probe.info()).toMatch(/^Title:\s+答复函 A＆B＜公司＞$/m);
    const xmp = probe.metadata();
    expect(xmp).toContain('答复函 A＆B＜公司＞');
    const parsed = new new JSDOM('').window.DOMParser().parseFromString(xmp.trim(), 'application/xml');
    expect(parsed.getElementsByTagName('parsererror').length).toBe(0);
    expect(sanitizeInfo('a&b<c>\u0007d')).toBe('a＆b＜c＞ d');
    // PDF/A-2b for the dossier: PDF 1.7 with its identification in the XMP, the office as author
    expect(probe.info()).toMatch(/^PDF version:\s+1\.7$/m);
    expect(probe.info()).toMatch(/^Author:\s+某市政务服务中心$/m);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
  });

  it('a line left short by an unbreakable register number is not spread thin: at most 0.12 em between characters', async () => {
    // the register number and its bracket do not fit at the end of line 2, which keeps 21 characters of 28: justified
    // in full it had a third of a character between every two (「业 主 同 意 的 投 诉 （ 受 理 …」)
    const text = '本单位于2026年9月2日收到您反映的关于物业费上涨未经业主同意的投诉（受理渠道：来访，登记编号：2026-000140），于2026年9月4日依规受理，并交由物业服务中心进行了调查核实。现将办理情况答复如下：';
    const probe = await render([sampleLetter({ blocks: [{ kind: 'paragraph', text }] })]);
    expect(probe.flat()).toContain(text);
    const [left, , right] = LETTER_MARGINS;
    const S = (PAGE_W - left - right) / 28;
    const line = (start: string) => probe.words().filter((w) => w.text.startsWith(start));
    const short = line('业主同意的投诉');
    expect(short.map((w) => w.text)).toEqual(['业主同意的投诉（受理渠道：来访，登记编号：']);
    // 21 characters with at most 0.12 em after each: ends more than 3 characters short of the right margin
    expect(short[0].xMax - short[0].xMin).toBeLessThanOrEqual(S * (21 + 20 * MAX_STRETCH) + 1);
    expect(short[0].xMax).toBeLessThan(PAGE_W - right - 3 * S);
    // a full line (slack under a character) still reaches the right margin
    const full = line('2026-000140');
    expect(full[0].xMax).toBeGreaterThan(PAGE_W - right - 2);
    expect(justifySpacing(7 * 15.79, 21, 15.79)).toBeCloseTo(15.79 * MAX_STRETCH);
    expect(justifySpacing(0.5 * 15.79, 28, 15.79)).toBeCloseTo((0.5 * 15.79) / 27);
    expect(justifySpacing(0, 28, 15.79)).toBeUndefined();
  });

  it('a preview carries the 预览 · 未签发 mark on every page and a grey 〔签发时编号〕 in place of the number', async () => {
    const probe = await render([{ ...huge, preview: true, number: null }]);
    expect(probe.pages).toBe(3);
    for (let p = 1; p <= 3; p++) expect(probe.flat(p)).toContain('预览·未签发');
    // the corner label on one line (its box once wrapped 「发」 under the rest)
    const mark = probe.words().filter((w) => w.page === 1 && w.yMax < 25 * (72 / 25.4) && /[预览未签发]/.test(w.text));
    expect(new Set(mark.map((w) => Math.round(w.yMin))).size).toBe(1);
    expect(probe.flat(1)).toContain('〔签发时编号〕');
    expect(three.flat()).not.toContain('预览');
  });
});

describe('renderPdf: forms', () => {
  it('a form: title, register number, every field and the signature labels', async () => {
    const doc = sampleForm();
    const probe = await render([doc]);
    expect(probe.pages).toBe(1);
    const text = probe.flat();
    for (const t of printedTexts(doc)) expect(text).toContain(flat(t));
    expect(text).toContain('登记编号：TS-2026-000123');
    expect(text).toMatch(/诉求人姓名张某某/);
    // the page number as in the Word file, whose footer prints it on a one-page form too
    expect(probe.flat()).toContain('第1页共1页');
  });

  it('a form preview carries the mark on every page and says the register number comes at issue', async () => {
    const probe = await render([sampleForm({ preview: true, number: null })]);
    expect(probe.flat()).toContain('预览·未签发');
    expect(probe.flat()).toContain('登记编号：（签发时生成）');
  });

  it('a field or note longer than a page flows on over pages (rows break), nothing cut off', async () => {
    const account = Array.from({ length: 40 }, (_, i) => `第${i + 1}句：投诉人称在窗口多次往返办理未果，要求说明理由并给予答复。`).join('');
    const doc = sampleForm({ blocks: [{ kind: 'field', label: '诉求内容', value: account }, { kind: 'note', text: account }, { kind: 'signatures', labels: ['投诉人签名', '日期'] }] });
    const probe = await render([doc]);
    expect(probe.pages).toBeGreaterThan(2);
    const text = probe.flat().replace(/第\d+页共\d+页/g, ''); // the footers between pages
    // every sentence twice (field and note), whatever page breaks and footers fall between them
    for (let i = 1; i <= 40; i++) expect(text.split(`第${i}句：投诉人称在窗口多次往返办理未果，要求说明理由并给予答复。`).length - 1, `sentence ${i}`).toBe(2);
    expect(text).toContain('投诉人签名：');
    for (const w of probe.words()) expect(w.yMax).toBeLessThanOrEqual(841.89 - 20);
  });

  it('a process table of 200 rows runs over pages, its header row on each, every row in order', async () => {
    const doc = sampleProcess(200);
    const probe = await render([doc]);
    expect(probe.pages).toBeGreaterThan(5);
    for (let p = 1; p <= probe.pages; p++) {
      for (const column of ['日期', '环节', '内容', '经办人']) expect(probe.flat(p)).toContain(column);
      expect(probe.pageTexts()[p - 1]).toContain(`第 ${p} 页 共 ${probe.pages} 页`);
    }
    const text = probe.flat();
    let at = -1;
    for (let i = 1; i <= 200; i++) {
      const next = text.indexOf(`第${i}条记录：`, at + 1);
      expect(next, `row ${i}`).toBeGreaterThan(at);
      at = next;
    }
  });
});

describe('renderPdf: batches', () => {
  it('three papers in one PDF, each from a new page and numbering its own pages', async () => {
    const long = sampleLetter({ title: '第一份答复函', blocks: Array.from({ length: 30 }, (_, i) => ({ kind: 'paragraph' as const, text: oneLine(i + 1) })) });
    const docs = [long, shortLetter({ title: '第二份答复函' }), sampleForm({ title: '第三份登记表' })];
    const alone = await Promise.all(docs.map(async (d) => (await render([d])).pages));
    const batch = await render(docs);
    expect(alone[0]).toBeGreaterThan(1);
    expect(batch.pages).toBe(alone[0] + alone[1] + alone[2]);
    const starts = [1, 1 + alone[0], 1 + alone[0] + alone[1]];
    ['第一份答复函', '第二份答复函', '第三份登记表'].forEach((title, i) => expect(batch.flat(starts[i])).toContain(title));
    // the first paper numbers 2…n; the second starts again without a number
    for (let p = 2; p <= alone[0]; p++) expect(batch.pageTexts()[p - 1]).toContain(`— ${p} —`);
    expect(batch.pageTexts()[starts[1] - 1]).not.toMatch(/— \d+ —/);
    expect(batch.info()).toMatch(/^Title:\s+答复函 等 3 份$/m);
  });

  it('refuses an empty batch', async () => {
    await expect(renderPdf([])).rejects.toThrow('没有要生成的文书');
  });
});

describe('renderPdf: the default papers and the office fonts', () => {
  it('every default template, composed for a group complaint, prints all its text and nothing raw (one batch)', async () => {
    const docs = PAPER_TYPES.map(
      (type) =>
        composePaper({
          type,
          template: DEFAULT_TEMPLATES[type],
          model: sampleModel(type, 'group'),
          fillIns: { 调查核实情况: '经调取监控录像并询问当班人员，情况属实。', 督办要求: '请于3个工作日内办结并书面报告。' },
          number: PAPER_TYPE_INFO[type].numbered ? '某政服诉复〔2026〕15号' : 'TS-2026-000015',
          officeName: '某县人民政府政务服务中心',
          signatureDate: '2026年11月24日',
          preview: false,
        }).document,
    );
    const probe = await render(docs);
    const text = probe.flat();
    for (const doc of docs) for (const t of printedTexts(doc)) expect(text, doc.type).toContain(flat(t));
    expect(text).not.toMatch(/undefined|null|NaN|\{|\}|〔待填写/);
    // each paper starts its own page: its title is on the page after the previous paper's last
    let at = 0;
    const starts: number[] = [];
    for (const doc of docs) {
      const page = probe.pageTexts().findIndex((t, i) => i >= at && flat(t).includes(flat(doc.title)));
      expect(page, doc.type).toBeGreaterThanOrEqual(at);
      starts.push(page);
      at = page + 1;
    }
    // a notice to a group (36 people in a real register) is one sheet: its wording may not push the signature over
    const pages = Object.fromEntries(docs.map((d, i) => [d.type, (starts[i + 1] ?? probe.pages) - starts[i]]));
    for (const type of ['accept', 'refuse', 'extend', 'supplement', 'supervise'] as const) expect(pages[type], type).toBe(1);
  });

  const TTC = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  it.skipIf(!existsSync(TTC))("draws the body in the admin's font file, what it lacks (𠮷) still from the bundled faces", async () => {
    const doc = shortLetter({ recipient: '𠮷䶮女士：' });
    const probe = new PdfProbe(await renderPdf([doc], { bodyFontFile: TTC }));
    probes.push(probe);
    expect(probe.fonts().some((f) => f.includes('WenQuanYi'))).toBe(true);
    expect(probe.flat()).toContain('𠮷䶮女士：');
    for (const t of printedTexts(doc)) expect(probe.flat()).toContain(flat(t));
  });

  it('refuses to print in another face when the configured font file is not a font', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-font-'));
    try {
      const bad = join(dir, 'simfang.ttf');
      writeFileSync(bad, 'not a font');
      await expect(renderPdf([shortLetter()], { bodyFontFile: bad })).rejects.toThrow(/「字体文件」不是可用的字体文件/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderPdf: Source Han Sans subsets without subroutines', () => {
  it('draws the same pixels as fontkit’s own subset, in a fraction of the bytes', async () => {
    const common = '的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再书部水像眼等体却加电主界门利海受听表德少克代员许先口由死安写性马光白或住难望教命花结乐色更拉东神记处让母父应直字场平报友关放至张认接告入笑内英军候民岁往何度山觉路带万男边风解叫任金快原吃妈变通师立象数四失满战远格士音轻目条呢';
    const doc = shortLetter({ blocks: [{ kind: 'heading1', text: `一、${common}` }, { kind: 'paragraph', text: '䶮𠮷堃赟昇，ABC 123。' }] });
    const dir = mkdtempSync(join(tmpdir(), 'cff-'));
    try {
      const sizes: number[] = [];
      const pixels: Buffer[] = [];
      for (const on of [true, false]) {
        setCffFlattening(on);
        const bytes = await renderPdf([doc]);
        sizes.push(bytes.length);
        const file = join(dir, `${on}.pdf`);
        writeFileSync(file, bytes);
        execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', file, join(dir, String(on))]);
        pixels.push(readFileSync(join(dir, `${on}-1.pgm`)));
      }
      expect(pixels[0].equals(pixels[1])).toBe(true);
      expect(sizes[0]).toBeLessThan(sizes[1] - 30_000);
    } finally {
      setCffFlattening(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
