// fill: walks a parsed template over a model and writes text segments. A segment remembers whether it came
// from the template (literal) or from a value, so the layout decides headings, form rows and table cells from
// what the template wrote, never from what a complainant typed. Lookups use Object.hasOwn, so no name reaches
// a prototype property; a name the model lacks is an error, not a gap.
import type { ParsedTemplate, TemplateNode } from './parse';
import type { PaperModel } from './types';

export interface Segment {
  text: string;
  literal: boolean;
}

export type ModelValue = PaperModel[string];

export interface FillContext {
  /** The value of a top-level name; throws when the model does not have it. */
  top(name: string): ModelValue;
  /** What to write for a top-level text whose value is null or empty (and record it as missing). */
  gap(name: string): string;
}

/** A composed paper larger than this is a broken template or model, not a paper. */
export const MAX_OUTPUT_LENGTH = 2_000_000;

export class TemplateFillError extends Error {
  override name = 'TemplateFillError';
}

const isEmptyText = (v: ModelValue) => v === null || (typeof v === 'string' && v.trim() === '');

export function fillTemplate(parsed: ParsedTemplate, ctx: FillContext): Segment[] {
  const out: Segment[] = [];
  let size = 0;
  const items: PaperModel[] = [];
  const emit = (text: string, literal: boolean) => {
    if (text === '') return;
    size += text.length;
    if (size > MAX_OUTPUT_LENGTH) throw new TemplateFillError(`文书内容超过 ${MAX_OUTPUT_LENGTH} 字，模板或数据有误`);
    out.push({ text, literal });
  };
  const lookup = (name: string): { value: ModelValue; inItem: boolean } => {
    for (let k = items.length - 1; k >= 0; k--) {
      if (Object.hasOwn(items[k], name)) return { value: items[k][name], inItem: true };
    }
    return { value: ctx.top(name), inItem: false };
  };
  const walk = (nodes: readonly TemplateNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') {
        emit(node.text, true);
        continue;
      }
      const { value, inItem } = lookup(node.name);
      if (node.kind === 'value') {
        if (typeof value === 'boolean' || Array.isArray(value)) {
          throw new TemplateFillError(`「${node.name}」不是文字，不能直接写出（第 ${node.line} 行）`);
        }
        if (isEmptyText(value)) {
          if (!inItem) emit(ctx.gap(node.name), false);
        } else {
          emit(value as string, false);
        }
        continue;
      }
      if (Array.isArray(value)) {
        if (node.inverted) {
          if (value.length === 0) walk(node.children);
        } else {
          for (const item of value) {
            if (item === null || typeof item !== 'object' || Array.isArray(item)) {
              throw new TemplateFillError(`列表「${node.name}」的项目不是记录`);
            }
            items.push(item);
            try {
              walk(node.children);
            } finally {
              items.pop();
            }
          }
        }
        continue;
      }
      const shown = typeof value === 'boolean' ? value : !isEmptyText(value);
      if (shown !== node.inverted) walk(node.children);
    }
  };
  walk(parsed.nodes);
  return out;
}

/** The segments cut into lines at the template's own line breaks (a value's line breaks stay inside its line). */
export function splitLines(segments: readonly Segment[]): Segment[][] {
  const lines: Segment[][] = [[]];
  for (const seg of segments) {
    if (!seg.literal || !seg.text.includes('\n')) {
      lines[lines.length - 1].push(seg);
      continue;
    }
    const parts = seg.text.split('\n');
    parts.forEach((part, k) => {
      if (k > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1].push({ text: part, literal: true });
    });
  }
  return lines;
}

/** The plain text of some segments. */
export const textOf = (segments: readonly Segment[]) => segments.map((s) => s.text).join('');
