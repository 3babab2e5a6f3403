// China's statutory holidays (休) and weekend make-up working days (调休上班) for the built-in years, as
// published by the State Council General Office each November. Generated once from chinese-days@1.5.7 and
// checked by hand against the notices; the app ships this table so it never needs that package at run time.
// Later years arrive through the admin's calendar import (设置 → 工作日历).

export interface CalendarOverride {
  date: string; // YYYY-MM-DD
  kind: 'holiday' | 'workday';
  name: string;
}

export const BUILTIN_CALENDAR_YEARS: readonly number[] = [2024, 2025, 2026];

// Weekend days inside a holiday block are listed too, so the admin screen shows the whole block by name.
export const BUILTIN_CALENDAR_OVERRIDES: readonly CalendarOverride[] = [
  // 2024
  { date: '2024-01-01', kind: 'holiday', name: '元旦' }, // 周一
  { date: '2024-02-04', kind: 'workday', name: '春节调休上班' }, // 周日
  { date: '2024-02-10', kind: 'holiday', name: '春节' }, // 周六
  { date: '2024-02-11', kind: 'holiday', name: '春节' }, // 周日
  { date: '2024-02-12', kind: 'holiday', name: '春节' }, // 周一
  { date: '2024-02-13', kind: 'holiday', name: '春节' }, // 周二
  { date: '2024-02-14', kind: 'holiday', name: '春节' }, // 周三
  { date: '2024-02-15', kind: 'holiday', name: '春节' }, // 周四
  { date: '2024-02-16', kind: 'holiday', name: '春节' }, // 周五
  { date: '2024-02-17', kind: 'holiday', name: '春节' }, // 周六
  { date: '2024-02-18', kind: 'workday', name: '春节调休上班' }, // 周日
  { date: '2024-04-04', kind: 'holiday', name: '清明节' }, // 周四
  { date: '2024-04-05', kind: 'holiday', name: '清明节' }, // 周五
  { date: '2024-04-06', kind: 'holiday', name: '清明节' }, // 周六
  { date: '2024-04-07', kind: 'workday', name: '清明节调休上班' }, // 周日
  { date: '2024-04-28', kind: 'workday', name: '劳动节调休上班' }, // 周日
  { date: '2024-05-01', kind: 'holiday', name: '劳动节' }, // 周三
  { date: '2024-05-02', kind: 'holiday', name: '劳动节' }, // 周四
  { date: '2024-05-03', kind: 'holiday', name: '劳动节' }, // 周五
  { date: '2024-05-04', kind: 'holiday', name: '劳动节' }, // 周六
  { date: '2024-05-05', kind: 'holiday', name: '劳动节' }, // 周日
  { date: '2024-05-11', kind: 'workday', name: '劳动节调休上班' }, // 周六
  { date: '2024-06-10', kind: 'holiday', name: '端午节' }, // 周一
  { date: '2024-09-14', kind: 'workday', name: '中秋节调休上班' }, // 周六
  { date: '2024-09-15', kind: 'holiday', name: '中秋节' }, // 周日
  { date: '2024-09-16', kind: 'holiday', name: '中秋节' }, // 周一
  { date: '2024-09-17', kind: 'holiday', name: '中秋节' }, // 周二
  { date: '2024-09-29', kind: 'workday', name: '国庆节调休上班' }, // 周日
  { date: '2024-10-01', kind: 'holiday', name: '国庆节' }, // 周二
  { date: '2024-10-02', kind: 'holiday', name: '国庆节' }, // 周三
  { date: '2024-10-03', kind: 'holiday', name: '国庆节' }, // 周四
  { date: '2024-10-04', kind: 'holiday', name: '国庆节' }, // 周五
  { date: '2024-10-05', kind: 'holiday', name: '国庆节' }, // 周六
  { date: '2024-10-06', kind: 'holiday', name: '国庆节' }, // 周日
  { date: '2024-10-07', kind: 'holiday', name: '国庆节' }, // 周一
  { date: '2024-10-12', kind: 'workday', name: '国庆节调休上班' }, // 周六
  // 2025
  { date: '2025-01-01', kind: 'holiday', name: '元旦' }, // 周三
  { date: '2025-01-26', kind: 'workday', name: '春节调休上班' }, // 周日
  { date: '2025-01-28', kind: 'holiday', name: '春节' }, // 周二
  { date: '2025-01-29', kind: 'holiday', name: '春节' }, // 周三
  { date: '2025-01-30', kind: 'holiday', name: '春节' }, // 周四
  { date: '2025-01-31', kind: 'holiday', name: '春节' }, // 周五
  { date: '2025-02-01', kind: 'holiday', name: '春节' }, // 周六
  { date: '2025-02-02', kind: 'holiday', name: '春节' }, // 周日
  { date: '2025-02-03', kind: 'holiday', name: '春节' }, // 周一
  { date: '2025-02-04', kind: 'holiday', name: '春节' }, // 周二
  { date: '2025-02-08', kind: 'workday', name: '春节调休上班' }, // 周六
  { date: '2025-04-04', kind: 'holiday', name: '清明节' }, // 周五
  { date: '2025-04-05', kind: 'holiday', name: '清明节' }, // 周六
  { date: '2025-04-06', kind: 'holiday', name: '清明节' }, // 周日
  { date: '2025-04-27', kind: 'workday', name: '劳动节调休上班' }, // 周日
  { date: '2025-05-01', kind: 'holiday', name: '劳动节' }, // 周四
  { date: '2025-05-02', kind: 'holiday', name: '劳动节' }, // 周五
  { date: '2025-05-03', kind: 'holiday', name: '劳动节' }, // 周六
  { date: '2025-05-04', kind: 'holiday', name: '劳动节' }, // 周日
  { date: '2025-05-05', kind: 'holiday', name: '劳动节' }, // 周一
  { date: '2025-05-31', kind: 'holiday', name: '端午节' }, // 周六
  { date: '2025-06-01', kind: 'holiday', name: '端午节' }, // 周日
  { date: '2025-06-02', kind: 'holiday', name: '端午节' }, // 周一
  { date: '2025-09-28', kind: 'workday', name: '国庆节、中秋节调休上班' }, // 周日
  { date: '2025-10-01', kind: 'holiday', name: '国庆节、中秋节' }, // 周三
  { date: '2025-10-02', kind: 'holiday', name: '国庆节、中秋节' }, // 周四
  { date: '2025-10-03', kind: 'holiday', name: '国庆节、中秋节' }, // 周五
  { date: '2025-10-04', kind: 'holiday', name: '国庆节、中秋节' }, // 周六
  { date: '2025-10-05', kind: 'holiday', name: '国庆节、中秋节' }, // 周日
  { date: '2025-10-06', kind: 'holiday', name: '国庆节、中秋节' }, // 周一
  { date: '2025-10-07', kind: 'holiday', name: '国庆节、中秋节' }, // 周二
  { date: '2025-10-08', kind: 'holiday', name: '国庆节、中秋节' }, // 周三
  { date: '2025-10-11', kind: 'workday', name: '国庆节、中秋节调休上班' }, // 周六
  // 2026
  { date: '2026-01-01', kind: 'holiday', name: '元旦' }, // 周四
  { date: '2026-01-02', kind: 'holiday', name: '元旦' }, // 周五
  { date: '2026-01-03', kind: 'holiday', name: '元旦' }, // 周六
  { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' }, // 周日
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' }, // 周六
  { date: '2026-02-15', kind: 'holiday', name: '春节' }, // 周日
  { date: '2026-02-16', kind: 'holiday', name: '春节' }, // 周一
  { date: '2026-02-17', kind: 'holiday', name: '春节' }, // 周二
  { date: '2026-02-18', kind: 'holiday', name: '春节' }, // 周三
  { date: '2026-02-19', kind: 'holiday', name: '春节' }, // 周四
  { date: '2026-02-20', kind: 'holiday', name: '春节' }, // 周五
  { date: '2026-02-21', kind: 'holiday', name: '春节' }, // 周六
  { date: '2026-02-22', kind: 'holiday', name: '春节' }, // 周日
  { date: '2026-02-23', kind: 'holiday', name: '春节' }, // 周一
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' }, // 周六
  { date: '2026-04-04', kind: 'holiday', name: '清明节' }, // 周六
  { date: '2026-04-05', kind: 'holiday', name: '清明节' }, // 周日
  { date: '2026-04-06', kind: 'holiday', name: '清明节' }, // 周一
  { date: '2026-05-01', kind: 'holiday', name: '劳动节' }, // 周五
  { date: '2026-05-02', kind: 'holiday', name: '劳动节' }, // 周六
  { date: '2026-05-03', kind: 'holiday', name: '劳动节' }, // 周日
  { date: '2026-05-04', kind: 'holiday', name: '劳动节' }, // 周一
  { date: '2026-05-05', kind: 'holiday', name: '劳动节' }, // 周二
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' }, // 周六
  { date: '2026-06-19', kind: 'holiday', name: '端午节' }, // 周五
  { date: '2026-06-20', kind: 'holiday', name: '端午节' }, // 周六
  { date: '2026-06-21', kind: 'holiday', name: '端午节' }, // 周日
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' }, // 周日
  { date: '2026-09-25', kind: 'holiday', name: '中秋节' }, // 周五
  { date: '2026-09-26', kind: 'holiday', name: '中秋节' }, // 周六
  { date: '2026-09-27', kind: 'holiday', name: '中秋节' }, // 周日
  { date: '2026-10-01', kind: 'holiday', name: '国庆节' }, // 周四
  { date: '2026-10-02', kind: 'holiday', name: '国庆节' }, // 周五
  { date: '2026-10-03', kind: 'holiday', name: '国庆节' }, // 周六
  { date: '2026-10-04', kind: 'holiday', name: '国庆节' }, // 周日
  { date: '2026-10-05', kind: 'holiday', name: '国庆节' }, // 周一
  { date: '2026-10-06', kind: 'holiday', name: '国庆节' }, // 周二
  { date: '2026-10-07', kind: 'holiday', name: '国庆节' }, // 周三
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' }, // 周六
];
