import { z } from 'zod';
import type {
  CalendarYearView, CaseDetail, ComplainantView, Dashboard, Department, Directory, HistoryVerification,
  Lookup, OfficeSettings, RegisterPage, SessionUser, StaffMember, UserInfo,
} from './types';
import {
  CASE_ACTIONS,
} from './domain/workflow';
import {
  DUE_STATES, FINDINGS, GENDERS, REPLY_METHODS, ROLES, SATISFACTIONS, SEVERITIES, STATUSES,
} from './domain/vocab';
import {
  LIMITS, bool, date, dateTime, id, idNumber, intRange, oneOf, optText, password, phone, plainText, secret, text, username,
} from './validation';

/**
 * THE contract: every channel the UI (over IPC or HTTP) and the CLI may call, its zod input schema and
 * its output type. Channel names are written here once; everything else derives from `contract`.
 */
function channel<O>() {
  return <S extends z.ZodType>(input: S) => ({ input, output: undefined as unknown as O });
}

// Channels without input refuse any field: a caller who sends one has misunderstood the channel, and
// silently ignoring it would hide that (docs/API.md says so too).
const empty = z
  .strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `此接口不接受输入字段「${issue.keys.join('」「')}」` : '输入须为一个对象（可为空 {}）') })
  .default({});
const caseRef = { id: id('案件'), version: intRange('版本', 1, 1_000_000) };

const complainant = z.object({
  name: optText('姓名', LIMITS.name),
  gender: oneOf('性别', GENDERS).nullable().default(null),
  phone: phone('联系电话'),
  idNumber: idNumber('身份证号'),
  address: optText('住址', LIMITS.address),
  employer: optText('工作单位', LIMITS.short),
});

const registration = {
  receivedAt: dateTime('收到时间'),
  channel: text('来源渠道', 20),
  caseType: text('类型', 20),
  isAnonymous: bool('匿名').default(false),
  isConfidential: bool('要求保密').default(false),
  headCount: intRange('人数', 1, 10_000).default(1),
  complainants: z.array(complainant, { error: '「诉求人」格式不正确' }).max(20, '「诉求人」最多 20 人').default([]),
  respondentDepartmentId: id('被投诉部门').nullable().default(null),
  respondentStaff: optText('被投诉人员', LIMITS.name),
  subject: text('事由', LIMITS.subject),
  account: text('详细情况', LIMITS.text),
  request: optText('诉求', LIMITS.text),
  firstReceiverId: id('首问责任人').nullable().default(null),
};

/**
 * `cases/update` takes only what changes: an omitted field keeps what is stored (the service merges it
 * with the case), so no default may stand in for it (a default `isConfidential: false` once cleared the
 * flag of whoever left it out). `respondentStaff: null`, as `cases/get` answers, means none.
 */
const correction = {
  receivedAt: registration.receivedAt.optional(),
  channel: registration.channel.optional(),
  caseType: registration.caseType.optional(),
  isAnonymous: registration.isAnonymous.unwrap().optional(),
  isConfidential: registration.isConfidential.unwrap().optional(),
  headCount: registration.headCount.unwrap().optional(),
  complainants: registration.complainants.unwrap().optional(),
  respondentDepartmentId: registration.respondentDepartmentId.unwrap().optional(),
  respondentStaff: registration.respondentStaff.unwrap().nullable().optional(),
  subject: registration.subject.optional(),
  account: registration.account.optional(),
  request: registration.request.unwrap().optional(),
  firstReceiverId: id('首问责任人').optional(),
};

export const registerQuery = z.object({
  page: intRange('页码', 1, 1_000_000).default(1),
  pageSize: intRange('每页条数', 1, 200).default(50),
  // Register-number order (newest first) is the register's natural order and the fastest at any size.
  sortBy: oneOf('排序', ['registerNo', 'receivedAt', 'dueDate'] as const).default('registerNo'),
  sortOrder: oneOf('排序方向', ['asc', 'desc'] as const).default('desc'),
  receivedFrom: date('收到日期起').optional(),
  receivedTo: date('收到日期止').optional(),
  caseType: z.array(text('类型', 20)).max(20).optional(),
  channel: z.array(text('来源渠道', 20)).max(20).optional(),
  status: z.array(oneOf('状态', STATUSES)).max(20).optional(),
  respondentDepartmentId: id('被投诉部门').optional(),
  handlerDepartmentId: id('承办部门').optional(),
  handlerStaffId: id('承办人').optional(),
  severity: z.array(oneOf('严重程度', SEVERITIES)).max(3).optional(),
  dueState: z.array(oneOf('期限状态', DUE_STATES)).max(3).optional(),
  search: optText('搜索', 50).optional(),
});
export type RegisterQuery = z.input<typeof registerQuery>;

