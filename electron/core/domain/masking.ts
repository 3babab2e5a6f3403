/**
 * The one place personal data is masked (张*, 138****5678). Everything that shows or exports a
 * complainant's identity to someone not entitled to it goes through here.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export function maskPhone(phone: string): string {
  const v = phone.trim();
  if (v === '') return '';
  if (/^1\d{10}$/.test(v)) return `${v.slice(0, 3)}****${v.slice(7)}`;
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${v.slice(0, Math.min(4, v.length - 4))}${'*'.repeat(Math.max(2, v.length - 8))}${v.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length < 8) return v === '' ? '' : '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** Free text such as an address or employer: keep the first few characters, hide the rest. */
export function maskText(value: string, keep = 3): string {
  const chars = Array.from(value.trim());
  if (chars.length === 0) return '';
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(2, chars.length - keep));
}
