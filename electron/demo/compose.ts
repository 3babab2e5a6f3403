import { FINDING_LABELS, type Finding } from '../core/domain/vocab';
import { CLOSINGS, OPENINGS, OPINIONS, REPLIES, STAFF_ACTIONS } from './phrases';
import { fill, type Rng } from './random';
import type { SimActor, SimComplainant, StoryRegistration } from './simulate';
import { TOPICS, type Topic } from './topics';
import { address, EMPLOYERS, idNumber, landline, mobile, personName } from './vocabulary';

/** What the database already holds that stories refer to: departments with staff, and the demo users. */
export interface Directory {
  departments: Array<{ id: number; key: string; name: string; staff: Array<{ id: number; name: string }> }>;
  clerks: SimActor[];
  supervisors: SimActor[];
}

export const CASE_TYPE_MIX: ReadonlyArray<readonly [string, number]> = [
  ['投诉', 46], ['咨询', 28], ['建议', 8], ['求助', 6], ['举报', 3], ['表扬', 5], ['其他', 4],
];
export const CHANNEL_MIX: ReadonlyArray<readonly [string, number]> = [
  ['来访', 30], ['电话', 28], ['网站留言', 10], ['微信', 9], ['热线转办', 8], ['信函', 4], ['意见箱', 4], ['电子邮件', 3], ['上级转办', 3], ['其他', 1],
];
/** Channels that arrive at any hour and wait for the next working morning to be registered. */
export const ONLINE_CHANNELS: ReadonlySet<string> = new Set(['网站留言', '微信', '电子邮件', '热线转办', '上级转办', '意见箱', '信函']);
const ANONYMOUS_RATE: Record<string, number> = { 意见箱: 0.6, 网站留言: 0.15, 电话: 0.06, 热线转办: 0.05, 微信: 0.05 };

const topicsFor = new Map<string, Array<readonly [Topic, number]>>();
for (const t of TOPICS) {
  for (const [type] of t.types) {
    const list = topicsFor.get(type) ?? [];
    list.push([t, t.weight]);
    topicsFor.set(type, list);
  }
}
const complaintTopics = topicsFor.get('投诉')!;

export function pickTopic(rng: Rng, caseType: string): Topic {
  return rng.weighted(topicsFor.get(caseType) ?? complaintTopics);
}

/** The facts one story's texts share: who and what it is about. */
export interface Facts {
  topic: Topic;
  dept: Directory['departments'][number];
  staffName: string | null;
  slots: Record<string, string>;
}

function complainant(rng: Rng, requireContact: boolean): SimComplainant {
  const gender = rng.chance(0.52) ? 'male' : 'female';
  const birth = rng.int(1945, 2004);
  const phoneKind = rng.weighted([['mobile', 85], ['landline', 10], ['none', 5]] as const);
  const phone = phoneKind === 'mobile' ? mobile(rng) : phoneKind === 'landline' ? landline(rng) : '';
  const addr = rng.chance(0.45) || (requireContact && phone === '') ? address(rng) : '';
  return {
    name: personName(rng, gender), gender: rng.chance(0.92) ? gender : null, phone,
    idNumber: rng.chance(0.3) ? idNumber(rng, gender, birth) : '', address: addr,
    employer: rng.chance(0.2) ? (birth < 1962 ? '退休' : rng.pick(EMPLOYERS)) : '',
  };
}

export function isAnonymousDraw(rng: Rng, channel: string, caseType: string): boolean {
  return caseType !== '表扬' && rng.chance(ANONYMOUS_RATE[channel] ?? 0);
}

