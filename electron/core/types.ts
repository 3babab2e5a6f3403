import type { CalendarOverride } from './domain/holidays-cn';
import type { TextEncodingName } from './domain/text-file';
import type {
  CaseStatus, DueStateCode, Finding, Gender, ReplyMethod, Role, Satisfaction, Severity,
} from './domain/vocab';
import type { DeadlineRules } from './domain/deadlines';
import type { CaseAction } from './domain/workflow';
import type { CountKey, PeriodKind, RateKey } from './domain/statistics';
import type { PaperAudience, PaperLayout, PaperType, PlaceholderInfo } from '../../templates/papers/catalogue';
import type { PaperDocument } from '../../templates/papers/paper-document';
import type { MissingValue, PaperTemplateText, TemplateIssue } from '../../templates/engine/types';

/** View models: what the contract returns. camelCase; rows are mapped in services. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  staffId: number | null;
}

/** The office's time limits, as the settings carry them (defined beside the rules that use them). */
export type { DeadlineRules } from './domain/deadlines';

export interface OfficeSettings {
  office: { name: string; address: string; phone: string };
  numbering: { prefix: string };
  deadlines: DeadlineRules;
}

export interface Department { id: number; name: string; active: boolean; sortOrder: number }
export interface StaffMember { id: number; departmentId: number; name: string; title: string; active: boolean }
export interface Lookup { id: number; kind: 'channel' | 'case_type'; name: string; active: boolean; sortOrder: number }
export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  staffId: number | null;
  active: boolean;
  createdAt: string;
  /** signing in is refused until this local date-time after repeated wrong passwords; null when not locked */
  lockedUntil: string | null;
}
export interface Directory {
  departments: Department[];
  staff: StaffMember[];
  channels: Lookup[];
  caseTypes: Lookup[];
  users: Array<Pick<UserInfo, 'id' | 'displayName' | 'role' | 'active'>>;
}

export interface ComplainantView {
  name: string;
  gender: Gender | null;
  phone: string;
  idNumber: string;
  address: string;
  employer: string;
}

export interface CaseSummary {
  id: number;
  registerNo: string;
  receivedAt: string;
  channel: string;
  caseType: string;
  subject: string;
  complainant: string;
  complainantPhone: string;
  isAnonymous: boolean;
  isConfidential: boolean;
  headCount: number;
  status: CaseStatus;
  severity: Severity | null;
  respondentDepartment: string | null;
  handlerDepartment: string | null;
  handlerStaff: string | null;
  dueDate: string | null;
  dueState: DueStateCode | null;
  calendarMissingYear: number | null;
  round: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  actionLabel: string;
  note: string | null;
  changes: Array<{ field: string; label: string; before: unknown; after: unknown }>;
}

export interface CaseNote { id: number; round: number; notedOn: string; text: string; author: string; createdAt: string }
export interface CaseExtension { id: number; round: number; oldDue: string | null; newDue: string; reason: string; approver: string; notice: string; createdAt: string }
export interface CaseSuspension { id: number; round: number; suspendedOn: string; material: string; resumedOn: string | null }
export interface CaseRound {
  round: number;
  endedAt: string;
  finding: Finding | null;
  replySummary: string | null;
  satisfaction: Satisfaction | null;
  /** that round's whole-case due date without extensions, and the one in force when it ended (on-time per round) */
  originalDue: string | null;
  finalDue: string | null;
  repliedOn: string | null;
}

