/**
 * The office's fixed vocabularies: codes are stored, labels are shown. Channels and case types are
 * office-editable lookups (stored by their Chinese name); the defaults below seed them.
 */
export const ROLES = ['clerk', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  clerk: '登记员',
  supervisor: '主管',
  auditor: '审计',
  admin: '管理员',
};

export const DEFAULT_CHANNELS = [
  '来访', '电话', '信函', '电子邮件', '网站留言', '微信', '意见箱', '上级转办', '热线转办', '其他',
] as const;
/** Channels that arrive in writing: domain rule "a written complaint gets a written reply". */
export const WRITTEN_CHANNELS: ReadonlySet<string> = new Set(['信函', '电子邮件', '网站留言', '意见箱', '上级转办']);

export const DEFAULT_CASE_TYPES = ['投诉', '咨询', '建议', '求助', '举报', '表扬', '其他'] as const;

export const STATUSES = [
  'registered', 'accepted', 'assigned', 'suspended', 'pending_review', 'approved', 'replied',
  'unsatisfied', 'closed', 'refused', 'voided',
] as const;
export type CaseStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '待受理',
  accepted: '待分办',
  assigned: '办理中',
  suspended: '中止(待补正)',
  pending_review: '待审核',
  approved: '待答复',
  replied: '待回访',
  unsatisfied: '回访不满意',
  closed: '已办结',
  refused: '不予受理',
  voided: '已作废',
};
/** Statuses in which a case is still being worked on and has a clock running (suspended: clock stopped). */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'registered', 'accepted', 'assigned', 'suspended', 'pending_review', 'approved', 'replied', 'unsatisfied',
];

export const SEVERITIES = ['simple', 'complex', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { simple: '一般', complex: '复杂', major: '重大' };

export const FINDINGS = ['substantiated', 'partly', 'unsubstantiated', 'unverifiable'] as const;
export type Finding = (typeof FINDINGS)[number];
export const FINDING_LABELS: Record<Finding, string> = {
  substantiated: '属实',
  partly: '部分属实',
  unsubstantiated: '不属实',
  unverifiable: '无法核实',
};

export const REPLY_METHODS = ['letter', 'phone', 'in_person', 'email', 'sms'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];
export const REPLY_METHOD_LABELS: Record<ReplyMethod, string> = {
  letter: '信函',
  phone: '电话',
  in_person: '当面',
  email: '电子邮件',
  sms: '短信',
};
export const WRITTEN_REPLY_METHODS: ReadonlySet<ReplyMethod> = new Set(['letter', 'email']);

export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const DUE_STATES = ['onTrack', 'dueSoon', 'overdue'] as const;
export type DueStateCode = (typeof DUE_STATES)[number];
export const DUE_STATE_LABELS: Record<DueStateCode, string> = {
  onTrack: '正常',
  dueSoon: '即将到期',
  overdue: '已超期',
};
