// Sample composed papers: the PDF tests' fixtures, and the bench's letter (electron/cli/bench.ts may use them).
import type { PaperDocument } from '../papers/paper-document';

const OFFICE = '某市政务服务中心';

export function sampleLetter(overrides: Partial<PaperDocument> = {}): PaperDocument {
  return {
    type: 'reply',
    layout: 'letter',
    officeName: OFFICE,
    number: '某政服诉复〔2026〕15号',
    title: '关于张某某反映窗口办事问题的答复函',
    recipient: '张某某先生：',
    blocks: [
      { kind: 'paragraph', text: '您于2026年11月3日通过来信反映的在市政务服务中心不动产登记窗口办理业务时等候时间过长、工作人员解释不清的问题收悉。我中心高度重视，立即组织核查，现将有关情况答复如下。' },
      { kind: 'heading1', text: '一、调查核实情况' },
      { kind: 'paragraph', text: '经调取当日窗口叫号记录和监控录像，并询问当班工作人员，您于11月2日上午9时取号，11时20分办理，等候时间确实较长；工作人员对所需材料的解释不够清楚，致使您往返两次。' },
      { kind: 'heading2', text: '（一）处理意见' },
      { kind: 'paragraph', text: '依据《政务服务中心窗口工作人员管理办法》第十二条，中心已对当班工作人员进行批评教育，并在不动产登记窗口增设一名引导人员，材料清单已在网站和窗口公示。' },
      { kind: 'paragraph', text: '如您对本答复不服，可自收到本答复函之日起30日内向市人民政府政务服务管理办公室申请复查。' },
    ],
    signature: { office: OFFICE, date: '2026年11月24日' },
    contact: '（联系人：王某，电话：0571-88888888）',
    copyTo: '抄送：市人民政府政务服务管理办公室。',
    preview: false,
    info: { title: '答复函', author: OFFICE, subject: '某政服诉复〔2026〕15号' },
    ...overrides,
  };
}

export function sampleForm(overrides: Partial<PaperDocument> = {}): PaperDocument {
  return {
    type: 'register-form',
    layout: 'form',
    officeName: OFFICE,
    number: 'TS-2026-000123',
    title: '投诉登记表',
    recipient: null,
    blocks: [
      { kind: 'field', label: '收到日期', value: '2026年11月3日' },
      { kind: 'field', label: '受理渠道', value: '来信' },
      { kind: 'field', label: '诉求人姓名', value: '张某某' },
      { kind: 'field', label: '联系电话', value: '13800000000' },
      { kind: 'field', label: '住址', value: '某市某区某路1号' },
      { kind: 'field', label: '投诉类型', value: '服务态度' },
      { kind: 'field', label: '诉求内容', value: '在不动产登记窗口等候时间过长。\n工作人员解释不清，往返两次。' },
      { kind: 'note', text: '以上内容经本人确认无误。' },
      { kind: 'signatures', labels: ['投诉人签名', '登记人', '日期'] },
    ],
    signature: null,
    contact: null,
    copyTo: null,
    preview: false,
    info: { title: '投诉登记表', author: OFFICE, subject: 'TS-2026-000123' },
    ...overrides,
  };
}

export function sampleProcess(rows: number): PaperDocument {
  const steps = ['登记', '受理', '转办', '办理', '答复', '回访'];
  return sampleForm({
    type: 'process',
    title: '办理过程记录',
    blocks: [
      { kind: 'field', label: '登记编号', value: 'TS-2026-000123' },
      { kind: 'field', label: '事由', value: '窗口等候时间过长' },
      {
        kind: 'table',
        columns: ['日期', '环节', '内容', '经办人'],
        rows: Array.from({ length: rows }, (_, i) => [`2026年11月${(i % 28) + 1}日`, steps[i % steps.length], `第${i + 1}条记录：办理情况说明，已电话联系承办部门核实进度。`, '王某']),
      },
    ],
    info: { title: '办理过程记录', author: OFFICE, subject: 'TS-2026-000123' },
  });
}
