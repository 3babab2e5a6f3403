// The composed paper that the layouts draw (templates/pdf, templates/docx): plain data, no functions, so the core
// can store it as JSON with an issued paper and rebuild the Word file from it exactly. Pure type module: the
// renderer's project includes it too (tsconfig.web.json).
//
// Every string is final printed text (composePaper fills it): no placeholder syntax, no label to add. Texts are
// never empty strings where null is allowed. The texts of 'field', 'note' and table cells, `contact` and `copyTo`
// may contain '\n' line breaks (a multi-paragraph 诉求内容 in a form cell; a two-line 抄送); paragraphs and
// headings never do (composePaper splits a multi-line value into paragraphs).
import type { PaperLayout, PaperType } from './catalogue';

export type PaperBlock =
  /** body paragraph, first line indented 2 characters */
  | { kind: 'paragraph'; text: string }
  /** 一、… (黑体) */
  | { kind: 'heading1'; text: string }
  /** （一）… (楷体) */
  | { kind: 'heading2'; text: string }
  /** form row: label cell + value cell */
  | { kind: 'field'; label: string; value: string }
  /** form full-width row */
  | { kind: 'note'; text: string }
  /** e.g. 办理过程 (日期 环节 内容 经办人) */
  | { kind: 'table'; columns: string[]; rows: string[][] }
  /** form: signature lines, e.g. 投诉人签名 / 登记人 / 日期 */
  | { kind: 'signatures'; labels: string[] };

export interface PaperDocument {
  type: PaperType;
  layout: PaperLayout;
  /** letterhead in red (letters) / heading line (forms) */
  officeName: string;
  /** 发文字号 (letters, flush right under the rule) or 登记编号 (forms); null only in preview */
  number: string | null;
  title: string;
  /** ends with '：' */
  recipient: string | null;
  blocks: PaperBlock[];
  /** letters: office + 2026年11月24日 */
  signature: { office: string; date: string } | null;
  /** e.g. （联系人：王某，电话：0571-88888888） */
  contact: string | null;
  /** 抄送 block at the bottom of the last page, label included as the template wrote it: e.g. 抄送：区纪委监委。 */
  copyTo: string | null;
  /** true: a light "预览 · 未签发" mark on every page, and `number` may be null */
  preview: boolean;
  /** PDF metadata (escape for XMP!) */
  info: { title: string; author: string; subject: string };
}
