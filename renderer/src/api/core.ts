/**
 * The renderer's single door to the core's code: types of the contract and view models, plus the pure
 * label tables and the permission table used for display. Nothing here computes a case rule.
 */
export type { Channel, ChannelInput, RegisterQuery } from '../../../electron/core/contract';
/**
 * In the renderer a channel's output is what the page receives: a file channel's file is delivered by the
 * adapter (browser download, save dialog) and the page gets its FileDelivery; every other channel, its output.
 */
export type { PageOutput as ChannelOutput } from '../../../electron/core/contract';
export type {
  CalendarDayChange, CalendarImportPreview, CalendarYearView, CaseDetail, CaseExtension, CaseNote, CaseRound, CaseSummary, CaseSuspension, ComplainantView,
  Dashboard, DeadlineRules, Department, Directory, FileDelivery, HistoryEntry, HistoryVerification, Lookup, OfficeSettings,
  RegisterPage, SessionUser, StaffMember, UserInfo,
} from '../../../electron/core/types';
export type { AppErrorData, ErrorCode, Result } from '../../../electron/core/errors';
export type { CaseAction } from '../../../electron/core/domain/workflow';
export type {
  CaseStatus, DueStateCode, Finding, Gender, ReplyMethod, Role, Satisfaction, Severity,
} from '../../../electron/core/domain/vocab';
export { ACTION_RULES, CASE_ACTIONS } from '../../../electron/core/domain/workflow';
export {
  DUE_STATE_LABELS, DUE_STATES, FINDING_LABELS, FINDINGS, GENDER_LABELS, GENDERS, REPLY_METHOD_LABELS, REPLY_METHODS,
  ROLE_LABELS, ROLES, SATISFACTION_LABELS, SATISFACTIONS, SEVERITY_LABELS, SEVERITIES, STATUS_LABELS, STATUSES,
  WRITTEN_CHANNELS,
} from '../../../electron/core/domain/vocab';
export { mayCall } from '../../../electron/core/domain/permissions';
export { defaultReplyMethod } from '../../../electron/core/domain/reply-method';
/** The contract's input schemas, for checking a form in the browser before it is sent (the core checks again). */
export { contract } from '../../../electron/core/contract';
export { CASE_FIELD_LABELS, COMPLAINANT_FIELD_LABELS, SETTINGS_FIELD_LABELS } from '../../../electron/core/domain/field-labels';
// Papers (文书): the settings' template editor and paper settings tabs
export type {
  MissingValue, PaperDraft, PaperPreviewCase, PaperSettings, PaperTemplateInfo, PaperTemplateText, PaperTemplateVersion, TemplateIssue,
} from '../../../electron/core/types';
export type { PaperDocument } from '../../../templates/papers/paper-document';
export {
  formatPaperNumber, PAPER_TYPE_INFO, PAPER_TYPES, type PaperLayout, type PaperType, type PlaceholderInfo,
} from '../../../electron/core/domain/papers';
// Papers (文书): the case page's 文书 panel and paper dialog
export type { PaperRecord } from '../../../electron/core/types';
export type { PaperBlock } from '../../../templates/papers/paper-document';
export { PAPER_ISSUERS, paperAllowed, whyNotIssue, type PaperAudience } from '../../../electron/core/domain/papers';
// Statistics (统计): the one table of figures and their formatting, the page's types
export type { StatisticsCell, StatisticsFigures, StatisticsReport, StatisticsTrend } from '../../../electron/core/types';
export {
  change, FIGURE_BY_KEY, FIGURES, formatChange, formatRate, lastMonth, periodOf, type FigureDefinition, type FigureKey, type FigureKind, type PeriodSpec,
} from '../../../electron/core/domain/statistics';
// Register export (登记册 → 导出 Excel): its progress, and the filters in words
export type { RegisterExportProgress } from '../../../electron/core/types';
export { NO_FILTERS, registerFilterText, registerFilterWords, registerOrderWords, type FilterNames } from '../../../electron/core/domain/register-filters';
// 重复件: the registration form's panel of earlier cases, and the links on the case page
export type { CaseLinkView, RepeatCandidate } from '../../../electron/core/types';
// Backups (设置 → 备份与恢复), restore, and the recovery page
export type { BackupDestination, BackupInfo, BackupProgress, BackupSettings, BackupStatus } from '../../../electron/core/types';
// 附件: the case page's section and the registration form's area (limits and kinds as the core states them)
export type { AttachmentInfo, AttachmentLimits } from '../../../electron/core/types';
export {
  ATTACHMENT_ALLOWED, ATTACHMENT_KIND_LABELS, ATTACHMENT_MAX_CASE_BYTES, ATTACHMENT_MAX_FILE_BYTES, formatAttachmentSize,
} from '../../../electron/core/domain/attachments';
