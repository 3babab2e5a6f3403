import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

/**
 * 被投诉人员 picked from the directory (issue 9 item 7): the core checks the staff member and stores their
 * directory name beside the id; a typed name stays possible (id null); corrections record the change.
 */
const caseRow = async (o: Awaited<ReturnType<typeof makeOffice>>, id: number) =>
  o.core.db.selectFrom('cases').select(['respondent_staff', 'respondent_staff_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const caseCount = async (o: Awaited<ReturnType<typeof makeOffice>>) =>
  Number((await o.core.db.selectFrom('cases').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('被投诉人员 from the directory', () => {
  it('stores the directory name with the id picked, whatever name was sent, and answers the id on cases/get', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint({
      respondentDepartmentId: o.dept.social, respondentStaffId: o.staff.li, respondentStaff: '李 明（科员）',
    }), o.as.clerk));
    expect(await caseRow(o, c.id)).toMatchObject({ respondent_staff: '李明', respondent_staff_id: o.staff.li });
    expect({ id: c.respondentStaffId, name: c.respondentStaff }).toEqual({ id: o.staff.li, name: '李明' });
    // Typed, not picked: the name as typed, no id (as before the directory could be picked from).
    const typed = must(await o.core.call('cases/register', phoneComplaint({ respondentDepartmentId: o.dept.social, respondentStaff: '保安老陈' }), o.as.clerk));
    expect(await caseRow(o, typed.id)).toMatchObject({ respondent_staff: '保安老陈', respondent_staff_id: null });
    // The search finds the picked one by the stored name, as it always did.
    const found = must(await o.core.call('cases/list', { search: '李明' }, o.as.supervisor)).rows.map((r) => r.id);
    expect(found).toContain(c.id);
  });

  it('refuses a staff member of another department, an inactive or unknown one, or none without a department, naming 被投诉人员; nothing is written', async () => {
    const o = await makeOffice();
    const refusals = [
      [{ respondentDepartmentId: o.dept.window, respondentStaffId: o.staff.li }, /「被投诉人员」李明不属于所选「被投诉部门」综合窗口/],
      [{ respondentDepartmentId: o.dept.social, respondentStaffId: o.staff.inactive }, /「被投诉人员」离职人员已停用/],
      [{ respondentDepartmentId: o.dept.social, respondentStaffId: 9999 }, /「被投诉人员」不在人员名录中/],
      [{ respondentDepartmentId: null, respondentStaffId: o.staff.li }, /「被投诉人员」须先选择「被投诉部门」/],
    ] as const;
    for (const [over, message] of refusals) {
      const r = await o.core.call('cases/register', phoneComplaint({ ...over, respondentStaff: '李明' }), o.as.clerk);
      expect(r.ok ? null : { code: r.error.code, field: r.error.field }).toEqual({ code: 'VALIDATION', field: 'respondentStaffId' });
      expect(r.ok ? '' : r.error.message).toMatch(message);
    }
    expect(await caseCount(o)).toBe(0);
    // The contract's own check of the id's shape names the field too.
    const bad = await o.core.call('cases/register', phoneComplaint({ respondentStaffId: -1 } as never), o.as.clerk);
    expect(bad.ok ? '' : bad.error.message).toContain('「被投诉人员」');
  });

  it('corrects it: picking records the id in the history diff, typing over it unlinks, a department change is checked', async () => {
    const o = await makeOffice();
    let c = must(await o.core.call('cases/register', phoneComplaint({ respondentDepartmentId: o.dept.social, respondentStaff: '李明' }), o.as.clerk));
    // Typed 李明 -> picked 李明: only the link changes, and the history says so.
    c = must(await o.core.call('cases/update', { id: c.id, version: c.version, respondentStaffId: o.staff.li }, o.as.clerk));
    expect(await caseRow(o, c.id)).toMatchObject({ respondent_staff: '李明', respondent_staff_id: o.staff.li });
    const picked = c.timeline.at(-1)!;
    expect(picked.action).toBe('update');
    expect(picked.changes).toEqual([{ field: 'respondent_staff_id', label: '被投诉人员（人员名录）', before: null, after: '李明' }]);
    const history = await o.core.db.selectFrom('history').select(['before', 'after']).where('entity_id', '=', c.id).where('action', '=', 'update').execute();
    expect(history.map((h) => [JSON.parse(h.before!), JSON.parse(h.after!)])).toEqual([[{ respondent_staff_id: null }, { respondent_staff_id: o.staff.li }]]);
    // Moving the case to another department while the staff member stays is refused, and changes nothing.
    const moved = await o.core.call('cases/update', { id: c.id, version: c.version, respondentDepartmentId: o.dept.window }, o.as.clerk);
    expect(moved.ok ? null : [moved.error.code, moved.error.field]).toEqual(['VALIDATION', 'respondentStaffId']);
    expect(await caseRow(o, c.id)).toMatchObject({ respondent_staff_id: o.staff.li, version: c.version });
    // Typing another name (an old client sends the name alone) unlinks the staff member.
    c = must(await o.core.call('cases/update', { id: c.id, version: c.version, respondentStaff: '另一位窗口人员' }, o.as.clerk));
    expect(await caseRow(o, c.id)).toMatchObject({ respondent_staff: '另一位窗口人员', respondent_staff_id: null });
    expect(c.timeline.at(-1)!.changes.map((x) => [x.field, x.before, x.after])).toEqual([
      ['respondent_staff', '李明', '另一位窗口人员'], ['respondent_staff_id', '李明', null],
    ]);
    // Department and staff changed together: 周敏 of 综合窗口.
    c = must(await o.core.call('cases/update', { id: c.id, version: c.version, respondentDepartmentId: o.dept.window, respondentStaffId: o.staff.zhou }, o.as.clerk));
    expect(await caseRow(o, c.id)).toMatchObject({ respondent_staff: '周敏', respondent_staff_id: o.staff.zhou });
    // The registration's own timeline line names the person once.
    expect(c.timeline[0].changes.filter((x) => x.label.startsWith('被投诉人员')).map((x) => x.field)).toEqual(['respondent_staff']);
    // Verification replays the corrections to the row as stored.
    const verified = must(await o.core.call('history/verify', {}, o.as.auditor));
    expect(verified.ok).toBe(true);
  });

  it('keeps a staff member deactivated since on a correction that leaves them alone', async () => {
    const o = await makeOffice();
    let c = must(await o.core.call('cases/register', phoneComplaint({ respondentDepartmentId: o.dept.social, respondentStaffId: o.staff.li }), o.as.clerk));
    await o.core.db.updateTable('staff').set({ active: 0, name: '李明明' }).where('id', '=', o.staff.li).execute();
    c = must(await o.core.call('cases/update', { id: c.id, version: c.version, subject: '社保窗口态度生硬（更正）' }, o.as.clerk));
    expect(await caseRow(o, c.id)).toMatchObject({ respondent_staff: '李明', respondent_staff_id: o.staff.li });
    // Picking them again now is refused: they are no longer active.
    const other = must(await o.core.call('cases/register', phoneComplaint({ respondentDepartmentId: o.dept.social }), o.as.clerk));
    const r = await o.core.call('cases/update', { id: other.id, version: other.version, respondentStaffId: o.staff.li }, o.as.clerk);
    expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['VALIDATION', 'respondentStaffId']);
  });
});
