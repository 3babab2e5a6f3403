import { localDate, localDateTime } from '../local-time';
import type { ParsedInput } from '../contract';
import {
  addCalendarDays, addWorkingDays, CalendarMissingError, createCalendar, formatCalendarFile, parseCalendarFile,
  type Calendar,
} from '../domain/calendar';
import { AppError } from '../errors';
import type { CalendarYearView } from '../types';
import type { Actor } from '../session';
import type { Deps, Trx } from './deps';
import { appendHistory } from './history';

/**
 * The working-day calendar lives in the office's own database (seeded with the built-in years) so an
 * admin can add local closures and import each new year when the State Council publishes it.
 */
export function createCalendarService(deps: Deps, onChanged: (trx: Trx, cal: Calendar) => Promise<void>) {
  const { db } = deps;
  let cached: Calendar | null = null;

  async function loadFrom(q: Trx | Deps['db']): Promise<Calendar> {
    const [years, days] = await Promise.all([
      q.selectFrom('calendar_years').select('year').execute(),
      q.selectFrom('calendar_days').selectAll().execute(),
    ]);
    return createCalendar(years.map((y) => y.year), days);
  }

  async function load(): Promise<Calendar> {
    cached ??= await loadFrom(db);
    return cached;
  }

  async function view(year: number): Promise<CalendarYearView> {
    const [y, days, years] = await Promise.all([
      db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst(),
      db.selectFrom('calendar_days').selectAll().where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute(),
      db.selectFrom('calendar_years').select('year').orderBy('year').execute(),
    ]);
    return { year, covered: !!y, source: y?.source ?? null, days, coveredYears: years.map((r) => r.year) };
  }

  async function afterChange(trx: Trx): Promise<void> {
    cached = null;
    await onChanged(trx, await loadFrom(trx));
  }

  function calendarError(err: unknown): never {
    if (err instanceof CalendarMissingError) throw new AppError('CALENDAR_MISSING', err.message);
    throw err;
  }

  return {
    load,
    view,

    async setDay(actor: Actor, input: ParsedInput<'calendar/setDay'>): Promise<CalendarYearView> {
      const year = Number(input.date.slice(0, 4));
      await db.transaction().execute(async (trx) => {
        const covered = await trx.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst();
        if (!covered) throw new AppError('CALENDAR_MISSING', `${year} 年尚未导入工作日历，请先导入该年的节假日安排`, 'date');
        const before = await trx.selectFrom('calendar_days').selectAll().where('date', '=', input.date).executeTakeFirst();
        if (input.kind === 'default') {
          // Returning a day to the ordinary weekday/weekend rule is an edit of the calendar, kept in history.
          await trx.deleteFrom('calendar_days').where('date', '=', input.date).execute();
        } else {
          const name = input.name || (input.kind === 'holiday' ? '休息日' : '调休上班');
          await trx
            .insertInto('calendar_days')
            .values({ date: input.date, kind: input.kind, name })
            .onConflict((oc) => oc.column('date').doUpdateSet({ kind: input.kind as 'holiday' | 'workday', name }))
            .execute();
        }
        await trx.updateTable('calendar_years').set({ updated_at: localDateTime(deps.now()) }).where('year', '=', year).execute();
        await appendHistory(trx, {
          entity: 'calendar', entityId: year, action: 'calendar.setDay', actor, at: localDateTime(deps.now()),
          before: before ? { ...before } : { date: input.date, kind: 'default' }, after: { date: input.date, kind: input.kind, name: input.name },
        });
        await afterChange(trx);
      });
      return view(year);
    },

    async importYear(actor: Actor, input: ParsedInput<'calendar/importYear'>): Promise<CalendarYearView> {
      const parsed = parseCalendarFile(input.text);
      if ('error' in parsed) throw new AppError('VALIDATION', parsed.error, 'text');
      const { year, overrides } = parsed;
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_days').selectAll().where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
        await trx.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
        await trx.insertInto('calendar_days').values(overrides.map((o) => ({ ...o }))).execute();
        const at = localDateTime(deps.now());
        await trx
          .insertInto('calendar_years')
          .values({ year, source: 'import', updated_at: at })
          .onConflict((oc) => oc.column('year').doUpdateSet({ source: 'import', updated_at: at }))
          .execute();
        await appendHistory(trx, {
          entity: 'calendar', entityId: year, action: 'calendar.import', actor, at,
          before: { days: before.length ? formatCalendarFile(year, before) : null },
          after: { days: formatCalendarFile(year, overrides) },
        });
        await afterChange(trx);
      });
      return view(year);
    },

    async exportYear(year: number): Promise<{ fileName: string; text: string }> {
      const v = await view(year);
      if (!v.covered) throw new AppError('CALENDAR_MISSING', `${year} 年尚未导入工作日历`, 'year');
      return { fileName: `工作日历-${year}.csv`, text: formatCalendarFile(year, v.days) };
    },

    async due(input: ParsedInput<'calendar/due'>): Promise<{ due: string }> {
      const cal = await load();
      try {
        const due = input.workingDays !== undefined
          ? addWorkingDays(cal, input.from, input.workingDays)
          : addCalendarDays(cal, input.from, input.calendarDays!);
        return { due };
      } catch (err) {
        return calendarError(err);
      }
    },

    /** Plain warnings for the dashboard: this year or (from November) next year missing. */
    async warnings(): Promise<string[]> {
      const cal = await load();
      const today = localDate(deps.now());
      const year = Number(today.slice(0, 4));
      const out: string[] = [];
      if (!cal.years.has(year)) out.push(`工作日历缺少今年（${year} 年）的节假日安排，期限无法计算，请管理员立即导入。`);
      else if (!cal.years.has(year + 1) && Number(today.slice(5, 7)) >= 11) {
        out.push(`工作日历尚未包含 ${year + 1} 年。国务院办公厅通常在 11 月公布下一年的节假日安排，请管理员及时在“设置 → 工作日历”中导入；跨年的期限在导入前无法计算。`);
      }
      return out;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
