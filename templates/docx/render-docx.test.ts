// The Word file of a paper: it unzips, every XML part is well-formed (a strict parser: saxes, with namespaces), its
// text holds every field of the PaperDocument (rare name characters and & < > exactly), and the layout is the one
// GB/T 9704 asks for (A4, margins, 22-line grid, red letterhead and rules, page numbers from page 2, fonts, zh-CN).
// In CI (process.env.CI) LibreOffice must be there and open it: converted to PDF, pdftotext gives the text back.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { PAPER_TYPES } from '../papers/catalogue';
import { composePaper } from '../papers/compose';
import { DEFAULT_TEMPLATES } from '../papers/defaults';
import type { PaperDocument } from '../papers/paper-document';
import { sampleModel, type SampleShape } from '../papers/sample-models';
import { columnWidths, DOCX_MIME, renderDocx } from './render-docx';
import { formSample, letterSample, longLetterSample, processSample } from './samples';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

/** Strict, namespace-aware parse into a small tree; throws on anything not well-formed. */
function parseXml(xml: string, part: string): El {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: El = { name: '#document', attrs: {}, children: [] };
  const stack: El[] = [root];
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= new Error(`${part}: ${e.message}`);
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    const el: El = { name: tag.name, attrs, children: [] };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => void stack.at(-1)!.children.push(t));
  parser.write(xml).close();
  if (error) throw error;
  return root.children.find((c): c is El => typeof c !== 'string')!;
}

function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string') yield* walk(c);
}
const all = (el: El, name: string) => [...walk(el)].filter((e) => e.name === name);
const first = (el: El, name: string) => all(el, name)[0];

/** A paragraph's text as Word shows it: w:t runs, w:br a line break, w:tab a tab. */
function paragraphText(p: El): string {
  let s = '';
  for (const e of walk(p)) {
    if (e.name === 'w:t') s += e.children.filter((c) => typeof c === 'string').join('');
    else if (e.name === 'w:br') s += '\n';
    else if (e.name === 'w:tab') s += '\t';
  }
  return s;
}
const partText = (el: El) => all(el, 'w:p').map(paragraphText).join('\n');

interface Docx {
  files: Record<string, string>;
  xml: Record<string, El>;
  body: El;
  text: string;
  headers: El[];
  footers: El[];
}

async function open(doc: PaperDocument): Promise<Docx> {
  const bytes = await renderDocx(doc);
  expect(bytes).toBeInstanceOf(Uint8Array);
  // a zip (PK\3\4)
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const raw = unzipSync(bytes);
  const files: Record<string, string> = {};
  const xml: Record<string, El> = {};
  for (const [path, data] of Object.entries(raw)) {
    if (!/\.(xml|rels)$/.test(path)) continue;
    files[path] = strFromU8(data);
    xml[path] = parseXml(files[path], path);
  }
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/fontTable.xml', 'docProps/core.xml']) {
    expect(files[part], part).toBeDefined();
  }
  const headers = Object.keys(xml).filter((p) => /^word\/header\d+\.xml$/.test(p)).map((p) => xml[p]);
  const footers = Object.keys(xml).filter((p) => /^word\/footer\d+\.xml$/.test(p)).map((p) => xml[p]);
  const body = first(xml['word/document.xml'], 'w:body');
  return { files, xml, body, text: partText(body), headers, footers };
}

/** Every piece of text the PaperDocument carries that the page must show. */
function expectedTexts(doc: PaperDocument): string[] {
  const out = [doc.title];
  if (doc.number) out.push(doc.number);
  if (doc.recipient) out.push(doc.recipient);
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading1' || b.kind === 'heading2' || b.kind === 'note') out.push(b.text);
    else if (b.kind === 'field') out.push(b.label, b.value);
    else if (b.kind === 'table') out.push(...b.columns, ...b.rows.flat());
    else if (b.kind === 'signatures') out.push(...b.labels);
  }
  if (doc.signature) out.push(doc.signature.office, doc.signature.date);
  if (doc.contact) out.push(doc.contact);
  if (doc.copyTo) out.push(doc.copyTo);
  return out;
}

