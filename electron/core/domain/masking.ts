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

// ---------- identity typed into free text

/** A complainant's identity, as the scrubber below looks for it in free text. */
export interface IdentityPerson { name: string; phone: string; idNumber: string; address: string; employer: string }

/** Each identity field's mask, as the complainant fields show it (张*, 138****5678, 110***********002X, 滨江区*****). */
export const IDENTITY_MASKS: Record<keyof IdentityPerson, (v: string) => string> = {
  name: maskName, phone: maskPhone, idNumber: maskIdNumber, address: (v) => maskText(v), employer: (v) => maskText(v),
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters a clerk may type between the digits of a phone or ID number: 138-1234-5678, 138 1234 5678 (\s: the full-width space too). */
const SEPARATORS = '[\\s\\-－—–·.()（）]*';
/** A digit as it may be typed: ASCII or full-width (１３８…); an ID number's X in either case and width. */
const digitRe = (c: string) => (/[Xx]/.test(c) ? '[XxＸｘ]' : `[${c}${String.fromCharCode(0xff10 + Number(c))}]`);
/** The country code a phone may be written with: +86, ＋86, 0086, 86 (then the number itself follows). */
const COUNTRY_CODE = `(?:(?:[+＋]|[0０]{2})?[8８][6６]${SEPARATORS})?`;

/**
 * Replaces every complainant's identity typed into free text by its masked form. Digits match with or
 * without separators between them, as ASCII or full-width digits, a phone also after a country code (and not
 * inside a longer number); a name, address or employer also with spaces between its characters. Longer values
 * go first so a name inside an address or employer is not masked half-way. A one-character name is left
 * alone: it would mask every occurrence of a common character, and the mask keeps the first character anyway.
 * Used wherever free text of a case reaches someone who sees its complainants masked (the case page, the
 * register lines, the department papers).
 */
export function identityScrubber(people: readonly IdentityPerson[]): (text: string) => string {
  const rules: Array<{ re: RegExp; masked: string; weight: number }> = [];
  for (const p of people) {
    for (const k of ['phone', 'idNumber'] as const) {
      const raw = (p[k] ?? '').trim();
      const chars = Array.from(raw.normalize('NFKC').replace(/[^0-9Xx]/g, ''));
      if (chars.length < 5) continue;
      const body = chars.map(digitRe).join(SEPARATORS);
      const prefix = k === 'phone' ? COUNTRY_CODE : '';
      rules.push({ re: new RegExp(`(?<![0-9０-９])${prefix}${body}(?![0-9０-９])`, 'g'), masked: IDENTITY_MASKS[k](raw), weight: chars.length });
    }
    for (const k of ['address', 'employer', 'name'] as const) {
      const raw = (p[k] ?? '').trim();
      if (Array.from(raw).length < 2) continue;
      rules.push({ re: new RegExp(Array.from(raw).map(escapeRe).join('\\s*'), 'g'), masked: IDENTITY_MASKS[k](raw), weight: Array.from(raw).length });
    }
  }
  rules.sort((a, b) => b.weight - a.weight);
  if (rules.length === 0) return (text) => text;
  return (text) => rules.reduce((t, r) => t.replace(r.re, () => r.masked), text);
}
