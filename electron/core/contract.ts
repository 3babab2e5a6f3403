import { z } from 'zod';
import type {
  BackupInfo, BackupProgress, BackupStatus, RecoveryStatus, RestoreResult,
  CalendarImportPreview, CalendarYearView, CaseDetail, ComplainantView, Dashboard, Department, Directory, FileDelivery,
  FileResult, HistoryVerification, Lookup, OfficeSettings, PaperDraft, PaperPreviewCase, PaperRecord, PaperSettings, PaperTemplateInfo,
  PaperTemplateVersion, RegisterExportProgress, RegisterPage, RepeatCandidate, SessionUser, StaffMember, StatisticsReport, StatisticsSummaryRecord, StatisticsTrend, UserInfo,
} from './types';
import { PAPER_TYPES } from './domain/papers';
import type { AttachmentInfo, AttachmentList } from './types';
import { ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_NAME_MAX } from './domain/attachments';
import {
  CASE_ACTIONS,
} from './domain/workflow';
import { CASE_FIELD_LABELS as F, COMPLAINANT_FIELD_LABELS as P, SETTINGS_FIELD_LABELS as S } from './domain/field-labels';
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
  // marks: what travels with the channel besides its types (maxBodyBytes, see withBodyLimit)
  return <S extends z.ZodType, M extends object = object>(input: S, marks?: M) =>
    ({ ...marks, input, output: undefined as unknown as O }) as { input: S; output: O } & M;
}

/**
 * A channel that answers with a file (FileResult) of this media type. The mark travels with the channel,
 * so every adapter knows which answers to deliver as a file (HTTP body, save dialog, file on disk) without
 * a list of its own, and the OpenAPI document describes the answer as that type.
 */
function fileChannel<const M extends string>(mediaType: M) {
  return <S extends z.ZodType>(input: S) => ({ input, output: undefined as unknown as FileResult, answersFile: mediaType });
}

/**
 * A channel whose request may be bigger than the HTTP server's 2 MB: a mark that travels with the channel (like
 * `answersFile`; `channel<O>()(input, bodyLimit(n))`), so the server reads up to this many bytes of JSON for it alone.
 */
const bodyLimit = (maxBodyBytes: number) => ({ maxBodyBytes });

/**
 * attachments/add carries the file as Base64 (4 characters per 3 bytes: 50 MB of file is about 70 MB of text),
 * plus the name and the JSON around them. The desktop app sends the same object over IPC.
 */
const ATTACHMENT_BASE64_CHARS = Math.ceil(ATTACHMENT_MAX_FILE_BYTES / 3) * 4;
export const ATTACHMENT_BODY_BYTES = ATTACHMENT_BASE64_CHARS + 64 * 1024;
const attachmentId = { id: id('附件') };
/** A backup file on this computer: an absolute path (a backup in a destination, or one picked by hand). */
const backupFile = plainText('备份文件').trim().min(1, '请填写「备份文件」').max(1000, '「备份文件」路径不能超过 1000 个字');

// Channels without input refuse any field: a caller who sends one has misunderstood the channel, and
// silently ignoring it would hide that (docs/API.md says so too).
const empty = z
  .strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `此接口不接受输入字段「${issue.keys.join('」「')}」` : '输入须为一个对象（可为空 {}）') })
  .default({});
const caseRef = { id: id('案件'), version: intRange('版本', 1, 1_000_000) };

const complainant = z.object({
  name: optText(P.name, LIMITS.name),
  gender: oneOf(P.gender, GENDERS).nullable().default(null),
  phone: phone(P.phone),
  idNumber: idNumber(P.idNumber),
  address: optText(P.address, LIMITS.address),
  employer: optText(P.employer, LIMITS.short),
});

