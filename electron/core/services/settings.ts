import { localDateTime } from '../local-time';
import type { ParsedInput } from '../contract';
import { DEFAULT_DEADLINES } from '../domain/deadlines';
import { BUILTIN_CALENDAR_OVERRIDES, BUILTIN_CALENDAR_YEARS } from '../domain/holidays-cn';
import { DEFAULT_CASE_TYPES, DEFAULT_CHANNELS, type Role } from '../domain/vocab';
import { AppError } from '../errors';
import type { Department, Directory, Lookup, OfficeSettings, StaffMember } from '../types';
import type { Actor } from '../session';
import type { Deps, Trx } from './deps';
import { appendHistory, diff } from './history';

const DEFAULTS: OfficeSettings = {
  office: { name: '', address: '', phone: '' },
  numbering: { prefix: '' },
  deadlines: DEFAULT_DEADLINES,
};
type SettingsKey = keyof OfficeSettings;
const KEYS = Object.keys(DEFAULTS) as SettingsKey[];

export function createSettingsService(deps: Deps) {
  const { db } = deps;
  let cached: OfficeSettings | null = null;

  // Reads through the given executor: inside a transaction, reading through `db` would wait forever for
  // the one connection the transaction holds.
  async function read(q: Trx | Deps['db']): Promise<OfficeSettings> {
    const rows = await q.selectFrom('settings').selectAll().execute();
    const byKey = new Map(rows.map((r) => [r.key, JSON.parse(r.value)]));
    return Object.fromEntries(KEYS.map((k) => [k, { ...DEFAULTS[k], ...(byKey.get(k) ?? {}) }])) as unknown as OfficeSettings;
  }

  async function get(): Promise<OfficeSettings> {
    cached ??= await read(db);
    return cached;
  }

  async function write(trx: Trx, actor: Actor | null, patch: Partial<OfficeSettings>): Promise<void> {
    cached = null;
    const current = await read(trx);
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      const change = diff({ [key]: current[key] } as Record<string, unknown>, { [key]: value });
      if (!change) continue;
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
      await appendHistory(trx, { entity: 'settings', entityId: 0, action: `settings.${key}`, actor, at: localDateTime(deps.now()), ...change });
    }
  }

  async function department(trx: Trx, id: number | null | undefined, field: string, activeOnly = true): Promise<void> {
    if (id === null || id === undefined) return;
    const d = await trx.selectFrom('departments').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
    if (!d || (activeOnly && d.active !== 1)) throw new AppError('VALIDATION', '所选部门不存在或已停用', field);
  }

  /** Generic save of a small admin-edited table row with its history entry. */
  async function saveRow<T extends 'departments' | 'staff' | 'lookups'>(
    actor: Actor, table: T, entity: 'department' | 'staff' | 'lookup', id: number | undefined, values: Record<string, unknown>,
  ): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const at = localDateTime(deps.now());
      if (id === undefined) {
        const row = await trx.insertInto(table as any).values(values).returning('id').executeTakeFirstOrThrow() as { id: number };
        await appendHistory(trx, { entity, entityId: row.id, action: `${entity}.create`, actor, at, after: values });
        cached = null;
        return row.id;
      }
      const before = await trx.selectFrom(table as any).selectAll().where('id', '=', id).executeTakeFirst() as Record<string, unknown> | undefined;
      if (!before) throw new AppError('NOT_FOUND', '要修改的记录不存在', 'id');
      const change = diff(before, values);
      if (change) {
        await trx.updateTable(table as any).set(values).where('id', '=', id).execute();
        await appendHistory(trx, { entity, entityId: id, action: `${entity}.update`, actor, at, ...change });
      }
      return id;
    });
  }

  function uniqueViolation(err: unknown): boolean {
    return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
  }

  return {
    get,
    read,
    write,
    assertDepartment: department,

    /** Idempotent: fills what a new database lacks (settings, lookups, the built-in calendar). */
    async ensureDefaults(): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const lookups = await trx.selectFrom('lookups').select('id').limit(1).executeTakeFirst();
        if (!lookups) {
          const rows = [
            ...DEFAULT_CHANNELS.map((name, i) => ({ kind: 'channel' as const, name, sort_order: i })),
            ...DEFAULT_CASE_TYPES.map((name, i) => ({ kind: 'case_type' as const, name, sort_order: i })),
          ];
          await trx.insertInto('lookups').values(rows).execute();
        }
        const years = await trx.selectFrom('calendar_years').select('year').limit(1).executeTakeFirst();
        if (!years) {
          const at = localDateTime(deps.now());
          await trx.insertInto('calendar_years').values(BUILTIN_CALENDAR_YEARS.map((year) => ({ year, source: 'builtin', updated_at: at }))).execute();
          await trx.insertInto('calendar_days').values(BUILTIN_CALENDAR_OVERRIDES.map((o) => ({ ...o }))).execute();
        }
      });
    },

    async update(actor: Actor, input: ParsedInput<'settings/update'>): Promise<OfficeSettings> {
      await db.transaction().execute((trx) => write(trx, actor, input as Partial<OfficeSettings>));
      cached = null;
      return get();
    },

    async directory(): Promise<Directory> {
      const [departments, staff, lookups, users] = await Promise.all([
        db.selectFrom('departments').selectAll().orderBy('sort_order').orderBy('id').execute(),
        db.selectFrom('staff').selectAll().orderBy('department_id').orderBy('id').execute(),
        db.selectFrom('lookups').selectAll().orderBy('kind').orderBy('sort_order').orderBy('id').execute(),
        db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).orderBy('id').execute(),
      ]);
      const toLookup = (l: (typeof lookups)[number]): Lookup => ({ id: l.id, kind: l.kind, name: l.name, active: l.active === 1, sortOrder: l.sort_order });
      return {
        departments: departments.map((d): Department => ({ id: d.id, name: d.name, active: d.active === 1, sortOrder: d.sort_order })),
        staff: staff.map((s): StaffMember => ({ id: s.id, departmentId: s.department_id, name: s.name, title: s.title, active: s.active === 1 })),
        channels: lookups.filter((l) => l.kind === 'channel').map(toLookup),
        caseTypes: lookups.filter((l) => l.kind === 'case_type').map(toLookup),
        users: users.map((u) => ({ id: u.id, displayName: u.display_name, role: u.role as Role, active: u.active === 1 })),
      };
    },

    async saveDepartment(actor: Actor, input: ParsedInput<'departments/save'>): Promise<Department> {
      try {
        const id = await saveRow(actor, 'departments', 'department', input.id, { name: input.name, active: input.active ? 1 : 0, sort_order: input.sortOrder });
        return { id, name: input.name, active: input.active, sortOrder: input.sortOrder };
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', `部门“${input.name}”已存在`, 'name');
        throw err;
      }
    },

    async saveStaff(actor: Actor, input: ParsedInput<'staff/save'>): Promise<StaffMember> {
      await db.transaction().execute((trx) => department(trx, input.departmentId, 'departmentId', false));
      const id = await saveRow(actor, 'staff', 'staff', input.id, { department_id: input.departmentId, name: input.name, title: input.title, active: input.active ? 1 : 0 });
      return { id, departmentId: input.departmentId, name: input.name, title: input.title, active: input.active };
    },

    async saveLookup(actor: Actor, input: ParsedInput<'lookups/save'>): Promise<Lookup> {
      try {
        const id = await saveRow(actor, 'lookups', 'lookup', input.id, { kind: input.kind, name: input.name, active: input.active ? 1 : 0, sort_order: input.sortOrder });
        return { id, kind: input.kind, name: input.name, active: input.active, sortOrder: input.sortOrder };
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', `“${input.name}”已存在`, 'name');
        throw err;
      }
    },

    async activeLookup(trx: Trx, kind: 'channel' | 'case_type', name: string, field: string): Promise<void> {
      const row = await trx.selectFrom('lookups').select('id').where('kind', '=', kind).where('name', '=', name).where('active', '=', 1).executeTakeFirst();
      if (!row) throw new AppError('VALIDATION', `「${kind === 'channel' ? '来源渠道' : '类型'}」“${name}”不是可选的值`, field);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
