/**
 * The one place personal data is masked (张*, 138****5678). Everything that shows or exports a
 * complainant's identity to someone not entitled to it goes through here.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * Stars replace characters (never inserted beside them), so the masked value has the original's length
 * and at least a third of it is hidden: a short landline shows only its last two digits.
 */
export function maskPhone(phone: string): string {
  const v = phone.trim();
  if (v === '') return '';
  if (/^1\d{10}$/.test(v)) return `${v.slice(0, 3)}****${v.slice(7)}`;
  const [head, tail] = v.length >= 10 ? [3, 4] : v.length >= 7 ? [0, 2] : [0, 0];
  return v.slice(0, head) + '*'.repeat(v.length - head - tail) + v.slice(v.length - tail);
}

export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length < 8) return v === '' ? '' : '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** Free text such as an address or employer: keep at most the first third (up to `keep` characters). */
export function maskText(value: string, keep = 3): string {
  const chars = Array.from(value.trim());
  const kept = Math.min(keep, Math.floor(chars.length / 3));
  return chars.slice(0, kept).join('') + '*'.repeat(chars.length - kept);
}
