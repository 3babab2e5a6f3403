import type { AppErrorData } from './core';

export type FieldNamePath = Array<string | number>;

/**
 * "complainants.0.phone" -> ['complainants', 0, 'phone']: antd Form.List names its items by number, and
 * name paths compare segment by segment, so numeric segments must be numbers.
 */
export function fieldPathToName(field: string): FieldNamePath {
  return field.split('.').filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface FieldErrorEntry {
  name: FieldNamePath;
  errors: string[];
}

/** The antd `form.setFields` entry for an error, or null when the error names no field. */
export function errorToFormField(error: AppErrorData): FieldErrorEntry | null {
  if (!error.field) return null;
  const name = fieldPathToName(error.field);
  return name.length === 0 ? null : { name, errors: [error.message] };
}

/** The small part of antd's FormInstance this needs, so it can be tested without a rendered form. */
// `any`: antd types name paths per form values; this helper works with any form.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface FieldErrorTarget {
  setFields(fields: any[]): void;
  scrollToField?(name: any, options?: any): void;
  getFieldInstance?(name: any): any;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Puts the error under its field. Returns false when the error has no field (show it elsewhere). */
export function applyFieldError(form: FieldErrorTarget, error: AppErrorData): boolean {
  const entry = errorToFormField(error);
  if (!entry) return false;
  form.setFields([entry]);
  form.scrollToField?.(entry.name, { block: 'center' });
  const instance = form.getFieldInstance?.(entry.name) as { focus?: () => void } | undefined;
  instance?.focus?.();
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
}

/**
 * The name paths of the values that changed, from antd's `onValuesChange(changedValues)`: it nests the
 * changed field inside objects and (sparse) arrays. Dates and other class instances are leaves.
 */
export function changedPaths(changed: unknown, prefix: FieldNamePath = []): FieldNamePath[] {
  if (Array.isArray(changed) && Object.keys(changed).length > 0) {
    return Object.keys(changed).flatMap((k) => changedPaths(changed[Number(k)], [...prefix, Number(k)]));
  }
  if (isPlainObject(changed)) {
    const keys = Object.keys(changed);
    if (keys.length > 0) return keys.flatMap((k) => changedPaths(changed[k], [...prefix, k]));
  }
  return prefix.length > 0 ? [prefix] : [];
}

export interface FieldErrorClearTarget {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getFieldError(name: any): string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  setFields(fields: any[]): void;
}

/**
 * The core's error stays under a field until that field (or one inside it) changes. The forms carry no
 * antd rules of their own (the core validates), so antd would otherwise never clear it.
 */
export function clearChangedFieldErrors(form: FieldErrorClearTarget, changed: unknown): void {
  const stale: FieldNamePath[] = [];
  for (const path of changedPaths(changed)) {
    for (let n = 1; n <= path.length; n++) {
      const name = path.slice(0, n);
      if (form.getFieldError(name).length > 0 && !stale.some((s) => s.join('.') === name.join('.'))) stale.push(name);
    }
  }
  if (stale.length > 0) form.setFields(stale.map((name) => ({ name, errors: [] })));
}
