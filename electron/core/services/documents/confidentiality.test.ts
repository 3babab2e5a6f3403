import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../../../templates/docx/render-docx';
import { composePaper } from '../../../../templates/papers/compose';
import { PAPER_TYPES, PAPER_TYPE_INFO, type PaperType } from '../../../../templates/papers/catalogue';
import { DEFAULT_TEMPLATES } from '../../../../templates/papers/defaults';
import type { PaperDocument } from '../../../../templates/papers/paper-document';
import { renderPdf } from '../../../../templates/pdf/render-pdf';
import { paperAllowed } from '../../domain/papers';
import type { Actor } from '../../session';
import { seedPaperRegister, type PaperRegister, type Person, type SeededCase } from './fixtures/paper-register';
import { loadPaperModel, paperDate } from './view-model';

/**
 * The confidentiality scan (issue 8 item 9, SPEC8 §6): every paper type that a seeded case allows is issued
 * (no gaps left), rendered to PDF and to Word, and the text pdftotext and the docx give back is scanned for
 * every complainant's name, phone, ID number, address and employer (and the digits without separators).
 * Department papers (转办单, 督办通知) never hold any of it; internal papers of a confidential case neither;
 * the identity is on a paper only where its audience is entitled to it. And no issued paper shows
 * `undefined`, `null`, placeholder braces or an unfilled gap.
 */
let reg: PaperRegister;
let supervisor: Actor;
let dir: string;