export function composeRegistration(
  rng: Rng, dir: Directory, receivedAt: string, channel: string, caseType: string, anonymous: boolean, firstReceiverId: number,
): { input: StoryRegistration; facts: Facts } {
  const topic = pickTopic(rng, caseType);
  const deptKey = rng.pick(topic.depts);
  const dept = dir.departments.find((d) => d.key === deptKey) ?? rng.pick(dir.departments);
  const named = rng.chance(0.45) && dept.staff.length > 0;
  const staffMember = named ? rng.pick(dept.staff) : null;
  const staffName = staffMember?.name ?? null;
  const [m, d] = [Number(receivedAt.slice(5, 7)), Number(receivedAt.slice(8, 10))];
  const subject = rng.pick(topic.subjects);
  const slots: Record<string, string> = {
    date: `${m}月${rng.chance(0.7) ? d : Math.max(1, d - rng.int(1, 3))}日`,
    dept: dept.name,
    staff: staffName ?? rng.pick(['一名工作人员', '当班的工作人员', '窗口一名女工作人员', '一名男工作人员']),
    n: String(rng.int(2, 5)),
    amount: String(rng.pick([20, 35, 50, 80, 120, 200, 260, 380, 500, 860])),
    place: rng.pick(['3幢2单元', '服务大厅东侧', '7号楼', '地下车库入口', '二楼候诊区', '自习区']),
    subject_tail: subject.replace(/^咨询/, ''),
    issue: topic.issue,
  };
  const first = rng.pick(topic.accounts);
  let second = rng.pick(topic.accounts);
  if (second === first || rng.chance(0.45)) second = '';
  const account = [rng.pick(OPENINGS[channel] ?? ['']), fill(first, slots), fill(second, slots), rng.pick(CLOSINGS)].join('');

  const group = !anonymous && caseType === '投诉' && rng.chance(0.03);
  const people = anonymous ? [] : Array.from({ length: group ? rng.int(2, 3) : 1 }, () => complainant(rng, true));
  return {
    input: {
      receivedAt, channel, caseType, isAnonymous: anonymous,
      isConfidential: !anonymous && rng.chance(caseType === '举报' ? 0.6 : 0.06),
      headCount: group ? rng.int(people.length + 1, 40) : Math.max(1, people.length),
      complainants: people,
      respondentDepartmentId: caseType === '咨询' && rng.chance(0.5) ? null : dept.id,
      respondentStaff: named && caseType !== '咨询' ? staffName! : '',
      // The clerk picks the staff member the complainant names from the directory (of `dept`, the department complained about).
      respondentStaffId: named && caseType !== '咨询' ? staffMember!.id : null,
      subject, account, request: rng.chance(0.9) ? rng.pick(topic.requests) : '',
      firstReceiverId,
    },
    facts: { topic, dept, staffName, slots },
  };
}

const FINDING_TEXT: Record<Finding, string> = {
  substantiated: '您反映的情况属实', partly: '您反映的情况部分属实', unsubstantiated: '未发现您反映的问题', unverifiable: '因条件所限无法核实具体情况',
};

const repliesFor = (f: Finding) => (f === 'substantiated' || f === 'partly' ? REPLIES.found : REPLIES.notFound);

export function findingFor(rng: Rng, caseType: string): Finding {
  if (caseType === '建议' || caseType === '表扬' || caseType === '求助' || caseType === '咨询') return 'substantiated';
  return rng.weighted([['substantiated', 38], ['partly', 30], ['unsubstantiated', 22], ['unverifiable', 10]] as const);
}

export function composeFinding(rng: Rng, facts: Facts, finding: Finding, handledOn: string, withDraft: boolean) {
  const measure = rng.pick(facts.topic.measures);
  const slots = { ...facts.slots, measure, finding_text: FINDING_TEXT[finding] };
  const staffAction = facts.staffName ? rng.pick(STAFF_ACTIONS[finding]) : '';
  return {
    finding, handledOn,
    handlingOpinion: fill(rng.pick(OPINIONS[finding]), slots),
    measures: finding === 'unsubstantiated' && rng.chance(0.6) ? '' : measure,
    staffAction,
    draftReply: withDraft ? fill(rng.pick(repliesFor(finding)), slots) : '',
  };
}

export function composeReply(rng: Rng, facts: Facts, finding: string | null, measures: string | null): string {
  const f = (finding ?? 'substantiated') as Finding;
  return fill(rng.pick(repliesFor(f)), { ...facts.slots, measure: measures || '做好解释说明', finding_text: FINDING_TEXT[f] ?? FINDING_LABELS[f] });
}
