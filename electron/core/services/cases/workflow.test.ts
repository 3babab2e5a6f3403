import { describe, expect, it } from 'vitest';
import { makeOffice as makeBareOffice, must, phoneComplaint } from '../../testing';

/** The clerk here is the user of staff member 李明, the handler the cases below are assigned to. */
async function makeOffice(start?: string) {
  const o = await makeBareOffice(start);
  await o.core.db.updateTable('users').set({ staff_id: o.staff.li }).where('id', '=', o.userIds.clerk).execute();
  return o;
}

describe('a phone complaint from registration to close', () => {
  it('walks every stage with due dates from the office rules and a timeline of each change', async () => {
    const o = await makeOffice('2026-03-02 10:00'); // Monday
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    expect(c.registerNo).toBe('2026-000001');
    expect(c.status).toBe('registered');
    // Receipt day not counted: Tue 3, Wed 4, Thu 5 -> accept by 03-05; whole case 15 days -> 03-17.
    expect([c.stageDue, c.overallDue, c.dueDate, c.dueState]).toEqual(['2026-03-05', '2026-03-17', '2026-03-05', 'onTrack']);
    expect(c.allowedActions).toEqual(expect.arrayContaining(['update', 'void']));
    expect(c.allowedActions).not.toContain('accept');

    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    expect([c.status, c.stageDue, c.dueDate]).toEqual(['accepted', null, '2026-03-17']);

    o.clock.set('2026-03-03 09:00');
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    expect([c.status, c.handlerDepartment, c.handlerStaff, c.stageDue, c.dueDate]).toEqual(['assigned', '社保服务科', '李明', '2026-03-06', '2026-03-06']);

    o.clock.set('2026-03-04 15:00');
    c = must(await core.call('cases/addNote', { id: c.id, version: c.version, notedOn: '2026-03-04', text: '调取窗口录像，与当事人李明谈话。' }, as.clerk));
    expect(c.notes).toHaveLength(1);

    o.clock.set('2026-03-05 11:00');
    c = must(await core.call('cases/recordFinding', {
      id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '对李明批评教育，窗口公示材料清单。', handledOn: '2026-03-05',
    }, as.clerk));
    // A simple case needs no review: straight to reply, 3 working days from the day handling finished.
    expect([c.status, c.stageDue]).toEqual(['approved', '2026-03-10']);

    o.clock.set('2026-03-06 10:00');
    c = must(await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-06', summary: '电话告知核查结果与整改措施。' }, as.clerk));
    expect([c.status, c.dueDate, c.dueState]).toEqual(['replied', null, null]);

    o.clock.set('2026-03-09 10:00');
    c = must(await core.call('cases/followUp', { id: c.id, version: c.version, satisfaction: 'basic', followedUpOn: '2026-03-09' }, as.clerk));
    expect(c.status).toBe('closed');
    expect(c.closedAt).toBe('2026-03-09 10:00:00');
    expect(c.allowedActions).toEqual([]);
    expect(c.timeline.map((t) => t.action)).toEqual(['register', 'accept', 'assign', 'addNote', 'recordFinding', 'reply', 'followUp']);
    const accept = c.timeline[1];
    expect(accept.actorName).toBe('赵主任');
    expect(accept.changes.find((x) => x.field === 'status')).toMatchObject({ before: '待受理', after: '待分办' });
  });

  it('sends a complex finding back for review, then approves it with the reply clock from approval', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'complex' }, as.supervisor));
    // 10 working days from Mon 03-02: 3,4,5,6,9,10,11,12,13,16.
    expect(c.stageDue).toBe('2026-03-16');
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'partly', handlingOpinion: '初步意见', handledOn: '2026-03-02' }, as.clerk));
    expect(c.status).toBe('pending_review');
    const noComment = await core.call('cases/review', { id: c.id, version: c.version, decision: 'return', comment: '' }, as.supervisor);
    expect(noComment).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'comment' } });
    c = must(await core.call('cases/review', { id: c.id, version: c.version, decision: 'return', comment: '证据不足，补充调查' }, as.supervisor));
    expect([c.status, c.stageDue]).toEqual(['assigned', '2026-03-16']);
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'partly', handlingOpinion: '补充调查后的意见', handledOn: '2026-03-02' }, as.clerk));
    o.clock.set('2026-03-06 16:00'); // Friday: reply by Mon 9, Tue 10, Wed 11
    c = must(await core.call('cases/review', { id: c.id, version: c.version, decision: 'approve', comment: '' }, as.supervisor));
    expect([c.status, c.stageDue, c.dueDate]).toEqual(['approved', '2026-03-11', '2026-03-11']);
  });

  it('registers and closes an inquiry answered on the spot in one step', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint({ caseType: '咨询', subject: '咨询医保报销材料', answeredOnSpot: { reply: '当场告知所需材料清单' } }), o.as.clerk));
    expect([c.status, c.replySummary, c.replyMethod, c.dueDate]).toEqual(['closed', '当场告知所需材料清单', 'phone', null]);
    expect(c.timeline.map((t) => t.action)).toEqual(['answeredOnSpot']);
  });

  it('reopens an unsatisfied case for re-examination and keeps both rounds', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'unsubstantiated', handlingOpinion: '经查不属实', handledOn: '2026-03-02' }, as.clerk));
    c = must(await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-02', summary: '告知不属实' }, as.clerk));
    o.clock.set('2026-03-04 10:00');
    c = must(await core.call('cases/followUp', { id: c.id, version: c.version, satisfaction: 'unsatisfied', followedUpOn: '2026-03-04', note: '认为调查不充分' }, as.clerk));
    expect(c.status).toBe('unsatisfied');
    expect(c.allowedActions).toEqual([]); // clerk: only the supervisor decides on re-examination
    c = must(await core.call('cases/get', { id: c.id }, as.supervisor));
    expect(c.allowedActions).toEqual(expect.arrayContaining(['reopen', 'close']));
    c = must(await core.call('cases/reopen', { id: c.id, version: c.version, reason: '诉求人不满意，另派人员复查' }, as.supervisor));
    // Round 2 restarts both clocks from today (Wed 03-04): handling by Mon 03-09, whole case 03-19.
    expect([c.status, c.round, c.finding, c.stageDue, c.overallDue, c.originalDue]).toEqual(['assigned', 2, null, '2026-03-09', '2026-03-19', '2026-03-19']);
    expect(c.rounds).toEqual([expect.objectContaining({ round: 1, finding: 'unsubstantiated', satisfaction: 'unsatisfied', replySummary: '告知不属实' })]);
    expect(c.timeline.filter((t) => t.action === 'recordFinding')).toHaveLength(1);
    expect(c.timeline.at(-1)?.note).toContain('复查');
  });
});

