// Sample papers for the Word layout's tests and for looking at the result (LibreOffice → PDF → PNG). Test data only.
import type { PaperDocument } from '../papers/paper-document';

const info = (title: string) => ({ title, author: '某某市某某区政务服务中心', subject: title });

export const letterSample: PaperDocument = {
  type: 'reply',
  layout: 'letter',
  officeName: '某某市某某区政务服务中心',
  number: '某政服诉复〔2026〕15号',
  title: '关于王䶮反映窗口服务态度问题的答复函',
  recipient: '王䶮同志：',
  blocks: [
    { kind: 'paragraph', text: '您于2026年11月3日通过来信方式反映的某某区政务服务中心社保窗口工作人员服务态度生硬、未一次性告知所需材料的问题（登记编号：TS-2026-0015），我中心已于2026年11月4日受理。现将调查处理情况答复如下：' },
    { kind: 'heading1', text: '一、调查核实情况' },
    { kind: 'paragraph', text: '经调取窗口服务录像、询问当班工作人员和在场群众，您反映的工作人员未一次性告知补充材料的情况属实。' },
    { kind: 'heading2', text: '（一）处理依据' },
    { kind: 'paragraph', text: '依据《政务服务投诉处理办法》第十二条和本中心《窗口服务规范》第五条的规定。' },
    { kind: 'heading1', text: '二、处理意见' },
    { kind: 'paragraph', text: '对当事工作人员进行批评教育并通报，责令其向您当面致歉；在全中心开展一次性告知制度专项检查。' },
    { kind: 'paragraph', text: '如对本答复不服，可自收到本答复函之日起30日内向某某区人民政府政务服务管理办公室申请复查。' },
  ],
  signature: { office: '某某市某某区政务服务中心', date: '2026年11月24日' },
  contact: '（联系人：李明，电话：0571-88888888）',
  copyTo: '抄送：某某区人民政府政务服务管理办公室。',
  preview: false,
  info: info('关于王䶮反映窗口服务态度问题的答复函'),
};

const longParagraph =
  '诉求人反映，其于今年三月起多次到社保窗口办理退休人员基本养老金资格认证业务，每次均被告知材料不全，' +
  '但工作人员每次只告知一项所缺材料，致其往返七次仍未办结；期间窗口排队时间长、叫号系统多次故障，' +
  '工作人员态度生硬，并称“不会用手机就别来办”。诉求人要求中心调查核实、对相关人员严肃处理，并一次性告知全部所需材料。';

export const longLetterSample: PaperDocument = {
  ...letterSample,
  type: 'supervise',
  number: '某政服诉督〔2026〕3号',
  title: '关于督促办理TS-2026-0015号投诉件的通知',
  recipient: '区人力资源和社会保障局：',
  blocks: [
    { kind: 'paragraph', text: '我中心于2026年11月4日转你单位办理的TS-2026-0015号投诉件，办理期限已于2026年11月19日届满，至今未报送办理结果，已超期5天。' },
    ...Array.from({ length: 9 }, (_, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${longParagraph}` })),
    { kind: 'paragraph', text: '请你单位于收到本通知之日起3个工作日内办结，并将办理结果书面报送我中心。' },
  ],
  contact: '（联系人：李明，电话：0571-88888888）',
  copyTo: '抄送：某某区人民政府政务服务管理办公室，区纪委监委驻区人社局纪检监察组，\n某某区人力资源和社会保障局办公室，某某区人民政府督查室，某某区政务服务中心综合科。',
  info: info('关于督促办理TS-2026-0015号投诉件的通知'),
};

export const formSample: PaperDocument = {
  type: 'register-form',
  layout: 'form',
  officeName: '某某市某某区政务服务中心',
  number: 'TS-2026-0015',
  title: '投诉登记表',
  recipient: null,
  blocks: [
    { kind: 'field', label: '收到日期', value: '2026年11月3日' },
    { kind: 'field', label: '受理渠道', value: '来信' },
    { kind: 'field', label: '诉求人姓名', value: '王䶮、吉𠮷、张堃、李赟、陈昇' },
    { kind: 'field', label: '联系电话', value: '13800000000' },
    { kind: 'field', label: '住址', value: '某某区某某街道某某路88号3幢2单元501室' },
    { kind: 'field', label: '被投诉部门', value: '社保窗口 & <综合> 服务区' },
    { kind: 'note', text: '诉求内容：' + longParagraph },
    { kind: 'field', label: '诉求', value: '调查核实并一次性告知所需材料\n对相关人员严肃处理' },
    { kind: 'signatures', labels: ['投诉人签名', '登记人', '日期'] },
  ],
  signature: null,
  contact: null,
  copyTo: null,
  preview: true,
  info: info('投诉登记表 & <预览>'),
};

export const processSample: PaperDocument = {
  type: 'process',
  layout: 'form',
  officeName: '某某市某某区政务服务中心',
  number: 'TS-2026-0015',
  title: '办理过程记录',
  recipient: null,
  blocks: [
    { kind: 'field', label: '登记编号', value: 'TS-2026-0015' },
    { kind: 'field', label: '事由', value: '反映社保窗口服务态度生硬' },
    {
      kind: 'table',
      columns: ['日期', '环节', '内容', '经办人'],
      rows: Array.from({ length: 40 }, (_, i) => [
        `2026年11月${(i % 28) + 1}日`,
        ['登记', '受理', '转办', '办理', '答复', '回访'][i % 6],
        i % 5 === 0 ? longParagraph : `第${i + 1}步：按规定办理并记录，A&B <c>。`,
        ['李明', '赵赟', '陈昇'][i % 3],
      ]),
    },
  ],
  signature: null,
  contact: null,
  copyTo: null,
  preview: false,
  info: info('办理过程记录'),
};

export const SAMPLES = { letter: letterSample, longLetter: longLetterSample, form: formSample, process: processSample } as const;
