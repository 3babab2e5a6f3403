import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import { ftsAny, ftsPhrase } from './fts-query';
import type { Sql } from './register-plan';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What a search contributes to a register query: a condition on the case id (`c.id`) for a handful of
 * ids, a query of ids (`id`) to start from, or nothing found before any query runs.
 */
export type RegisterSearch = { where: Sql } | { ids: Sql } | { none: true };

/**
 * In whose cases a complainant's name or phone may be matched: every case, none, or the cases whose
 * identity user `seenBy` sees (the caller decides from the permissions; here it is only SQL).
 */
export type IdentityMatch = 'all' | 'none' | { seenBy: number };

/**
 * "User `userId` sees this case's identity" as a condition on a case id: not one of the confidential cases
 * the user neither recorded nor first received. Read from `cases_confidential` (confidential cases only,
 * with their recorder and first receiver), one lookup per candidate, never from the case rows.
 */
function seenBy(userId: number, caseId: Sql): Sql {
  return sql`NOT EXISTS (SELECT 1 FROM cases INDEXED BY cases_confidential WHERE cases.is_confidential = 1 AND cases.id = ${caseId}
    AND cases.recorder_id <> ${userId} AND cases.first_receiver_id <> ${userId})`;
}

const visible = (identity: Exclude<IdentityMatch, 'none'>, caseId: Sql): Sql =>
  (identity === 'all' ? sql`` : sql` AND ${seenBy(identity.seenBy, caseId)}`);

/** A register number, as the office formats it or as typed. */
export function registerNoSearch(formatted: string, typed: string): RegisterSearch {
  return { where: sql`c.id IN (SELECT id FROM cases WHERE register_no IN (${formatted}, ${typed}))` };
}

/**
 * Digits alone: a phone number (3+ digits: as typed, by its first digits, and with 4+ digits by its last
 * ones), or a register number's sequence in any year (1 to 6 digits, `000005` or `5`). Each part is one
 * lookup in its own index (an OR would scan them):
 * - `complainants_phone` for the whole number and its first digits, naming the index's own condition
 *   (phone <> '') so SQLite may use it;
 * - `complainants_phone_tail` (migration 0007) for the last digits: its entries are keyed by a phone's
 *   last four characters, and a longer tail is checked on the few phones that end in those four;
 * - the (year, sequence) key of the cases, one probe per year the register numbered cases in.
 * A phone is identity: it finds only the cases whose identity the searcher sees; a sequence is not.
 */
export function digitsSearch(typed: string, digits: string, identity: IdentityMatch): RegisterSearch {
  const parts: Sql[] = [];
  if (identity !== 'none' && digits.length >= 3) {
    const p = (column: string) => sql.ref(`p.${column}`);
    const tail = digits.slice(-4);
    parts.push(sql`SELECT p.case_id AS id FROM complainants AS p
      WHERE p.phone <> '' AND p.phone = ${typed}${visible(identity, p('case_id'))}`);
    parts.push(sql`SELECT p.case_id AS id FROM complainants AS p
      WHERE p.phone <> '' AND p.phone >= ${digits} AND p.phone < ${`${digits}:`}${visible(identity, p('case_id'))}`);
    if (digits.length >= 4) {
      const longer = digits.length > 4 ? sql` AND replace(replace(p.phone, '-', ''), ' ', '') LIKE ${`%${digits}`}` : sql``;
      parts.push(sql`SELECT p.case_id AS id FROM complainants AS p
        WHERE substr(replace(p.phone, '-', ''), -4) = ${tail}${longer}${visible(identity, p('case_id'))}`);
    }
  }
  const seq = digits.length <= 6 ? Number(digits) : 0;
  if (seq > 0) parts.push(sql`SELECT id FROM cases WHERE reg_year IN (SELECT year FROM register_counters) AND reg_seq = ${seq}`);
  if (parts.length === 0) return { none: true };
  return { where: sql`c.id IN (${sql.join(parts, sql` UNION ALL `)})` };
}

