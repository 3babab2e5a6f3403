import { z } from 'zod';

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

export function text(label: string, max: number) {
  return z
    .string({ error: missingOr(label, '必须是文字') })
    .trim()
    .min(1, `请填写「${label}」`)
    .max(max, `「${label}」不能超过 ${max} 个字`);
}

export function optText(label: string, max: number) {
  return z
    .string({ error: `「${label}」必须是文字` })
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

/** A calendar date, YYYY-MM-DD. Relative checks (not in the future, not before receipt) are the services'. */
export function date(label: string) {
  return z
    .string({ error: missingOr(label, '必须是日期') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `「${label}」格式应为 年-月-日，例如 2026-03-05`)
    .refine(isRealDate, `「${label}」不是有效日期`);
}

/** A local date-time, YYYY-MM-DD HH:mm (seconds optional), as the office's clock shows it. */
export function dateTime(label: string) {
  return z
    .string({ error: missingOr(label, '必须是日期时间') })
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, `「${label}」格式应为 年-月-日 时:分，例如 2026-03-05 09:30`)
    .refine((v) => isRealDate(v) && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60, `「${label}」不是有效时间`)
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
  return z
    .string({ error: `「${label}」必须是文字` })
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
  return z
    .string({ error: `「${label}」必须是文字` })
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => v === '' || isPlausibleIdNumber(v), `「${label}」不是有效的身份证号码（18 位，末位校验码须正确）`)
    .default('');
}

/** A password as typed, never trimmed: spaces are part of it. */
export function secret(label: string) {
  return z
    .string({ error: missingOr(label, '必须是文字') })
    .min(1, `请填写「${label}」`)
    .max(LIMITS.password, `「${label}」不能超过 ${LIMITS.password} 位`);
}

export function password(label: string) {
  return z
    .string({ error: missingOr(label, '必须是文字') })
    .min(8, `「${label}」至少 8 位`)
    .max(LIMITS.password, `「${label}」不能超过 ${LIMITS.password} 位`);
}

export function username(label: string) {
  return z
    .string({ error: missingOr(label, '必须是文字') })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, `「${label}」应为 2–32 位字母、数字、下划线、点或短横线`);
}