const registration = {
  receivedAt: dateTime(F.receivedAt),
  channel: text(F.channel, 20),
  caseType: text(F.caseType, 20),
  isAnonymous: bool(F.isAnonymous).default(false),
  isConfidential: bool(F.isConfidential).default(false),
  headCount: intRange(F.headCount, 1, 10_000).default(1),
  complainants: z.array(complainant, { error: `「${F.complainants}」格式不正确` }).max(20, `「${F.complainants}」最多 20 人`).default([]),
  respondentDepartmentId: id(F.respondentDepartmentId).nullable().default(null),
  respondentStaff: optText(F.respondentStaff, LIMITS.name),
  // The staff member picked from the directory (null: typed or none); the core stores their directory name in respondentStaff.
  respondentStaffId: id(F.respondentStaffId).nullable().optional(),
  subject: text(F.subject, LIMITS.subject),
  account: text(F.account, LIMITS.text),
  request: optText(F.request, LIMITS.text),
  firstReceiverId: id(F.firstReceiverId).nullable().default(null),
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
  respondentStaffId: registration.respondentStaffId,
  subject: registration.subject.optional(),
  account: registration.account.optional(),
  request: registration.request.unwrap().optional(),
  firstReceiverId: id(F.firstReceiverId).optional(),
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
  // 重复件: true = only the cases linked now as a repeat of an earlier one (false or absent: no filter).
  repeat: bool('重复件').optional(),
  search: optText('搜索', 50).optional(),
});
export type RegisterQuery = z.input<typeof registerQuery>;

const deadlines = z.object({
  acceptWorkingDays: intRange(S.acceptWorkingDays, 1, 60),
  handleWorkingDays: z.object({
    simple: intRange(S.handleSimpleWorkingDays, 1, 120),
    complex: intRange(S.handleComplexWorkingDays, 1, 120),
    major: intRange(S.handleMajorWorkingDays, 1, 120),
  }),
  replyWorkingDays: intRange(S.replyWorkingDays, 1, 60),
  overallCalendarDays: intRange(S.overallCalendarDays, 1, 365),
});

/**
 * A calendar file to import: its bytes as Base64 (`file`, what the page reads from disk; the core tells
 * UTF-8 from Excel's GB18030/GBK by the bytes), or text a tool has already decoded (`text`). Exactly one.
 * 100,000 bytes at most: a year is a few dozen lines.
 */
const CALENDAR_FILE_BYTES = 100_000;
const calendarFile = z
  .object({
    file: z
      .base64({ error: '「日历文件」须为 Base64 编码的文件内容' })
      .max(Math.ceil(CALENDAR_FILE_BYTES / 3) * 4, `「日历文件」不能超过 ${CALENDAR_FILE_BYTES / 1000} KB`)
      .optional(),
    text: text('日历文件内容', CALENDAR_FILE_BYTES).optional(),
  })
  .refine((v) => (v.file === undefined) !== (v.text === undefined), { message: '请选择「日历文件」（file 与 text 二选一）', path: ['file'] });

const office = z.object({
  name: text(S.officeName, LIMITS.short),
  address: optText(S.officeAddress, LIMITS.address),
  phone: phone(S.officePhone),
});

/** Papers (文书): the type, and what the person typed into the gaps a case leaves (名称 -> text, one paper only). */
const paperType = oneOf('文书类型', PAPER_TYPES);
const fillIns = z
  .record(plainText('填写项名称').max(20, '「填写项名称」不能超过 20 个字'), text('填写内容', LIMITS.text), { error: '「填写内容」格式不正确' })
  .refine((v) => Object.keys(v).length <= 40, '「填写内容」最多 40 项')
  .default({});
const paperRequest = { caseId: id('案件'), type: paperType, fillIns };
const paperDownload = z.object({ paperId: id('文书'), purpose: optText('查看目的', LIMITS.reason).optional() });
/** A template's text as the office edits it (设置 → 文书模板); checked against the type's placeholders on save. */
const paperTemplateText = z.object({
  title: text('标题', 200),
  recipient: optText('主送', 500),
  body: text('正文', 20_000),
  contact: optText('联系方式', 500),
  copyTo: optText('抄送', 500),
});
const fontFile = plainText('字体文件').trim().max(1000, '「字体文件」路径不能超过 1000 个字').nullable();

/** A statistics period (../shared/statistics.md): a month, a quarter, a year or a custom range of dates, both included. */
const statisticsPeriod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), month: plainText('统计月份').regex(/^\d{4}-(0[1-9]|1[0-2])$/, '「统计月份」格式应为 YYYY-MM，例如 2026-11') }),
  z.object({ kind: z.literal('quarter'), quarter: plainText('统计季度').regex(/^\d{4}-Q[1-4]$/, '「统计季度」格式应为 YYYY-Qn，例如 2026-Q4') }),
  z.object({ kind: z.literal('year'), year: intRange('统计年份', 2000, 2100) }),
  z.object({ kind: z.literal('custom'), from: date('起始日期'), to: date('截止日期') })
    .refine((v) => v.from <= v.to, { message: '「截止日期」不能早于「起始日期」', path: ['to'] }),
], { error: '「统计期间」须为月（month）、季度（quarter）、年（year）或自定义（custom）之一' });

