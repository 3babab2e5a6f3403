import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAPER_TYPES, PAPER_TYPE_INFO, PLACEHOLDERS, type PaperType } from '../../../../templates/papers/catalogue';
import { paperAllowed } from '../../domain/papers';
import type { Actor } from '../../session';
import { must } from '../../testing';
import { PEOPLE, seedPaperRegister, type PaperRegister, type SeededCase } from './fixtures/paper-register';
import { FILLED_NAMES, loadPaperModel, overdueDays, paperDate, type PaperModel } from './view-model';
import { identityScrubber, maskPhone } from '../../domain/masking';

/**
 * The view model of each paper: every placeholder filled from the case and the settings, dates as printed,
 * and the complainant's identity only where the audience and the actor are entitled (SPEC8 §6).
 */
let reg: PaperRegister;
let actors: Record<'supervisor' | 'clerk' | 'auditor' | 'otherClerk', Actor>;

let papersRoot: string;
beforeAll(async () => {
  papersRoot = mkdtempSync(join(tmpdir(), 'view-model-'));
  reg = await seedPaperRegister({ papersRoot });
  const other = await reg.core.db.insertInto('users')
    .values({ username: 'other', display_name: '孙丽', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
    .returning('id').executeTakeFirstOrThrow();
  const actor = (id: number, role: Actor['role']): Actor => ({ id, username: role, displayName: role, role, staffId: null });
  actors = {
    supervisor: actor(reg.userIds.supervisor, 'supervisor'), clerk: actor(reg.userIds.clerk, 'clerk'),
    auditor: actor(reg.userIds.auditor, 'auditor'), otherClerk: actor(other.id, 'clerk'),
  };
}, 60_000);
afterAll(() => rmSync(papersRoot, { recursive: true, force: true }));

const byKey = (key: string): SeededCase => reg.cases.find((c) => c.key === key)!;
const load = (c: SeededCase, type: PaperType, who: keyof typeof actors = 'supervisor') =>
  loadPaperModel(reg.core.db, { caseId: c.detail.id, type, actor: actors[who], now: reg.clock.now });

const IDENTITY_KEYS = ['诉求人姓名', '诉求人电话', '诉求人身份证号', '诉求人住址', '诉求人工作单位', '诉求人'];
const identityValues = (c: SeededCase) => c.people.flatMap((p) => [p.name, p.phone, p.phone.replace(/\D/g, ''), p.idNumber, p.address, p.employer]).filter((v) => v.length >= 2);

function strings(model: PaperModel): string[] {
  return Object.values(model).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : []));
}

describe('paperDate', () => {
  it('writes Arabic numerals without zero padding from a stored date or date-time', () => {
    expect(paperDate('2026-11-24')).toBe('2026年11月24日');
    expect(paperDate('2026-01-08 09:30:00')).toBe('2026年1月8日');
    expect(paperDate(null)).toBeNull();
    expect(paperDate('')).toBeNull();
  });
});

describe('identityScrubber', () => {
  const scrub = identityScrubber([PEOPLE.ouyang, PEOPLE.jitian]);
  it('masks names, phones (with or without separators), ID numbers, addresses and employers inside free text', () => {
    const text = `${PEOPLE.ouyang.name}来电137-1234-5678、137 1234 5678和13712345678，身份证${PEOPLE.ouyang.idNumber.toLowerCase()}，`
      + `住${PEOPLE.ouyang.address}，单位${PEOPLE.ouyang.employer}；${PEOPLE.jitian.name}座机057186012345。`;
    const out = scrub(text);
    for (const v of [PEOPLE.ouyang.name, '13712345678', '1234 5678', '1234-5678', PEOPLE.ouyang.idNumber.slice(6, 14), PEOPLE.ouyang.address, PEOPLE.ouyang.employer, PEOPLE.jitian.name, '86012345']) {
      expect(out).not.toContain(v);
    }
    expect(out).toContain('欧**来电137****5678、137****5678和137****5678');
    expect(out).toContain('𠮷**座机');
  });
  it('leaves a number that only contains a phone inside a longer one alone', () => {
    expect(scrub('流水号9137123456789')).toBe('流水号9137123456789');
  });
});

