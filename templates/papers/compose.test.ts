import { describe, expect, it } from 'vitest';
import type { PaperModel, PaperTemplateText } from '../engine/types';
import { checkTemplate } from '../engine';
import { PAPER_TYPES, type PaperType } from './catalogue';
import { NUMBER_PENDING, TemplateError, cleanText, composePaper, gapText, type ComposeInput } from './compose';
import { DEFAULT_TEMPLATES } from './defaults';
import { sampleModel } from './sample-models';

const t = (body: string, extra: Partial<PaperTemplateText> = {}): PaperTemplateText => ({
  title: '标题',
  recipient: '',
  body,
  contact: '',
  copyTo: '',
  ...extra,
});

function compose(type: PaperType, template: PaperTemplateText, model: PaperModel, more: Partial<ComposeInput> = {}) {
  return composePaper({
    type,
    template,
    model,
    fillIns: {},
    number: '某政服诉复〔2026〕15号',
    officeName: '某县人民政府政务服务中心',
    signatureDate: '2026年11月24日',
    preview: false,
    ...more,
  });
}

describe('composePaper: letters', () => {
  it('makes paragraphs, headings, recipient, signature and metadata', () => {
    const { document, missing } = compose(
      'reply',
      t('您好，{事由}。\n\n一、调查{收到日期}\n（一）细节\n{诉求内容}', { title: '关于{事由}的答复', recipient: '{诉求人姓名}', contact: '（联系人：{单位联系人}）', copyTo: '抄送：{承办部门}' }),
      { ...sampleModel('reply'), 诉求内容: '第一段。\n\n一、这不是标题\n第三段' },
    );
    expect(missing).toEqual([]);
    expect(document).toMatchObject({
      type: 'reply',
      layout: 'letter',
      officeName: '某县人民政府政务服务中心',
      number: '某政服诉复〔2026〕15号',
      title: '关于不动产登记窗口服务态度生硬的答复',
      recipient: '𠮷䶮：',
      signature: { office: '某县人民政府政务服务中心', date: '2026年11月24日' },
      contact: '（联系人：王芳）',
      copyTo: '抄送：不动产登记中心',
      preview: false,
      info: { title: '关于不动产登记窗口服务态度生硬的答复', author: '某县人民政府政务服务中心', subject: '答复函 某政服诉复〔2026〕15号' },
    });
    expect(document.blocks).toEqual([
      { kind: 'paragraph', text: '您好，不动产登记窗口服务态度生硬。' },
      { kind: 'heading1', text: '一、调查2026年11月2日' },
      { kind: 'heading2', text: '（一）细节' },
      { kind: 'paragraph', text: '第一段。' },
      { kind: 'paragraph', text: '一、这不是标题' }, // a value never makes a heading
      { kind: 'paragraph', text: '第三段' },
    ]);
  });

  it('writes gaps 〔待填写：名称〕 and lists each missing name once', () => {
    const { document, missing } = compose('reply', t('{调查核实情况}\n又：{调查核实情况}{处理意见}'), { ...sampleModel('reply'), 调查核实情况: null, 处理意见: '  ' }, { preview: true });
    expect(document.blocks).toEqual([
      { kind: 'paragraph', text: gapText('调查核实情况') },
      { kind: 'paragraph', text: `又：${gapText('调查核实情况')}${gapText('处理意见')}` },
    ]);
    expect(missing).toEqual([
      { name: '调查核实情况', description: '调查核实的经过和查明的事实（签发前填写）' },
      { name: '处理意见', description: '处理决定和依据' },
    ]);
  });

  it('takes fill-ins over empty and present values, ignoring blank ones', () => {
    const model = { ...sampleModel('reply'), 调查核实情况: null };
    const { document, missing } = compose('reply', t('{调查核实情况}|{处理意见}|{事由}'), model, {
      fillIns: { 调查核实情况: '  经核实属实。 ', 处理意见: '改为批评教育。', 事由: '   ' },
    });
    expect(missing).toEqual([]);
    expect(document.blocks).toEqual([{ kind: 'paragraph', text: '经核实属实。|改为批评教育。|不动产登记窗口服务态度生硬' }]);
  });

  it('gives 文书编号 and 落款日期 from its input, and a pending mark for the number in a preview', () => {
    const model = sampleModel('accept');
    const issued = compose('accept', t('{文书编号} {落款日期} {单位名称}'), model, { number: '某政服诉受〔2026〕3号' });
    expect(issued.document.blocks).toEqual([{ kind: 'paragraph', text: '某政服诉受〔2026〕3号 2026年11月24日 某县人民政府政务服务中心' }]);
    const preview = compose('accept', t('{文书编号}'), model, { number: null, preview: true });
    expect(preview.document.blocks).toEqual([{ kind: 'paragraph', text: NUMBER_PENDING }]);
    expect(preview.document.number).toBeNull();
    expect(preview.document.info.subject).toBe('受理告知书');
    expect(preview.missing).toEqual([]);
    const unnumbered = compose('accept', t('{文书编号}'), model, { number: null, preview: false });
    expect(unnumbered.missing.map((m) => m.name)).toEqual(['文书编号']);
  });

  it('lists the office name and date as missing when the core has none', () => {
    const model = { ...sampleModel('accept'), 单位名称: null };
    const { document, missing } = compose('accept', t('x'), model, { officeName: ' ', signatureDate: '' });
    expect(missing.map((m) => m.name)).toEqual(['单位名称', '落款日期']);
    expect(document.signature).toEqual({ office: gapText('单位名称'), date: gapText('落款日期') });
  });

  it('leaves empty optional parts null and ends the recipient with one ：', () => {
    const { document } = compose('accept', t('x', { recipient: '{诉求人姓名}:', contact: '{#匿名}匿名{/匿名}', copyTo: '\n \n', title: '{#匿名}x{/匿名}' }), sampleModel('accept'));
    expect(document.recipient).toBe('𠮷䶮：');
    expect(document.contact).toBeNull();
    expect(document.copyTo).toBeNull();
    expect(document.title).toBe('受理告知书'); // a title the sections emptied falls back to the type's name
    expect(compose('accept', t('x', { recipient: '{#匿名}投诉人{/匿名}' }), sampleModel('accept')).document.recipient).toBeNull();
  });

  it('prints one full stop where a value ends its own sentence', () => {
    const model = { ...sampleModel('refuse'), 复查途径: '可申请复查。' };
    const { document } = compose('refuse', t('如有异议，{复查途径}。下一句'), model);
    expect(document.blocks).toEqual([{ kind: 'paragraph', text: '如有异议，可申请复查。下一句' }]);
  });

  it('cleans values: control characters, tabs, broken surrogates, \\r\\n', () => {
    expect(cleanText(' a\tb\u0000c\u0007\r\nd\ud800 \uFFFF ')).toBe('a bc\nd');
    expect(cleanText('𠮷')).toBe('𠮷');
    const { document } = compose('accept', t('{事由}'), { ...sampleModel('accept'), 事由: '甲\u0001乙\r\n丙' });
    expect(document.blocks).toEqual([{ kind: 'paragraph', text: '甲乙' }, { kind: 'paragraph', text: '丙' }]);
  });
});

