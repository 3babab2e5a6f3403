// The template language's parser: `{名称}`, `{#名称}…{/名称}`, `{^名称}…{/名称}`, `{{` and `}}`; nothing else.
// It builds a tree and never evaluates anything, so a template cannot run code. It scans once, without
// recursion, so a long or deeply nested text cannot blow the stack; depth and length are capped.
import type { PaperTemplateText, TemplateIssue } from './types';

export type TemplateNode =
  | { kind: 'text'; text: string; line: number }
  | { kind: 'value'; name: string; line: number }
  | { kind: 'section'; name: string; inverted: boolean; line: number; endLine: number; children: TemplateNode[] };

export interface ParsedTemplate {
  nodes: TemplateNode[];
}

export type ParseResult = { ok: true; value: ParsedTemplate } | { ok: false; errors: TemplateIssue[] };

/** Per field; a real letter body is a few thousand characters. */
export const MAX_TEMPLATE_LENGTH = 100_000;
/** Sections inside sections; real templates use two or three. */
export const MAX_SECTION_DEPTH = 20;

interface Open {
  name: string;
  inverted: boolean;
  line: number;
  children: TemplateNode[];
}

const openTag = (name: string, inverted: boolean) => `{${inverted ? '^' : '#'}${name}}`;

/** Line breaks as the editor counts them: \r\n and a lone \r are one break each. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function parseTemplate(text: string, field: keyof PaperTemplateText = 'body'): ParseResult {
  const src = normalizeLineBreaks(text);
  const errors: TemplateIssue[] = [];
  const fail = (line: number, name: string | null, message: string) =>
    errors.push({ field, line, name, message: `第 ${line} 行：${message}` });

  if (src.length > MAX_TEMPLATE_LENGTH) {
    fail(1, null, `模板过长（${src.length} 字，最多 ${MAX_TEMPLATE_LENGTH} 字）`);
    return { ok: false, errors };
  }

  const root: TemplateNode[] = [];
  const stack: Open[] = [];
  const current = () => (stack.length > 0 ? stack[stack.length - 1].children : root);
  let line = 1;
  let literal = '';
  let literalLine = 1;
  const addLiteral = (s: string) => {
    if (literal === '') literalLine = line;
    literal += s;
  };
  const flush = () => {
    if (literal !== '') current().push({ kind: 'text', text: literal, line: literalLine });
    literal = '';
  };
  const close = (open: Open, endLine: number) => {
    stack.pop();
    current().push({ kind: 'section', name: open.name, inverted: open.inverted, line: open.line, endLine, children: open.children });
  };

  let i = 0;
  const n = src.length;
  while (i < n) {
    const ch = src[i];
    if (ch === '\n') {
      addLiteral('\n');
      line++;
      i++;
      continue;
    }
    if (ch === '}') {
      if (src[i + 1] === '}') {
        addLiteral('}');
        i += 2;
      } else {
        fail(line, null, '多余的「}」（要写花括号本身请用「}}」）');
        i++;
      }
      continue;
    }
    if (ch !== '{') {
      // copy the run of plain characters at once
      let j = i + 1;
      while (j < n && src[j] !== '{' && src[j] !== '}' && src[j] !== '\n') j++;
      addLiteral(src.slice(i, j));
      i = j;
      continue;
    }
    if (src[i + 1] === '{') {
      addLiteral('{');
      i += 2;
      continue;
    }
    let j = i + 1;
    while (j < n && src[j] !== '}' && src[j] !== '{' && src[j] !== '\n') j++;
    if (j >= n || src[j] !== '}') {
      fail(line, null, '「{」没有对应的「}」（要写花括号本身请用「{{」）');
      i = j; // go on after the broken tag: the rest is read as text
      continue;
    }
    const raw = src.slice(i + 1, j).trim();
    i = j + 1;
    const sigil = raw[0];
    const isTag = sigil === '#' || sigil === '^' || sigil === '/';
    const name = (isTag ? raw.slice(1) : raw).trim();
    if (name === '') {
      fail(line, null, `「{${raw}}」里缺少占位符名称`);
      continue;
    }
    flush();
    if (sigil === '#' || sigil === '^') {
      if (stack.length >= MAX_SECTION_DEPTH) {
        fail(line, name, `区块嵌套过深（最多 ${MAX_SECTION_DEPTH} 层）`);
      }
      stack.push({ name, inverted: sigil === '^', line, children: [] });
    } else if (sigil === '/') {
      let at = stack.length - 1;
      while (at >= 0 && stack[at].name !== name) at--;
      if (at < 0) {
        fail(line, name, `「{/${name}}」没有对应的「{#${name}}」`);
        continue;
      }
      while (stack.length - 1 > at) {
        const inner = stack[stack.length - 1];
        fail(inner.line, inner.name, `「${openTag(inner.name, inner.inverted)}」没有结束标记「{/${inner.name}}」（应在第 ${line} 行「{/${name}}」之前结束）`);
        close(inner, line);
      }
      close(stack[stack.length - 1], line);
    } else {
      current().push({ kind: 'value', name, line });
    }
  }
  flush();
  while (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(open.line, open.name, `「${openTag(open.name, open.inverted)}」没有结束标记「{/${open.name}}」`);
    close(open, line);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, errors };
  }
  return { ok: true, value: { nodes: root } };
}
