import type { Kysely } from 'kysely';
import { paperModelRows, type PaperModelRows } from '../../../../db/queries/paper-model';
import type { Database, HistoryRow } from '../../../../db/types';
import type { PaperModel } from '../../../../templates/engine/types';
import { PAPER_TYPE_INFO, PLACEHOLDERS, type PaperAudience, type PaperType } from '../../../../templates/papers/catalogue';
import { daysBetween } from '../../domain/deadlines';
import { IDENTITY_MASKS, identityScrubber, type IdentityPerson } from '../../domain/masking';
import type { PaperCaseState } from '../../domain/papers';
import { seesIdentity } from '../../domain/permissions';
import {
  OPEN_STATUSES, REPLY_METHOD_LABELS, SATISFACTION_LABELS, STATUS_LABELS, type CaseStatus, type ReplyMethod, type Satisfaction,
} from '../../domain/vocab';
import { AppError } from '../../errors';
import { localDate } from '../../local-time';
import type { Actor } from '../../session';
import { historyEntry, loadNames, type Names } from '../cases/case-view';
import { defaultAbbreviation } from './paper-settings';
import { identityHolder } from '../cases/identity-rules';

export type { PaperCaseState };

/**
 * A paper's view model (SPEC8 §1, §6): every placeholder of templates/papers/catalogue.ts filled from the case,
 * the office settings and the paper settings, with the complainant's identity only where the paper's audience
 * and the actor are entitled to it:
 * - 'department' (转办单, 督办通知): no identity key at all, and every complainant's name, phone, ID number,
 *   address and employer typed into free text (诉求内容, 事由 …) replaced by its masked form;
 * - 'complainant' (the letters to them, the 登记表): the full identity, for someone who sees it (else refused);
 * - 'internal' (回访记录单, 办理过程记录): the full identity for a non-confidential case the actor sees, else
 *   masked (and masked in free text too).
 * The 办理过程 list never carries an identity except masked. Missing facts are null, never '' or 'undefined'.
 */
export type { PaperModel };

export interface LoadedPaperModel {
  model: PaperModel; caseState: PaperCaseState; registerNo: string;
  /** What the model does to free text, for what a person types into the paper's gaps (fill-ins): the identity masked unless the mode is 'full'. */
  scrub: (text: string) => string;
}

/** How a model carries the identity: as typed, masked (masking.ts), or not at all. */
export type IdentityMode = 'full' | 'masked' | 'none';

/** `2026年11月24日` (Arabic numerals, no zero padding) from a stored local date or date-time; null stays null. */
export function paperDate(value: string | null | undefined): string | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : null;
}

/** A stored text as a model value: '' and whitespace are a missing fact (null). */
const textOf = (v: string | null | undefined): string | null => (v === null || v === undefined || v.trim() === '' ? null : v);

// ---------- the complainant's identity

type Person = IdentityPerson;

const MASK = IDENTITY_MASKS;

function shownPerson(p: Person, mode: Exclude<IdentityMode, 'none'>): Record<keyof Person, string | null> {
  const show = (k: keyof Person) => {
    const v = textOf(p[k]);
    return v === null ? null : mode === 'full' ? v : MASK[k](v);
  };
  return { name: show('name'), phone: show('phone'), idNumber: show('idNumber'), address: show('address'), employer: show('employer') };
}

/** Applies `f` to every string of a model, lists included (not to the keys). */
function mapStrings(model: PaperModel, f: (s: string) => string): PaperModel {
  const out: PaperModel = {};
  for (const [k, v] of Object.entries(model)) {
    out[k] = typeof v === 'string' ? f(v) : Array.isArray(v) ? v.map((item) => mapStrings(item, f)) : v;
  }
  return out;
}

/**
 * Who gets which identity on a paper of this audience (SPEC8 §6), the one place the rule is written. A
 * complainant's paper is refused to someone who may not see them; `trying` (a template tried on a case in
 * 设置 → 文书模板, nothing issued) shows it to them masked instead.
 */