describe('side paths', () => {
  it('suspension stops the clock; the stage restarts the day after the material arrives', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    o.clock.set('2026-03-03 09:00');
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    o.clock.set('2026-03-04 09:00');
    c = must(await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-04', material: '身份证复印件' }, as.clerk));
    expect([c.status, c.dueDate, c.dueState]).toEqual(['suspended', null, null]);
    o.clock.set('2026-03-10 09:00');
    const early = await core.call('cases/resume', { id: c.id, version: c.version, receivedOn: '2026-03-03' }, as.clerk);
    expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receivedOn' } });
    c = must(await core.call('cases/resume', { id: c.id, version: c.version, receivedOn: '2026-03-10' }, as.clerk));
    // 3 working days after Tue 03-10 -> Fri 03-13; whole case moved by the 6 paused days: 03-08 + 15 = 03-23.
    expect([c.status, c.stageDue, c.overallDue, c.dueDate, c.originalDue]).toEqual(['assigned', '2026-03-13', '2026-03-23', '2026-03-13', '2026-03-17']);
    expect(c.suspensions).toEqual([expect.objectContaining({ suspendedOn: '2026-03-04', resumedOn: '2026-03-10' })]);
  });

  it('extension moves the due date, keeps the original, and must move it later', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    const backwards = await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-04', reason: '需现场核查' }, as.supervisor);
    expect(backwards).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'newDue' } });
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-20', reason: '需现场核查', notice: '已电话告知' }, as.supervisor));
    expect([c.stageDue, c.overallDue, c.dueDate, c.originalDue]).toEqual(['2026-03-20', '2026-03-20', '2026-03-20', '2026-03-17']);
    expect(c.extensions).toEqual([expect.objectContaining({ oldDue: '2026-03-05', newDue: '2026-03-20', approver: '赵主任' })]);
  });

  it('refusal records the reason and where the person was sent', async () => {
    const o = await makeOffice();
    let c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    c = must(await o.core.call('cases/refuse', { id: c.id, version: c.version, reason: '属司法程序事项', referral: '请向县人民法院反映' }, o.as.supervisor));
    expect([c.status, c.refuseReason, c.referral, c.dueDate]).toEqual(['refused', '属司法程序事项', '请向县人民法院反映', null]);
  });

  it('a written complaint needs a written reply', async () => {
    const o = await makeOffice();
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint({ channel: '信函' }), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-03-02' }, as.clerk));
    const byPhone = await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-02', summary: '电话答复' }, as.clerk);
    expect(byPhone).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'method' } });
    must(await core.call('cases/reply', { id: c.id, version: c.version, method: 'letter', repliedOn: '2026-03-02', summary: '寄送答复函' }, as.clerk));
  });
});

describe('the timeline', () => {
  it('shows no empty-to-empty lines', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint({ caseType: '咨询', answeredOnSpot: { reply: '当场答复' } }), o.as.clerk));
    const changes = c.timeline.flatMap((t) => t.changes);
    expect(changes.length).toBeGreaterThan(3);
    expect(changes.filter((x) => x.before === null && x.after === null)).toEqual([]);
  });
});

describe('an extension', () => {
  it('survives the next stage change', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'complex' }, as.supervisor));
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-31', reason: '需多部门核查' }, as.supervisor));
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'partly', handlingOpinion: '意见', handledOn: '2026-03-02' }, as.clerk));
    c = must(await core.call('cases/review', { id: c.id, version: c.version, decision: 'approve', comment: '' }, as.supervisor));
    // Reply by Thu 03-05 (3 working days from approval on 03-02); the whole case keeps its extended 03-31.
    expect([c.stageDue, c.overallDue, c.dueDate, c.originalDue]).toEqual(['2026-03-05', '2026-03-31', '2026-03-05', '2026-03-17']);
  });
});
