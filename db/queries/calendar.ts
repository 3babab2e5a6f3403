import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CalendarDaysTable, CalendarYearsTable, Database } from '../types';

/** The working-day calendar: which years are covered (calendar_years) and each year's overrides (calendar_days). */
type Db = Kysely<Database> | Transaction<Database>;
export type CalendarDayRow = Selectable<CalendarDaysTable>;
export type CalendarYearRow = Selectable<CalendarYearsTable>;

const firstDay = (year: number) => `${year}-01-01`;
const lastDay = (year: number) => `${year}-12-31`;

/** Every covered year, ascending. */
export function coveredYears(db: Db): Promise<number[]> {
  return db.selectFrom('calendar_years').select('year').orderBy('year').execute().then((rows) => rows.map((r) => r.year));
}

export function calendarYear(db: Db, year: number): Promise<CalendarYearRow | undefined> {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function hasAnyCalendarYear(db: Db): Promise<boolean> {
  return (await db.selectFrom('calendar_years').select('year').limit(1).executeTakeFirst()) !== undefined;
}

/** Every override of every year (the whole calendar is small: a few dozen days a year). */
export function allCalendarDays(db: Db): Promise<CalendarDayRow[]> {
  return db.selectFrom('calendar_days').selectAll().execute();
}

/** One year's overrides in date order. */
export function calendarDaysOfYear(db: Db, year: number): Promise<CalendarDayRow[]> {
  return db.selectFrom('calendar_days').selectAll().where('date', '>=', firstDay(year)).where('date', '<=', lastDay(year)).orderBy('date').execute();
}

export function calendarDay(db: Db, date: string): Promise<CalendarDayRow | undefined> {
  return db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst();
}

export async function deleteCalendarDay(db: Db, date: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('date', '=', date).execute();
}

export async function upsertCalendarDay(db: Db, day: CalendarDayRow): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values({ ...day })
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name }))
    .execute();
}

export async function insertCalendarDays(db: Db, days: readonly CalendarDayRow[]): Promise<void> {
  if (days.length > 0) await db.insertInto('calendar_days').values(days.map((d) => ({ ...d }))).execute();
}

/** Removes one year's overrides (before an import writes the file's). */
export async function deleteCalendarDaysOfYear(db: Db, year: number): Promise<void> {
  await db.deleteFrom('calendar_days').where('date', '>=', firstDay(year)).where('date', '<=', lastDay(year)).execute();
}

export async function touchCalendarYear(db: Db, year: number, at: string): Promise<void> {
  await db.updateTable('calendar_years').set({ updated_at: at }).where('year', '=', year).execute();
}

export async function upsertCalendarYear(db: Db, row: Insertable<CalendarYearsTable>): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values(row)
    .onConflict((oc) => oc.column('year').doUpdateSet({ source: row.source, updated_at: row.updated_at }))
    .execute();
}

export async function insertCalendarYears(db: Db, rows: ReadonlyArray<Insertable<CalendarYearsTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('calendar_years').values([...rows]).execute();
}