beforeAll(async () => {
  reg = await seedPaperRegister();
  supervisor = { id: reg.userIds.supervisor, username: 'supervisor', displayName: '赵主任', role: 'supervisor', staffId: null };
  dir = mkdtempSync(join(tmpdir(), 'paper-scan-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Issued { c: SeededCase; type: PaperType; document: PaperDocument }

/** The paper issued for a case as the supervisor would issue it: composed from the default template, gaps filled in. */
async function compose(c: SeededCase, type: PaperType): Promise<Issued> {
  const { model, registerNo } = await loadPaperModel(reg.core.db, { caseId: c.detail.id, type, actor: supervisor, now: reg.clock.now });
  const info = PAPER_TYPE_INFO[type];
  const base = {
    type, template: DEFAULT_TEMPLATES[type], model, number: info.numbered ? `测政服${info.typeWord}〔2026〕7号` : registerNo,
    officeName: String(model.单位名称), signatureDate: paperDate('2026-04-01')!, preview: false,
  };
  const first = composePaper({ ...base, fillIns: {} });
  // What the case leaves open is typed in, as the person issuing would (never anything of the identity).
  const fillIns = Object.fromEntries(first.missing.map((m) => [m.name, `经办人补填的${m.name}`]));
  const { document, missing } = composePaper({ ...base, fillIns });
  expect({ type, missing }).toEqual({ type, missing: [] });
  return { c, type, document };
}

/** The text pdftotext gives back of a PDF. */
function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text of a Word file's body. */
function wordText(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.docx`);
  writeFileSync(file, bytes);
  return docxText(execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** The text runs of a Word document, paragraphs on their own lines, entities decoded. */
function docxText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Whitespace goes (a line may break inside a name); for digits, the separators a phone is written with go too. */
const compact = (s: string) => s.replace(/\s+/g, '');
const digitsOnly = (s: string) => compact(s).replace(/[-－—–·.()（）]/g, '');

/** Which of a person's identity values a text holds. */
function identityIn(text: string, p: Person): string[] {
  const t = compact(text);
  const d = digitsOnly(text);
  const found: string[] = [];
  for (const v of [p.name, p.address, p.employer]) if (Array.from(v).length >= 2 && t.includes(compact(v))) found.push(v);
  for (const v of [p.phone, p.idNumber]) {
    if (v === '') continue;
    if (t.includes(compact(v)) || d.includes(digitsOnly(v)) || d.toUpperCase().includes(digitsOnly(v).toUpperCase())) found.push(v);
  }
  return found;
}

/** Whether a paper of this audience may carry the identity of this case in full. */
const entitled = (type: PaperType, c: SeededCase) => {
  const audience = PAPER_TYPE_INFO[type].audience;
  return audience === 'complainant' || (audience === 'internal' && !c.confidential);
};
/** Whether the type's default template prints the (first) complainant's name at all. */
const namesComplainant = (type: PaperType) => /\{(诉求人姓名|#诉求人\}[\s\S]*?\{姓名)\}/.test(Object.values(DEFAULT_TEMPLATES[type]).join('\n'));

describe('papers and the complainant identity', () => {
  it('every type is allowed for a confidential and an ordinary seeded case', async () => {
    for (const type of PAPER_TYPES) {
      const allowedFor = [];
      for (const c of reg.cases) {
        const { caseState } = await loadPaperModel(reg.core.db, { caseId: c.detail.id, type, actor: supervisor, now: reg.clock.now });
        if (paperAllowed(type, caseState) === null) allowedFor.push(c.confidential);
      }
      expect({ type, confidential: allowedFor.includes(true), ordinary: allowedFor.includes(false) }).toEqual({ type, confidential: true, ordinary: true });
    }
  });

  it('scans every allowed type × case, PDF and Word: no identity where not entitled, present where it is, no raw placeholders', async () => {
    const issued: Issued[] = [];
    for (const c of reg.cases) {
      for (const type of PAPER_TYPES) {
        const { caseState } = await loadPaperModel(reg.core.db, { caseId: c.detail.id, type, actor: supervisor, now: reg.clock.now });
        if (paperAllowed(type, caseState) === null) issued.push(await compose(c, type));
      }
    }
    // Every type at least twice (a confidential and an ordinary case).
    for (const type of PAPER_TYPES) {
      const of = issued.filter((p) => p.type === type);
      expect({ type, confidential: of.some((p) => p.c.confidential), ordinary: of.some((p) => !p.c.confidential) }).toEqual({ type, confidential: true, ordinary: true });
    }
    const everyone = reg.cases.flatMap((c) => c.people);
    const rawIn = (text: string) => ['undefined', 'null', '{', '}', '〔待填写'].filter((x) => text.includes(x));

    // Word: each paper on its own.
    for (const p of issued) {
      const text = wordText(await renderDocx(p.document), `${p.c.key}-${p.type}`);
      const label = { case: p.c.key, type: p.type, format: 'docx' };
      expect({ ...label, raw: rawIn(text) }).toEqual({ ...label, raw: [] });
      const seen = (entitled(p.type, p.c) ? everyone.filter((x) => !p.c.people.includes(x)) : everyone).flatMap((x) => identityIn(text, x));
      expect({ ...label, identity: seen }).toEqual({ ...label, identity: [] });
      if (entitled(p.type, p.c) && !p.c.anonymous && namesComplainant(p.type)) {
        expect({ ...label, name: compact(text).includes(compact(p.c.people[0].name)) }).toEqual({ ...label, name: true });
      }
    }

    // PDF: the papers that may hold no identity at all (department papers, internal papers of confidential cases)
    // as one batch, scanned for everyone's; the entitled ones as another, each naming its own complainant.
    const closed = issued.filter((p) => !entitled(p.type, p.c));
    const open = issued.filter((p) => entitled(p.type, p.c));
    expect(closed.filter((p) => PAPER_TYPE_INFO[p.type].audience === 'department').length).toBeGreaterThanOrEqual(4);
    const closedText = pdfText(await renderPdf(closed.map((p) => p.document)), 'closed');
    expect(rawIn(closedText)).toEqual([]);
    expect(everyone.flatMap((x) => identityIn(closedText, x))).toEqual([]);
    for (const p of closed) expect(compact(closedText)).toContain(compact(p.document.title));
    const openText = pdfText(await renderPdf(open.map((p) => p.document)), 'open');
    expect(rawIn(openText)).toEqual([]);
    for (const p of open.filter((x) => !x.c.anonymous && namesComplainant(x.type))) {
      expect({ case: p.c.key, type: p.type, name: compact(openText).includes(compact(p.c.people[0].name)) }).toEqual({ case: p.c.key, type: p.type, name: true });
    }
    // Rare characters come back exactly (no tofu, no substitutes).
    for (const ch of ['䶮', '𠮷', '堃', '赟', '昇']) expect(openText).toContain(ch);
  }, 120_000);
});