function headerFooterText(d: Docx): string {
  return [...d.headers, ...d.footers].map(partText).join('\n');
}

/** The header / footer part a section's reference of that type points to. */
function referenced(d: Docx, kind: 'header' | 'footer', type: 'first' | 'default' | 'even'): El {
  const sect = first(d.body, 'w:sectPr');
  const ref = all(sect, `w:${kind}Reference`).find((r) => r.attrs['w:type'] === type);
  expect(ref, `${kind} ${type}`).toBeDefined();
  const rels = all(d.xml['word/_rels/document.xml.rels'], 'Relationship');
  const target = rels.find((r) => r.attrs.Id === ref!.attrs['r:id'])!.attrs.Target;
  return d.xml[`word/${target}`];
}

const RARE = ['䶮', '𠮷', '堃', '赟', '昇'];

describe('renderDocx', () => {
  it('a reply letter: every field in the text, in the order of the paper', async () => {
    const d = await open(letterSample);
    for (const t of expectedTexts(letterSample)) expect(d.text, t).toContain(t);
    const order = [letterSample.number!, letterSample.title, letterSample.recipient!, '一、调查核实情况', '（一）处理依据', letterSample.signature!.office, letterSample.signature!.date, letterSample.contact!];
    const at = order.map((t) => d.text.indexOf(t));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // 抄送 as the template wrote it (label included), nothing added
    expect(d.text).toContain(letterSample.copyTo!);
    expect(d.text).not.toContain('抄送：抄送');
    // no placeholder syntax and nothing undefined
    expect(d.text).not.toMatch(/undefined|null|\{|\}/);
  });

  it('the letter layout: A4, GB/T 9704 margins, a 22-line grid, first page different, page numbers — n — from page 2', async () => {
    const d = await open(letterSample);
    const sect = first(d.body, 'w:sectPr');
    expect(first(sect, 'w:pgSz').attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    // 37 / 28 / 35 / 26 mm
    expect(first(sect, 'w:pgMar').attrs).toMatchObject({ 'w:top': '2098', 'w:left': '1587', 'w:bottom': '1984', 'w:right': '1474' });
    expect(first(sect, 'w:docGrid').attrs).toMatchObject({ 'w:type': 'lines', 'w:linePitch': '579' });
    expect(first(sect, 'w:titlePg')).toBeDefined();
    expect(first(d.xml['word/settings.xml'], 'w:evenAndOddHeaders')).toBeDefined();

    // page 1: the office's name in red in the header, over a thick-thin rule; no page number
    const firstHeader = referenced(d, 'header', 'first');
    const headerParas = all(firstHeader, 'w:p');
    const head = headerParas.find((p) => paragraphText(p) === letterSample.officeName)!;
    expect(head).toBeDefined();
    const rule = headerParas[headerParas.indexOf(head) + 1];
    const style = all(d.xml['word/styles.xml'], 'w:style').find((s) => s.attrs['w:styleId'] === first(head, 'w:pStyle').attrs['w:val'])!;
    expect(first(style, 'w:color').attrs['w:val']).toBe('E60012');
    expect(first(first(rule, 'w:pBdr'), 'w:bottom').attrs).toMatchObject({ 'w:val': 'thickThinSmallGap', 'w:color': 'E60012' });
    // 170 mm: 7 mm beyond the type area on each side
    const ruleStyle = all(d.xml['word/styles.xml'], 'w:style').find((s) => s.attrs['w:styleId'] === first(rule, 'w:pStyle').attrs['w:val'])!;
    expect(first(ruleStyle, 'w:ind').attrs).toMatchObject({ 'w:left': '-397', 'w:right': '-397' });
    const firstFooter = referenced(d, 'footer', 'first');
    expect(first(first(firstFooter, 'w:pBdr'), 'w:top').attrs).toMatchObject({ 'w:val': 'thickThinSmallGap', 'w:color': 'E60012' });
    expect(partText(firstFooter)).not.toMatch(/—/);
    expect(firstFooter.children.length).toBeGreaterThan(0);
    expect(all(firstFooter, 'w:instrText')).toHaveLength(0);

    // pages 2…: — n — (odd pages on the right, even on the left)
    for (const [type, jc] of [['default', 'right'], ['even', 'left']] as const) {
      const footer = referenced(d, 'footer', type);
      expect(partText(footer)).toBe('—  —');
      expect(all(footer, 'w:instrText').map((e) => e.children.join('')).join('')).toMatch(/PAGE/);
      expect(first(footer, 'w:jc').attrs['w:val']).toBe(jc);
    }
    // the number flush right; the title centred
    const paras = all(d.body, 'w:p');
    const num = paras.find((p) => paragraphText(p) === letterSample.number)!;
    const title = paras.find((p) => paragraphText(p) === letterSample.title)!;
    const styleOf = (p: El) => all(d.xml['word/styles.xml'], 'w:style').find((s) => s.attrs['w:styleId'] === first(p, 'w:pStyle')?.attrs['w:val'])!;
    expect(first(styleOf(num), 'w:jc').attrs['w:val']).toBe('right');
    expect(first(styleOf(title), 'w:jc').attrs['w:val']).toBe('center');
    expect(first(styleOf(title), 'w:rFonts').attrs['w:eastAsia']).toBe('方正小标宋简体');
    expect(first(styleOf(title), 'w:sz').attrs['w:val']).toBe('44');
    const h1 = paras.find((p) => paragraphText(p) === '一、调查核实情况')!;
    const h2 = paras.find((p) => paragraphText(p) === '（一）处理依据')!;
    expect(first(styleOf(h1), 'w:rFonts').attrs['w:eastAsia']).toBe('黑体');
    expect(first(styleOf(h2), 'w:rFonts').attrs['w:eastAsia']).toBe('楷体_GB2312');
  });

  it('every style a part names is defined; the title keeps its exact pitch off the grid', async () => {
    for (const doc of [letterSample, formSample, processSample, { ...letterSample, preview: true }]) {
      const d = await open(doc);
      const defined = new Set(all(d.xml['word/styles.xml'], 'w:style').map((s) => s.attrs['w:styleId']));
      for (const [path, el] of Object.entries(d.xml)) {
        for (const ref of [...all(el, 'w:pStyle'), ...all(el, 'w:rStyle'), ...all(el, 'w:tblStyle')]) expect(defined, `${path}: ${ref.attrs['w:val']}`).toContain(ref.attrs['w:val']);
      }
    }
    const d = await open(letterSample);
    const title = all(d.xml['word/styles.xml'], 'w:style').find((s) => s.attrs['w:styleId'] === 'PaperTitle')!;
    expect(first(title, 'w:snapToGrid').attrs['w:val']).toBe('0');
    expect(first(title, 'w:spacing').attrs).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(all(d.xml['word/styles.xml'], 'w:docDefaults')).toHaveLength(1);
  });

  it('the signature never stands alone: the last paragraph is kept whole with the office name and date', async () => {
    const d = await open(letterSample);
    const paras = all(d.body, 'w:p');
    const lastBody = (letterSample.blocks.at(-1) as { text: string }).text;
    const i = paras.findIndex((p) => paragraphText(p) === lastBody);
    const name = paras.findIndex((p) => paragraphText(p) === letterSample.signature!.office);
    expect(i).toBeGreaterThan(-1);
    expect(name).toBe(i + 1);
    expect(first(paras[i], 'w:keepNext')).toBeDefined();
    expect(first(paras[i], 'w:keepLines')).toBeDefined();
    const styles = all(d.xml['word/styles.xml'], 'w:style');
    const sig = styles.find((s) => s.attrs['w:styleId'] === first(paras[name], 'w:pStyle').attrs['w:val'])!;
    expect(first(sig, 'w:keepNext')).toBeDefined();
    // the date on the line after the name, the contact note after the date
    expect(paragraphText(paras[name + 1])).toBe(letterSample.signature!.date);
    expect(paragraphText(paras[name + 2])).toBe(letterSample.contact);
  });

  it('the body face and language: Normal is 仿宋_GB2312 16 pt, zh-CN, first line indented 2 characters, a small negative spacing', async () => {
    const d = await open(letterSample);
    const styles = d.xml['word/styles.xml'];
    const normal = all(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Normal')!;
    expect(first(normal, 'w:sz').attrs['w:val']).toBe('32');
    expect(first(normal, 'w:rFonts').attrs['w:eastAsia']).toBe('仿宋_GB2312');
    expect(first(normal, 'w:lang').attrs).toMatchObject({ 'w:val': 'zh-CN', 'w:eastAsia': 'zh-CN' });
    expect(first(normal, 'w:ind').attrs['w:firstLineChars']).toBe('200');
    expect(Number(first(first(normal, 'w:rPr'), 'w:spacing').attrs['w:val'])).toBeLessThan(0);
    const defaults = first(styles, 'w:docDefaults');
    expect(first(defaults, 'w:lang').attrs['w:eastAsia']).toBe('zh-CN');
    // no automatic space between Chinese and figures / Latin text: 2026年11月3日 as in the PDF
    expect(first(defaults, 'w:autoSpaceDE').attrs['w:val']).toBe('0');
    expect(first(defaults, 'w:autoSpaceDN').attrs['w:val']).toBe('0');
    expect(first(defaults, 'w:sz').attrs['w:val']).toBe('32');
    // the office fonts have a stand-in every Chinese Windows has
    const fonts = all(d.xml['word/fontTable.xml'], 'w:font');
    const alt = (name: string) => first(fonts.find((f) => f.attrs['w:name'] === name)!, 'w:altName')?.attrs['w:val'];
    expect(alt('仿宋_GB2312')).toBe('仿宋');
    expect(alt('楷体_GB2312')).toBe('楷体');
    expect(alt('方正小标宋简体')).toBe('宋体');
  });

  it('document properties: title, creator, subject, escaped, control characters dropped; no clock in the file', async () => {
    const doc: PaperDocument = { ...letterSample, info: { title: '关于A&B <c> "d"\u0001 的答复函', author: '某中心 & <办公室>', subject: '答复函' } };
    const d = await open(doc);
    const core = d.xml['docProps/core.xml'];
    const text = (name: string) => first(core, name).children.join('');
    expect(text('dc:title')).toBe('关于A&B <c> "d" 的答复函');
    expect(text('dc:creator')).toBe('某中心 & <办公室>');
    expect(text('dc:subject')).toBe('答复函');
    expect(all(core, 'dcterms:created')).toHaveLength(0);
  });

  it('rare name characters and & < > come back exactly, control characters are dropped', async () => {
    const doc: PaperDocument = {
      ...letterSample,
      recipient: `${RARE.join('')}同志：`,
      blocks: [
        { kind: 'paragraph', text: `诉求人：${RARE.join('、')}。A&B <c> "d" 'e' &amp;` },
        { kind: 'paragraph', text: '这里有一个控制字符\u0001和一个\u000b垂直制表符。' },
      ],
    };
    const d = await open(doc);
    expect(d.text).toContain(`${RARE.join('')}同志：`);
    expect(d.text).toContain(`诉求人：${RARE.join('、')}。A&B <c> "d" 'e' &amp;`);
    expect(d.text).toContain('这里有一个控制字符和一个垂直制表符。');
    expect(d.files['word/document.xml']).toContain('A&amp;B &lt;c&gt;');
  });

  it('a long letter flows over pages with the same furniture; 抄送 sits at the foot of the last page', async () => {
    const d = await open(longLetterSample);
    for (const t of expectedTexts(longLetterSample)) expect(d.text, t).toContain(t);
    // a two-line 抄送: two paragraphs in one frame at the foot of the last page, the first kept with the second
    const paras = all(d.body, 'w:p').filter((p) => paragraphText(p).length > 0);
    const cc = longLetterSample.copyTo!.split('\n');
    expect(paras.slice(-2).map(paragraphText)).toEqual(cc);
    for (const p of paras.slice(-2)) expect(first(p, 'w:framePr').attrs).toMatchObject({ 'w:yAlign': 'bottom', 'w:vAnchor': 'margin' });
    expect(first(paras.at(-2)!, 'w:keepNext').attrs['w:val']).not.toBe('false');
    // a wrapped line of the first runs on under the text after 「抄送：」 (3 characters of 14 pt), one character in
    expect(first(paras.at(-2)!, 'w:ind').attrs).toMatchObject({ 'w:left': String(280 + 840), 'w:hanging': '840' });
    expect(first(paras.at(-1)!, 'w:ind').attrs).toMatchObject({ 'w:left': '280' });
  });

  it('a form: officeName and title, the register number, a bordered table of fields, notes across, signature lines', async () => {
    const d = await open(formSample);
    for (const t of expectedTexts(formSample)) expect(d.text, t).toContain(t);
    expect(d.text).toContain(`登记编号：${formSample.number}`);
    const tables = all(d.body, 'w:tbl');
    expect(tables).toHaveLength(1);
    const rows = all(tables[0], 'w:tr');
    const fields = formSample.blocks.filter((b) => b.kind === 'field' || b.kind === 'note');
    expect(rows).toHaveLength(fields.length);
    // a field: label | value; a note spans both columns
    rows.forEach((row, i) => {
      const cells = all(row, 'w:tc');
      const b = fields[i];
      if (b.kind === 'field') expect(cells.map((c) => partText(c))).toEqual([b.label, b.value]);
      else {
        expect(cells).toHaveLength(1);
        expect(first(cells[0], 'w:gridSpan').attrs['w:val']).toBe('2');
      }
      for (const c of cells) expect(first(first(c, 'w:tcBorders'), 'w:top').attrs['w:val']).toBe('single');
    });
    // a value with a line break keeps it
    expect(d.text).toContain('调查核实并一次性告知所需材料\n对相关人员严肃处理');
    // the signature lines: each label followed by an underlined blank
    const sig = all(d.body, 'w:p').find((p) => paragraphText(p).startsWith('投诉人签名：'))!;
    expect(paragraphText(sig)).toMatch(/^投诉人签名：\u3000+\u3000\u3000登记人：\u3000+\u3000\u3000日期：\u3000+$/);
    expect(all(sig, 'w:u').length).toBe(3);
  });

  it('a preview says so on every page (boxed corner mark and a faint diagonal watermark); an issued paper does not', async () => {
    const preview = await open({ ...letterSample, preview: true, number: null });
    for (const type of ['first', 'default', 'even'] as const) {
      const header = referenced(preview, 'header', type);
      const mark = all(header, 'w:p').find((p) => paragraphText(p) === '预览 · 未签发')!;
      expect(mark, type).toBeDefined();
      // 10 mm from the top and right edges of the page, outside the flow (the letterhead stays 30 mm down)
      expect(first(mark, 'w:framePr').attrs).toMatchObject({ 'w:hAnchor': 'page', 'w:vAnchor': 'page', 'w:y': '567' });
      expect(first(mark, 'w:bdr').attrs['w:color']).toBe('C00000');
      expect(all(header, 'v:textpath').map((t) => t.attrs.string).filter(Boolean)).toEqual(['预览 · 未签发']);
    }
    // the number not given yet: the grey 〔签发时编号〕 in its place, as in the PDF
    expect(preview.text).toContain('〔签发时编号〕');
    expect(preview.text).not.toMatch(/〔2026〕/);
    const issued = await open(letterSample);
    expect(headerFooterText(issued)).not.toContain('预览');
    expect(issued.files['word/header1.xml'] + issued.files['word/header2.xml']).not.toContain('textpath');
    const form = await open(formSample);
    expect(partText(referenced(form, 'header', 'default'))).toContain('预览 · 未签发');
    const formIssued = await open({ ...formSample, preview: false, number: null });
    expect(formIssued.text).not.toContain('登记编号');
    const formPending = await open({ ...formSample, number: null });
    expect(formPending.text).toContain('登记编号：（签发时生成）');
  });

  it('a letter has no tables, as in the PDF: a field is 「标签：值」, a table row its cells in one line', async () => {
    const d = await open({
      ...letterSample,
      blocks: [
        { kind: 'field', label: '登记编号', value: 'TS-2026-0015' },
        { kind: 'table', columns: ['日期', '内容'], rows: [['2026年11月3日', '登记']] },
        { kind: 'note', text: '第一行\n第二行' },
      ],
    });
    expect(all(d.body, 'w:tbl')).toHaveLength(0);
    const texts = all(d.body, 'w:p').map(paragraphText);
    expect(texts).toContain('登记编号：TS-2026-0015');
    expect(texts).toContain('日期：2026年11月3日；内容：登记');
    expect(texts).toEqual(expect.arrayContaining(['第一行', '第二行']));
  });

  it('a form: the PDF margins, no grid, page numbers 第 n 页 共 m 页 on every page', async () => {
    const d = await open(formSample);
    const sect = first(d.body, 'w:sectPr');
    // 20 / 25 / 22 / 20 mm
    expect(first(sect, 'w:pgMar').attrs).toMatchObject({ 'w:top': '1134', 'w:left': '1417', 'w:bottom': '1247', 'w:right': '1134' });
    expect(all(sect, 'w:docGrid').every((g) => g.attrs['w:type'] === undefined)).toBe(true);
    const footer = referenced(d, 'footer', 'default');
    expect(partText(footer)).toBe('第  页  共  页');
    expect(all(footer, 'w:instrText').map((e) => e.children.join('').trim())).toEqual(['PAGE', 'NUMPAGES']);
  });

  it('the process table: its own table, header row repeated on every page, every row', async () => {
    const d = await open(processSample);
    for (const t of expectedTexts(processSample)) expect(d.text, t).toContain(t);
    const tables = all(d.body, 'w:tbl');
    // the fields table and the process table stay two tables (adjacent tables would merge, losing the header row)
    expect(tables).toHaveLength(2);
    const table = processSample.blocks.find((b) => b.kind === 'table')!;
    const rows = all(tables[1], 'w:tr');
    expect(rows).toHaveLength(table.rows.length + 1);
    expect(first(rows[0], 'w:tblHeader')).toBeDefined();
    expect(all(rows[0], 'w:tc').map(partText)).toEqual(table.columns);
    expect(all(rows[1], 'w:tc').map(partText)).toEqual(table.rows[0]);
    expect(all(rows[1], 'w:tblHeader')).toHaveLength(0);
    // the widths fill the type area; 内容 gets the most
    const grid = all(first(tables[1], 'w:tblGrid'), 'w:gridCol').map((g) => Number(g.attrs['w:w']));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1417 - 1134);
    expect(Math.max(...grid)).toBe(grid[2]);
  });

  it('very long text flows: a long field or note row may break across pages, a short one stays whole', async () => {
    const long = '诉求人反映其多次往返窗口办理业务未果。'.repeat(200);
    const d = await open({ ...formSample, blocks: [{ kind: 'field', label: '诉求人', value: '王䶮' }, { kind: 'note', text: long }, { kind: 'field', label: '诉求内容', value: long }] });
    const rows = all(first(d.body, 'w:tbl'), 'w:tr');
    expect(rows.map((r) => all(r, 'w:cantSplit').length)).toEqual([1, 0, 0]);
    expect(d.text).toContain(long);
  });

  it('a long office name shrinks to the 170 mm of the rules (26 pt at most)', async () => {
    const sizeOf = async (officeName: string) => {
      const d = await open({ ...letterSample, officeName });
      const head = all(referenced(d, 'header', 'first'), 'w:p').find((p) => paragraphText(p) === officeName)!;
      return Number(first(head, 'w:sz').attrs['w:val']) / 2;
    };
    expect(await sizeOf('某县政务服务中心')).toBe(26);
    const name = '某某省某某市某某区人民政府政务服务管理办公室投诉受理中心';
    const size = await sizeOf(name);
    expect(size).toBeLessThan(26);
    // 170 mm = 481.9 pt
    expect([...name].length * size).toBeLessThanOrEqual(481.9);
  });

  it('an empty process table says so instead of leaving a bare header', async () => {
    const d = await open({ ...processSample, blocks: [{ kind: 'table', columns: ['日期', '环节', '内容', '经办人'], rows: [] }] });
    expect(d.text).toContain('（无）');
  });

  it('column widths: short columns get what they need, long ones share the rest, all add up', () => {
    const w = columnWidths(['日期', '环节', '内容', '经办人'], [['2026年11月24日', '受理', '很长'.repeat(30), '李明']], 8845);
    expect(w.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(w[2]).toBeGreaterThan(w[0] + w[1] + w[3]);
    // 7 characters of date at 10.5 pt, the figures' extra width, the automatic spacing and the cell's margins
    expect(w[0]).toBeGreaterThanOrEqual(7 * 210 + 200);
    // many long columns: shrink in proportion, still the whole width
    const many = columnWidths(['a', 'b', 'c', 'd', 'e', 'f'], [Array(6).fill('很长的内容'.repeat(10))], 8845);
    expect(many.reduce((a, b) => a + b, 0)).toBe(8845);
  });

  it('every paper type, composed from its default template for one person, a group and an anonymous complaint, issued and as a preview', async () => {
    for (const type of PAPER_TYPES) {
      for (const shape of ['single', 'group', 'anonymous'] as SampleShape[]) {
        for (const preview of [false, true]) {
          const { document } = composePaper({
            type,
            template: DEFAULT_TEMPLATES[type],
            model: sampleModel(type, shape),
            fillIns: { 调查核实情况: '经调取窗口录像核实，情况属实。', 督办要求: '请于3个工作日内办结并报送结果。' },
            number: preview ? null : type === 'reply' ? '某政服诉复〔2026〕15号' : 'TS-2026-000015',
            officeName: '某县人民政府政务服务中心',
            signatureDate: '2026年11月24日',
            preview,
          });
          const d = await open(document);
          const where = `${type} ${shape} ${preview ? 'preview' : 'issued'}`;
          for (const t of expectedTexts(document)) expect(d.text, `${where}: ${t}`).toContain(t);
          expect(d.text, where).not.toMatch(/undefined|null|\{|\}/);
          expect(all(d.body, 'w:sectPr'), where).toHaveLength(1);
          if (document.layout === 'letter') expect(partText(referenced(d, 'header', 'first')), where).toContain(document.officeName);
        }
      }
    }
  }, 120_000);

  it('exports the Word MIME type', () => {
    expect(DOCX_MIME).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
});

// ---- LibreOffice opens it (required in CI; run wherever soffice is installed) ----
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim() || null;
const inCi = Boolean(process.env.CI);

describe.skipIf(!soffice && !inCi)('LibreOffice', () => {
  it('converts the letter to PDF with the text intact, page 1 without a number and page 2 with — 2 —', async () => {
    if (!soffice) throw new Error('CI: soffice is missing (.ci/prepare installs libreoffice-writer-nogui), so the Word file was not checked');
    const dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
    try {
      writeFileSync(join(dir, 'letter.docx'), await renderDocx(letterSample));
      // its own profile (parallel runs do not share one) and the faces the PDF uses for the office's font names
      execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'letter.docx')], {
        env: { ...process.env, FONTCONFIG_FILE: resolve(__dirname, 'fontconfig/fonts.conf') },
        stdio: 'pipe',
        timeout: 120_000,
      });
      const pdf = join(dir, 'letter.pdf');
      const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages).toBe(2);
      const text = page(1) + page(2);
      for (const t of expectedTexts(letterSample)) expect(text, t).toContain(t.replace(/\s+/g, ''));
      expect(page(1)).not.toMatch(/—1—/);
      expect(page(2)).toMatch(/—2—/);
      // LibreOffice found a Chinese face for the office's fonts
      expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/NotoSerifSC|SourceHanSans/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