export function identityModeFor(audience: PaperAudience, sees: boolean, isConfidential: boolean, paperName: string, trying = false): IdentityMode {
  if (audience === 'department') return 'none';
  if (audience === 'complainant') {
    if (!sees && trying) return 'masked';
    if (!sees) throw new AppError('FORBIDDEN', `${paperName}载有诉求人的完整身份信息，您无权查看本案诉求人的身份，不能出具`);
    return 'full';
  }
  return sees && !isConfidential ? 'full' : 'masked';
}

// ---------- the process (办理过程) from the case's history

/** History rows that are no step of handling the case: looking at the identity or a paper, recomputing, the upgrade baseline. */
const NOT_PROCESS = new Set(['identityViewed', 'paperViewed', 'calendarRecompute', 'baseline']);
/** A SHA-256 in a note (an issued paper's) is shortened to its first 12 digits: a table cell has no room for 64. */
const shortHashes = (text: string) => text.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');
/** Columns whose change the process names without its value: the registration's own texts and the identity, and a draft. */
const LABEL_ONLY = new Set(['account', 'request', 'complainants', 'draft_reply']);
const NOT_SHOWN = new Set(['status', 'stage_due', 'overall_due', 'round', 'register_no', 'is_anonymous', 'is_confidential', 'head_count', 'received_at']);

const valueText = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
  if (s === null) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? paperDate(s) : s;
};

function processContent(h: HistoryRow, names: Names): string | null {
  const entry = historyEntry(h, names, true);
  const parts: string[] = [];
  if (h.action === 'register' || h.action === 'answeredOnSpot') {
    const get = (f: string) => valueText(entry.changes.find((c) => c.field === f)?.after);
    parts.push(...[get('channel') && `来源渠道：${get('channel')}`, get('case_type') && `类型：${get('case_type')}`, get('subject') && `事由：${get('subject')}`]
      .filter((x): x is string => !!x));
  } else {
    for (const c of entry.changes) {
      if (NOT_SHOWN.has(c.field)) continue;
      if (LABEL_ONLY.has(c.field) || c.field.startsWith('complainants.')) {
        parts.push(h.action === 'update' ? `修改${c.label}` : `${c.label}已记录`);
        continue;
      }
      const after = valueText(c.after);
      if (after !== null) parts.push(`${c.label}：${after}`);
    }
  }
  if (h.note && h.note.trim() !== '') parts.unshift(shortHashes(h.note.trim()));
  // a part's own closing 。 or ； goes: joined it read 「…做好解释。；办理完成日期…」
  const text = [...new Set(parts.map((p) => p.replace(/[。；;\s]+$/u, '')).filter(Boolean))].join('；');
  return text === '' ? null : text;
}

function processList(history: readonly HistoryRow[], names: Names, scrub: (s: string) => string): PaperModel[] {
  return history.filter((h) => !NOT_PROCESS.has(h.action)).map((h) => {
    const entry = historyEntry(h, names, true);
    const content = processContent(h, names);
    return {
      日期: paperDate(h.at),
      环节: entry.actionLabel,
      内容: content === null ? null : scrub(content),
      经办人: textOf(h.actor_name) === null ? null : scrub(h.actor_name),
    };
  });
}

// ---------- the facts

interface OfficeFacts { name: string | null; address: string | null; phone: string | null; abbreviation: string | null; contact: string | null }

function officeFacts(settings: Map<string, string>): OfficeFacts {
  const read = (key: string): Record<string, unknown> => {
    const raw = settings.get(key);
    try { return raw ? (JSON.parse(raw) as Record<string, unknown>) : {}; } catch { return {}; }
  };
  const str = (v: unknown) => (typeof v === 'string' ? textOf(v) : null);
  const office = read('office');
  const papers = read('papers');
  const numbering = read('numbering');
  return {
    name: str(office.name), address: str(office.address), phone: str(office.phone),
    // The paper settings' 单位简称, else what they start from (paper-settings.ts).
    abbreviation: str(papers.abbreviation)
      ?? textOf(defaultAbbreviation({ name: String(office.name ?? '') }, { prefix: String(numbering.prefix ?? '') })),
    contact: str(papers.contact),
  };
}

