import { describe, expect, it } from 'vitest';
import { PAPER_TYPES, type PaperType } from '../papers/catalogue';
import {
  MAX_SECTION_DEPTH,
  MAX_TEMPLATE_LENGTH,
  checkTemplate,
  fillTemplate,
  parseTemplate,
  splitLines,
  textOf,
  type PaperModel,
  type PaperTemplateText,
} from './index';

const body = (text: string): PaperTemplateText => ({ title: '标题', recipient: '', body: text, contact: '', copyTo: '' });
const messages = (type: PaperType, text: string) => checkTemplate(type, body(text)).map((i) => i.message);

/** Fill with a plain model: gaps written as [名称]. */
function fill(text: string, model: PaperModel): string {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return textOf(
    fillTemplate(parsed.value, {
      top: (name) => {
        if (!Object.hasOwn(model, name)) throw new Error(`no ${name}`);
        return model[name];
      },
      gap: (name) => `[${name}]`,
    }),
  );
}

describe('parseTemplate', () => {
  it.each([
    ['plain text', '您好。', []],
    ['a value', '{事由}', []],
    ['a section over lines', '{#群体投诉}\n群体\n{/群体投诉}', []],
    ['nested sections', '{#诉求人}{#电话}{电话}{/电话}{/诉求人}', []],
    ['braces written double', '写 {{ 和 }} 本身', []],
    ['spaces inside a tag', '{ 事由 }{# 匿名 }x{/ 匿名 }', []],
    ['a close without an open', '甲\n乙\n丙\n丁\n{/群体投诉}', ['第 5 行：「{/群体投诉}」没有对应的「{#群体投诉}」']],
    ['an open without a close', '\n\n{#群体投诉}群体', ['第 3 行：「{#群体投诉}」没有结束标记「{/群体投诉}」']],
    ['an inverted open without a close', '{^匿名}x', ['第 1 行：「{^匿名}」没有结束标记「{/匿名}」']],
    [
      'crossed sections',
      '{#匿名}\n{#保密}\n{/匿名}\n{/保密}',
      ['第 2 行：「{#保密}」没有结束标记「{/保密}」（应在第 3 行「{/匿名}」之前结束）', '第 4 行：「{/保密}」没有对应的「{#保密}」'],
    ],
    ['a brace never closed', '第一行\n{事由', ['第 2 行：「{」没有对应的「}」（要写花括号本身请用「{{」）']],
    ['a tag broken by a line end', '{事\n由}', ['第 1 行：「{」没有对应的「}」（要写花括号本身请用「{{」）', '第 2 行：多余的「}」（要写花括号本身请用「}}」）']],
    ['a lone closing brace', 'a } b', ['第 1 行：多余的「}」（要写花括号本身请用「}}」）']],
    ['an empty tag', '{}', ['第 1 行：「{}」里缺少占位符名称']],
    ['an empty section name', '{#}{/}', ['第 1 行：「{#}」里缺少占位符名称', '第 1 行：「{/}」里缺少占位符名称']],
    ['mustache double braces', '{{事由}}', []], // literal text {事由}: documented
  ])('%s', (_label, text, expected) => {
    const parsed = parseTemplate(text);
    if (expected.length === 0) expect(parsed.ok).toBe(true);
    else expect(parsed.ok ? [] : parsed.errors.map((e) => e.message)).toEqual(expected);
  });

  it('counts \\r\\n and \\r as one line break', () => {
    const parsed = parseTemplate('a\r\nb\rc\n{/匿名}');
    expect(parsed.ok ? null : parsed.errors[0].line).toBe(4);
  });

  it('names the field it was given', () => {
    const parsed = parseTemplate('{/匿名}', 'contact');
    expect(parsed.ok ? null : parsed.errors[0]).toEqual({
      field: 'contact',
      line: 1,
      name: '匿名',
      message: '第 1 行：「{/匿名}」没有对应的「{#匿名}」',
    });
  });

  it('refuses nesting deeper than the cap, without recursion trouble far beyond it', () => {
    const ok = '{#匿名}'.repeat(MAX_SECTION_DEPTH) + '{/匿名}'.repeat(MAX_SECTION_DEPTH);
    expect(parseTemplate(ok).ok).toBe(true);
    const deep = '{#匿名}'.repeat(5000) + '{/匿名}'.repeat(5000);
    const parsed = parseTemplate(deep);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.errors[0].message).toBe(`第 1 行：区块嵌套过深（最多 ${MAX_SECTION_DEPTH} 层）`);
  });

  it('reads a long template quickly and refuses one over the cap', () => {
    const long = '事由：{事由}。{{括号}}\n'.repeat(Math.floor((MAX_TEMPLATE_LENGTH - 100) / 15));
    const t0 = performance.now();
    expect(parseTemplate(long).ok).toBe(true);
    expect(checkTemplate('accept', body(long))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2000);
    const tooLong = 'x'.repeat(MAX_TEMPLATE_LENGTH + 1);
    const parsed = parseTemplate(tooLong);
    expect(parsed.ok ? '' : parsed.errors[0].message).toBe(`第 1 行：模板过长（${MAX_TEMPLATE_LENGTH + 1} 字，最多 ${MAX_TEMPLATE_LENGTH} 字）`);
    const manyBraces = '{'.repeat(MAX_TEMPLATE_LENGTH);
    const t1 = performance.now();
    expect(parseTemplate(manyBraces).ok).toBe(true); // all {{: literal braces
    expect(parseTemplate(`${manyBraces.slice(1)}`).ok).toBe(false);
    expect(performance.now() - t1).toBeLessThan(2000);
  });
});