/** A register export's id as registerExport/start answered it (a UUID). */
const exportId = () => plainText('导出编号').trim().regex(/^[0-9a-f-]{36}$/i, '「导出编号」格式不正确');

/** A date, or a date and time (the received time typed into the registration form). */
const dateOrDateTime = (label: string) => z.union([date(label), dateTime(label)], { error: `「${label}」格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm` });

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
      numbering: z.object({ prefix: plainText(S.numberingPrefix).trim().regex(/^[A-Za-z\u4e00-\u9fff-]{0,8}$/, `「${S.numberingPrefix}」最多 8 个字母、汉字或短横线`) }).optional(),
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
    z.object({
      date: date('日期'),
      kind: oneOf('日期类型', ['holiday', 'workday', 'default'] as const),
      // One line: the calendar file has a line per day, so a line break would add a day of its own to the export.
      name: optText('名称', 20).refine((v) => !v.includes('\n'), '「名称」只能是一行文字，请删除换行'),
    }),
  ),
  /** What importing the file would change in its year (days added, removed, changed); writes nothing. */
  'calendar/previewImport': channel<CalendarImportPreview>()(calendarFile),
  'calendar/importYear': channel<CalendarYearView>()(calendarFile),
  'calendar/exportYear': fileChannel('text/csv')(z.object({ year: intRange('年份', 2000, 2100) })),
  'calendar/due': channel<{ due: string }>()(
    z
      .object({ from: date('起算日期'), workingDays: intRange('工作日数', 1, 365).optional(), calendarDays: intRange('自然日数', 1, 3650).optional() })
      .refine((v) => (v.workingDays === undefined) !== (v.calendarDays === undefined), { message: '「期限」请在工作日数与自然日数中二选一', path: ['workingDays'] }),
  ),

  'cases/register': channel<CaseDetail>()(
    z.object({
      ...registration,
      answeredOnSpot: z.object({ reply: text(F.onSpotReply, LIMITS.text) }).nullable().default(null),
      // 重复件: an earlier case of the same phone or ID number (one of cases/repeatCandidates), linked in the same save.
      repeatOfId: id('被重复的案件').optional(),
      // The idempotency key: the renderer's draft id, sent again when a save got no answer.
      draftId: z.string({ error: '「草稿编号」必须是文字' }).regex(/^[A-Za-z0-9-]{8,64}$/, '「草稿编号」应为 8 到 64 位字母、数字或短横线').optional(),
    }),
  ),
  'cases/update': channel<CaseDetail>()(z.object({ ...caseRef, ...correction })),
  'cases/accept': channel<CaseDetail>()(z.object({ ...caseRef, note: optText(F.acceptNote, LIMITS.note) })),
  'cases/refuse': channel<CaseDetail>()(z.object({ ...caseRef, reason: text(F.refuseReason, LIMITS.reason), referral: text(F.referral, LIMITS.reason) })),
  'cases/assign': channel<CaseDetail>()(
    z.object({ ...caseRef, departmentId: id(F.handlerDepartmentId), handlerStaffId: id(F.handlerStaffId), severity: oneOf(F.severity, SEVERITIES), note: optText(F.assignNote, LIMITS.note) }),
  ),
  'cases/addNote': channel<CaseDetail>()(z.object({ ...caseRef, notedOn: date(F.notedOn), text: text(F.noteText, LIMITS.note) })),
  'cases/recordFinding': channel<CaseDetail>()(
    z.object({
      ...caseRef,
      finding: oneOf(F.finding, FINDINGS),
      handlingOpinion: text(F.handlingOpinion, LIMITS.text),
      measures: optText(F.measures, LIMITS.text),
      staffAction: optText(F.staffAction, LIMITS.note),
      draftReply: optText(F.draftReply, LIMITS.text),
      handledOn: date(F.handledOn),
    }),
  ),
  'cases/review': channel<CaseDetail>()(
    z
      .object({ ...caseRef, decision: oneOf(F.reviewDecision, ['approve', 'return'] as const), comment: optText(F.reviewComment, LIMITS.note) })
      .refine((v) => v.decision === 'approve' || v.comment.length > 0, { message: `退回时请填写「${F.reviewComment}」`, path: ['comment'] }),
  ),
  'cases/reply': channel<CaseDetail>()(
    z.object({ ...caseRef, method: oneOf(F.replyMethod, REPLY_METHODS), repliedOn: date(F.repliedOn), summary: text(F.replySummary, LIMITS.text) }),
  ),
  'cases/followUp': channel<CaseDetail>()(
    z.object({ ...caseRef, satisfaction: oneOf(F.satisfaction, SATISFACTIONS), followedUpOn: date(F.followedUpOn), note: optText(F.followUpNote, LIMITS.note) }),
  ),
  'cases/reopen': channel<CaseDetail>()(z.object({ ...caseRef, reason: text(F.reopenReason, LIMITS.reason) })),
  'cases/close': channel<CaseDetail>()(z.object({ ...caseRef, note: text(F.closeNote, LIMITS.reason) })),
  'cases/extend': channel<CaseDetail>()(
    z.object({ ...caseRef, newDue: date(F.newDue), reason: text(F.extendReason, LIMITS.reason), notice: optText(F.extendNotice, LIMITS.reason) }),
  ),
  'cases/suspend': channel<CaseDetail>()(z.object({ ...caseRef, suspendedOn: date(F.suspendedOn), material: text(F.material, LIMITS.reason) })),
  'cases/resume': channel<CaseDetail>()(z.object({ ...caseRef, receivedOn: date(F.resumedOn) })),
  'cases/void': channel<CaseDetail>()(z.object({ ...caseRef, reason: text(F.voidReason, LIMITS.reason) })),
  'cases/get': channel<CaseDetail>()(z.object({ id: id('案件') })),
  'cases/revealIdentity': channel<ComplainantView[]>()(z.object({ id: id('案件'), purpose: text(F.revealPurpose, LIMITS.reason) })),
  'cases/list': channel<RegisterPage>()(registerQuery),
  // 重复件: earlier cases (last 12 months) of this phone or ID number, masked like the register; the link both ways.
  'cases/repeatCandidates': channel<RepeatCandidate[]>()(
    z
      .object({ phone: phone(P.phone).optional(), idNumber: idNumber(P.idNumber).optional(), before: dateOrDateTime('收到时间').optional() })
      .refine((v) => Boolean(v.phone) || Boolean(v.idNumber), { message: `请填写「${P.phone}」或「${P.idNumber}」`, path: ['phone'] }),
  ),
  'cases/linkRepeat': channel<CaseDetail>()(z.object({ ...caseRef, repeatOfId: id('被重复的案件') })),
  'cases/unlinkRepeat': channel<CaseDetail>()(z.object({ ...caseRef, reason: text('取消原因', LIMITS.reason) })),
  'statistics/get': channel<StatisticsReport>()(z.object({ period: statisticsPeriod, public: bool('公开版').default(false) })),
  // The statistics workbook (templates/xlsx/statistics-workbook.ts): the same report as sheets; 人员 only for supervisors and admins.
  'statistics/xlsx': fileChannel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')(z.object({ period: statisticsPeriod, public: bool('公开版').default(false) })),
  // The 统计 page's 12-month trend in one call: the months up to and including `month`.
  // The statistics summary to print and sign (templates/pdf/statistics-summary.ts): the same report, with the charts.
  'statistics/pdf': fileChannel('application/pdf')(z.object({ period: statisticsPeriod, public: bool('公开版').default(false) })),
  'statistics/trend': channel<StatisticsTrend>()(z.object({ month: plainText('统计月份').regex(/^\d{4}-(0[1-9]|1[0-2])$/, '「统计月份」格式应为 YYYY-MM，例如 2026-11') })),
  // 签发: the summary of statistics/pdf stored exactly as rendered (SHA-256, issuer after 制表人), recorded with its history row.
  'statistics/issue': channel<StatisticsSummaryRecord>()(z.object({ period: statisticsPeriod, public: bool('公开版').default(false) })),
  // 已签发: every issued summary, newest first.
  'statistics/summaries': channel<StatisticsSummaryRecord[]>()(empty),
  // An issued summary's stored bytes, refused when the file no longer has its recorded SHA-256.
  'statistics/summaryPdf': fileChannel('application/pdf')(z.object({ id: id('已签发的统计汇总表') })),
  // The register export (登记册 → 导出 Excel): the register's filters, order and search as cases/list takes them,
  // every matching row streamed to a workbook in the data folder; progress by exportId, the file to its starter only.
  'registerExport/start': channel<RegisterExportProgress>()(
    registerQuery.omit({ page: true, pageSize: true })
      .extend({ unmasked: bool('不遮蔽身份').default(false), purpose: optText('导出用途', LIMITS.reason) })
      .refine((v) => !v.unmasked || v.purpose.length > 0, { message: '显示身份导出时请填写「导出用途」', path: ['purpose'] }),
  ),
  'registerExport/progress': channel<RegisterExportProgress>()(z.object({ exportId: exportId() })),
  'registerExport/cancel': channel<RegisterExportProgress>()(z.object({ exportId: exportId() })),
  'registerExport/file': fileChannel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')(z.object({ exportId: exportId() })),
  'dashboard/get': channel<Dashboard>()(empty),
  'papers/list': channel<PaperRecord[]>()(z.object({ caseId: id('案件') })),
  'papers/prepare': channel<PaperDraft>()(z.object(paperRequest)),
  'papers/previewPdf': fileChannel('application/pdf')(z.object(paperRequest)),
  'papers/previewDocx': fileChannel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')(z.object(paperRequest)),
  'papers/issue': channel<PaperRecord>()(
    z
      .object({ ...paperRequest, supersedes: id('被替代的文书').optional(), reason: optText('重新签发原因', LIMITS.reason).optional() })
      .refine((v) => v.supersedes === undefined || (v.reason ?? '').length > 0, { message: '重新签发时请填写「重新签发原因」', path: ['reason'] }),
  ),
  'papers/pdf': fileChannel('application/pdf')(paperDownload),
  'papers/docx': fileChannel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')(paperDownload),
  'papers/issueBatch': fileChannel('application/pdf')(
    z
      .object({
        type: oneOf('文书类型', ['supervise', 'follow-up'] as const),
        selection: oneOf('范围', ['overdue', 'followUpDue'] as const),
        // the same gaps of every paper, e.g. 督办要求 (a batch of 督办通知 has a general one by default)
        fillIns: fillIns.optional(),
      })
      .refine((v) => (v.type === 'supervise') === (v.selection === 'overdue'), {
        message: '「范围」与文书类型不符：督办通知（supervise）对应 overdue（已超期），回访记录单（follow-up）对应 followUpDue（7 日内待回访）',
        path: ['selection'],
      }),
  ),
  'paperTemplates/list': channel<PaperTemplateInfo[]>()(empty),
  'paperTemplates/versions': channel<PaperTemplateVersion[]>()(z.object({ type: paperType })),
  'paperTemplates/preview': channel<PaperDraft>()(z.object({ type: paperType, text: paperTemplateText, caseId: id('案件') })),
  'paperTemplates/save': channel<PaperTemplateInfo>()(z.object({ type: paperType, text: paperTemplateText })),
  // The cases a template preview may be composed from (the admin may not open the register): number, date, type, status.
  'paperTemplates/cases': channel<PaperPreviewCase[]>()(z.object({ search: optText('登记编号', 30).optional() })),
  'paperSettings/get': channel<PaperSettings>()(empty),
  'paperSettings/save': channel<PaperSettings>()(
    z.object({
      abbreviation: text('单位简称', 20).optional(),
      contact: optText('联系方式', 200).optional(),
      patterns: z.partialRecord(paperType, plainText('文号格式').trim().max(40, '「文号格式」最多 40 个字'), {
        // zod reports unknown keys of a partial record as unrecognized_keys, which its types do not list here.
        error: (issue) => {
          const i = issue as { code: string; keys?: string[] };
          return i.code === 'unrecognized_keys' ? `「文号格式」没有这种文书类型：${(i.keys ?? []).join('、')}` : undefined;
        },
      }).optional(),
      bodyFontFile: fontFile.optional(),
      titleFontFile: fontFile.optional(),
    }),
  ),
  // Backups (设置 → 备份与恢复): what is there and how the destinations fare; 立即备份 starts a run (or answers with
  // the one running) and its progress is asked for by job; the second destination and how many to keep.
  'backup/status': channel<BackupStatus>()(empty),
  'backup/run': channel<BackupProgress>()(empty),
  'backup/progress': channel<BackupProgress>()(z.object({ job: intRange('备份任务', 1, 1_000_000_000) })),
  'backup/saveSettings': channel<BackupStatus>()(
    z.object({
      // an absolute folder on this computer (a USB disk, a network share); null or empty: none
      secondDestination: plainText('第二备份位置').trim().max(500, '「第二备份位置」不能超过 500 个字').nullable().default(null),
      keepDaily: intRange('保留每日备份', 1, 365),
      keepWeekly: intRange('保留每周备份', 1, 365),
      keepMonthly: intRange('保留每月备份', 1, 365),
    }),
  ),
  // Restore (admin): what a backup file holds, verified (manifest, SHA-256, integrity, history chain); then the
  // restore itself, which signs every session out (请重新登录).
  'backup/inspect': channel<BackupInfo>()(z.object({ file: backupFile })),
  'backup/restore': channel<RestoreResult>()(
    z.object({ file: backupFile, confirm: z.literal(true, { error: '请确认恢复：恢复会替换当前的登记册（confirm 须为 true）' }) }),
  ),
  // Recovery mode (the register could not be opened at start): no one can sign in, so recovery/restore is authorised
  // by an active administrator's user name and password in the backup being restored.
  'recovery/status': channel<RecoveryStatus>()(empty),
  'recovery/restore': channel<RestoreResult>()(z.object({ file: backupFile, username: text('用户名', LIMITS.username), password: secret('密码') })),
  // 附件 (domain/attachments.ts): a case's files, voided ones too; one file per add (the UI sends several one after
  // another); its bytes as a download (application/octet-stream here; the answer carries the stored type). A
  // confidential case's attachments only for whoever sees its complainant's identity. Note for the UI: an
  // AttachmentInfo with downloadOnly (a PDF with JavaScript) is only ever saved, never opened in a viewer; the
  // desktop adapter checks the bytes itself as well (electron/main/open-file.ts, openAttachment).
  'attachments/list': channel<AttachmentList>()(z.object({ caseId: id('案件') })),
  'attachments/add': channel<AttachmentInfo>()(
    z.object({
      caseId: id('案件'),
      name: text('文件名', ATTACHMENT_NAME_MAX),
      content: z
        .base64({ error: '「文件内容」须为 Base64 编码的文件内容' })
        .max(ATTACHMENT_BASE64_CHARS, `「文件内容」不能超过 ${ATTACHMENT_MAX_FILE_BYTES / 1024 / 1024} MB`),
    }),
    bodyLimit(ATTACHMENT_BODY_BYTES),
  ),
  'attachments/void': channel<AttachmentInfo>()(z.object({ ...attachmentId, reason: text('作废原因', LIMITS.reason) })),
  'attachments/file': fileChannel('application/octet-stream')(z.object(attachmentId)),
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

/** The channels that answer with a file (FileResult), derived from the `fileChannel` mark. */
export type FileChannel = { [C in Channel]: Contract[C] extends { answersFile: string } ? C : never }[Channel];
export const answersFile = (channel: Channel): channel is FileChannel => 'answersFile' in contract[channel];
export const FILE_CHANNELS = CHANNELS.filter(answersFile);
/** The media type a file channel answers (its essence, without parameters such as charset). */
export const fileMediaType = (channel: FileChannel): string => contract[channel].answersFile;
/** The most bytes of JSON the HTTP server reads for a channel's request (the default unless the channel is marked). */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const maxBodyBytes = (channel: Channel): number => {
  const c = contract[channel] as { maxBodyBytes?: number };
  return c.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
};
/**
 * What a page receives: a file answer is delivered by the adapter (browser download, save dialog) and the
 * page learns only its name and whether it was saved; every other channel answers its output as is.
 */
export type PageOutput<C extends Channel> = C extends FileChannel ? FileDelivery : ChannelOutput<C>;
export { CASE_ACTIONS };
