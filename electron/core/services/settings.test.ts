import { describe, expect, it } from 'vitest';
import { makeOffice, must, type Office } from '../testing';

const historyOf = (o: Office, entity: string) =>
  o.core.db.selectFrom('history').select(['action', 'entity_id', 'before', 'after']).where('entity', '=', entity).orderBy('id').execute();

describe('departments, staff and options', () => {
  it('creates and renames a department with one history row each; an unchanged save writes none; a duplicate name is a CONFLICT', async () => {
    const o = await makeOffice();
    const created = must(await o.core.call('departments/save', { name: '信访科', sortOrder: 3 }, o.as.admin));
    must(await o.core.call('departments/save', { id: created.id, name: '信访科', sortOrder: 3 }, o.as.admin));
    const renamed = must(await o.core.call('departments/save', { id: created.id, name: '信访办', sortOrder: 3, active: false }, o.as.admin));
    expect(renamed).toEqual({ id: created.id, name: '信访办', active: false, sortOrder: 3 });
    expect((await historyOf(o, 'department')).map((h) => [h.action, h.entity_id])).toEqual([['department.create', created.id], ['department.update', created.id]]);
    const dup = await o.core.call('departments/save', { name: '综合窗口' }, o.as.admin);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
    expect(await o.core.call('departments/save', { id: 99_999, name: '不存在' }, o.as.admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const dir = must(await o.core.call('directory/get', {}, o.as.clerk));
    expect(dir.departments.find((d) => d.id === created.id)).toEqual({ id: created.id, name: '信访办', active: false, sortOrder: 3 });
  });

  it('adds staff to an existing department (inactive ones too) and refuses one that does not exist', async () => {
    const o = await makeOffice();
    must(await o.core.call('departments/save', { id: o.dept.social, name: '社保服务科', active: false }, o.as.admin));
    const s = must(await o.core.call('staff/save', { departmentId: o.dept.social, name: '孙丽', title: '科员' }, o.as.admin));
    expect(s).toMatchObject({ departmentId: o.dept.social, name: '孙丽', title: '科员', active: true });
    expect(await o.core.call('staff/save', { departmentId: 99_999, name: '无部门' }, o.as.admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'departmentId' } });
    const dir = must(await o.core.call('directory/get', {}, o.as.admin));
    expect(dir.staff.filter((m) => m.departmentId === o.dept.social).map((m) => [m.name, m.active])).toEqual([['李明', true], ['离职人员', false], ['孙丽', true]]);
    expect(dir.users.map((u) => u.role).sort()).toEqual(['admin', 'auditor', 'clerk', 'supervisor']);
  });

  it('keeps channel and case-type options apart; a deactivated channel can no longer be chosen on registration', async () => {
    const o = await makeOffice();
    const dir = must(await o.core.call('directory/get', {}, o.as.admin));
    const phone = dir.channels.find((c) => c.name === '电话')!;
    expect(must(await o.core.call('lookups/save', { kind: 'case_type', name: '电话' }, o.as.admin)).kind).toBe('case_type');
    expect(await o.core.call('lookups/save', { kind: 'channel', name: '电话' }, o.as.admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    must(await o.core.call('lookups/save', { id: phone.id, kind: 'channel', name: '电话', active: false, sortOrder: phone.sortOrder }, o.as.admin));
    const r = await o.core.call('cases/register', { receivedAt: '2026-03-02 09:00', channel: '电话', caseType: '投诉', subject: '事由', account: '详情', complainants: [{ name: '张三', phone: '13812345678' }] }, o.as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'channel' } });
  });
});

describe('office settings', () => {
  it('saves each group with a history row and answers the whole settings', async () => {
    const o = await makeOffice();
    const before = must(await o.core.call('settings/get', {}, o.as.clerk));
    const deadlines = { ...before.deadlines, acceptWorkingDays: 5 };
    const after = must(await o.core.call('settings/update', { deadlines, numbering: { prefix: 'TS' } }, o.as.admin));
    expect([after.deadlines.acceptWorkingDays, after.numbering.prefix, after.office.name]).toEqual([5, 'TS', '测试县政务服务中心']);
    expect((await historyOf(o, 'settings')).map((h) => h.action).sort()).toEqual(['settings.deadlines', 'settings.numbering']);
    expect(must(await o.core.call('settings/get', {}, o.as.clerk)).deadlines.acceptWorkingDays).toBe(5);
  });

  it.each([
    ['acceptWorkingDays', 0, '「受理期限（工作日）」不能小于 1'],
    ['overallCalendarDays', 400, '「总办结期限（自然日）」不能大于 365'],
  ] as const)('refuses %s = %i with a message naming the field and its limit, and saves nothing', async (field, value, message) => {
    const o = await makeOffice();
    const before = must(await o.core.call('settings/get', {}, o.as.admin));
    const r = await o.core.call('settings/update', { deadlines: { ...before.deadlines, [field]: value } }, o.as.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: `deadlines.${field}`, message } });
    expect(must(await o.core.call('settings/get', {}, o.as.admin)).deadlines).toEqual(before.deadlines);
  });
});
