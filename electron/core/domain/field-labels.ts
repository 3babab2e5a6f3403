/**
 * What a clerk calls each field, written once. The contract's error messages name the field with these
 * (「事由」不能超过 100 个字), the case timeline labels its before/after lines with them, and the UI's forms
 * and case page use them as their labels, so a message points at the box as it is labelled on screen.
 * Keys are the contract's (camelCase) field names; the timeline maps its snake_case columns onto them.
 */
export const CASE_FIELD_LABELS = {
  registerNo: '登记编号',
  status: '状态',
  round: '办理轮次',
  // registration
  receivedAt: '收到时间',
  channel: '来源渠道',
  caseType: '类型',
  isAnonymous: '匿名',
  isConfidential: '要求保密',
  headCount: '人数',
  complainants: '诉求人',
  respondentDepartmentId: '被投诉部门',
  respondentStaff: '被投诉人员',
  respondentStaffId: '被投诉人员',
  subject: '事由',
  account: '详细情况',
  request: '诉求',
  firstReceiverId: '首问责任人',
  onSpotReply: '当场答复内容',
  // acceptance and assignment
  acceptNote: '受理意见',
  refuseReason: '不予受理理由',
  referral: '告知去向',
  handlerDepartmentId: '承办部门',
  handlerStaffId: '承办人',
  severity: '严重程度',
  assignNote: '分办意见',
  // handling
  notedOn: '调查日期',
  noteText: '调查记录',
  finding: '核实结论',
  handlingOpinion: '处理意见',
  measures: '整改措施',
  staffAction: '对被投诉人员的处理',
  draftReply: '答复草稿',
  handledOn: '办理完成日期',
  reviewDecision: '审核结果',
  reviewComment: '审核意见',
  // reply, follow-up, closing
  replyMethod: '答复方式',
  repliedOn: '答复日期',
  replySummary: '答复内容摘要',
  satisfaction: '满意度',
  followedUpOn: '回访日期',
  followUpNote: '回访情况',
  reopenReason: '复查理由',
  closeNote: '办结说明',
  voidReason: '作废理由',
  // deadlines
  stageDue: '阶段期限',
  overallDue: '总期限',
  dueDate: '当前期限',
  newDue: '延期后期限',
  extendReason: '延期理由',
  extendNotice: '告知诉求人情况',
  suspendedOn: '中止日期',
  material: '需补正的材料',
  resumedOn: '材料收到日期',
  revealPurpose: '查看事由',
} as const;

export type CaseField = keyof typeof CASE_FIELD_LABELS;

/** One complainant's fields (a case lists up to 20 complainants). */
export const COMPLAINANT_FIELD_LABELS = {
  name: '姓名',
  gender: '性别',
  phone: '联系电话',
  idNumber: '身份证号',
  address: '住址',
  employer: '工作单位',
} as const;

/** The office's settings: its profile and its deadline rules. */
export const SETTINGS_FIELD_LABELS = {
  officeName: '单位名称',
  officeAddress: '单位地址',
  officePhone: '单位电话',
  numberingPrefix: '编号前缀',
  acceptWorkingDays: '受理期限（工作日）',
  handleSimpleWorkingDays: '一般件办理期限（工作日）',
  handleComplexWorkingDays: '复杂件办理期限（工作日）',
  handleMajorWorkingDays: '重大件办理期限（工作日）',
  replyWorkingDays: '答复期限（工作日）',
  overallCalendarDays: '总办结期限（自然日）',
} as const;

const snakeToCamel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The label of a case column as history stores it (`handler_staff_id` -> 承办人), or null when it has none. */
export function caseColumnLabel(column: string): string | null {
  const key = snakeToCamel(column);
  return Object.hasOwn(CASE_FIELD_LABELS, key) ? CASE_FIELD_LABELS[key as CaseField] : null;
}
