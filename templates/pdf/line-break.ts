// Breaks Chinese body text into lines ourselves instead of letting pdfmake wrap it: the letter then knows every
// line, so it can keep the last lines of the body with the signature (no page with only the signature, whatever
// the paragraph's length) and justify each line to the 28-character grid. Rules are the usual ones for Chinese
// (避头尾): a closing mark never starts a line, an opening mark never ends one; a run of Latin letters or digits
// (a phone number, 2026, an ID number) stays whole unless it is longer than a line.

/** cannot start a line */
const NO_START = new Set([...'，。、；：？！）》」』】〕〗〉”’…—·%‰℃,.;:?!)]}>»～・']);
/** cannot end a line */
const NO_END = new Set([...'（《「『【〔〖〈“‘([{<«']);
const LATIN = /[A-Za-z0-9@#&_\-./:+'"]/;

/**
 * Splits text into units that are never broken: one CJK character (with its surrogate pair), a space, a Latin run
 * up to and including a '/' (a web address may break there). Not after '-': pdftotext joins a word broken after a
 * hyphen at the end of a line and drops the hyphen (TS-2026-000015 would read TS-2026000015).
 */
export function units(text: string): string[] {
  const out: string[] = [];
  let latin = '';
  for (const ch of text) {
    if (LATIN.test(ch) && ch.length === 1) {
      latin += ch;
      if (ch === '/' && latin.length > 1) {
        out.push(latin);
        latin = '';
      }
      continue;
    }
    if (latin) {
      out.push(latin);
      latin = '';
    }
    out.push(ch);
  }
  if (latin) out.push(latin);
  return out;
}

/**
 * Greedy line filling. `width(unit)` gives a unit's width in points; the first line is `firstWidth` wide, the
 * others `width`. Returns the lines' texts (a paragraph of nothing gives one empty line).
 */
export function breakLines(text: string, measure: (unit: string) => number, firstWidth: number, lineWidth: number): string[] {
  const all = units(text.replace(/[\r\n\t]+/g, ' '));
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const avail = () => (lines.length === 0 ? firstWidth : lineWidth) + 0.01;
  const push = (u: string) => {
    line.push(u);
    used += measure(u);
  };
  const newLine = () => {
    lines.push(line);
    line = [];
    used = 0;
  };
  for (let i = 0; i < all.length; i++) {
    const u = all[i];
    if (line.length === 0 && u === ' ') continue; // no space at the start of a line
    const w = measure(u);
    if (used + w <= avail()) {
      push(u);
      continue;
    }
    if (u === ' ') {
      newLine();
      continue;
    }
    if (line.length === 0) {
      // a unit wider than a whole line (a long number or web address): break it by character
      let part = '';
      let pw = 0;
      for (const ch of u) {
        const cw = measure(ch);
        if (part && pw + cw > avail()) {
          line.push(part);
          newLine();
          part = '';
          pw = 0;
        }
        part += ch;
        pw += cw;
      }
      line.push(part);
      used = pw;
      continue;
    }
    // u does not fit: move it to the next line, taking along what may not be separated from it
    const carry: string[] = [];
    if (NO_START.has(u)) {
      // a closing mark: pull down the character before it (and any closing marks before that)
      while (line.length > 1 && NO_START.has(line[line.length - 1])) carry.unshift(line.pop()!);
      if (line.length > 1) carry.unshift(line.pop()!);
    }
    // an opening mark never ends a line
    while (line.length > 1 && NO_END.has(line[line.length - 1])) carry.unshift(line.pop()!);
    while (line.length > 0 && line[line.length - 1] === ' ') line.pop();
    newLine();
    for (const c of carry) push(c);
    if (line.length > 0 && used + w > avail()) push(u); // only with absurdly narrow lines: never loop
    else i--; // place u again on the new line
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => l.join(''));
}
