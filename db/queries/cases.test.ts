import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../open';
import { lastActionAt } from './case-history';
import { caseById, insertCase, takeRegisterSeq, updateCaseAtVersion } from './cases';
import { insertUser } from './users';

/** The case queries whose behaviour the services count on: gap-free counters, the optimistic lock, the latest result. */
let opened: OpenedDatabase | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

async function freshCase() {
  opened = await openDatabase(':memory:');
  const { db } = opened;
  const user = await insertUser(db, { username: 'clerk', display_name: '登记员', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-03-02 09:00:00' });
  const row = await insertCase(db, {
    register_no: 'TS-2026-000001', reg_year: 2026, reg_seq: 1, received_at: '2026-03-02 09:00:00', registered_at: '2026-03-02 09:05:00',
    channel: '电话', case_type: '服务态度', is_anonymous: 1, is_confidential: 0, head_count: 1, respondent_department_id: null, respondent_staff: null,
    subject: '事由', account: '详细情况', request: '诉求', recorder_id: user.id, first_receiver_id: user.id, status: 'registered',
    created_at: '2026-03-02 09:05:00', updated_at: '2026-03-02 09:05:00',
  });
  return { db, row };
}

describe('case queries', () => {
  it('takes register numbers one after another, per year', async () => {
    opened = await openDatabase(':memory:');
    const { db } = opened;
    expect([await takeRegisterSeq(db, 2026), await takeRegisterSeq(db, 2026), await takeRegisterSeq(db, 2027), await takeRegisterSeq(db, 2026)]).toEqual([1, 2, 1, 3]);
  });

  it('writes a patch only at the version it was read at', async () => {
    const { db, row } = await freshCase();
    expect(row.version).toBe(1);
    expect(await updateCaseAtVersion(db, row.id, 1, { subject: '改后', version: 2 })).toBe(true);
    // A second save built on version 1 meets the first one's version 2: nothing written.
    expect(await updateCaseAtVersion(db, row.id, 1, { subject: '再改', version: 2 })).toBe(false);
    expect((await caseById(db, row.id))?.subject).toBe('改后');
  });

  it('finds when the latest of some actions was written on a case', async () => {
    const { db, row } = await freshCase();
    const entry = (action: string, at: string, entityId = row.id) => ({
      entity: 'case', entity_id: entityId, action, actor_id: null, actor_name: '系统', at, before: null, after: null, note: null, prev_hash: '', hash: at + action,
    });
    await db.insertInto('history').values([
      entry('recordFinding', '2026-03-03 10:00:00'), entry('review', '2026-03-04 10:00:00'), entry('addNote', '2026-03-05 10:00:00'),
      entry('review', '2026-03-06 10:00:00', row.id + 1),
    ]).execute();
    expect(await lastActionAt(db, row.id, ['recordFinding', 'review'])).toBe('2026-03-04 10:00:00');
    expect(await lastActionAt(db, row.id, ['reply'])).toBeUndefined();
  });
});
