import dayjs from 'dayjs';

/** The office's local calendar date and time as stored: 'YYYY-MM-DD' and 'YYYY-MM-DD HH:mm:ss'. */
export const localDate = (now: Date): string => dayjs(now).format('YYYY-MM-DD');
export const localDateTime = (now: Date): string => dayjs(now).format('YYYY-MM-DD HH:mm:ss');
