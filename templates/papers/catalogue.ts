// The paper types the office issues and the placeholder names their templates may use (SPEC8 §1). Pure
// type/const module: the core, the template engine and the renderer (tsconfig.web.json) all read it.

export const PAPER_TYPES = [
  'register-form',
  'accept',
  'refuse',
  'extend',
  'supplement',
  'assign',
  'reply',
  'supervise',
  'follow-up',
  'process',
] as const;
export type PaperType = (typeof PAPER_TYPES)[number];
export type PaperLayout = 'letter' | 'form';
/** who the paper is addressed to: decides which identity the core puts in its view model */
export type PaperAudience = 'complainant' | 'department' | 'internal';

export interface PaperTypeInfo {
  type: PaperType;
  name: string;
  layout: PaperLayout;
  /** numbered types get a 发文字号 per type and year; the others carry the case's register number */
  numbered: boolean;
  audience: PaperAudience;
  /** default 类型字 for numbered types */
  typeWord: string | null;
}

export const PAPER_TYPE_INFO: Record<PaperType, PaperTypeInfo> = {
  'register-form': { type: 'register-form', name: '投诉登记表', layout: 'form', numbered: false, audience: 'complainant', typeWord: null },
  accept: { type: 'accept', name: '受理告知书', layout: 'letter', numbered: true, audience: 'complainant', typeWord: '诉受' },
  refuse: { type: 'refuse', name: '不予受理告知书', layout: 'letter', numbered: true, audience: 'complainant', typeWord: '诉不受' },
  extend: { type: 'extend', name: '延期告知书', layout: 'letter', numbered: true, audience: 'complainant', typeWord: '诉延' },
  supplement: { type: 'supplement', name: '补正材料告知书', layout: 'letter', numbered: true, audience: 'complainant', typeWord: '诉补' },
  assign: { type: 'assign', name: '转办单', layout: 'form', numbered: false, audience: 'department', typeWord: null },
  reply: { type: 'reply', name: '答复函', layout: 'letter', numbered: true, audience: 'complainant', typeWord: '诉复' },
  supervise: { type: 'supervise', name: '督办通知', layout: 'letter', numbered: true, audience: 'department', typeWord: '诉督' },
  'follow-up': { type: 'follow-up', name: '回访记录单', layout: 'form', numbered: false, audience: 'internal', typeWord: null },
  process: { type: 'process', name: '办理过程记录', layout: 'form', numbered: false, audience: 'internal', typeWord: null },
};

export interface PlaceholderInfo {
  /** the Chinese name used in templates, e.g. 诉求人姓名 */
  name: string;
  /** one line for the editor's picker */
  description: string;
  kind: 'text' | 'flag' | 'list';
  /** true for the complainant's identity: never on a paper for the department */
  identity: boolean;
  /** for lists: the names usable inside {#list}…{/list} */
  fields?: readonly PlaceholderInfo[];
  /** only these types may use it (absent = every type) */
  types?: readonly PaperType[];
}

const text = (name: string, description: string, types?: readonly PaperType[]): PlaceholderInfo =>
  types ? { name, description, kind: 'text', identity: false, types } : { name, description, kind: 'text', identity: false };
const identity = (name: string, description: string): PlaceholderInfo => ({ name, description, kind: 'text', identity: true });