/** The contact person out of the paper settings' contact line (联系人：王某，电话：…), else null. */
function contactPerson(contact: string | null): string | null {
  const m = contact ? /联系人\s*[：:]\s*([^，,；;：:\s（）()]+)/.exec(contact) : null;
  return m ? m[1] : null;
}
function contactPhone(contact: string | null): string | null {
  const m = contact ? /电话\s*[：:]\s*([0-9０-９\-－—\s()（）转]+[0-9])/.exec(contact) : null;
  return m ? m[1].trim() : null;
}

/**
 * How many days an open case is past its due date today, in calendar days: what 「已超过办理期限N天」 on the
 * 督办通知 says (the limits themselves count working days, domain.md; the delay is told in days elapsed).
 * null when it is not late.
 */
export function overdueDays(row: { status: string; due_date: string | null }, today: string): number | null {
  if (!OPEN_STATUSES.includes(row.status as CaseStatus) || row.due_date === null || !(row.due_date < today)) return null;
  return daysBetween(row.due_date, today);
}

/**
 * Where the person may ask for 复查 of a reply or a refusal: this office (the case reopens here, domain.md),
 * with its address and phone as far as they are set. A clause that the templates put after 「如您对本答复意见不服，」.
 */
export function reviewRoute(office: OfficeFacts): string | null {
  if (office.name === null) return null;
  const where = [office.address && `地址：${office.address}`, office.phone && `电话：${office.phone}`].filter(Boolean).join('，');
  return `可向${office.name}申请复查${where ? `（${where}）` : ''}`;
}

export function paperCaseState(r: PaperModelRows, today: string): PaperCaseState {
  const row = r.row;
  const status = row.status as CaseStatus;
  return {
    status,
    isVoid: status === 'voided',
    isSuspended: status === 'suspended',
    isOverdue: OPEN_STATUSES.includes(status) && row.due_date !== null && row.due_date < today,
    accepted: row.accepted_at !== null,
    assigned: row.handler_department_id !== null,
    hasExtension: r.extensions.length > 0,
    hasFinding: row.finding !== null,
    replied: row.replied_on !== null,
  };
}

/** The model's values by placeholder name: one function per name of the catalogue (a name without one is a bug, tested). */
type Filler = (f: Facts) => string | boolean | null | PaperModel[];
interface Facts {
  r: PaperModelRows;
  type: PaperType;
  names: Names;
  office: OfficeFacts;
  today: string;
  people: Array<Record<keyof Person, string | null>>;
  scrubProcess: (s: string) => string;
}

/** The latest history row of these actions (for a note that is stored only there, such as the 受理意见). */
const lastOf = (h: readonly HistoryRow[], actions: readonly string[]) => [...h].reverse().find((x) => actions.includes(x.action));
const noteOf = (h: HistoryRow | undefined) => textOf(h?.note ?? null);
const lastExtension = (f: Facts) => f.r.extensions.at(-1);
const openSuspension = (f: Facts) => [...f.r.suspensions].reverse().find((s) => s.resumed_on === null) ?? f.r.suspensions.at(-1);
const headCount = (f: Facts) => Math.max(f.r.row.head_count, f.r.complainants.length, 1);
const dept = (f: Facts, id: number | null) => (id === null ? null : textOf(f.names.departments.get(id)));

