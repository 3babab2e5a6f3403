/**
 * The exported register's columns (登记册 → 导出 Excel, issue 9 item 5) and the line the core gives for each case,
 * apart from the workbook writer (register-workbook.ts) so the export's reading thread never loads exceljs: it hands
 * each line on as its cells in these columns' order (lineValues) to the thread that writes the workbook.
 */

/** One exported case, as the core decided this reader may see it (masked, labelled). */
export interface RegisterLine {
  registerNo: string;
  /** 'YYYY-MM-DD HH:mm' in the office's zone */
  receivedAt: string;
  channel: string;
  caseType: string;
  subject: string;
  complainant: string;
  phone: string;
  respondentDepartment: string;
  respondentStaff: string;
  status: string;
  /** 'YYYY-MM-DD…' or '' */
  acceptedOn: string;
  handlerDepartment: string;
  handlerStaff: string;
  dueDate: string;
  dueState: string;
  extended: string;
  closedOn: string;
  finding: string;
  repliedOn: string;
  replyMethod: string;
  satisfaction: string;
  /** the register number this case repeats, or '' */
  repeatOf: string;
}

type Kind = 'text' | 'wrap' | 'id' | 'date' | 'dateTime';
interface Column { header: string; width: number; kind: Kind; value: (l: RegisterLine) => string }

export const REGISTER_COLUMNS: readonly Column[] = [
  { header: '登记编号', width: 15, kind: 'id', value: (l) => l.registerNo },
  { header: '收到时间', width: 16, kind: 'dateTime', value: (l) => l.receivedAt },
  { header: '渠道', width: 7, kind: 'text', value: (l) => l.channel },
  { header: '类型', width: 7, kind: 'text', value: (l) => l.caseType },
  { header: '事由', width: 30, kind: 'wrap', value: (l) => l.subject },
  { header: '诉求人', width: 9, kind: 'text', value: (l) => l.complainant },
  { header: '电话', width: 13, kind: 'id', value: (l) => l.phone },
  { header: '被投诉部门', width: 12, kind: 'text', value: (l) => l.respondentDepartment },
  { header: '被投诉人员', width: 9, kind: 'text', value: (l) => l.respondentStaff },
  { header: '状态', width: 8, kind: 'text', value: (l) => l.status },
  { header: '受理日期', width: 11, kind: 'date', value: (l) => l.acceptedOn },
  { header: '承办部门', width: 12, kind: 'text', value: (l) => l.handlerDepartment },
  { header: '承办人', width: 8, kind: 'text', value: (l) => l.handlerStaff },
  { header: '办理期限', width: 11, kind: 'date', value: (l) => l.dueDate },
  { header: '期限状态', width: 8, kind: 'text', value: (l) => l.dueState },
  { header: '延期', width: 5, kind: 'text', value: (l) => l.extended },
  { header: '办结日期', width: 11, kind: 'date', value: (l) => l.closedOn },
  { header: '核查结论', width: 9, kind: 'text', value: (l) => l.finding },
  { header: '答复日期', width: 11, kind: 'date', value: (l) => l.repliedOn },
  { header: '答复方式', width: 8, kind: 'text', value: (l) => l.replyMethod },
  { header: '满意度', width: 8, kind: 'text', value: (l) => l.satisfaction },
  { header: '重复件', width: 15, kind: 'id', value: (l) => l.repeatOf },
];

/** A line's cells in REGISTER_COLUMNS' order: what the writer takes (and what one thread hands another). */
export const lineValues = (line: RegisterLine): string[] => REGISTER_COLUMNS.map((c) => c.value(line));

