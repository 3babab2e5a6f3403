/**
 * The one place that formats register numbers: `{prefix}{year}-{seq, 6 digits}`, e.g. 2026-000123 or
 * TS2026-000123. Sequences are per registration year, gap-free and never reused (voided cases keep theirs).
 */
export function formatRegisterNo(prefix: string, year: number, seq: number): string {
  return `${prefix}${year}-${String(seq).padStart(6, '0')}`;
}

/** Reads what a clerk types into the search box as a register number, if it is one ("2026-123" too). */
export function parseRegisterNo(text: string): { prefix: string; year: number; seq: number } | null {
  const m = /^([A-Za-z\u4e00-\u9fff-]*?)(20\d{2})-(\d{1,6})$/.exec(text.trim());
  if (!m) return null;
  return { prefix: m[1], year: Number(m[2]), seq: Number(m[3]) };
}