const FILLERS: Record<string, Filler> = {
  单位名称: (f) => f.office.name,
  单位简称: (f) => f.office.abbreviation,
  单位地址: (f) => f.office.address,
  单位联系人: (f) => contactPerson(f.office.contact),
  单位电话: (f) => f.office.phone ?? contactPhone(f.office.contact),
  登记编号: (f) => f.r.row.register_no,
  // Given by the numbering when the paper is issued (composePaper takes it); the case has none.
  文书编号: () => null,
  收到日期: (f) => paperDate(f.r.row.received_at),
  受理渠道: (f) => textOf(f.r.row.channel),
  投诉类型: (f) => textOf(f.r.row.case_type),
  事由: (f) => textOf(f.r.row.subject),
  诉求内容: (f) => textOf(f.r.row.account),
  诉求: (f) => textOf(f.r.row.request),
  被投诉部门: (f) => dept(f, f.r.row.respondent_department_id),
  被投诉人员: (f) => textOf(f.r.row.respondent_staff),
  承办部门: (f) => dept(f, f.r.row.handler_department_id),
  承办人: (f) => (f.r.row.handler_staff_id === null ? null : textOf(f.names.staff.get(f.r.row.handler_staff_id))),
  登记人: (f) => textOf(f.names.users.get(f.r.row.recorder_id)),
  受理日期: (f) => paperDate(f.r.row.accepted_at),
  // 受理或转办意见: a 转办单 carries the assignment's note, else (and on the other papers) the acceptance's.
  受理意见: (f) => (f.type === 'assign' ? noteOf(lastOf(f.r.history, ['assign'])) : null) ?? noteOf(lastOf(f.r.history, ['accept'])),
  办理期限: (f) => paperDate(f.r.row.due_date ?? f.r.row.overall_due),
  延期后期限: (f) => paperDate(lastExtension(f)?.new_due),
  延期理由: (f) => textOf(lastExtension(f)?.reason),
  不予受理理由: (f) => textOf(f.r.row.refuse_reason),
  告知途径: (f) => textOf(f.r.row.referral),
  补正材料: (f) => textOf(openSuspension(f)?.material),
  // Not stored: the person sets it on the paper (a fill-in).
  补正期限: () => null,
  // SPEC8 §1: always typed in for the paper (a fill-in), never taken from the notes.
  调查核实情况: () => null,
  处理意见: (f) => textOf(f.r.row.handling_opinion),
  整改措施: (f) => textOf(f.r.row.measures),
  答复日期: (f) => paperDate(f.r.row.replied_on),
  答复方式: (f) => (f.r.row.reply_method ? REPLY_METHOD_LABELS[f.r.row.reply_method as ReplyMethod] ?? f.r.row.reply_method : null),
  // The reply given; before it is recorded, the draft reply the handler wrote with the finding.
  答复内容: (f) => textOf(f.r.row.reply_summary) ?? textOf(f.r.row.draft_reply),
  回访日期: (f) => paperDate(f.r.row.followed_up_on),
  // Not stored with the follow-up: typed in on the form.
  回访方式: () => null,
  回访人: (f) => (f.r.row.followed_up_on ? textOf(lastOf(f.r.history, ['followUp'])?.actor_name) : null),
  满意度: (f) => (f.r.row.satisfaction ? SATISFACTION_LABELS[f.r.row.satisfaction as Satisfaction] ?? f.r.row.satisfaction : null),
  回访情况: (f) => textOf(f.r.row.follow_up_note),
  办理状态: (f) => STATUS_LABELS[f.r.row.status as CaseStatus] ?? f.r.row.status,
  超期天数: (f) => {
    const late = overdueDays(f.r.row, f.today);
    return late === null ? null : String(late);
  },
  督办要求: () => null,
  报告期限: () => null,
  复查途径: (f) => reviewRoute(f.office),
  落款日期: (f) => paperDate(f.today),
  诉求人姓名: (f) => {
    const first = f.people[0]?.name ?? null;
    const n = headCount(f);
    return first === null ? null : n > 1 ? `${first}等${n}人` : first;
  },
  诉求人电话: (f) => f.people[0]?.phone ?? null,
  诉求人身份证号: (f) => f.people[0]?.idNumber ?? null,
  诉求人住址: (f) => f.people[0]?.address ?? null,
  诉求人工作单位: (f) => f.people[0]?.employer ?? null,
  人数: (f) => String(headCount(f)),
  群体投诉: (f) => headCount(f) > 1,
  匿名: (f) => f.r.row.is_anonymous === 1,
  保密: (f) => f.r.row.is_confidential === 1,
  诉求人: (f) => f.people.map((p) => ({ 姓名: p.name, 电话: p.phone, 身份证号: p.idNumber, 住址: p.address, 工作单位: p.employer })),
  办理过程: (f) => processList(f.r.history, f.names, f.scrubProcess),
};

