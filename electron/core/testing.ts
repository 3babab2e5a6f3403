import { sql } from 'kysely';
import { openMemoryCore, type Core } from './core';
import type { CoreSession } from './session';
import type { ChannelInput } from './contract';
import type { Role } from './domain/vocab';
import { hashPassword } from './services/passwords';

/**
 * Test fixtures over a real, freshly migrated in-memory SQLite database: an office with one user per
 * role, two departments with staff, and a settable clock. Password hashing is slow on purpose, so the
 * fixture hashes once per test file and reuses it.
 */
export const PASSWORD = 'test-password-1';
let hashed: Promise<string> | null = null;

export interface Office {
  core: Core;
  clock: { now: Date; set(local: string): void };
  as: Record<Role, CoreSession>;
  userIds: Record<Role, number>;
  dept: { window: number; social: number };
  staff: { li: number; zhou: number; inactive: number };
}

/** `local` is 'YYYY-MM-DD HH:mm' in the office's (the process's) time zone. */
const parseLocal = (local: string) => new Date(local.replace(' ', 'T'));

export async function makeOffice(start = '2026-03-02 10:00', options: { papersRoot?: string } = {}): Promise<Office> {
  hashed ??= hashPassword(PASSWORD);
  const hash = await hashed;
  const clock = { now: parseLocal(start), set(local: string) { clock.now = parseLocal(local); } };
  // papersRoot: a folder for issued papers (a memory core has no data folder to keep them in).
  const core = await openMemoryCore({ now: () => clock.now, log: () => {}, ...options });
  const db = core.db;
  const roles: Role[] = ['admin', 'clerk', 'supervisor', 'auditor'];
  const names: Record<Role, string> = { admin: '系统管理员', clerk: '王芳', supervisor: '赵主任', auditor: '钱审计' };
  const userIds = {} as Record<Role, number>;
  for (const role of roles) {
    const row = await db.insertInto('users')
      .values({ username: role, display_name: names[role], role, password_hash: hash, staff_id: null, created_at: '2026-01-01 09:00:00' })
      .returning('id').executeTakeFirstOrThrow();
    userIds[role] = row.id;
  }
  await sql`INSERT INTO settings(key, value) VALUES ('office', ${JSON.stringify({ name: '测试县政务服务中心', address: '', phone: '' })})`.execute(db);
  const window = (await db.insertInto('departments').values({ name: '综合窗口' }).returning('id').executeTakeFirstOrThrow()).id;
  const social = (await db.insertInto('departments').values({ name: '社保服务科' }).returning('id').executeTakeFirstOrThrow()).id;
  const li = (await db.insertInto('staff').values({ department_id: social, name: '李明' }).returning('id').executeTakeFirstOrThrow()).id;
  const zhou = (await db.insertInto('staff').values({ department_id: window, name: '周敏' }).returning('id').executeTakeFirstOrThrow()).id;
  const inactive = (await db.insertInto('staff').values({ department_id: social, name: '离职人员', active: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  const as = Object.fromEntries(roles.map((r) => [r, { userId: userIds[r] }])) as Record<Role, CoreSession>;
  return { core, clock, as, userIds, dept: { window, social }, staff: { li, zhou, inactive } };
}

export function phoneComplaint(overrides: Partial<ChannelInput<'cases/register'>> = {}): ChannelInput<'cases/register'> {
  return {
    receivedAt: '2026-03-02 09:30',
    channel: '电话',
    caseType: '投诉',
    complainants: [{ name: '张三', phone: '13812345678', idNumber: '', address: '', employer: '' }],
    subject: '社保窗口工作人员态度生硬',
    account: '来电人反映在社保窗口办理退休手续时，工作人员态度生硬，不解释所缺材料。',
    request: '要求说明材料清单并道歉',
    ...overrides,
  };
}

/** Unwraps a Result, failing the test with the error when it is not ok. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} [${result.error.field ?? ''}]`);
  return result.value;
}
