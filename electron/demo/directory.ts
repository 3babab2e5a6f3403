import type BetterSqlite3 from 'better-sqlite3';
import { hashPassword } from '../core/services/passwords';
import { COMMAND_LINE_ACTOR } from '../core/session';
import type { Directory } from './compose';
import type { HistoryWriter } from './history-writer';
import { mulberry32 } from './random';
import { DEMO_USERS, DEPARTMENTS, personName } from './vocabulary';

export interface DemoAccount { username: string; password: string; role: string; displayName: string; created: boolean }

/**
 * Makes sure the demo's departments, staff and user accounts exist, writing each new one with the same
 * history entry the admin screens would (department.create, staff.create, user.create by 命令行).
 * Existing rows are kept as they are; a user name already taken is left alone.
 */
export async function ensureDirectory(raw: BetterSqlite3.Database, history: HistoryWriter, at: string): Promise<{ dir: Directory; accounts: DemoAccount[] }> {
  const existing = new Set((raw.prepare('SELECT username FROM users').all() as Array<{ username: string }>).map((u) => u.username.toLowerCase()));
  const hasAdmin = raw.prepare("SELECT 1 FROM users WHERE role = 'admin' AND active = 1").get() !== undefined;
  const wanted = DEMO_USERS.filter((u) => !existing.has(u.username) && (u.role !== 'admin' || !hasAdmin));
  // scrypt is slow on purpose: hash the few new accounts' passwords once, in parallel, before the transaction.
  const hashes = await Promise.all(wanted.map((u) => hashPassword(u.password)));

  const actor = { id: COMMAND_LINE_ACTOR.id, displayName: COMMAND_LINE_ACTOR.displayName };
  const rng = mulberry32(20_240_101); // the directory is the same whatever the story seed
  raw.transaction(() => {
    history.begin();
    const findDept = raw.prepare('SELECT id FROM departments WHERE name = ?');
    const addDept = raw.prepare('INSERT INTO departments (name, active, sort_order) VALUES (?, 1, ?)');
    const addStaff = raw.prepare('INSERT INTO staff (department_id, name, title, active) VALUES (?, ?, ?, 1)');
    DEPARTMENTS.forEach((d, i) => {
      if (findDept.get(d.name)) return;
      const id = Number(addDept.run(d.name, (i + 1) * 10).lastInsertRowid);
      history.append('department', id, 'department.create', actor, at, null, { name: d.name, active: 1, sort_order: (i + 1) * 10 }, null);
      for (let k = 0; k < d.staff; k++) {
        const name = personName(rng, rng.chance(0.5) ? 'male' : 'female');
        const title = d.titles[k % d.titles.length];
        const staffId = Number(addStaff.run(id, name, title).lastInsertRowid);
        history.append('staff', staffId, 'staff.create', actor, at, null, { department_id: id, name, title, active: 1 }, null);
      }
    });
    const addUser = raw.prepare('INSERT INTO users (username, display_name, role, password_hash, staff_id, active, created_at) VALUES (?, ?, ?, ?, NULL, 1, ?)');
    wanted.forEach((u, i) => {
      const id = Number(addUser.run(u.username, u.displayName, u.role, hashes[i], at).lastInsertRowid);
      history.append('user', id, 'user.create', actor, at, null, { username: u.username, display_name: u.displayName, role: u.role, staff_id: null }, null);
    });
  })();

  const departments = DEPARTMENTS.flatMap((d) => {
    const row = raw.prepare('SELECT id, name FROM departments WHERE name = ? AND active = 1').get(d.name) as { id: number; name: string } | undefined;
    if (!row) return [];
    const staff = raw.prepare('SELECT id, name FROM staff WHERE department_id = ? AND active = 1 ORDER BY id').all(row.id) as Array<{ id: number; name: string }>;
    return staff.length ? [{ id: row.id, key: d.key, name: row.name, staff }] : [];
  });
  const users = raw.prepare("SELECT id, username, display_name, role FROM users WHERE active = 1 AND role IN ('clerk', 'supervisor') ORDER BY id")
    .all() as Array<{ id: number; username: string; display_name: string; role: string }>;
  const demoNames = new Set<string>(DEMO_USERS.map((u) => u.username));
  const pick = (role: string) => {
    const demo = users.filter((u) => u.role === role && demoNames.has(u.username.toLowerCase()));
    return (demo.length ? demo : users.filter((u) => u.role === role)).map((u) => ({ id: u.id, displayName: u.display_name }));
  };
  const dir: Directory = { departments, clerks: pick('clerk'), supervisors: pick('supervisor') };
  if (!dir.clerks.length || !dir.supervisors.length || !dir.departments.length) {
    throw new Error('演示数据需要至少一名启用的登记员、一名主管和一个部门，但现有用户名与演示账号冲突');
  }
  const accounts = DEMO_USERS.map((u) => ({ username: u.username, password: u.password, role: u.role, displayName: u.displayName, created: wanted.includes(u) }));
  return { dir, accounts };
}
