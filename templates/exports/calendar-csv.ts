import type { CalendarOverride } from '../../electron/core/domain/holidays-cn';
import type { FileResult } from '../../electron/core/types';

/** The view model: one year of the working-day calendar, its holidays (休) and make-up working days (班). */
export interface CalendarYearFile {
  year: number;
  days: Iterable<CalendarOverride>;
}

const compareDates = (a: CalendarOverride, b: CalendarOverride) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The calendar file `日期,类型,名称` as text, one line per day of that year only (the inverse of the
 * core's parseCalendarFile). BOM + CRLF: without the BOM, Excel on Chinese Windows opens UTF-8 CSV as GBK
 * and garbles the names. A name holding a separator or a quote is quoted the way Excel does.
 */
export function calendarCsvText({ year, days }: CalendarYearFile): string {
  const rows = [...days]
    .filter((o) => o.date.startsWith(`${year}-`))
    .sort(compareDates)
    .map((o) => {
      // One line per day: the file is read back line by line, so a stored line break must not start a new day.
      const oneLine = o.name.replace(/\s*[\r\n]+\s*/g, ' ');
      const name = /[",\t，]/.test(oneLine) ? `"${oneLine.replace(/"/g, '""')}"` : oneLine;
      return `${o.date},${o.kind === 'holiday' ? '休' : '班'},${name}`;
    });
  return (
    '\uFEFF' +
    [`# ${year} 年工作日历：休 = 放假（含周末的法定假日），班 = 周末调休上班；未列出的日期按周一至周五上班`, '日期,类型,名称', ...rows]
      .join('\r\n') +
    '\r\n'
  );
}

/** The same as a file to deliver: 工作日历-2026.csv, UTF-8. */
export function calendarCsv(view: CalendarYearFile): FileResult {
  return {
    name: `工作日历-${view.year}.csv`,
    mimeType: 'text/csv; charset=utf-8',
    bytes: new TextEncoder().encode(calendarCsvText(view)),
  };
}