describe('composePaper: forms', () => {
  it('makes field rows, notes, tables and signatures from the template\'s own characters', () => {
    const model = { ...sampleModel('process'), 事由: '含：冒号｜竖线', 诉求内容: '一段\n二段' };
    const { document, missing } = compose(
      'process',
      t(
        [
          '登记编号：{登记编号}',
          '事由：{事由}',
          '{事由}', // a value's ： is not a label
          '投诉内容：{诉求内容}',
          '以下为办理过程。',
          '日期｜环节｜内容｜经办人',
          '{#办理过程}',
          '{日期}｜{环节}｜{内容}｜{经办人}',
          '{/办理过程}',
          '签名栏：整理人｜审核人：{登记人}｜日期',
          '一、附注',
        ].join('\n'),
      ),
      model,
      { number: 'TS-2026-000015' },
    );
    expect(missing).toEqual([]);
    expect(document.layout).toBe('form');
    expect(document.signature).toBeNull();
    expect(document.number).toBe('TS-2026-000015');
    expect(document.blocks).toEqual([
      { kind: 'field', label: '登记编号', value: 'TS-2026-000015' },
      { kind: 'field', label: '事由', value: '含：冒号｜竖线' },
      { kind: 'note', text: '含：冒号｜竖线' },
      { kind: 'field', label: '投诉内容', value: '一段\n二段' },
      { kind: 'note', text: '以下为办理过程。' },
      {
        kind: 'table',
        columns: ['日期', '环节', '内容', '经办人'],
        rows: [
          ['2026年11月2日', '登记', '来信登记', '王芳'],
          ['2026年11月3日', '受理', '决定受理', '张主任'],
          ['2026年11月3日', '转办', '转不动产登记中心', '张主任'],
          ['2026年11月12日', '答复', '书面答复', ''],
        ],
      },
      { kind: 'signatures', labels: ['整理人', '审核人：王芳', '日期'] },
      { kind: 'heading1', text: '一、附注' },
    ]);
  });

  it('pads short rows and keeps extra cells in the last one; an empty list leaves a header-only table', () => {
    const { document } = compose('process', t('甲｜乙｜丙\n1｜2\n1｜2｜3｜4\n{#办理过程}{日期}{/办理过程}'), { ...sampleModel('process'), 办理过程: [] });
    expect(document.blocks).toEqual([{ kind: 'table', columns: ['甲', '乙', '丙'], rows: [['1', '2', ''], ['1', '2', '3｜4']] }]);
    const empty = compose('process', t('甲｜乙\n{#办理过程}\n{日期}｜{环节}\n{/办理过程}\n暂无'), { ...sampleModel('process'), 办理过程: [] });
    expect(empty.document.blocks).toEqual([{ kind: 'table', columns: ['甲', '乙'], rows: [] }, { kind: 'note', text: '暂无' }]);
  });
});