export interface CaseDetail extends CaseSummary {
  version: number;
  registeredAt: string;
  respondentDepartmentId: number | null;
  respondentStaff: string | null;
  /** the directory's staff member when one was picked (respondentStaff is then their name as stored) */
  respondentStaffId: number | null;
  account: string;
  request: string;
  complainants: ComplainantView[];
  /** the complainants above are masked for this user */
  identityMasked: boolean;
  /** masked, and this user may ask for the full identity (cases/revealIdentity, recorded): offer 查看完整身份信息 */
  mayRevealIdentity: boolean;
  /** in 修改登记信息, this user may change the complainants, 匿名 and 要求保密 (only someone who sees the identity) */
  mayEditIdentity: boolean;
  /** in 修改登记信息, this user may change 首问责任人 (who is responsible for the case: a supervisor's decision) */
  mayChangeResponsibility: boolean;
  recorder: string;
  firstReceiver: string;
  firstReceiverId: number;
  handlerDepartmentId: number | null;
  handlerStaffId: number | null;
  acceptedAt: string | null;
  refuseReason: string | null;
  referral: string | null;
  assignedAt: string | null;
  finding: Finding | null;
  handlingOpinion: string | null;
  measures: string | null;
  staffAction: string | null;
  draftReply: string | null;
  handledOn: string | null;
  reviewComment: string | null;
  approvedAt: string | null;
  replyMethod: ReplyMethod | null;
  repliedOn: string | null;
  replySummary: string | null;
  satisfaction: Satisfaction | null;
  followedUpOn: string | null;
  followUpNote: string | null;
  closedAt: string | null;
  closeNote: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  stageDue: string | null;
  overallDue: string | null;
  originalDue: string | null;
  /** the due date the due state counts from and the limit it comes from (受理/办理/答复 or the whole case); null while the clock is stopped */
  currentDue: { date: string; limit: 'accept' | 'handle' | 'reply' | 'overall' } | null;
  notes: CaseNote[];
  extensions: CaseExtension[];
  suspensions: CaseSuspension[];
  rounds: CaseRound[];
  timeline: HistoryEntry[];
  allowedActions: CaseAction[];
  /** 重复件: the earlier case this one is linked as a repeat of (cases/linkRepeat), null when none */
  repeatOf?: CaseLinkView | null;
  /** the later cases linked as repeats of this one, oldest first */
  repeats?: CaseLinkView[];
}

/** One end of a repeat link (重复件) as a case page shows it: the other case, who linked them and when. */
export interface CaseLinkView { caseId: number; registerNo: string; receivedAt: string; linkedBy: string; linkedAt: string }

/**
 * registerExport/start|progress|cancel: a register export (登记册 → 导出 Excel) as it runs. The file itself is
 * fetched with registerExport/file once `state` is 'done', by the user who started it only.
 */
export interface RegisterExportProgress {
  /** random, unguessable (crypto.randomUUID) */
  exportId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** rows written so far */
  written: number;
  /** rows matching at start (the count the register shows) */
  total: number;
  unmasked: boolean;
  /** e.g. 登记册导出_20261201_1530.xlsx */
  fileName: string;
  /** failed: why (Chinese) */
  message: string | null;
}

/** cases/repeatCandidates: an earlier case of the same phone or ID number (last 12 months), masked like the register. */
export interface RepeatCandidate {
  id: number;
  registerNo: string;
  receivedAt: string;
  caseType: string;
  channel: string;
  subject: string;
  status: CaseStatus;
  /** which of the numbers typed in the earlier case's complainant has */
  matchedBy: Array<'phone' | 'idNumber'>;
  /** the matching complainant's name, masked where the caller sees the identity masked */
  complainantName: string;
}

export interface RegisterPage {
  rows: CaseSummary[];
  /** how many cases match: exactly when `totalIsExact`, else a lower bound (counting stopped there; more match) */
  total: number;
  totalIsExact: boolean;
  page: number;
  pageSize: number;
}

/** The work lists of the 工作台 (docs/API.md, Dashboard): each is one register filter. */
export type WorkListKey =
  | 'awaitingAcceptance' | 'awaitingAssignment' | 'awaitingReview' | 'unsatisfied' | 'overdue' | 'dueSoon'
  | 'myCases' | 'myDueSoon' | 'myOverdue'
  | 'awaitingReply' | 'awaitingFollowUp';