/** The names the model carries for a type: every placeholder, less the identity ones on a department's paper. */
export function modelNames(type: PaperType): string[] {
  const department = PAPER_TYPE_INFO[type].audience === 'department';
  return PLACEHOLDERS.filter((p) => !(department && p.identity)).map((p) => p.name);
}

const personsOf = (r: PaperModelRows): Person[] =>
  r.complainants.map((c) => ({ name: c.name, phone: c.phone, idNumber: c.id_number, address: c.address, employer: c.employer }));

/** What a paper in this mode does to free text: nothing when it shows the identity in full, else masks it. */
export function textScrubber(r: PaperModelRows, mode: IdentityMode): (text: string) => string {
  return mode === 'full' ? (text) => text : identityScrubber(personsOf(r));
}

/** Pure: the model of one paper from the case's rows, for an identity mode decided by the caller. */
export function buildPaperModel(r: PaperModelRows, type: PaperType, mode: IdentityMode, ctx: { names: Names; today: string }): PaperModel {
  const persons = personsOf(r);
  const scrub = identityScrubber(persons);
  const facts: Facts = {
    r, type, names: ctx.names, office: officeFacts(r.settings), today: ctx.today,
    people: mode === 'none' ? [] : persons.map((p) => shownPerson(p, mode)),
    scrubProcess: scrub,
  };
  const model: PaperModel = {};
  for (const name of modelNames(type)) {
    const fill = FILLERS[name];
    if (!fill) throw new Error(`view model: no value for the placeholder 「${name}」`);
    model[name] = fill(facts);
  }
  // Whoever may not see the identity gets none inside the free text either (诉求内容, 事由, notes …).
  return mode === 'full' ? model : mapStrings(model, scrub);
}

/** The names FILLERS knows (the test checks they are exactly the catalogue's). */
export const FILLED_NAMES: readonly string[] = Object.keys(FILLERS);

/**
 * Reads the case and builds its paper's model for `actor` on the day of `now` (the office's local date).
 * NOT_FOUND for no such case; FORBIDDEN for a complainant's paper the actor may not see the identity of
 * (`trying`: a template tried on the case, masked instead, see identityModeFor).
 */
export async function loadPaperModel(
  db: Kysely<Database>, input: { caseId: number; type: PaperType; actor: Actor; now: Date; trying?: boolean },
): Promise<LoadedPaperModel> {
  const [rows, names] = await Promise.all([paperModelRows(db, input.caseId), loadNames(db)]);
  if (!rows) throw new AppError('NOT_FOUND', '案件不存在', 'caseId');
  const info = PAPER_TYPE_INFO[input.type];
  const holder = identityHolder(rows.row);
  const mode = identityModeFor(info.audience, seesIdentity(input.actor, holder), holder.isConfidential, info.name, input.trying ?? false);
  const today = localDate(input.now);
  return {
    model: buildPaperModel(rows, input.type, mode, { names, today }),
    caseState: paperCaseState(rows, today),
    registerNo: rows.row.register_no,
    scrub: textScrubber(rows, mode),
  };
}
