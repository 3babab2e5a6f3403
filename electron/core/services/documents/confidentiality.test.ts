import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePaper } from '../../../../templates/papers/compose';
import { PAPER_TYPES, PAPER_TYPE_INFO, type PaperType } from '../../../../templates/papers/catalogue';
import { DEFAULT_TEMPLATES } from '../../../../templates/papers/defaults';
import type { PaperDocument } from '../../../../templates/papers/paper-document';
import { renderPdf } from '../../../../templates/pdf/render-pdf';
import { paperAllowed } from '../../domain/papers';
import type { Actor } from '../../session';
import { must } from '../../testing';
import { seedPaperRegister, type PaperRegister, type Person, type SeededCase } from './fixtures/paper-register';
import { loadPaperModel, paperDate } from './view-model';

/**
 * The confidentiality scan (issue 8 item 9, SPEC8 §6). For a seeded register (confidential and ordinary cases,
 * anonymous, groups, rare name characters, accounts that repeat the name and phone), the papers are issued
 * with no gap left, rendered to PDF and Word, and the text that pdftotext and the docx give back is scanned for
 * every complainant's name, phone, ID number, address and employer (digits also without separators):
 * department papers (转办单, 督办通知) never hold any of it, internal papers of a confidential case neither,
 * and a paper whose audience is entitled names its complainant. No issued paper shows `undefined`, `null`,
 * placeholder braces or an unfilled gap.
 * - Through the core's channels (papers/prepare → papers/issue → papers/pdf, papers/docx): each type for a
 *   confidential and an ordinary case.
 * - Every allowed type × case (the whole product): composed from the default template and scanned as drawn, and
 *   rendered as two batch PDFs (a render per paper would take minutes on the shared machine).
 */