/** Who a group of work lists is for: a role, or the handler (a user linked to a staff member). */
export type WorkListRole = 'supervisor' | 'handler' | 'clerk' | 'auditor';

/** The `cases/list` input fields that open the register on exactly a work list's cases, in its order. */
export interface WorkListFilter {
  status?: CaseStatus[];
  dueState?: DueStateCode[];
  handlerStaffId?: number;
  sortBy: 'registerNo' | 'receivedAt' | 'dueDate';
  sortOrder: 'asc' | 'desc';
}

export interface WorkListSection {
  key: WorkListKey;
  /** every case of the list, counted exactly */
  count: number;
  /** its first cases in the filter's order (at most `WORK_LIST_LENGTH`), masked as in the register; empty for auditors */
  cases: CaseSummary[];
  filter: WorkListFilter;
  /** 我承办的 only: how many of them the review sent back (退回重办), and which of the listed ones */
  returned?: { count: number; caseIds: number[] };
}

export interface WorkListGroup {
  role: WorkListRole;
  sections: WorkListSection[];
}

export interface Dashboard {
  today: string;
  /** the caller's groups, their own role's first (a clerk who handles cases: the handler's first) */
  groups: WorkListGroup[];
  /** false for auditors: counts only, no case lists */
  hasLists: boolean;
  calendarWarnings: string[];
  /** admins and supervisors: the last backup failed (after the last success), or none succeeded for > 26 h while the app ran; null otherwise and for other roles */
  backupWarning: null | { message: string; at: string };
}

/**
 * A file the core answers with (a CSV, later a PDF or an xlsx): each adapter delivers it in one place —
 * the HTTP server as the response body (a browser download), Electron through a save dialog, the CLI as a
 * file on disk. Channels that answer one are marked in contract.ts (`fileChannel`).
 */
