import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, DepartmentsTable, StaffTable } from '../types';

/** The office's departments and their staff, as the admin keeps them (deactivated, never deleted). */
type Db = Kysely<Database> | Transaction<Database>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type StaffRow = Selectable<StaffTable>;

export function allDepartments(db: Db): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function departmentById(db: Db, id: number): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDepartment(db: Db, values: Insertable<DepartmentsTable>): Promise<number> {
  return (await db.insertInto('departments').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDepartment(db: Db, id: number, patch: Updateable<DepartmentsTable>): Promise<void> {
  await db.updateTable('departments').set(patch).where('id', '=', id).execute();
}

export function allStaff(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('department_id').orderBy('id').execute();
}

export function staffById(db: Db, id: number): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertStaff(db: Db, values: Insertable<StaffTable>): Promise<number> {
  return (await db.insertInto('staff').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateStaff(db: Db, id: number, patch: Updateable<StaffTable>): Promise<void> {
  await db.updateTable('staff').set(patch).where('id', '=', id).execute();
}
