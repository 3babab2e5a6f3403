// The shapes of the template language (SPEC8 §2). Pure types: the core's contract types re-use them.

/** What the office edits per paper type. Every field is template text. */
export interface PaperTemplateText {
  title: string;
  recipient: string;
  body: string;
  contact: string;
  copyTo: string;
}

/** One thing wrong in a template: the field, its line (1-based), the placeholder named (if any), a Chinese message. */
export interface TemplateIssue {
  field: keyof PaperTemplateText;
  line: number;
  name: string | null;
  message: string;
}

/** The values a paper is filled from, keyed by placeholder names (templates/papers/catalogue.ts). */
export interface PaperModel {
  [name: string]: string | boolean | null | PaperModel[];
}

/** A text placeholder the template uses whose value is null/'' and that has no fill-in. */
export interface MissingValue {
  name: string;
  description: string;
}

export const TEMPLATE_FIELDS = ['title', 'recipient', 'body', 'contact', 'copyTo'] as const satisfies readonly (keyof PaperTemplateText)[];

/** The fields' names as the editor shows them, for messages. */
export const TEMPLATE_FIELD_LABELS: Record<keyof PaperTemplateText, string> = {
  title: '标题',
  recipient: '收件人',
  body: '正文',
  contact: '联系方式',
  copyTo: '抄送',
};
