// Sample view models for tests and previews of the layouts (no database): a model with every placeholder the
// type may use filled in, as the core's view model would give it, in a few shapes (one person, a group,
// anonymous). Identity keys are left out for papers addressed to the department, as the core does.
import type { PaperModel } from '../engine/types';
import { PAPER_TYPE_INFO, PLACEHOLDERS, type PaperType } from './catalogue';

export type SampleShape = 'single' | 'group' | 'anonymous';

const PEOPLE = [
  { 姓名: '𠮷䶮', 电话: '13905710001', 身份证号: '330102199001011234', 住址: '某县人民路12号3幢201室', 工作单位: '某县第一中学' },
  { 姓名: '赵堃', 电话: '13905710002', 身份证号: '330102198502023456', 住址: '某县解放路8号', 工作单位: null },
  { 姓名: '钱赟昇', 电话: null, 身份证号: null, 住址: null, 工作单位: '某县建设银行' },
];

const TEXTS: Record<string, string> = {
  单位名称: '某县人民政府政务服务中心',
  单位简称: '某政服',
  单位地址: '某县人民路1号',
  单位联系人: '王芳',
  单位电话: '0571-88881234',
  登记编号: 'TS-2026-000015',
  文书编号: '某政服诉复〔2026〕15号',
  收到日期: '2026年11月2日',
  受理渠道: '信函',
  投诉类型: '投诉',
  事由: '不动产登记窗口服务态度生硬',
  诉求内容: '投诉人反映：11月2日上午在不动产登记窗口办理抵押登记时，窗口工作人员态度生硬，未一次性告知所需材料，致使其往返三次。',
  诉求: '要求窗口工作人员改进服务态度，一次性告知所需材料。',
  被投诉部门: '不动产登记窗口',
  被投诉人员: '周某',
  承办部门: '不动产登记中心',
  承办人: '李明',
  登记人: '王芳',
  受理日期: '2026年11月3日',
  受理意见: '属于本中心受理范围，转不动产登记中心调查处理。',
  办理期限: '2026年11月17日',
  延期后期限: '2026年11月27日',
  延期理由: '需调取窗口录像并向多名当事人核实',
  不予受理理由: '所反映事项已进入诉讼程序，依规不属于本单位受理范围。',
  告知途径: '向某县人民法院了解案件审理情况',
  补正材料: '1. 办理业务的受理回执复印件；\n2. 能证明办理时间的材料（如排队号票）。',
  补正期限: '2026年11月20日',
  调查核实情况: '经调取11月2日窗口录像并询问当事工作人员，投诉人反映的情况基本属实。',
  处理意见: '依据《窗口服务规范》第八条，对当事工作人员进行批评教育，并在窗口公示一次性告知清单。',
  整改措施: '窗口已于11月10日公示抵押登记所需材料清单，并开展服务规范培训。',
  答复日期: '2026年11月12日',
  答复方式: '信函',
  答复内容: '投诉基本属实，已对当事工作人员批评教育并整改。',
  回访日期: '2026年11月19日',
  回访方式: '电话',
  回访人: '陈静',
  满意度: '满意',
  回访情况: '投诉人表示窗口服务已有改进，对处理结果满意。',
  办理状态: '已办结',
  超期天数: '3',
  督办要求: '请于收到本通知后立即组织调查核实，明确责任人和办结时间。',
  报告期限: '2026年11月24日',
  复查途径: '可自收到本答复函之日起30日内，向某县人民政府办公室书面申请复查',
  落款日期: '2026年11月12日',
};

export function sampleModel(type: PaperType, shape: SampleShape = 'single'): PaperModel {
  const department = PAPER_TYPE_INFO[type].audience === 'department';
  const people = shape === 'group' ? PEOPLE : shape === 'single' ? PEOPLE.slice(0, 1) : [];
  const first = people[0] ?? null;
  const model: PaperModel = {};
  for (const p of PLACEHOLDERS) {
    if (department && p.identity) continue;
    if (p.kind === 'flag') model[p.name] = false;
    else if (p.kind === 'list') model[p.name] = [];
    else model[p.name] = TEXTS[p.name] ?? null;
  }
  model['人数'] = String(Math.max(people.length, 1));
  model['群体投诉'] = people.length > 1;
  model['匿名'] = shape === 'anonymous';
  model['办理过程'] = [
    { 日期: '2026年11月2日', 环节: '登记', 内容: '来信登记', 经办人: '王芳' },
    { 日期: '2026年11月3日', 环节: '受理', 内容: '决定受理', 经办人: '张主任' },
    { 日期: '2026年11月3日', 环节: '转办', 内容: '转不动产登记中心', 经办人: '张主任' },
    { 日期: '2026年11月12日', 环节: '答复', 内容: '书面答复', 经办人: null },
  ];
  if (!department) {
    model['诉求人'] = people.map((p) => ({ ...p }));
    model['诉求人姓名'] = first ? (people.length > 1 ? `${first.姓名}等${people.length}人` : first.姓名) : null;
    model['诉求人电话'] = first?.电话 ?? null;
    model['诉求人身份证号'] = first?.身份证号 ?? null;
    model['诉求人住址'] = first?.住址 ?? null;
    model['诉求人工作单位'] = first?.工作单位 ?? null;
  }
  return model;
}