const deadlines = z.object({
  acceptWorkingDays: intRange('受理期限（工作日）', 1, 60),
  handleWorkingDays: z.object({
    simple: intRange('一般件办理期限（工作日）', 1, 120),
    complex: intRange('复杂件办理期限（工作日）', 1, 120),
    major: intRange('重大件办理期限（工作日）', 1, 120),
  }),
  replyWorkingDays: intRange('答复期限（工作日）', 1, 60),
  overallCalendarDays: intRange('总办结期限（自然日）', 1, 365),
});

const office = z.object({
  name: text('单位名称', LIMITS.short),
  address: optText('单位地址', LIMITS.address),
  phone: phone('单位电话'),
});

export const contract = {
  'setup/status': channel<{ needsSetup: boolean; officeName: string }>()(empty),
  'setup/init': channel<SessionUser>()(
    z.object({
      office,
      admin: z.object({ username: username('管理员用户名'), displayName: text('管理员姓名', LIMITS.name), password: password('管理员密码') }),
    }),
  ),
  'auth/signIn': channel<SessionUser>()(z.object({ username: text('用户名', LIMITS.username), password: secret('密码') })),
  'auth/signOut': channel<null>()(empty),
  'auth/me': channel<SessionUser>()(empty),
  /** For the app's cold start: who is signed in, or null, without the error a signed-out auth/me answers. */
  'auth/session': channel<SessionUser | null>()(empty),
  'auth/changePassword': channel<null>()(z.object({ oldPassword: secret('原密码'), newPassword: password('新密码') })),

  'users/list': channel<UserInfo[]>()(empty),
  'users/create': channel<UserInfo>()(
    z.object({
      username: username('用户名'),
      displayName: text('姓名', LIMITS.name),
      password: password('初始密码'),
      role: oneOf('角色', ROLES),
      staffId: id('对应工作人员').nullable().default(null),
    }),
  ),
  'users/update': channel<UserInfo>()(
    z.object({
      id: id('用户'),
      displayName: text('姓名', LIMITS.name).optional(),
      role: oneOf('角色', ROLES).optional(),
      active: bool('启用').optional(),
      staffId: id('对应工作人员').nullable().optional(),
      password: password('新密码').optional(),
    }),
  ),
  'users/unlock': channel<UserInfo>()(z.object({ id: id('用户') })),

  'settings/get': channel<OfficeSettings>()(empty),
  'settings/update': channel<OfficeSettings>()(
    z.object({
      office: office.optional(),
      numbering: z.object({ prefix: plainText('编号前缀').trim().regex(/^[A-Za-z\u4e00-\u9fff-]{0,8}$/, '「编号前缀」最多 8 个字母、汉字或短横线') }).optional(),
      deadlines: deadlines.optional(),
    }),
  ),
  'directory/get': channel<Directory>()(empty),
  'departments/save': channel<Department>()(
    z.object({ id: id('部门').optional(), name: text('部门名称', LIMITS.name), active: bool('启用').default(true), sortOrder: intRange('排序', 0, 9999).default(0) }),
  ),
  'staff/save': channel<StaffMember>()(
    z.object({ id: id('工作人员').optional(), departmentId: id('所属部门'), name: text('姓名', LIMITS.name), title: optText('职务', LIMITS.name), active: bool('启用').default(true) }),
  ),
  'lookups/save': channel<Lookup>()(
    z.object({ id: id('选项').optional(), kind: oneOf('选项类别', ['channel', 'case_type'] as const), name: text('名称', 20), active: bool('启用').default(true), sortOrder: intRange('排序', 0, 9999).default(0) }),
  ),

  'calendar/get': channel<CalendarYearView>()(z.object({ year: intRange('年份', 2000, 2100) })),
  'calendar/setDay': channel<CalendarYearView>()(
    z.object({ date: date('日期'), kind: oneOf('日期类型', ['holiday', 'workday', 'default'] as const), name: optText('名称', 20) }),
  ),
  'calendar/importYear': channel<CalendarYearView>()(z.object({ text: text('日历文件内容', 100_000) })),
  'calendar/exportYear': channel<{ fileName: string; text: string }>()(z.object({ year: intRange('年份', 2000, 2100) })),
  'calendar/due': channel<{ due: string }>()(
    z
      .object({ from: date('起算日期'), workingDays: intRange('工作日数', 1, 365).optional(), calendarDays: intRange('自然日数', 1, 3650).optional() })
      .refine((v) => (v.workingDays === undefined) !== (v.calendarDays === undefined), { message: '「期限」请在工作日数与自然日数中二选一', path: ['workingDays'] }),
  ),

  'cases/register': channel<CaseDetail>()(
    z.object({
      ...registration,
      answeredOnSpot: z.object({ reply: text('当场答复内容', LIMITS.text) }).nullable().default(null),
      // The idempotency key: the renderer's draft id, sent again when a save got no answer.
      draftId: z.string({ error: '「草稿编号」必须是文字' }).regex(/^[A-Za-z0-9-]{8,64}$/, '「草稿编号」应为 8 到 64 位字母、数字或短横线').optional(),
    }),
  ),
  'cases/update': channel<CaseDetail>()(z.object({ ...caseRef, ...correction })),
  'cases/accept': channel<CaseDetail>()(z.object({ ...caseRef, note: optText('受理意见', LIMITS.note) })),
  'cases/refuse': channel<CaseDetail>()(z.object({ ...caseRef, reason: text('不予受理理由', LIMITS.reason), referral: text('告知去向', LIMITS.reason) })),
  'cases/assign': channel<CaseDetail>()(
    z.object({ ...caseRef, departmentId: id('承办部门'), handlerStaffId: id('承办人'), severity: oneOf('严重程度', SEVERITIES), note: optText('分办意见', LIMITS.note) }),
  ),
  'cases/addNote': channel<CaseDetail>()(z.object({ ...caseRef, notedOn: date('调查日期'), text: text('调查记录', LIMITS.note) })),
  'cases/recordFinding': channel<CaseDetail>()(
    z.object({
      ...caseRef,
      finding: oneOf('核实结论', FINDINGS),
      handlingOpinion: text('处理意见', LIMITS.text),
      measures: optText('整改措施', LIMITS.text),
      staffAction: optText('对被投诉人员的处理', LIMITS.note),
      draftReply: optText('答复草稿', LIMITS.text),
      handledOn: date('办理完成日期'),
    }),
  ),
  'cases/review': channel<CaseDetail>()(
    z
      .object({ ...caseRef, decision: oneOf('审核结果', ['approve', 'return'] as const), comment: optText('审核意见', LIMITS.note) })
      .refine((v) => v.decision === 'approve' || v.comment.length > 0, { message: '退回时请填写「审核意见」', path: ['comment'] }),
  ),
  'cases/reply': channel<CaseDetail>()(
    z.object({ ...caseRef, method: oneOf('答复方式', REPLY_METHODS), repliedOn: date('答复日期'), summary: text('答复内容摘要', LIMITS.text) }),
  ),
  'cases/followUp': channel<CaseDetail>()(
    z.object({ ...caseRef, satisfaction: oneOf('满意度', SATISFACTIONS), followedUpOn: date('回访日期'), note: optText('回访情况', LIMITS.note) }),
  ),
  'cases/reopen': channel<CaseDetail>()(z.object({ ...caseRef, reason: text('复查理由', LIMITS.reason) })),
  'cases/close': channel<CaseDetail>()(z.object({ ...caseRef, note: text('办结说明', LIMITS.reason) })),
  'cases/extend': channel<CaseDetail>()(
    z.object({ ...caseRef, newDue: date('延期后期限'), reason: text('延期理由', LIMITS.reason), notice: optText('告知诉求人情况', LIMITS.reason) }),
  ),
  'cases/suspend': channel<CaseDetail>()(z.object({ ...caseRef, suspendedOn: date('中止日期'), material: text('需补正的材料', LIMITS.reason) })),
  'cases/resume': channel<CaseDetail>()(z.object({ ...caseRef, receivedOn: date('材料收到日期') })),
  'cases/void': channel<CaseDetail>()(z.object({ ...caseRef, reason: text('作废理由', LIMITS.reason) })),
  'cases/get': channel<CaseDetail>()(z.object({ id: id('案件') })),
  'cases/revealIdentity': channel<ComplainantView[]>()(z.object({ id: id('案件'), purpose: text('查看事由', LIMITS.reason) })),
  'cases/list': channel<RegisterPage>()(registerQuery),
  'dashboard/get': channel<Dashboard>()(empty),
  // Starts a verification (or joins the one running) and answers with its progress; ask again with `job`.
  'history/verify': channel<HistoryVerification>()(
    z.object({
      anchor: plainText('链头').trim().regex(/^\d{1,12}:[0-9a-fA-F]{64}$/, '「链头」格式应为 条数:哈希，例如 1234:后接 64 位十六进制哈希').optional(),
      job: intRange('核验任务', 1, 1_000_000_000).optional(),
    }),
  ),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];
export const CHANNELS = Object.keys(contract) as Channel[];
export const isChannel = (value: unknown): value is Channel => typeof value === 'string' && Object.hasOwn(contract, value);
export { CASE_ACTIONS };
