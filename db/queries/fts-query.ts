/**
 * The one place where what a user typed becomes FTS5 query text. FTS5 reads its MATCH argument as a
 * little language (AND, OR, NOT, NEAR, *, ^, column filters, parentheses, quotes); a search box is not
 * that language. Every term is therefore a quoted phrase (inside quotes everything is literal, a quote
 * is written twice), and characters the parser cannot take inside a string are removed before: NUL ends
 * the string early ("unterminated string"), and no control character belongs in a search.
 */

/** What the user typed, without control characters (C0 with tab, newline and NUL, DEL, C1: each a space). */
export function cleanSearchText(raw: string): string {
  return raw.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').trim();
}

/**
 * One term as an FTS5 phrase, matched literally whatever it contains. Terms come cleaned from the user or
 * from the index's own vocabulary, whose trigrams keep their spaces (and, in texts stored before inputs
 * were checked, perhaps a NUL: no FTS5 string can hold one, so it is dropped rather than fail the query).
 */
export function ftsPhrase(term: string): string {
  return `"${term.replaceAll('\u0000', '').replaceAll('"', '""')}"`;
}

/** Any of the phrases (a term expanded through the index's vocabulary). */
export const ftsAny = (phrases: string[]): string => phrases.map(ftsPhrase).join(' OR ');