describe('composePaper: refusals', () => {
  it('refuses a template checkTemplate refuses', () => {
    expect(() => compose('assign', t('{诉求人姓名}'), sampleModel('assign'))).toThrow(TemplateError);
    try {
      compose('accept', t('\n{未知}'), sampleModel('accept'));
    } catch (err) {
      expect((err as TemplateError).issues).toEqual([{ field: 'body', line: 2, name: '未知', message: '第 2 行：未知的占位符「未知」' }]);
    }
  });

  it('throws when the model lacks a name (not a gap)', () => {
    const model = sampleModel('accept');
    delete model['事由'];
    expect(() => compose('accept', t('{事由}'), model)).toThrow('受理告知书的数据中没有「事由」');
  });

  it('throws when a paper for the department is given identity in its model, whatever the template', () => {
    for (const type of ['assign', 'supervise'] as const) {
      for (const name of ['诉求人姓名', '诉求人电话', '诉求人身份证号', '诉求人住址', '诉求人工作单位', '诉求人']) {
        const model = { ...sampleModel(type), [name]: name === '诉求人' ? [] : 'x' };
        expect(() => compose(type, t('{登记编号}'), model), `${type} ${name}`).toThrow(`发往承办部门，数据中不能有「${name}」`);
      }
    }
  });

  it('does not take a fill-in for a name the model lacks', () => {
    const model = sampleModel('accept');
    delete model['事由'];
    expect(() => compose('accept', t('{事由}'), model, { fillIns: { 事由: 'x' } })).toThrow('没有「事由」');
  });

  it('composes a very long account into paragraphs without trouble', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `第${i + 1}段：投诉人反映的情况很长很长。`).join('\n');
    const t0 = performance.now();
    const { document } = compose('reply', DEFAULT_TEMPLATES.reply, { ...sampleModel('reply'), 诉求内容: long });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(document.blocks.filter((b) => b.kind === 'paragraph' && b.text.startsWith('第')).length).toBe(2000);
  });
});

