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

export interface Placed {
  /** the entries a field of the form shows */
  placed: FieldErrorEntry[];
  /** the entries no field of the form shows (e.g. a limit on a whole list): the caller says them elsewhere */
  unplaced: FieldErrorEntry[];
}

/**
 * Puts every entry under its field at once, scrolls to the first and focuses it. A field counts as shown
 * when the form has an instance for it (antd's getFieldInstance); the rest are returned for a message.
 */
export function showFieldErrors(form: FieldErrorTarget, entries: FieldErrorEntry[]): Placed {
  const hasField = (e: FieldErrorEntry) => !form.getFieldInstance || form.getFieldInstance(e.name) !== undefined;
  const placed = entries.filter(hasField);
  const unplaced = entries.filter((e) => !hasField(e));
  if (placed.length > 0) {
    form.setFields(placed);
    const first = placed[0].name;
    form.scrollToField?.(first, { block: 'center' });
    (form.getFieldInstance?.(first) as { focus?: () => void } | undefined)?.focus?.();
  }
  return { placed, unplaced };
}

/**
 * Before sending: true when the schema finds nothing. Otherwise every error is under its field, the first
 * field has the focus, and `say` gets one line for the message bar (the count, or the one error, and any
 * error no field shows).
 */
export function passesLocalCheck(form: FieldErrorTarget, entries: FieldErrorEntry[], say: (text: string) => void): boolean {
  if (entries.length === 0) return true;
  const { placed, unplaced } = showFieldErrors(form, entries);
  const lines = [
    ...(placed.length > 1 ? [t.common.fixMarked(placed.length)] : placed.map((e) => e.errors[0])),
    ...unplaced.map((e) => e.errors[0]),
  ];
  say(lines.join('；'));
  return false;
}