describe('checkTemplate', () => {
  it.each<[string, PaperType, string, string[]]>([
    ['known names', 'reply', '{诉求人姓名}：{事由}{#群体投诉}等{人数}人{/群体投诉}', []],
    ['an unknown name', 'reply', '\n\n{诉求人名字}', ['第 3 行：未知的占位符「诉求人名字」']],
    ['constructor is unknown', 'reply', '{constructor}', ['第 1 行：未知的占位符「constructor」']],
    ['__proto__ is unknown', 'reply', '{__proto__}', ['第 1 行：未知的占位符「__proto__」']],
    ['toString as a section is unknown', 'reply', '{#toString}x{/toString}', ['第 1 行：未知的占位符「toString」']],
    ['hasOwnProperty is unknown', 'accept', '{hasOwnProperty}', ['第 1 行：未知的占位符「hasOwnProperty」']],
    ['identity on a 转办单', 'assign', '{诉求人姓名}', ['第 1 行：转办单发往承办部门，不能使用「诉求人姓名」']],
    ['identity on a 督办通知', 'supervise', 'x\n{诉求人电话}', ['第 2 行：督办通知发往承办部门，不能使用「诉求人电话」']],
    ['the 诉求人 list on a 转办单', 'assign', '{#诉求人}{姓名}{/诉求人}', ['第 1 行：转办单发往承办部门，不能使用「诉求人」']],
    ['identity inverted on a 督办通知', 'supervise', '{^诉求人身份证号}无{/诉求人身份证号}', ['第 1 行：督办通知发往承办部门，不能使用「诉求人身份证号」']],
    ['identity on a 回访记录单 is fine', 'follow-up', '{诉求人姓名}{诉求人住址}', []],
    ['a name of another type', 'accept', '{延期后期限}', ['第 1 行：受理告知书不能使用「延期后期限」（只用于延期告知书）']],
    ['a flag as a value', 'accept', '{群体投诉}', ['第 1 行：「群体投诉」是条件，不能直接写出，请用「{#群体投诉}…{/群体投诉}」']],
    ['a list as a value', 'process', '{办理过程}', ['第 1 行：「办理过程」是列表，请用「{#办理过程}…{/办理过程}」逐项写出']],
    ['a list field outside its list', 'process', '{经办人}', ['第 1 行：「经办人」只能用在「{#办理过程}…{/办理过程}」里面']],
    ['list fields inside their list, outer names too', 'process', '{#办理过程}{日期}{环节}{内容}{经办人}{登记编号}{/办理过程}', []],
    ['a list inside itself', 'process', '{#办理过程}\n{#办理过程}{日期}{/办理过程}\n{/办理过程}', ['第 2 行：「{#办理过程}」不能套在另一个「{#办理过程}」里面']],
    ['two lists nested', 'process', '{#办理过程}{#诉求人}{姓名}{日期}{/诉求人}{/办理过程}', []],
    ['a text as a section', 'accept', '{#被投诉人员}（{被投诉人员}）{/被投诉人员}{^承办人}未定{/承办人}', []],
    ['an unknown name inside an unknown section', 'accept', '{#甲}{乙}{/甲}', ['第 1 行：未知的占位符「甲」', '第 1 行：未知的占位符「乙」']],
    ['unbalanced sections', 'accept', '{#匿名}', ['第 1 行：「{#匿名}」没有结束标记「{/匿名}」']],
  ])('%s', (_label, type, text, expected) => {
    expect(messages(type, text)).toEqual(expected);
  });

  it('checks every field, names the field, and wants a title', () => {
    const issues = checkTemplate('assign', { title: ' ', recipient: '{诉求人姓名}', body: '', contact: '{x}', copyTo: '{/保密}' });
    expect(issues.map((i) => [i.field, i.name, i.message])).toEqual([
      ['recipient', '诉求人姓名', '第 1 行：转办单发往承办部门，不能使用「诉求人姓名」'],
      ['contact', 'x', '第 1 行：未知的占位符「x」'],
      ['copyTo', '保密', '第 1 行：「{/保密}」没有对应的「{#保密}」'],
      ['title', null, '第 1 行：标题不能为空'],
    ]);
  });

  it('refuses identity on every department paper and allows it on every complainant paper', () => {
    for (const type of PAPER_TYPES) {
      const issues = messages(type, '{诉求人姓名}');
      const department = type === 'assign' || type === 'supervise';
      expect(issues.length > 0, type).toBe(department);
    }
  });
});