let reg: PaperRegister;
let supervisor: Actor;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paper-scan-'));
  reg = await seedPaperRegister({ papersRoot: join(dir, 'store') });
  supervisor = { id: reg.userIds.supervisor, username: 'supervisor', displayName: '赵主任', role: 'supervisor', staffId: null };
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text pdftotext gives back of a PDF. */
function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text of a Word file's body: its runs, a paragraph a line, entities decoded. */
function wordText(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.docx`);
  writeFileSync(file, bytes);
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Whitespace goes (a line may break inside a name); for digits, the separators a phone is written with go too. */
const compact = (s: string) => s.replace(/\s+/g, '');
const digitsOnly = (s: string) => compact(s).replace(/[-－—–·.()（）]/g, '').toUpperCase();

/** Which of a person's identity values a text holds. */
function identityIn(text: string, p: Person): string[] {
  const t = compact(text);
  const d = digitsOnly(text);
  const found: string[] = [];
  for (const v of [p.name, p.address, p.employer]) if (Array.from(v).length >= 2 && t.includes(compact(v))) found.push(v);
  for (const v of [p.phone, p.idNumber]) if (v !== '' && (t.includes(compact(v)) || d.includes(digitsOnly(v)))) found.push(v);
  return found;
}

const RAW = ['undefined', 'null', '{', '}', '〔待填写'];
const rawIn = (text: string) => RAW.filter((x) => text.includes(x));

/** Whether a paper of this audience may carry this case's identity in full. */
const entitled = (type: PaperType, c: SeededCase) => {
  const audience = PAPER_TYPE_INFO[type].audience;
  return audience === 'complainant' || (audience === 'internal' && !c.confidential);
};
/** Whether the type's default template prints the (first) complainant's name at all. */
const namesComplainant = (type: PaperType) => /\{(诉求人姓名|#诉求人\}[\s\S]*?\{姓名)\}/.test(Object.values(DEFAULT_TEMPLATES[type]).join('\n'));
const everyone = () => reg.cases.flatMap((c) => c.people);

/** The identities a paper must not hold: everyone's, or on an entitled paper everyone's but its own case's. */
const strangersTo = (type: PaperType, c: SeededCase) => (entitled(type, c) ? everyone().filter((x) => !c.people.includes(x)) : everyone());

/** Checks one paper's text; `label` says which in a failure. */
function scan(text: string, type: PaperType, c: SeededCase, format: string): void {
  const label = { case: c.key, type, format };
  expect({ ...label, raw: rawIn(text) }).toEqual({ ...label, raw: [] });
  expect({ ...label, identity: strangersTo(type, c).flatMap((x) => identityIn(text, x)) }).toEqual({ ...label, identity: [] });
  if (entitled(type, c) && !c.anonymous && namesComplainant(type)) {
    expect({ ...label, named: compact(text).includes(compact(c.people[0].name)) }).toEqual({ ...label, named: true });
  }
}

/** Every string a composed paper holds (its values, not its keys). */
const textsOf = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(textsOf) : v !== null && typeof v === 'object' ? Object.values(v).flatMap(textsOf) : [];

async function allowedPairs(): Promise<Array<{ c: SeededCase; type: PaperType }>> {
  const pairs: Array<{ c: SeededCase; type: PaperType }> = [];
  for (const c of reg.cases) {
    for (const type of PAPER_TYPES) {
      const { caseState } = await loadPaperModel(reg.core.db, { caseId: c.detail.id, type, actor: supervisor, now: reg.clock.now });
      if (paperAllowed(type, caseState) === null) pairs.push({ c, type });
    }
  }
  return pairs;
}

/** What the case leaves open is typed in, as the person issuing would: never anything of the identity. */
const fillInsFor = (missing: ReadonlyArray<{ name: string }>) => Object.fromEntries(missing.map((m) => [m.name, `经办人补填的${m.name}`]));

describe('papers and the complainant identity', () => {
  it('every type is allowed for a confidential and an ordinary seeded case', async () => {
    const pairs = await allowedPairs();
    for (const type of PAPER_TYPES) {
      const of = pairs.filter((p) => p.type === type);
      expect({ type, confidential: of.some((p) => p.c.confidential), ordinary: of.some((p) => !p.c.confidential) }).toEqual({ type, confidential: true, ordinary: true });
    }
  });

  it('issued through the core (PDF as stored, Word rebuilt): each type for a confidential and an ordinary case', async () => {
    const pairs = await allowedPairs();
    const chosen = pairs.filter((p, i) => pairs.findIndex((q) => q.type === p.type && q.c.confidential === p.c.confidential) === i);
    expect(chosen.length).toBe(2 * PAPER_TYPES.length);
    for (const { c, type } of chosen) {
      const draft = must(await reg.core.call('papers/prepare', { caseId: c.detail.id, type }, reg.as.supervisor));
      const fillIns = fillInsFor(draft.missing);
      const paper = must(await reg.core.call('papers/issue', { caseId: c.detail.id, type, fillIns }, reg.as.supervisor));
      const pdf = must(await reg.core.call('papers/pdf', { paperId: paper.id }, reg.as.supervisor));
      const docx = must(await reg.core.call('papers/docx', { paperId: paper.id }, reg.as.supervisor));
      scan(pdfText(pdf.bytes, `${c.key}-${type}`), type, c, 'pdf');
      scan(wordText(docx.bytes, `${c.key}-${type}`), type, c, 'docx');
    }
  }, 180_000);

  it('every allowed type × case: nothing of the identity drawn where not entitled, in the composed paper and its PDF', async () => {
    const issued: Array<{ c: SeededCase; type: PaperType; document: PaperDocument }> = [];
    for (const { c, type } of await allowedPairs()) {
      const { model, registerNo } = await loadPaperModel(reg.core.db, { caseId: c.detail.id, type, actor: supervisor, now: reg.clock.now });
      const info = PAPER_TYPE_INFO[type];
      const base = {
        type, template: DEFAULT_TEMPLATES[type], model, number: info.numbered ? `测政服${info.typeWord}〔2026〕7号` : registerNo,
        officeName: String(model.单位名称), signatureDate: paperDate('2026-04-01')!, preview: false,
      };
      const { document, missing } = composePaper({ ...base, fillIns: fillInsFor(composePaper({ ...base, fillIns: {} }).missing) });
      expect({ type, missing }).toEqual({ type, missing: [] });
      // What the layouts draw: every text exactly (a PDF table cell may wrap a value with other text in between).
      scan(textsOf(document).join('\n'), type, c, 'document');
      issued.push({ c, type, document });
    }
    // The papers that may hold no identity at all (department papers, internal papers of confidential cases) as one
    // PDF scanned for everyone's; the entitled ones as another, each naming its own complainant.
    const closed = issued.filter((p) => !entitled(p.type, p.c));
    const open = issued.filter((p) => entitled(p.type, p.c));
    expect(closed.filter((p) => PAPER_TYPE_INFO[p.type].audience === 'department').length).toBeGreaterThanOrEqual(8);
    const closedText = pdfText(await renderPdf(closed.map((p) => p.document)), 'closed');
    expect(rawIn(closedText)).toEqual([]);
    expect(everyone().flatMap((x) => identityIn(closedText, x))).toEqual([]);
    for (const p of closed) expect(compact(closedText)).toContain(compact(p.document.title));
    const openText = pdfText(await renderPdf(open.map((p) => p.document)), 'open');
    expect(rawIn(openText)).toEqual([]);
    for (const p of open.filter((x) => !x.c.anonymous && namesComplainant(x.type))) {
      expect({ case: p.c.key, type: p.type, named: compact(openText).includes(compact(p.c.people[0].name)) }).toEqual({ case: p.c.key, type: p.type, named: true });
    }
    // Rare characters come back exactly (no tofu, no look-alike).
    for (const ch of ['䶮', '𠮷', '堃', '赟', '昇']) expect(openText).toContain(ch);
  }, 120_000);
});
