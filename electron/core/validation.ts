import { z } from 'zod';
import { isWellFormedText } from './well-formed';

/**
 * Field builders with Chinese messages that name the field. Every contract input is built from these so a
 * clerk always reads which box is wrong and why. Limits are stated in the message.
 */
const missingOr = (label: string, wrong: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? `请填写「${label}」` : `「${label}」${wrong}`;

export const LIMITS = {
  name: 50,
  short: 100,
  subject: 100,
  text: 5000,
  note: 2000,
  address: 200,
  reason: 500,
  password: 128,
  username: 32,
} as const;

/** C0 and C1 controls and DEL, except tab and newline (CR is folded into newline first). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Every text input starts here: not well-formed Unicode (a lone surrogate, typically half an emoji cut by
 * a paste or a script) or a control character is refused, so nothing is stored other than what was hashed
 * and shown; CRLF and CR become LF; the text is normalised to NFC, so the same name typed on two keyboards
 * is the same name to search and compare. `normalize: false` for passwords, which stay exactly as typed
 * (a CR in one is refused rather than changed).
 */
function str(label: string, error: Parameters<typeof z.string>[0], opts: { normalize?: boolean } = {}) {
  const asTyped = opts.normalize === false;
  const s = z.string(error).refine(isWellFormedText, { message: `「${label}」含有无法识别的字符（常见于复制粘贴），请删除后重新输入`, abort: true });
  const lines = asTyped ? s : s.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  const checked = lines.refine((v) => !CONTROL.test(v), { message: `「${label}」含有不可见的控制字符，请删除后重新输入`, abort: true });
  return asTyped ? checked : checked.normalize('NFC');
}

/** A text the contract checks with a pattern of its own (e.g. the register-number prefix). */
export function plainText(label: string) {
  return str(label, { error: `「${label}」必须是文字` });
}

export function text(label: string, max: number) {
  return str(label, { error: missingOr(label, '必须是文字') })
    .trim()
    .min(1, `请填写「${label}」`)
    .max(max, `「${label}」不能超过 ${max} 个字`);
}

export function optText(label: string, max: number) {
  return str(label, { error: `「${label}」必须是文字` })
    .trim()
    .max(max, `「${label}」不能超过 ${max} 个字`)
    .default('');
}

export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: missingOr(label, '不是可选的值') });
}

export function id(label: string) {
  return z.number({ error: missingOr(label, '无效') }).int(`「${label}」无效`).positive(`「${label}」无效`);
}

export function intRange(label: string, min: number, max: number) {
  return z
    .number({ error: missingOr(label, '必须是数字') })
    .int(`「${label}」必须是整数`)
    .min(min, `「${label}」不能小于 ${min}`)
    .max(max, `「${label}」不能大于 ${max}`);
}

export function bool(label: string) {
  return z.boolean({ error: `「${label}」必须是“是”或“否”` });
}

function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The register's dates: the calendar covers 2000–2100 (calendar/get's years), and a date outside it is a
 * typing slip (9999-12-31), not a deadline: date arithmetic far past it overflows.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';
const inRange = (v: string): boolean => v.slice(0, 10) >= FIRST_DATE && v.slice(0, 10) <= LAST_DATE;

/** A calendar date, YYYY-MM-DD. Relative checks (not in the future, not before receipt) are the services'. */
export function date(label: string) {
  return str(label, { error: missingOr(label, '必须是日期') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `「${label}」格式应为 年-月-日，例如 2026-03-05`)
    .refine(isRealDate, `「${label}」不是有效日期`)
    .refine(inRange, `「${label}」须在 ${FIRST_DATE} 至 ${LAST_DATE} 之间`);
}

/** A local date-time, YYYY-MM-DD HH:mm (seconds optional), as the office's clock shows it. */
export function dateTime(label: string) {
  return str(label, { error: missingOr(label, '必须是日期时间') })
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, `「${label}」格式应为 年-月-日 时:分，例如 2026-03-05 09:30`)
    .refine((v) => isRealDate(v) && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60, `「${label}」不是有效时间`)
    .refine(inRange, `「${label}」须在 ${FIRST_DATE} 至 ${LAST_DATE} 之间`)
    .transform((v) => (v.length === 16 ? `${v}:00` : v));
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const LOCAL = /^\d{7,8}$/;
const SERVICE = /^(400|800)-?\d{3}-?\d{4}$|^9\d{4,5}$/;

export function isPlausiblePhone(value: string): boolean {
  const v = value.replace(/\s+/g, '');
  return MOBILE.test(v) || LANDLINE.test(v) || LOCAL.test(v) || SERVICE.test(v);
}

/** Phones are text, never numbers: leading zeros and dashes matter. Empty means not given. */
export function phone(label: string) {
  return str(label, { error: `「${label}」必须是文字` })
    .trim()
    .transform((v) => v.replace(/\s+/g, ''))
    .refine((v) => v === '' || isPlausiblePhone(v), `「${label}」不像有效号码：手机 11 位（1 开头），座机如 0571-87654321`)
    .default('');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: 18 characters with a checksum, or the old 15-digit form. */
export function isPlausibleIdNumber(value: string): boolean {
  const v = value.toUpperCase();
  if (/^\d{15}$/.test(v)) return true;
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isRealDate(birth) || Number(v.slice(6, 10)) < 1900) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(v[i]), 0);
  return ID_CHECK[sum % 11] === v[17];
}

export function idNumber(label: string) {
  return str(label, { error: `「${label}」必须是文字` })
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => v === '' || isPlausibleIdNumber(v), `「${label}」不是有效的身份证号码（18 位，末位校验码须正确）`)
    .default('');
}

/** A password as typed, never trimmed nor normalised: spaces are part of it, and existing passwords were hashed as typed. */
export function secret(label: string) {
  return str(label, { error: missingOr(label, '必须是文字') }, { normalize: false })
    .min(1, `请填写「${label}」`)
    .max(LIMITS.password, `「${label}」不能超过 ${LIMITS.password} 位`);
}

export function password(label: string) {
  return str(label, { error: missingOr(label, '必须是文字') }, { normalize: false })
    .min(8, `「${label}」至少 8 位`)
    .max(LIMITS.password, `「${label}」不能超过 ${LIMITS.password} 位`);
}

export function username(label: string) {
  return str(label, { error: missingOr(label, '必须是文字') })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, `「${label}」应为 2–32 位字母、数字、下划线、点或短横线`);
}