describe('fillTemplate', () => {
  const model: PaperModel = {
    事由: '服务态度',
    承办人: null,
    被投诉人员: '',
    群体投诉: true,
    匿名: false,
    人数: '3',
    诉求人: [
      { 姓名: '张三', 电话: '13800000000' },
      { 姓名: '李四', 电话: null },
    ],
    办理过程: [],
  };
  it.each([
    ['a value', '事由：{事由}', '事由：服务态度'],
    ['a gap for null', '承办人：{承办人}', '承办人：[承办人]'],
    ['a gap for empty text', '{被投诉人员}', '[被投诉人员]'],
    ['a flag section', '{#群体投诉}共{人数}人{/群体投诉}{#匿名}匿名{/匿名}', '共3人'],
    ['an inverted flag', '{^匿名}实名{/匿名}{^群体投诉}个人{/群体投诉}', '实名'],
    ['a list repeated, outer names visible', '{#诉求人}{姓名}({事由});{/诉求人}', '张三(服务态度);李四(服务态度);'],
    ['an empty list item field prints nothing, no gap', '{#诉求人}{姓名}{电话}|{/诉求人}', '张三13800000000|李四|'],
    ['a section on an item field', '{#诉求人}{姓名}{#电话}，电话{电话}{/电话}；{/诉求人}', '张三，电话13800000000；李四；'],
    ['an empty list, inverted', '{#办理过程}x{/办理过程}{^办理过程}暂无{/办理过程}', '暂无'],
    ['a text section hides on null', '{#承办人}承办人{承办人}{/承办人}{^承办人}未指定{/承办人}', '未指定'],
    ['braces', '{{事由}} {{ }}', '{事由} { }'],
  ])('%s', (_label, text, expected) => {
    expect(fill(text, model)).toBe(expected);
  });

  it('throws on a name the model does not have, and never reads a prototype property', () => {
    expect(() => fill('{诉求人姓名}', model)).toThrow('no 诉求人姓名');
    expect(() => fill('{constructor}', model)).toThrow('no constructor');
    expect(() => fill('{#诉求人}{__proto__}{/诉求人}', model)).toThrow('no __proto__');
  });

  it('keeps a value\'s line breaks inside its line', () => {
    const parsed = parseTemplate('一：{事由}\n二');
    if (!parsed.ok) throw new Error('parse');
    const lines = splitLines(fillTemplate(parsed.value, { top: () => '甲\n乙', gap: () => '' }));
    expect(lines.map(textOf)).toEqual(['一：甲\n乙', '二']);
  });

  it('stops a runaway output', () => {
    const big: PaperModel = { 事由: 'x'.repeat(100_000), 办理过程: Array.from({ length: 30 }, () => ({})) };
    expect(() => fill('{#办理过程}{事由}{/办理过程}', big)).toThrow(/文书内容超过/);
  });
});