/**
 * One character: the cases with a complainant whose name starts with it (a surname: 张), in register order
 * from `complainants_initial` (migration 0007) alone, so a page stops after its rows however common the
 * name. A case whose two complainants share the initial is found once, through the first of them (looked
 * for only behind a second complainant: most cases have one).
 */
export function initialSearch(char: string, identity: IdentityMatch): RegisterSearch {
  if (identity === 'none') return { none: true };
  const initial = (alias: string) => sql`lower(substr(${sql.ref(`${alias}.name`)}, 1, 1))`;
  return {
    ids: sql`SELECT n.case_id AS id FROM complainants AS n
      WHERE ${initial('n')} = lower(${char})
      AND (n.seq = 1 OR NOT EXISTS (SELECT 1 FROM complainants AS e WHERE e.case_id = n.case_id AND e.seq < n.seq AND ${initial('e')} = lower(${char})))
      ${visible(identity, sql.ref('n.case_id'))}`,
  };
}

/** Characters a clerk may type between the digits of a phone or ID number (as domain/masking.ts reads them), and a country code's plus. */
const DIGIT_SEPARATORS = /[\s\-－—–·.()（）+＋]/g;

/**
 * A search term as it is compared with a complainant's identity: as typed (NFKC; lower case when it has
 * Latin letters), and for the digits of a phone or ID number without the separators typed between them
 * (电话137-1234-5678, +86 13712345678). Which fields can relate to it at all is found before the query,
 * where an index tells: a name only when one contains the term (the names' own index) or the term contains
 * one (`complainants_name`), the digits only when the term holds five in a row or is all digits. An address
 * or employer has no index and is always compared.
 */
interface IdentityTerm {
  plain: string; caseless: boolean; compact: string; digits: boolean;
  /** some name contains the term (the names' index matched), or it contains some name */
  names: boolean; nameContains: boolean;
}

/** The longest name looked for inside a term (a name longer than this typed into a search is not looked for). */
const NAME_IN_TERM_MAX = 16;

async function identityTerm(db: Db, term: string, names: string | null): Promise<IdentityTerm> {
  const caseless = /[A-Za-z]/.test(term.normalize('NFKC'));
  const plain = caseless ? term.normalize('NFKC').toLowerCase() : term.normalize('NFKC');
  const compact = plain.replace(DIGIT_SEPARATORS, '').toUpperCase();
  const digits = /[0-9X]{5}/.test(compact) || /^[0-9X]{3,}$/.test(compact);
  const chars = Array.from(term);
  const inside = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let n = 2; n <= NAME_IN_TERM_MAX && i + n <= chars.length; n++) inside.add(chars.slice(i, i + n).join(''));
  }
  const contains = names !== null
    && (await sql`SELECT 1 FROM case_name_fts WHERE case_name_fts MATCH ${names} LIMIT 1`.execute(db)).rows.length > 0;
  const within = !contains && inside.size > 0
    && (await sql`SELECT 1 FROM complainants WHERE name <> '' AND name IN (${sql.join([...inside])}) LIMIT 1`.execute(db)).rows.length > 0;
  return { plain, caseless, compact, digits, names: contains || within, nameContains: contains };
}

/** "This complainant's (`p`) identity is the term, contains it or is contained in it" (2+ characters of text, 5+ digits, as the free-text scrubber masks them). */
function identityRelatesTo(t: IdentityTerm): Sql {
  const text = (column: string) => {
    const v = t.caseless ? sql`lower(${sql.ref(`p.${column}`)})` : sql.ref(`p.${column}`);
    return sql`(length(${v}) >= 2 AND instr(${t.plain}, ${v}) > 0) OR instr(${v}, ${t.plain}) > 0`;
  };
  const digits = (value: Sql) => sql`(length(${value}) >= 5 AND instr(${t.compact}, ${value}) > 0)${
    /^[0-9X]{3,}$/.test(t.compact) ? sql` OR instr(${value}, ${t.compact}) > 0` : sql``}`;
  const parts = [text('address'), text('employer')];
  if (t.names) parts.push(text('name'));
  if (t.digits) parts.push(digits(sql`replace(p.phone, '-', '')`), digits(sql.ref('p.id_number')));
  return sql.join(parts, sql` OR `);
}