export const PLACEHOLDERS: readonly PlaceholderInfo[] = [
  // the office
  text('单位名称', '本单位全称（文书眉首、落款）'),
  text('单位简称', '本单位简称（文号用，如 某政服）'),
  text('单位地址', '本单位地址'),
  text('单位联系人', '本单位联系人'),
  text('单位电话', '本单位联系电话'),
  // the case
  text('登记编号', '案件登记编号'),
  text('文书编号', '本文书的发文字号，签发时生成（预览中显示为待编号）'),
  text('收到日期', '收到投诉的日期，如 2026年11月24日'),
  text('受理渠道', '投诉来源渠道，如 来信、来电、来访、网上'),
  text('投诉类型', '投诉类别'),
  text('事由', '投诉事由（一句话概括）'),
  text('诉求内容', '投诉的具体内容（诉求人所述）'),
  text('诉求', '诉求人的具体请求'),
  text('被投诉部门', '被投诉的单位或部门'),
  text('被投诉人员', '被投诉的工作人员'),
  text('承办部门', '负责办理的部门'),
  text('承办人', '承办部门经办人'),
  text('登记人', '登记本案的工作人员'),
  text('受理日期', '决定受理的日期'),
  text('受理意见', '受理或转办意见'),
  text('办理期限', '办结期限（到期日），如 2026年12月24日'),
  text('延期后期限', '延期后的办结期限', ['extend']),
  text('延期理由', '延长办理期限的理由', ['extend']),
  text('不予受理理由', '不予受理的理由和依据', ['refuse']),
  text('告知途径', '不予受理时告知诉求人可向哪个机关、通过何种途径反映', ['refuse']),
  text('补正材料', '需要补正的材料清单', ['supplement']),
  text('补正期限', '补正材料的截止日期', ['supplement']),
  text('调查核实情况', '调查核实的经过和查明的事实（签发前填写）', ['reply', 'follow-up', 'process']),
  text('处理意见', '处理决定和依据'),
  text('整改措施', '被投诉部门的整改措施'),
  text('答复日期', '答复诉求人的日期'),
  text('答复方式', '答复方式，如 书面、电话、当面'),
  text('答复内容', '答复的主要内容'),
  text('回访日期', '回访的日期', ['follow-up', 'process']),
  text('回访方式', '回访方式，如 电话、上门', ['follow-up', 'process']),
  text('回访人', '进行回访的工作人员', ['follow-up', 'process']),
  text('满意度', '诉求人对办理结果的评价，如 满意、基本满意、不满意', ['follow-up', 'process']),
  text('回访情况', '回访时诉求人的意见', ['follow-up', 'process']),
  text('办理状态', '案件当前的办理状态，如 办理中、已办结'),
  text('超期天数', '已超过办理期限的天数（数字）', ['supervise']),
  text('督办要求', '对承办部门的督办要求（签发前填写）', ['supervise']),
  text('报告期限', '承办部门书面报告办理情况的截止日期', ['supervise']),
  text('复查途径', '对答复不服时申请复查的机关和期限'),
  text('落款日期', '文书落款日期（签发日），如 2026年11月24日'),
  // the complainant: identity, never on papers for the department
  identity('诉求人姓名', '诉求人姓名（多人时为第一人，或“某某等N人”）'),
  identity('诉求人电话', '诉求人联系电话'),
  identity('诉求人身份证号', '诉求人身份证号码'),
  identity('诉求人住址', '诉求人住址'),
  identity('诉求人工作单位', '诉求人工作单位'),
  text('人数', '诉求人人数（数字）'),
  // flags
  { name: '群体投诉', description: '是群体投诉时显示 {#群体投诉}…{/群体投诉} 中的文字', kind: 'flag', identity: false },
  { name: '匿名', description: '匿名投诉时显示 {#匿名}…{/匿名} 中的文字', kind: 'flag', identity: false },
  { name: '保密', description: '诉求人要求保密时显示 {#保密}…{/保密} 中的文字', kind: 'flag', identity: false },
  // lists
  {
    name: '诉求人',
    description: '每位诉求人重复一次 {#诉求人}…{/诉求人} 中的文字',
    kind: 'list',
    identity: true,
    fields: [
      identity('姓名', '该诉求人的姓名'),
      identity('电话', '该诉求人的电话'),
      identity('身份证号', '该诉求人的身份证号码'),
      identity('住址', '该诉求人的住址'),
      identity('工作单位', '该诉求人的工作单位'),
    ],
  },
  {
    name: '办理过程',
    description: '每个办理环节重复一次 {#办理过程}…{/办理过程} 中的文字（办理过程表）',
    kind: 'list',
    identity: false,
    fields: [
      text('日期', '该环节的日期'),
      text('环节', '环节名称，如 登记、受理、转办'),
      text('内容', '该环节的办理内容'),
      text('经办人', '该环节的经办人'),
    ],
  },
];

/** The placeholders a type's template may use: identity ones are NEVER available to audience 'department'. */
export function placeholdersFor(type: PaperType): readonly PlaceholderInfo[] {
  const department = PAPER_TYPE_INFO[type].audience === 'department';
  return PLACEHOLDERS.filter((p) => (!p.types || p.types.includes(type)) && !(department && p.identity));
}

/** The placeholder of that name, or null (a Map, so 'constructor' / '__proto__' are simply unknown). */
const BY_NAME = new Map(PLACEHOLDERS.map((p) => [p.name, p] as const));
export function placeholderInfo(name: string): PlaceholderInfo | null {
  return BY_NAME.get(name) ?? null;
}
