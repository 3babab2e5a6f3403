import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { historyHash } from '../../electron/core/services/history';
import { verifyAll } from '../../electron/core/verify/verify-run';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

describe('0003_history_baseline', () => {
  it('gives each case registered before it a chained, sealed baseline that replay starts from', async () => {
    const raw = openConnection(':memory:');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    const names = Object.keys(migrations).sort();
    expect((await migrator.migrateTo(names[names.indexOf('0003_history_baseline') - 1])).error).toBeUndefined();

    raw.prepare("INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('a', '甲', 'clerk', 'h', '2026-01-01')").run();
    let prev = '0'.repeat(64);
    const history = (entityId: number, action: string, after: Record<string, unknown> | null, before: Record<string, unknown> | null = null) => {
      const r = { entity: 'case', entity_id: entityId, action, actor_id: 1, actor_name: '甲', at: '2026-03-03 10:00:00', before: before && JSON.stringify(before), after: after && JSON.stringify(after), note: null };
      const hash = historyHash(prev, r);
      raw.prepare('INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note, prev, hash);
      prev = hash;
    };
    for (const i of [1, 2]) {
      raw.prepare(`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
        recorder_id, first_receiver_id, status, created_at, updated_at) VALUES (?, 2026, ?, '2026-03-03 09:00:00', '2026-03-03 10:00:00', '电话', '投诉', ?, '医院停车场收费不透明',
        1, 1, 'registered', '2026-03-03', '2026-03-03')`).run(`2026-00000${i}`, i, i === 1 ? '停车收费' : '改过的事由');
      raw.prepare("INSERT INTO complainants(case_id, seq, name, phone) VALUES (?, 1, '张三', '13812345678')").run(i);
      // What registration recorded before this version: a few columns only.
      history(i, 'register', {
        register_no: `2026-00000${i}`, status: 'registered', received_at: '2026-03-03 09:00:00', channel: '电话', case_type: '投诉', subject: '停车收费', due_date: null,
        complainants: [{ seq: 1, name: '张三', gender: null, phone: '13812345678', id_number: '', address: '', employer: '' }],
      });
    }
    const before = raw.prepare('SELECT count(*) FROM history').pluck().get() as number;
    expect((await migrator.migrateTo('0003_history_baseline')).error).toBeUndefined();

    const added = raw.prepare('SELECT id, entity, entity_id, action, after, note FROM history WHERE id > ? ORDER BY id').all(before) as Array<Record<string, any>>;
    expect(added.map((r) => [r.entity, r.entity_id, r.action])).toEqual([['case', 1, 'baseline'], ['case', 2, 'baseline'], ['settings', 0, 'historyBaseline']]);
    expect(JSON.parse(added[0].after)).toMatchObject({ register_no: '2026-000001', subject: '停车收费', account: '医院停车场收费不透明', complainants: [{ name: '张三' }] });
    expect(JSON.parse(added[2].after)).toEqual({ first_id: added[0].id, last_id: added[1].id, cases: 2 });
    // Case 2 was changed behind the app's back before the upgrade: its baseline says so.
    expect(added[0].note).not.toContain('不符');
    expect(added[1].note).toContain('不符：subject');

    expect(verifyAll(raw, []).findings).toMatchObject({ failureCount: 0, casesChecked: 2, checked: before + 3 });
    raw.prepare("UPDATE cases SET subject = '升级后又改' WHERE id = 1").run();
    expect(verifyAll(raw, []).findings.failures).toEqual([expect.objectContaining({ kind: 'replay', registerNo: '2026-000001', field: 'subject' })]);
    await db.destroy();
  });
});