/**
 * "A text match on this case counts for the searcher": not when the term is (part of) the identity of a
 * complainant the searcher sees masked, typed into the case text (欧阳娜娜要求改电话13712345678): finding the
 * case by it would confirm who complained. A clerk's check starts from `cases_confidential` (one lookup per
 * match, as for the names) and reads the complainants only of the few confidential cases the clerk does not
 * see; whoever sees no identity (auditors, administrators) has every match's complainants checked.
 */
function textMatchCounts(identity: Exclude<IdentityMatch, 'all'>, t: IdentityTerm, caseId: Sql): Sql {
  const related = (of: Sql) => sql`EXISTS (SELECT 1 FROM complainants AS p WHERE p.case_id = ${of} AND (${identityRelatesTo(t)}))`;
  if (identity === 'none') return sql`NOT ${related(caseId)}`;
  return sql`NOT EXISTS (SELECT 1 FROM cases INDEXED BY cases_confidential WHERE cases.is_confidential = 1 AND cases.id = ${caseId}
    AND cases.recorder_id <> ${identity.seenBy} AND cases.first_receiver_id <> ${identity.seenBy} AND ${related(sql`cases.id`)})`;
}

/** The two full-text indexes (migration 0006): the case text, and the complainants' names apart. */
const TEXT = { table: 'case_fts', vocab: 'case_fts_vocab' } as const;
const NAMES = { table: 'case_name_fts', vocab: 'case_name_fts_vocab' } as const;
type FtsIndex = typeof TEXT | typeof NAMES;

/**
 * Full text over a trigram index. Terms of 3+ characters are a phrase match. A 2-character term has no
 * trigram of its own, so it is expanded through the index's vocabulary into every indexed trigram that
 * starts with it (each indexed text ends with a space, so every occurrence is followed by something).
 */
async function ftsMatchExpression(db: Db, index: FtsIndex, term: string): Promise<string | null> {
  const chars = Array.from(term.toLowerCase());
  if (chars.length >= 3) return ftsPhrase(term);
  const prefix = chars.join('');
  const rows = await sql<{ term: string }>`
    SELECT term FROM ${sql.table(index.vocab)} WHERE term >= ${prefix} AND term < ${prefix + '\u{10FFFF}'}`.execute(db);
  if (rows.rows.length === 0) return null;
  return ftsAny(rows.rows.map((r) => r.term));
}

/**
 * Two characters or more: the case text (事由, 详细情况, 诉求, 被投诉人员) for everyone, and the complainants'
 * names only in cases whose identity the searcher sees, so a search never confirms a name seen masked; nor
 * does the case text, when the term is the identity of a complainant the searcher sees masked (above). The
 * names' index is small: when no name matches at all (most searches), the case text alone is searched,
 * read in register order and stopped at the page, as before the split.
 */
export async function textSearch(db: Db, term: string, identity: IdentityMatch): Promise<RegisterSearch> {
  const text = await ftsMatchExpression(db, TEXT, term);
  const nameTerms = await ftsMatchExpression(db, NAMES, term);
  const masked = identity === 'all' || text === null ? null : await identityTerm(db, term, nameTerms);
  let names = identity === 'none' ? null : nameTerms;
  if (names !== null) {
    const any = masked ? masked.nameContains : (await sql`SELECT 1 FROM case_name_fts WHERE case_name_fts MATCH ${names} LIMIT 1`.execute(db)).rows.length > 0;
    if (!any) names = null;
  }
  const counts = identity === 'all' || masked === null ? sql`` : sql` AND ${textMatchCounts(identity, masked, sql.ref('case_fts.rowid'))}`;
  const byText = text === null ? null : sql`SELECT rowid AS id FROM case_fts WHERE case_fts MATCH ${text}${counts}`;
  const byName = names === null || identity === 'none' ? null
    : sql`SELECT n.rowid AS id FROM case_name_fts AS n WHERE n.case_name_fts MATCH ${names}${visible(identity, sql.ref('n.rowid'))}`;
  if (byText && byName) return { ids: sql`${byText} UNION ${byName}` };
  const only = byText ?? byName;
  return only ? { ids: only } : { none: true };
}