export interface FileResult {
  /** the suggested file name, e.g. 工作日历-2026.csv (may hold Chinese; adapters encode it as each needs) */
  name: string;
  /** e.g. `text/csv; charset=utf-8` */
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * What a page learns of a file answer once its adapter delivered it: the name, and whether it was saved
 * (false: the person closed the save dialog). A browser download counts as saved once handed to the browser.
 */
export interface FileDelivery {
  name: string;
  saved: boolean;
}

/** One day as a calendar import would change it. */
export interface CalendarDayChange {
  date: string;
  before: CalendarOverride;
  after: CalendarOverride;
}

/** calendar/previewImport: what importing the file would change in its year, before anything is written. */
export interface CalendarImportPreview {
  year: number;
  /** the year is covered now (the import replaces it) */
  covered: boolean;
  source: string | null;
  /** how the file's bytes were read: utf-8 (with or without BOM), gb18030 (Excel's "CSV (逗号分隔)" on Chinese Windows), utf-16 (with its BOM) */
  encoding: TextEncodingName;
  /** the file's days */
  days: CalendarOverride[];
  added: CalendarOverride[];
  removed: CalendarOverride[];
  changed: CalendarDayChange[];
  unchanged: number;
}

export interface CalendarYearView {
  year: number;
  covered: boolean;
  source: string | null;
  days: CalendarOverride[];
  coveredYears: number[];
}

/** One thing verification found wrong (no case content in it: the message is safe to show to every verifier). */
export interface VerificationFailure {
  /** chain: a history row altered, inserted or removed; replay: a case or complainant row differs from what its history says; anchor: a head written down earlier is no longer in the chain */
  kind: 'chain' | 'replay' | 'anchor' | 'error';
  message: string;
  historyId: number | null;
  caseId: number | null;
  registerNo: string | null;
  /** the column (or `complainants`) that differs */
  field: string | null;
}

/** The chain head: how many history rows there are and the last one's hash. Written down, it is an anchor. */
export interface ChainHead { count: number; hash: string }

/**
 * A verification run of history/verify: while it runs, its progress; when done, what it found. `ok` is
 * null while running and true only when the chain is intact, every case replays to its current row and
 * the anchor asked about (if any) is part of the chain.
 */
export interface HistoryVerification {
  job: number;
  state: 'running' | 'done';
  phase: 'starting' | 'chain' | 'replay' | 'anchor' | 'done';
  /** units: history rows hashed plus cases replayed */
  progress: { done: number; total: number };
  startedAt: string;
  finishedAt: string | null;
  ok: boolean | null;
  /** history rows whose hash was recomputed */
  checked: number;
  casesChecked: number;
  head: ChainHead | null;
  /** the first history row whose hash does not verify */
  brokenAtId: number | null;
  anchor: (ChainHead & { ok: boolean }) | null;
  /** the first few failures, in history order then case order */
  failures: VerificationFailure[];
  failureCount: number;
}

/* ---------- Papers (文书, issue 8): what the papers channels answer. ---------- */

/**
 * The template language's shapes, defined once in templates/engine/types.ts (a pure type module the renderer's
 * project includes too): a template's text (设置 → 文书模板), something wrong in one (field, 1-based line, the
 * placeholder named, a Chinese message), and a gap the case leaves (the preview shows 〔待填写：名称〕).
 */
export type { MissingValue, PaperTemplateText, TemplateIssue } from '../../templates/engine/types';

/** papers/prepare and paperTemplates/preview: the composed paper as a preview, its gaps, and whether it may be issued now. */
export interface PaperDraft {
  caseId: number;
  type: PaperType;
  name: string;
  templateVersion: number;
  document: PaperDocument;
  missing: MissingValue[];
  /** null: this user may issue it now; else why not (the case's state, the role, or the gaps) */
  allowed: string | null;
  /** only from paperTemplates/preview: what is wrong in the template text tried */
  issues: TemplateIssue[];
}

/** An issued paper: frozen, with the SHA-256 of the stored PDF. */
export interface PaperRecord {
  id: number;
  caseId: number;
  type: PaperType;
  name: string;
  /** 1, 2… per case and type: a re-issue is a new version */
  version: number;
  /** 发文字号 for numbered types; null for forms (they carry the register number, `registerNo`) */
  number: string | null;
  registerNo: string;
  templateVersion: number;
  sha256: string;
  size: number;
  issuedBy: string;
  issuedAt: string;
  supersededAt: string | null;
  supersededReason: string | null;
  supersededById: number | null;
  audience: PaperAudience;
}

export interface PaperTemplateInfo {
  type: PaperType;
  name: string;
  layout: PaperLayout;
  /** 0 = the default from templates/ (never stored) */
  version: number;
  isDefault: boolean;
  text: PaperTemplateText;
  defaultText: PaperTemplateText;
  placeholders: PlaceholderInfo[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PaperTemplateVersion { version: number; text: PaperTemplateText; createdAt: string; createdBy: string }

/** paperTemplates/cases: a case the template editor's preview may use, named only by what picks it (no case text, no complainant). */
export interface PaperPreviewCase { id: number; registerNo: string; receivedAt: string; caseType: string; status: CaseStatus }

export interface PaperSettings {
  /** 单位简称 in 发文字号, e.g. 某政服 */
  abbreviation: string;
  /** the contact line under the date, e.g. 联系人：王某，电话：0571-88888888 */
  contact: string;
  /** 发文字号 pattern per type ({单位简称}{类型字}〔{年}〕{序号}号); only the numbered types' are used */
  patterns: Record<PaperType, string>;
  /** a 仿宋 / 小标宋 font file on the office PC, used at run time and never shipped; null = the bundled faces */
  bodyFontFile: string | null;
  titleFontFile: string | null;
}

/** statistics/get (../shared/statistics.md; the keys and their definitions: domain/statistics.ts FIGURES). */
export interface StatisticsPeriod { kind: PeriodKind; from: string; to: string; label: string }
/** A count in a public report: fewer than 3 cases show as "<3". */
export type StatisticsCell = number | '<3';
/** Every top-level figure: counts, rates (fractions 0–1, null when the denominator is 0), handling time in working days. */
export type StatisticsFigures = Record<CountKey, number> & Record<RateKey, number | null> & {
  handlingWorkingDays: { mean: number | null; median: number | null };
};
export interface StatisticsDepartmentRow {
  /** null on the 合计 row */
  departmentId: number | null;
  name: string;
  /** 1… by onTimeRate (no rate last); null on the 合计 row */
  rank: number | null;
  assigned: StatisticsCell;
  closed: StatisticsCell;
  closedOnTime: StatisticsCell;
  onTimeRate: number | null;
  overdueOpen: StatisticsCell;
  followedUp: StatisticsCell;
  satisfactionRate: number | null;
  unsatisfied: StatisticsCell;
}
export interface StatisticsStaffRow { name: string; department: string; substantiated: number; band: string | null }
export interface StatisticsOverdueRow { caseId: number; registerNo: string; subject: string; handlingDepartment: string; dueDate: string; daysOverdue: number }
export interface StatisticsRepeatRow {
  caseId: number; registerNo: string; receivedAt: string; caseType: string; status: CaseStatus; repeatOfId: number; repeatOfRegisterNo: string;
}
export interface StatisticsReport extends StatisticsFigures {
  /** the public version (定期公开): no personal data, no staff, no subjects, small cells as "<3" */
  public: boolean;
  /** the office's time zone the period's dates and 数据截至 are in */
  timeZone: string;
  /** 数据截至: the moment the figures describe, 'YYYY-MM-DD HH:mm:ss' in the office's zone */
  asOf: string;
  period: StatisticsPeriod;
  /** 环比 and 同比: the same top-level figures of the previous period and of the same period a year earlier */
  previous: StatisticsFigures & { period: StatisticsPeriod };
  yearAgo: StatisticsFigures & { period: StatisticsPeriod };
  byType: Record<string, StatisticsCell>;
  byChannel: Record<string, StatisticsCell>;
  byRespondentDepartment: Record<string, StatisticsCell>;
  bySeverity: Record<string, StatisticsCell>;
  byFinding: Record<string, StatisticsCell>;
  byStatus: Record<string, StatisticsCell>;
  /** per 承办部门, ranked by onTimeRate, the 合计 row last */
  departments: StatisticsDepartmentRow[];
  /** per staff member complained about, 1 January to the period's end (internal; supervisors and admins only) */
  staff?: StatisticsStaffRow[];
  staffPeriod?: { from: string; to: string };
  /** cohort cases open and overdue now, most overdue first (internal only; no complainant data) */
  overdueList?: { rows: StatisticsOverdueRow[]; total: number };
  /** cohort cases linked as repeats (internal only) */
  repeats?: { rows: StatisticsRepeatRow[]; total: number };
  /** what the figures could not count, in Chinese (e.g. a calendar year missing for handling times) */
  warnings: string[];
}
/** statistics/trend: the 12 months ending with the asked month, oldest first, each with the figures of statistics/get for that month. */
export interface StatisticsTrendMonth {
  /** 'YYYY-MM' */
  month: string;
  /** 2026年11月 */
  label: string;
  registered: number;
  closed: number;
  closedOnTime: number;
  /** closedOnTime / closed, null when nothing closed */
  onTimeRate: number | null;
}
export interface StatisticsTrend { months: StatisticsTrendMonth[] }

/**
 * statistics/issue|summaries: an issued statistics summary (签发): the PDF stored exactly as rendered, with its
 * SHA-256, for one period and version (公开版 and 内部版 are separate records). statistics/summaryPdf serves it.
 */
export interface StatisticsSummaryRecord {
  id: number;
  period: StatisticsPeriod;
  /** 公开版 (定期公开) or 内部版 */
  public: boolean;
  /** hex SHA-256 of the stored PDF */
  sha256: string;
  /** the PDF's size in bytes */
  bytes: number;
  /** the issuer's user id (0: the command line's operator) */
  issuedById: number | null;
  /** the issuer's name as at the time, printed after 制表人 */
  issuedBy: string;
  /** 'YYYY-MM-DD HH:mm:ss' */
  issuedAt: string;
  /** 数据截至 of the figures in it */
  asOf: string;
  /** e.g. 投诉统计-2026年11月-签发20261202.pdf */
  fileName: string;
}

/** attachments/*: a file attached to a case (domain/attachments.ts decides its kind from its bytes). */
export interface AttachmentInfo {
  id: number;
  caseId: number;
  /** the name it is kept and delivered under (cleaned, with an extension of its kind) */
  name: string;
  size: number;
  mimeType: string;
  kind: 'image' | 'pdf' | 'word' | 'excel' | 'text' | 'audio';
  sha256: string;
  addedBy: string;
  addedAt: string;
  voided: null | { at: string; by: string; reason: string };
  /**
   * Content that can act when opened (a PDF with JavaScript or a launch action): kept, but delivered only as a
   * download; the desktop app saves it and never opens it with the system viewer.
   */
  downloadOnly: boolean;
}
export interface AttachmentLimits {
  maxFileBytes: number;
  maxCaseBytes: number;
  /** what may be attached, in words: 'JPG、PNG、…' */
  allowed: string;
}
export interface AttachmentList {
  items: AttachmentInfo[];
  /** bytes of the case's attachments that are not voided (what counts against maxCaseBytes) */
  usedBytes: number;
  limits: AttachmentLimits;
  /** a confidential case's attachments, for someone who may not see its complainant's identity: none listed */
  hiddenBecauseConfidential: boolean;
}

/** backup/*: one backup file in a destination, as its manifest describes it (SPEC10; verified = manifest + size match, SHA-256 on --check). */
export interface BackupInfo {
  /** absolute path of the .sqlite */
  file: string;
  /** base name, register-YYYYMMDD-HHMMSS.sqlite (office local time) */
  name: string;
  /** absolute folder */
  destination: string;
  /** ISO UTC */
  createdAt: string;
  size: number;
  cases: number;
  lastRegisterNumber: string | null;
  head: { count: number; hash: string };
  schemaVersion: string;
  appVersion: string;
  reason: 'daily' | 'interval' | 'close' | 'manual';
  verified: boolean;
  /** why it is not verified, in words; null when verified */
  problem: string | null;
}
export interface BackupDestination { path: string; isDefault: boolean; ok: boolean; message: string | null; lastSuccessAt: string | null; lastFailureAt: string | null }
export interface BackupProgress {
  job: number;
  phase: 'copy' | 'check' | 'attachments' | 'manifest' | 'rotate' | 'done' | 'failed';
  done: number;
  total: number;
  finished: boolean;
  results: Array<{ destination: string; backup: BackupInfo | null; error: string | null }>;
}
export interface BackupSettings { secondDestination: string | null; keepDaily: number; keepWeekly: number; keepMonthly: number }
export interface BackupStatus {
  backups: BackupInfo[];
  destinations: BackupDestination[];
  settings: BackupSettings;
  running: BackupProgress | null;
  lastFailure: null | { at: string; destination: string; message: string };
  nextScheduledAt: string | null;
}

/** backup/restore, recovery/restore: what was restored, where the replaced register went, and what it now holds. */
export interface RestoreResult {
  /** the backup file restored */
  restoredFrom: string;
  /** the safety copy of the register that was replaced (register.sqlite.before-restore-<time>), or the damaged one moved aside; '' when the folder had none */
  safetyCopy: string;
  /** the chain head of the backup (the restored register has it, plus its register.restore row) */
  head: { count: number; hash: string };
  cases: number;
}

/** recovery/status: why the register could not be opened, where it went, and the newest verified backup. */
export interface RecoveryStatus {
  damaged: boolean;
  movedTo: string | null;
  message: string;
  newestBackup: BackupInfo | null;
}