describe('overdueDays', () => {
  it('counts the calendar days an open case is past its due date (「已超过办理期限N天」)', () => {
    expect(overdueDays({ status: 'assigned', due_date: '2026-03-06' }, '2026-03-10')).toBe(4);
    expect(overdueDays({ status: 'suspended', due_date: '2026-02-27' }, '2026-03-02')).toBe(3);
    expect(overdueDays({ status: 'assigned', due_date: '2026-03-10' }, '2026-03-10')).toBeNull();
    expect(overdueDays({ status: 'assigned', due_date: null }, '2026-03-10')).toBeNull();
    expect(overdueDays({ status: 'closed', due_date: '2026-03-06' }, '2026-03-10')).toBeNull();
  });
});

describe('loadPaperModel', () => {
  it('fills exactly the catalogue placeholders: every name has a value function and none is invented', () => {
    expect([...FILLED_NAMES].sort()).toEqual(PLACEHOLDERS.map((p) => p.name).sort());
  });

  it('carries every placeholder for every type (identity ones not on department papers), never "" or undefined', async () => {
    for (const c of reg.cases) {
      for (const type of PAPER_TYPES) {
        const who = PAPER_TYPE_INFO[type].audience === 'complainant' ? 'supervisor' : 'clerk';
        const { model } = await load(c, type, who);
        const department = PAPER_TYPE_INFO[type].audience === 'department';
        const expected = PLACEHOLDERS.filter((p) => !(department && p.identity)).map((p) => p.name).sort();
        expect({ type, keys: Object.keys(model).sort() }).toEqual({ type, keys: expected });
        const walk = (m: PaperModel) => {
          for (const [k, v] of Object.entries(m)) {
            expect({ type, k, v }).not.toEqual({ type, k, v: undefined });
            if (typeof v === 'string') expect({ type, k, empty: v.trim() === '' || /undefined|null/.test(v) }).toEqual({ type, k, empty: false });
            if (Array.isArray(v)) v.forEach(walk);
          }
        };
        walk(model);
      }
    }
  });

  it('fills the case, the office and the paper settings, dates as printed', async () => {
    const c = byKey('replied-open');
    const { model, registerNo, caseState } = await load(c, 'reply');
    expect(registerNo).toBe(c.detail.registerNo);
    expect(model).toMatchObject({
      单位名称: '测试县政务服务中心', 单位简称: '测政服', 单位地址: '测试县人民路1号', 单位电话: '0571-88881234', 单位联系人: '王芳',
      登记编号: c.detail.registerNo, 文书编号: null, 收到日期: '2026年3月2日', 受理渠道: '信函', 投诉类型: '投诉',
      被投诉部门: '综合窗口', 被投诉人员: '周敏', 承办部门: '社保服务科', 承办人: '李明', 登记人: '王芳', 受理日期: '2026年3月2日',
      受理意见: `同意受理，请${PEOPLE.jitian.name}留意电话`, 延期后期限: '2026年3月25日', 延期理由: '需调取窗口监控录像核实',
      处理意见: expect.stringContaining('已批评教育当事人'), 整改措施: '公示材料清单，实行一次性告知',
      答复日期: '2026年3月2日', 答复方式: '信函', 答复内容: expect.stringContaining('窗口已整改'), 办理状态: '待回访',
      落款日期: '2026年4月1日', 诉求人姓名: PEOPLE.jitian.name, 诉求人电话: PEOPLE.jitian.phone, 诉求人身份证号: PEOPLE.jitian.idNumber,
      诉求人住址: PEOPLE.jitian.address, 诉求人工作单位: PEOPLE.jitian.employer, 人数: '1', 群体投诉: false, 匿名: false, 保密: false,
      调查核实情况: null, 督办要求: null, 超期天数: null, 复查途径: '可向测试县政务服务中心申请复查（地址：测试县人民路1号，电话：0571-88881234）',
    });
    expect(model.办理期限).toBe(paperDate(must(await reg.core.call('cases/get', { id: c.detail.id }, reg.as.supervisor)).overallDue));
    expect(caseState).toMatchObject({ status: 'replied', accepted: true, assigned: true, hasExtension: true, hasFinding: true, replied: true, isOverdue: false, isVoid: false });
    for (const type of PAPER_TYPES) expect({ type, allowed: paperAllowed(type, caseState) }).toEqual({ type, allowed: ['refuse', 'supplement', 'supervise'].includes(type) ? expect.any(String) : null });
  });

  it('lists the process from the history, dated, with who did it and no identity but masked', async () => {
    const c = byKey('replied-open');
    const { model } = await load(c, 'process', 'clerk');
    const rows = model.办理过程 as PaperModel[];
    expect(rows.map((r) => r.环节)).toEqual(['登记', '受理', '延期', '分办', '办理结果', '答复']);
    expect(rows[0]).toMatchObject({ 日期: '2026年3月2日', 经办人: '王芳', 内容: expect.stringContaining('事由：') });
    expect(rows[1]).toMatchObject({ 经办人: '赵主任', 内容: expect.stringContaining('同意受理，请𠮷**留意电话') });
    expect(rows[2].内容).toContain('需调取窗口监控录像核实');
    expect(rows[3].内容).toContain('承办部门：社保服务科');
    expect(rows[4].内容).toMatch(/^核实结论：部分属实；处理意见：经核实，窗口未一次性告知𠮷\*\*所需材料/);
    expect(rows[5].内容).toContain('答复方式：信函');
    // parts joined by 「；」 without the full stop a part ends with (「…做好解释。；办理完成日期…」)
    for (const r of rows) expect(r.内容).not.toMatch(/[。；;]；/);
    for (const r of rows) for (const v of strings(r)) for (const id of identityValues(c)) expect(v).not.toContain(id);
    // The same case's internal paper shows the identity itself to a clerk who sees it (not confidential).
    expect(model.诉求人姓名).toBe(PEOPLE.jitian.name);
  });

  it('lists an issued paper in the process with its number and a short hash; looking at a paper is no step', async () => {
    const c = byKey('refused-open-long');
    const paper = must(await reg.core.call('papers/issue', { caseId: c.detail.id, type: 'refuse' }, reg.as.supervisor));
    must(await reg.core.call('papers/pdf', { paperId: paper.id, purpose: '抽查文书' }, reg.as.auditor));
    expect((await reg.core.db.selectFrom('history').select('action').where('entity', '=', 'case').where('entity_id', '=', c.detail.id).execute()).map((h) => h.action)).toContain('paperViewed');
    const rows = (await load(c, 'process', 'clerk')).model.办理过程 as PaperModel[];
    expect(rows.map((r) => r.环节)).toEqual(['登记', '不予受理', '签发文书']);
    expect(rows[2].内容).toBe(`签发「不予受理告知书」${paper.number} · SHA-256 ${paper.sha256.slice(0, 12)}…`);
  });

  it('counts how late an overdue case is (days past its due date) and allows the supervision notice', async () => {
    const c = byKey('late-secret');
    const { model, caseState } = await load(c, 'supervise');
    expect(caseState).toMatchObject({ status: 'assigned', isOverdue: true });
    expect(paperAllowed('supervise', caseState)).toBeNull();
    const detail = must(await reg.core.call('cases/get', { id: c.detail.id }, reg.as.supervisor));
    const due = detail.dueDate!;
    expect(model.办理期限).toBe(paperDate(due));
    expect(model.超期天数).toBe(String(Math.round((Date.parse('2026-04-01') - Date.parse(due)) / 86_400_000)));
  });

  it('department papers: no identity key at all, and the identity typed into any text masked', async () => {
    for (const c of reg.cases) {
      for (const type of ['assign', 'supervise'] as const) {
        const { model } = await load(c, type);
        for (const k of IDENTITY_KEYS) expect(Object.hasOwn(model, k)).toBe(false);
        const text = strings(model).join('\n');
        for (const v of identityValues(c)) expect({ key: c.key, type, v, found: text.includes(v) }).toEqual({ key: c.key, type, v, found: false });
      }
    }
    const long = await load(byKey('late-open-group'), 'assign');
    expect(long.model.诉求内容).toContain('本人赵*（联系电话139****2222');
    expect(long.model.事由).toBe('赵*反映窗口办事难');
  });

  it('complainant papers: the full identity for whoever sees it; refused to whoever does not', async () => {
    const secret = byKey('replied-secret');
    const { model } = await load(secret, 'reply', 'supervisor');
    expect(model).toMatchObject({ 诉求人姓名: PEOPLE.ouyang.name, 诉求人电话: PEOPLE.ouyang.phone, 诉求人身份证号: PEOPLE.ouyang.idNumber, 保密: true });
    expect(model.受理意见).toBe(`同意受理，请${PEOPLE.ouyang.name}留意电话`);
    // The clerk who recorded it sees it too; another clerk and the auditor do not.
    expect((await load(secret, 'accept', 'clerk')).model.诉求人姓名).toBe(PEOPLE.ouyang.name);
    for (const who of ['otherClerk', 'auditor'] as const) {
      await expect(load(secret, 'reply', who)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('答复函') });
    }
    // An ordinary case's letter: any clerk; the auditor sees no identity unmasked, so not them.
    expect((await load(byKey('replied-open'), 'accept', 'otherClerk')).model.诉求人姓名).toBe(PEOPLE.jitian.name);
    await expect(load(byKey('replied-open'), 'accept', 'auditor')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('internal papers: identity only for an ordinary case the actor sees; a confidential one masked, in free text too', async () => {
    const secret = byKey('replied-secret');
    for (const who of ['supervisor', 'clerk', 'otherClerk', 'auditor'] as const) {
      const { model } = await load(secret, 'follow-up', who);
      expect(model).toMatchObject({ 诉求人姓名: '欧**', 诉求人电话: '137****5678', 诉求人身份证号: expect.stringMatching(/^110\*+\d{3}[\dX]$/) });
      const text = strings(model).join('\n');
      for (const v of identityValues(secret)) expect({ who, v, found: text.includes(v) }).toEqual({ who, v, found: false });
    }
    const open = byKey('replied-open');
    expect((await load(open, 'follow-up', 'clerk')).model.诉求人电话).toBe(PEOPLE.jitian.phone);
    expect((await load(open, 'follow-up', 'auditor')).model.诉求人电话).toBe(maskPhone(PEOPLE.jitian.phone));
  });

  it('a group complaint names the first complainant and the head count, and lists everyone', async () => {
    const g = byKey('late-open-group');
    const { model } = await load(g, 'register-form', 'clerk');
    expect(model).toMatchObject({ 诉求人姓名: `${PEOPLE.zhao.name}等3人`, 人数: '3', 群体投诉: true });
    expect(model.诉求人).toEqual([
      { 姓名: PEOPLE.zhao.name, 电话: PEOPLE.zhao.phone, 身份证号: PEOPLE.zhao.idNumber, 住址: PEOPLE.zhao.address, 工作单位: PEOPLE.zhao.employer },
      { 姓名: PEOPLE.qian.name, 电话: PEOPLE.qian.phone, 身份证号: null, 住址: PEOPLE.qian.address, 工作单位: null },
      { 姓名: PEOPLE.sun.name, 电话: PEOPLE.sun.phone, 身份证号: null, 住址: null, 工作单位: PEOPLE.sun.employer },
    ]);
    const secretGroup = await load(byKey('suspended-secret-group'), 'supplement', 'supervisor');
    expect(secretGroup.model).toMatchObject({ 诉求人姓名: `${PEOPLE.secretGroup.name}等6人`, 人数: '6', 补正材料: '购房合同复印件、缴费凭证', 补正期限: null });
  });

  it('an anonymous complaint has no name (null, a gap the template decides about), its flag set', async () => {
    const { model } = await load(byKey('suspended-anonymous'), 'register-form', 'clerk');
    expect(model).toMatchObject({ 匿名: true, 诉求人姓名: null, 诉求人电话: null, 人数: '1', 诉求人: [] });
  });

  it('a refused case carries the reason and where to go instead', async () => {
    const { model, caseState } = await load(byKey('refused-open-long'), 'refuse');
    expect(model).toMatchObject({ 不予受理理由: `${PEOPLE.longB.name}反映的事项属于法院受理范围`, 告知途径: '测试县人民法院诉讼服务中心', 受理日期: null });
    expect(paperAllowed('refuse', caseState)).toBeNull();
    expect(paperAllowed('accept', caseState)).not.toBeNull();
  });

  it('refuses a case that does not exist', async () => {
    await expect(loadPaperModel(reg.core.db, { caseId: 99_999, type: 'accept', actor: actors.supervisor, now: reg.clock.now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
