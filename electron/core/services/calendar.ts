import { calendarCsv, calendarCsvText } from '../../../templates/exports/calendar-csv';
import {
  allCalendarDays, calendarDay, calendarDaysOfYear, calendarYear, coveredYears, deleteCalendarDay, deleteCalendarDaysOfYear,
  insertCalendarDays, touchCalendarYear, upsertCalendarDay, upsertCalendarYear,
} from '../../../db/queries/calendar';
import { localDate, localDateTime } from '../local-time';
import type { ParsedInput } from '../contract';
import {
  addCalendarDays, addWorkingDays, CalendarMissingError, createCalendar, parseCalendarFile,
  type Calendar, type CalendarOverride,
} from '../domain/calendar';
import { decodeTextFile } from '../domain/text-file';
import { AppError } from '../errors';
import type { CalendarDayChange, CalendarImportPreview, CalendarYearView, FileResult } from '../types';
import type { Actor } from '../session';
import type { Deps, Trx } from './deps';
import { appendHistory } from './history';

type CalendarFileInput = ParsedInput<'calendar/importYear'>;

/** A calendar file read from its bytes (or from text a tool sent), then parsed; errors name the input field. */
function readCalendarFile(input: CalendarFileInput) {
  const field = input.file !== undefined ? 'file' : 'text';
  let text = input.text ?? '';
  let encoding: CalendarImportPreview['encoding'] = 'utf-8';
  if (input.file !== undefined) {
    const decoded = decodeTextFile(Buffer.from(input.file, 'base64'));
    if ('error' in decoded) throw new AppError('VALIDATION', decoded.error, field);
    ({ text, encoding } = decoded);
  }
  const parsed = parseCalendarFile(text);
  if ('error' in parsed) throw new AppError('VALIDATION', parsed.error, field);
  return { ...parsed, encoding };
}

/** Days an import adds, removes and changes in its year, compared with the overrides stored now. */
function compareYear(current: readonly CalendarOverride[], next: readonly CalendarOverride[]) {
  const now = new Map(current.map((d) => [d.date, d]));
  const added: CalendarOverride[] = [];
  const changed: CalendarDayChange[] = [];
  let unchanged = 0;
  for (const after of next) {
    const before = now.get(after.date);
    now.delete(after.date);
    if (!before) added.push(after);
    else if (before.kind !== after.kind || before.name !== after.name) changed.push({ date: after.date, before, after });
    else unchanged += 1;
  }
  return { added, removed: [...now.values()], changed, unchanged };
}

const dayOf = (d: CalendarOverride): CalendarOverride => ({ date: d.date, kind: d.kind, name: d.name });

/**
 * The working-day calendar lives in the office's own database (seeded with the built-in years) so an
 * admin can add local closures and import each new year when the State Council publishes it.
 */
export function createCalendarService(deps: Deps, onChanged: (trx: Trx, cal: Calendar) => Promise<void>) {
  const { db } = deps;
  let cached: Calendar | null = null;

  async function loadFrom(q: Trx | Deps['db']): Promise<Calendar> {
    const [years, days] = await Promise.all([coveredYears(q), allCalendarDays(q)]);
    return createCalendar(years, days);
  }

  async function load(): Promise<Calendar> {
    cached ??= await loadFrom(db);
    return cached;
  }

  async function view(year: number): Promise<CalendarYearView> {
    const [y, days, years] = await Promise.all([calendarYear(db, year), calendarDaysOfYear(db, year), coveredYears(db)]);
    return { year, covered: !!y, source: y?.source ?? null, days, coveredYears: years };
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
        if (!(await calendarYear(trx, year))) throw new AppError('CALENDAR_MISSING', `${year} 年尚未导入工作日历，请先导入该年的节假日安排`, 'date');
        const before = await calendarDay(trx, input.date);
        if (input.kind === 'default') {
          // Returning a day to the ordinary weekday/weekend rule is an edit of the calendar, kept in history.
          await deleteCalendarDay(trx, input.date);
        } else {
          const name = input.name || (input.kind === 'holiday' ? '休息日' : '调休上班');
          await upsertCalendarDay(trx, { date: input.date, kind: input.kind, name });
        }
        await touchCalendarYear(trx, year, localDateTime(deps.now()));
        await appendHistory(trx, {
          entity: 'calendar', entityId: year, action: 'calendar.setDay', actor, at: localDateTime(deps.now()),
          before: before ? { ...before } : { date: input.date, kind: 'default' }, after: { date: input.date, kind: input.kind, name: input.name },
        });
        await afterChange(trx);
      });
      return view(year);
    },

    /** What importYear would do with this file, written nowhere: the admin confirms after seeing it. */
    async previewImport(input: CalendarFileInput): Promise<CalendarImportPreview> {
      const { year, overrides, encoding } = readCalendarFile(input);
      const [y, current] = await Promise.all([calendarYear(db, year), calendarDaysOfYear(db, year)]);
      return { year, covered: !!y, source: y?.source ?? null, encoding, days: overrides, ...compareYear(current.map(dayOf), overrides) };
    },

    async importYear(actor: Actor, input: CalendarFileInput): Promise<CalendarYearView> {
      const { year, overrides } = readCalendarFile(input);
      await db.transaction().execute(async (trx) => {
        const before = await calendarDaysOfYear(trx, year);
        await deleteCalendarDaysOfYear(trx, year);
        await insertCalendarDays(trx, overrides);
        const at = localDateTime(deps.now());
        await upsertCalendarYear(trx, { year, source: 'import', updated_at: at });
        await appendHistory(trx, {
          entity: 'calendar', entityId: year, action: 'calendar.import', actor, at,
          before: { days: before.length ? calendarCsvText({ year, days: before }) : null },
          after: { days: calendarCsvText({ year, days: overrides }) },
        });
        await afterChange(trx);
      });
      return view(year);
    },

    async exportYear(year: number): Promise<FileResult> {
      const v = await view(year);
      if (!v.covered) throw new AppError('CALENDAR_MISSING', `${year} 年尚未导入工作日历`, 'year');
      return calendarCsv(v);
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
