import {
  FINDING_LABELS, GENDER_LABELS, REPLY_METHOD_LABELS, SATISFACTION_LABELS, SEVERITY_LABELS, STATUS_LABELS,
} from '../../api/core';
import { t } from '../../i18n/zh-CN';

/** History values arrive as stored codes; these fields show their Chinese label instead. */
const CODE_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  severity: SEVERITY_LABELS,
  finding: FINDING_LABELS,
  replyMethod: REPLY_METHOD_LABELS,
  satisfaction: SATISFACTION_LABELS,
  gender: GENDER_LABELS,
};

function lastSegment(field: string): string {
  const parts = field.split('.');
  return parts[parts.length - 1] ?? field;
}

/** One side of a "字段: 前 → 后" change, readable by a clerk. */
export function formatChangeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t.common.empty;
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  if (typeof value === 'string') {
    const labels = CODE_LABELS[lastSegment(field)];
    return labels?.[value] ?? value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return t.common.empty;
    return value
      .map((v) => (typeof v === 'object' && v !== null && 'name' in v ? String((v as { name: unknown }).name || t.register.anonymous) : formatChangeValue(field, v)))
      .join('、');
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * "字段: 前 → 后"; a field given for the first time (at registration, or a finding recorded) reads as
 * "「诉求」：…" — an arrow from （空） says nothing but that the field was new.
 */
export function formatChange(change: { field: string; label: string; before: unknown; after: unknown }): string {
  const label = change.label || change.field;
  const before = formatChangeValue(change.field, change.before);
  const after = formatChangeValue(change.field, change.after);
  if (before === t.common.empty && after !== t.common.empty) return `「${label}」：${after}`;
  return `${label}: ${before} ${t.detail.changeArrow} ${after}`;
}

/**
 * The history may list a field whose shown value did not change (empty → empty): not worth a line. A
 * complainant's field (`complainants.0.phone`) is listed by the core only when it changed, and may look the
 * same only because it is masked (137****5678 → 137****5678): that line stays.
 */
export function isRealChange(change: { field: string; before: unknown; after: unknown }): boolean {
  if (change.field.startsWith('complainants.')) return true;
  return formatChangeValue(change.field, change.before) !== formatChangeValue(change.field, change.after);
}
