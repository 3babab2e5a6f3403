import { Fragment, memo, type ReactNode } from 'react';
import type { PaperBlock, PaperDocument } from '../api/core';
import './paper-preview.css';

/** How composePaper writes a gap in a preview: 〔待填写：调查核实情况〕. */
const GAP = /〔待填写：([^〕]+)〕/g;

/** The text with each gap marked (yellow, named), line breaks kept. */
export function withGaps(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(GAP)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <mark key={at} className="paper-gap" data-gap={m[1]}>
        {m[0]}
      </mark>,
    );
    last = at + m[0].length;
  }
  if (last === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The gaps a document still shows, by name, in order of first appearance. */
export function gapsIn(doc: PaperDocument): string[] {
  const texts: string[] = [doc.title, doc.recipient ?? '', doc.contact ?? '', doc.copyTo ?? ''];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading1' || b.kind === 'heading2' || b.kind === 'note') texts.push(b.text);
    else if (b.kind === 'field') texts.push(b.label, b.value);
    else if (b.kind === 'table') texts.push(...b.columns, ...b.rows.flat());
    else texts.push(...b.labels);
  }
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(GAP)) names.add(m[1]);
  return [...names];
}

function LetterBlock({ block }: { block: PaperBlock }) {
  switch (block.kind) {
    case 'paragraph':
      return <p className="paper-p">{withGaps(block.text)}</p>;
    case 'heading1':
      return <p className="paper-h1">{withGaps(block.text)}</p>;
    case 'heading2':
      return <p className="paper-h2">{withGaps(block.text)}</p>;
    case 'field':
      return (
        <p className="paper-p">
          {withGaps(block.label)}：{withGaps(block.value)}
        </p>
      );
    case 'note':
      return <p className="paper-p">{withGaps(block.text)}</p>;
    case 'table':
      return <PaperTable block={block} />;
    case 'signatures':
      return <Signatures labels={block.labels} />;
  }
}

function PaperTable({ block }: { block: Extract<PaperBlock, { kind: 'table' }> }) {
  return (
    <table className="paper-table paper-data">
      <thead>
        <tr>
          {block.columns.map((c, i) => (
            <th key={i}>{withGaps(c)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) => (
              <td key={i}>{withGaps(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Signatures({ labels }: { labels: string[] }) {
  return (
    <div className="paper-signatures">
      {labels.map((l, i) => (
        <span key={i} className="paper-signature-line">
          {withGaps(l)}：<span className="paper-sign-blank" />
        </span>
      ))}
    </div>
  );
}

/** A form's blocks: consecutive field / note rows in one bordered table, tables and signatures between them. */
function FormBlocks({ blocks }: { blocks: PaperBlock[] }) {
  const out: ReactNode[] = [];
  let rows: ReactNode[] = [];
  const flush = (key: number) => {
    if (rows.length === 0) return;
    out.push(
      <table key={`rows-${key}`} className="paper-table paper-form-rows">
        <tbody>{rows}</tbody>
      </table>,
    );
    rows = [];
  };
  blocks.forEach((b, i) => {
    if (b.kind === 'field') {
      rows.push(
        <tr key={i}>
          <th>{withGaps(b.label)}</th>
          <td>{withGaps(b.value)}</td>
        </tr>,
      );
    } else if (b.kind === 'note' || b.kind === 'paragraph' || b.kind === 'heading1' || b.kind === 'heading2') {
      rows.push(
        <tr key={i}>
          <td colSpan={2} className={b.kind === 'heading1' || b.kind === 'heading2' ? 'paper-form-heading' : undefined}>
            {withGaps(b.text)}
          </td>
        </tr>,
      );
    } else {
      flush(i);
      out.push(b.kind === 'table' ? <PaperTable key={i} block={b} /> : <Signatures key={i} labels={b.labels} />);
    }
  });
  flush(blocks.length);
  return <>{out}</>;
}

function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {withGaps(line)}
        </Fragment>
      ))}
    </>
  );
}

interface Props {
  document: PaperDocument;
  /** the number to show where a preview has none yet */
  numberPlaceholder?: string;
}

/** The contact note and the 抄送 line under a paper's signature, the same in both layouts. */
function PaperFootnotes({ contact, copyTo }: { contact?: string | null; copyTo?: string | null }) {
  return (
    <>
      {contact && (
        <p className="paper-contact">
          <Lines text={contact} />
        </p>
      )}
      {copyTo && (
        <footer className="paper-copyto">
          <Lines text={copyTo} />
        </footer>
      )}
    </>
  );
}

/**
 * An A4-looking HTML rendering of a composed paper, for the preview before issuing (the PDF is the record):
 * a letter in the 信函格式 of GB/T 9704 — the office's name in red, the red double rules, the number flush
 * right, title, recipient, body, the office and date, the contact note and 抄送 — or a plain form (heading,
 * title, 登记编号, bordered rows). Gaps (〔待填写：名称〕) are marked, and a preview carries 预览 · 未签发.
 */
export const PaperPreview = memo(function PaperPreview({ document: doc, numberPlaceholder = '（签发时编号）' }: Props) {
  const number = doc.number ?? numberPlaceholder;
  return (
    <div className="paper-sheet-wrap" data-testid="paper-preview">
      <article className={`paper-sheet paper-${doc.layout}`} aria-label={doc.title}>
        {doc.preview && (
          <div className="paper-mark" aria-hidden>
            预览 · 未签发
          </div>
        )}
        {doc.layout === 'letter' ? (
          <>
            <header className="paper-letterhead">
              <div className="paper-office">{doc.officeName}</div>
              <div className="paper-rule-top" />
              <div className={`paper-number${doc.number ? '' : ' paper-number-pending'}`} data-testid="paper-number">
                {number}
              </div>
            </header>
            <h1 className="paper-title">{withGaps(doc.title)}</h1>
            {doc.recipient && <p className="paper-recipient">{withGaps(doc.recipient)}</p>}
            <div className="paper-body">
              {doc.blocks.map((b, i) => (
                <LetterBlock key={i} block={b} />
              ))}
            </div>
            {doc.signature && (
              <div className="paper-signature">
                <div className="paper-seal" aria-hidden>
                  （印章）
                </div>
                <div>{doc.signature.office}</div>
                <div>{doc.signature.date}</div>
              </div>
            )}
            <PaperFootnotes contact={doc.contact} copyTo={doc.copyTo} />
            <div className="paper-rule-bottom" />
          </>
        ) : (
          <>
            <div className="paper-form-office">{doc.officeName}</div>
            <h1 className="paper-title paper-form-title">{withGaps(doc.title)}</h1>
            <div className={`paper-form-number${doc.number ? '' : ' paper-number-pending'}`} data-testid="paper-number">
              {number}
            </div>
            {doc.recipient && <p className="paper-recipient">{withGaps(doc.recipient)}</p>}
            <FormBlocks blocks={doc.blocks} />
            {doc.signature && (
              <div className="paper-signature">
                <div>{doc.signature.office}</div>
                <div>{doc.signature.date}</div>
              </div>
            )}
            <PaperFootnotes contact={doc.contact} copyTo={doc.copyTo} />
          </>
        )}
      </article>
    </div>
  );
});
