import { hasAnyCalendarYear, insertCalendarDays, insertCalendarYears } from '../../../db/queries/calendar';
import {
  allDepartments, allStaff, departmentById, insertDepartment, insertStaff, staffById, updateDepartment, updateStaff,
} from '../../../db/queries/directory';
import { activeLookupByName, allLookups, hasAnyLookup, insertLookup, insertLookups, lookupById, updateLookup } from '../../../db/queries/lookups';
import { allSettings, upsertSetting } from '../../../db/queries/settings';
import { allUsers } from '../../../db/queries/users';
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

/** How saveRow reaches one small admin-edited table (db/queries): read a row, insert one, update one. */
interface RowTable {
  byId(q: Trx, id: number): Promise<object | undefined>;
  insert(q: Trx, values: Record<string, unknown>): Promise<number>;
  update(q: Trx, id: number, values: Record<string, unknown>): Promise<void>;
}
const TABLES = {
  department: { byId: departmentById, insert: insertDepartment, update: updateDepartment },
  staff: { byId: staffById, insert: insertStaff, update: updateStaff },
  lookup: { byId: lookupById, insert: insertLookup, update: updateLookup },
} as unknown as Record<'department' | 'staff' | 'lookup', RowTable>;

export function createSettingsService(deps: Deps) {
  const { db } = deps;
  let cached: OfficeSettings | null = null;

  // Reads through the given executor: inside a transaction, reading through `db` would wait forever for
  // the one connection the transaction holds.
  async function read(q: Trx | Deps['db']): Promise<OfficeSettings> {
    const rows = await allSettings(q);
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
      await upsertSetting(trx, key, JSON.stringify(value));
      await appendHistory(trx, { entity: 'settings', entityId: 0, action: `settings.${key}`, actor, at: localDateTime(deps.now()), ...change });
    }
  }

  async function department(trx: Trx, id: number | null | undefined, field: string, activeOnly = true): Promise<void> {
    if (id === null || id === undefined) return;
    const d = await departmentById(trx, id);
    if (!d || (activeOnly && d.active !== 1)) throw new AppError('VALIDATION', '所选部门不存在或已停用', field);
  }

  /** Generic save of a small admin-edited table row with its history entry. */
  async function saveRow(
    actor: Actor, entity: 'department' | 'staff' | 'lookup', id: number | undefined, values: Record<string, unknown>,
  ): Promise<number> {
    const table = TABLES[entity];
    return db.transaction().execute(async (trx) => {
      const at = localDateTime(deps.now());
      if (id === undefined) {
        const newId = await table.insert(trx, values);
        await appendHistory(trx, { entity, entityId: newId, action: `${entity}.create`, actor, at, after: values });
        cached = null;
        return newId;
      }
      const before = (await table.byId(trx, id)) as Record<string, unknown> | undefined;
      if (!before) throw new AppError('NOT_FOUND', '要修改的记录不存在', 'id');
      const change = diff(before, values);
      if (change) {
        await table.update(trx, id, values);
        await appendHistory(trx, { entity, entityId: id, action: `${entity}.update`, actor, at, ...change });
      }
      return id;
    });
  }

  function uniqueViolation(err: unknown): boolean {
    return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
  }

  /**
   * A settings group kept beside OfficeSettings (not part of settings/get): its own channel reads it, e.g.
   * backup/status. The stored value is merged over the defaults.
   */
  async function readGroup<T extends object>(key: string, defaults: T): Promise<T> {
    const row = (await allSettings(db)).find((r) => r.key === key);
    return { ...defaults, ...(row ? (JSON.parse(row.value) as Partial<T>) : {}) };
  }

  /** Saves such a group in the caller's transaction, with its history row (settings.<key>) when it changes. */
  async function writeGroup<T extends object>(trx: Trx, actor: Actor | null, key: string, defaults: T, value: T): Promise<void> {
    const row = (await allSettings(trx)).find((r) => r.key === key);
    const current = { ...defaults, ...(row ? (JSON.parse(row.value) as Partial<T>) : {}) };
    const change = diff({ [key]: current } as Record<string, unknown>, { [key]: value });
    if (!change) return;
    await upsertSetting(trx, key, JSON.stringify(value));
    await appendHistory(trx, { entity: 'settings', entityId: 0, action: `settings.${key}`, actor, at: localDateTime(deps.now()), ...change });
  }

  return {
    get,
    read,
    write,
    readGroup,
    writeGroup,
    assertDepartment: department,

    /** Idempotent: fills what a new database lacks (settings, lookups, the built-in calendar). */
    async ensureDefaults(): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await hasAnyLookup(trx))) {
          await insertLookups(trx, [
            ...DEFAULT_CHANNELS.map((name, i) => ({ kind: 'channel' as const, name, sort_order: i })),
            ...DEFAULT_CASE_TYPES.map((name, i) => ({ kind: 'case_type' as const, name, sort_order: i })),
          ]);
        }
        if (!(await hasAnyCalendarYear(trx))) {
          const at = localDateTime(deps.now());
          await insertCalendarYears(trx, BUILTIN_CALENDAR_YEARS.map((year) => ({ year, source: 'builtin', updated_at: at })));
          await insertCalendarDays(trx, BUILTIN_CALENDAR_OVERRIDES);
        }
      });
    },

    async update(actor: Actor, input: ParsedInput<'settings/update'>): Promise<OfficeSettings> {
      await db.transaction().execute((trx) => write(trx, actor, input as Partial<OfficeSettings>));
      cached = null;
      return get();
    },

    async directory(): Promise<Directory> {
      const [departments, staff, lookups, users] = await Promise.all([allDepartments(db), allStaff(db), allLookups(db), allUsers(db)]);
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
        const id = await saveRow(actor, 'department', input.id, { name: input.name, active: input.active ? 1 : 0, sort_order: input.sortOrder });
        return { id, name: input.name, active: input.active, sortOrder: input.sortOrder };
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', `部门“${input.name}”已存在`, 'name');
        throw err;
      }
    },

    async saveStaff(actor: Actor, input: ParsedInput<'staff/save'>): Promise<StaffMember> {
      await db.transaction().execute((trx) => department(trx, input.departmentId, 'departmentId', false));
      const id = await saveRow(actor, 'staff', input.id, { department_id: input.departmentId, name: input.name, title: input.title, active: input.active ? 1 : 0 });
      return { id, departmentId: input.departmentId, name: input.name, title: input.title, active: input.active };
    },

    async saveLookup(actor: Actor, input: ParsedInput<'lookups/save'>): Promise<Lookup> {
      try {
        const id = await saveRow(actor, 'lookup', input.id, { kind: input.kind, name: input.name, active: input.active ? 1 : 0, sort_order: input.sortOrder });
        return { id, kind: input.kind, name: input.name, active: input.active, sortOrder: input.sortOrder };
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', `“${input.name}”已存在`, 'name');
        throw err;
      }
    },

    async activeLookup(trx: Trx, kind: 'channel' | 'case_type', name: string, field: string): Promise<void> {
      if (!(await activeLookupByName(trx, kind, name))) throw new AppError('VALIDATION', `「${kind === 'channel' ? '来源渠道' : '类型'}」“${name}”不是可选的值`, field);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