describe('default templates', () => {
  it('exist for every type', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...PAPER_TYPES].sort());
  });

  it('every default passes checkTemplate', () => {
    for (const type of PAPER_TYPES) expect(checkTemplate(type, DEFAULT_TEMPLATES[type]), type).toEqual([]);
  });

  it('ask for exactly what the case cannot know', () => {
    const missingOf = (type: PaperType, nulls: string[]) => {
      const model = sampleModel(type);
      for (const name of nulls) model[name] = null;
      return compose(type, DEFAULT_TEMPLATES[type], model).missing.map((m) => m.name);
    };
    expect(missingOf('reply', ['调查核实情况', '复查途径', '整改措施', '诉求'])).toEqual(['调查核实情况', '复查途径']);
    expect(missingOf('supervise', ['督办要求', '报告期限'])).toEqual(['督办要求', '报告期限']);
    expect(missingOf('supplement', ['补正期限', '单位地址'])).toEqual(['补正期限']);
    expect(missingOf('refuse', ['告知途径', '复查途径'])).toEqual(['告知途径', '复查途径']);
    // printed before the call: the answers are left blank for handwriting, nothing blocks the batch
    expect(missingOf('follow-up', ['回访日期', '回访方式', '回访人', '满意度', '回访情况', '答复日期', '答复方式', '处理意见'])).toEqual([]);
    expect(missingOf('process', ['承办部门', '办理期限'])).toEqual([]);
    expect(missingOf('register-form', ['被投诉部门', '被投诉人员', '诉求', '诉求人电话', '诉求人身份证号', '诉求人住址', '诉求人工作单位'])).toEqual([]);
    expect(missingOf('assign', ['承办人', '受理意见', '被投诉部门', '被投诉人员', '诉求'])).toEqual([]);
  });

  it('leave the blank answers of a follow-up form empty or as tick boxes', () => {
    const model = { ...sampleModel('follow-up'), 回访日期: null, 满意度: null };
    const { document } = compose('follow-up', DEFAULT_TEMPLATES['follow-up'], model);
    expect(document.blocks).toContainEqual({ kind: 'field', label: '回访日期', value: '' });
    expect(document.blocks).toContainEqual({ kind: 'field', label: '满意度', value: '□满意　□基本满意　□不满意' });
  });

  const BAD = [/[{}]/, /undefined/, /null/, /（）/, /【】/, /〔〕/, /〔待填写/, /\(\)/, /：：/, /。。/, /，，/, /，。/];
  const texts = (doc: ReturnType<typeof compose>['document']) => [
    doc.title,
    doc.recipient ?? '',
    doc.contact ?? '',
    doc.copyTo ?? '',
    doc.officeName,
    doc.signature?.date ?? '',
    ...doc.blocks.flatMap((b) =>
      b.kind === 'field' ? [b.label, b.value] : b.kind === 'table' ? [...b.columns, ...b.rows.flat()] : b.kind === 'signatures' ? b.labels : [b.text],
    ),
  ];

  for (const type of PAPER_TYPES) {
    for (const shape of ['single', 'group', 'anonymous'] as const) {
      it(`${type} (${shape}) composes with a full model without gaps or raw syntax`, () => {
        const { document, missing } = compose(type, DEFAULT_TEMPLATES[type], sampleModel(type, shape));
        expect(missing).toEqual([]);
        for (const text of texts(document)) {
          for (const bad of BAD) expect(text, `${type}: ${text}`).not.toMatch(bad);
        }
        expect(document.blocks.length).toBeGreaterThan(2);
        expect(document.blocks.every((b) => b.kind !== 'table' || b.rows.every((r) => r.length === b.columns.length))).toBe(true);
      });
    }
  }
});
