import type { z } from 'zod';
import { fieldPathToName, type FieldErrorEntry, type FieldErrorTarget, type FieldNamePath } from '../api/form-errors';
import { t } from '../i18n/zh-CN';

/**
 * The contract's own schema run in the browser before a form is sent, so a clerk sees every wrong or
 * missing field at once (an empty registration used to take one save per error: the core names only the
 * first). The same schema and the same input as the core's check, so the browser never refuses what the
 * core would accept; the core still validates (and checks what only it can: dates against the case,
 * permissions), and its error still lands under its field.
 */

/** One entry per field with the first message the schema has for it; fields in `order` (top-level names) first, in that order. */
export function schemaIssues(schema: z.ZodType, input: unknown, order: readonly string[] = []): FieldErrorEntry[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) return [];
  const byField = new Map<string, FieldErrorEntry>();
  for (const issue of parsed.error.issues) {
    // a field that should not be there is named as the field at fault (as the core does)
    const path = issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...issue.path, issue.keys[0]] : issue.path;
    const name: FieldNamePath = fieldPathToName(path.map(String).join('.'));
    const key = name.join('.');
    if (!byField.has(key)) byField.set(key, { name, errors: [issue.message] });
  }
  const rank = (e: FieldErrorEntry) => {
    const i = order.indexOf(String(e.name[0] ?? ''));
    return i === -1 ? order.length : i;
  };
  // Array.prototype.sort is stable: within a rank the schema's own order (its fields as declared) stays.
  return [...byField.values()].sort((a, b) => rank(a) - rank(b));
}

export interface Shown {
  /** the entries whose field the form can focus */
  focusable: FieldErrorEntry[];
  /**
   * the entries without a field instance: a control that takes no focus (a radio group) or no field at all
   * (a limit on a whole list); their error is set all the same, and the caller also says it in the message bar
   */
  unfocusable: FieldErrorEntry[];
}

/** Puts every entry under its field at once, scrolls to the first and focuses it. */
export function showFieldErrors(form: FieldErrorTarget, entries: FieldErrorEntry[]): Shown {
  const hasInstance = (e: FieldErrorEntry) => !form.getFieldInstance || form.getFieldInstance(e.name) !== undefined;
  if (entries.length > 0) {
    form.setFields(entries);
    const first = entries[0].name;
    form.scrollToField?.(first, { block: 'center' });
    (form.getFieldInstance?.(first) as { focus?: () => void } | undefined)?.focus?.();
  }
  return { focusable: entries.filter(hasInstance), unfocusable: entries.filter((e) => !hasInstance(e)) };
}

/**
 * Before sending: true when the schema finds nothing. Otherwise every error is under its field, the first
 * field has the focus, and `say` gets one line for the message bar (the count, or the one error, and any
 * error no field shows).
 */
export function passesLocalCheck(form: FieldErrorTarget, entries: FieldErrorEntry[], say: (text: string) => void): boolean {
  if (entries.length === 0) return true;
  const { focusable, unfocusable } = showFieldErrors(form, entries);
  const lines = [
    ...(focusable.length > 1 ? [t.common.fixMarked(focusable.length)] : focusable.map((e) => e.errors[0])),
    ...unfocusable.map((e) => e.errors[0]),
  ];
  say(lines.join('；'));
  return false;
}
