import type { RecordedComplainant } from '../services/history';

/**
 * Replays one case's history to the row it says the case has, and compares that with the current case
 * and complainant rows. A registration entry (`register`, `answeredOnSpot`) holds the whole inserted row
 * and its complainants; a `baseline` entry (migration 0003, for cases registered before registrations were
 * recorded in full) holds the same, and replay starts over from it; every other entry's `after` holds the
 * new value of each column it changed (and `complainants`, the whole new list, when they changed).
 */
export const FULL_SNAPSHOT_ACTIONS: ReadonlySet<string> = new Set(['register', 'answeredOnSpot', 'baseline']);

/** One history row of a case, as the replay reads it: [history id, action, after JSON]. */
export type CaseEntry = [id: number, action: string, after: string | null];

export interface Replayed {
  state: Record<string, unknown>;
  complainants: RecordedComplainant[];
}

export type ReplayProblem = { historyId: number | null; field: string | null; message: string };

/** The state the history gives the case, or why it gives none. */
export function replayCase(entries: CaseEntry[]): Replayed | ReplayProblem {
  let state: Record<string, unknown> | null = null;
  let complainants: RecordedComplainant[] = [];
  for (const [id, action, afterText] of entries) {
    if (FULL_SNAPSHOT_ACTIONS.has(action)) {
      if (state !== null && action !== 'baseline') return { historyId: id, field: null, message: `第 ${id} 条历史记录再次登记了同一案件` };
      const snapshot = afterText === null ? null : parsed(afterText);
      if (snapshot === undefined) return unreadable(id);
      if (snapshot === null || typeof snapshot !== 'object') return { historyId: id, field: null, message: `第 ${id} 条历史记录（登记）没有登记内容` };
      complainants = Array.isArray(snapshot.complainants) ? (snapshot.complainants as RecordedComplainant[]) : [];
      state = snapshot;
      continue;
    }
    if (state === null) return { historyId: id, field: null, message: `第 ${id} 条历史记录早于该案件的登记记录` };
    if (afterText === null) continue;
    const after = parsed(afterText);
    if (after === undefined) return unreadable(id);
    if (after === null || typeof after !== 'object') continue;
    for (const key in after) {
      if (key === 'complainants') complainants = after[key] as RecordedComplainant[];
      else state[key] = after[key];
    }
  }
  if (state === null) return { historyId: null, field: null, message: '没有登记记录' };
  return { state, complainants };
}

/**
 * The replay's fast path: does the case's history give exactly the row SQLite rendered (`rowJson`: the JSON array of the
 * recorded `columns`, by position, and `peopleJson`: its complainants' arrays)? The same replay as replayCase, into an
 * array by column position instead of an object (keyed loads on objects of a hundred shapes were most of the replay's
 * JavaScript time), compared as the texts the verifier compares. False for anything else, including every history
 * replayCase refuses and a key `__proto__` (which an object treats differently): the caller then replays with
 * replayCase and names the problem or the column. So it can only pass what the exact replay passes.
 */
export function replaysTo(entries: CaseEntry[], columns: ReadonlyMap<string, number>, rowJson: string, peopleJson: string): boolean {
  let values: unknown[] | null = null;
  let complainants: unknown = [];
  for (const [, action, afterText] of entries) {
    if (FULL_SNAPSHOT_ACTIONS.has(action)) {
      if ((values !== null && action !== 'baseline') || afterText === null) return false;
      const snapshot = parsed(afterText);
      if (snapshot === undefined || snapshot === null || typeof snapshot !== 'object') return false;
      complainants = Array.isArray(snapshot.complainants) ? snapshot.complainants : [];
      values = new Array<unknown>(columns.size).fill(null);
      for (const key in snapshot) {
        if (key === '__proto__') return false;
        const i = columns.get(key);
        if (i !== undefined) values[i] = snapshot[key];
      }
      continue;
    }
    if (values === null) return false;
    if (afterText === null) continue;
    const after = parsed(afterText);
    if (after === undefined) return false;
    if (after === null || typeof after !== 'object') continue;
    for (const key in after) {
      if (key === 'complainants') complainants = after[key];
      else if (key === '__proto__') return false;
      else {
        const i = columns.get(key);
        if (i !== undefined) values[i] = after[key];
      }
    }
  }
  if (values === null || JSON.stringify(values) !== rowJson) return false;
  const people = Array.isArray(complainants)
    ? complainants.map((p) => (p && typeof p === 'object' ? COMPLAINANT_FIELDS.map((f) => (p as Record<string, unknown>)[f] ?? null) : p))
    : complainants;
  return JSON.stringify(people) === peopleJson;
}

/** A row's `after` as JSON; undefined when it is not JSON (the row was altered: app-written rows always are). */
function parsed(text: string): Record<string, unknown> | null | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown> | null;
  } catch {
    return undefined;
  }
}

const unreadable = (id: number): ReplayProblem => ({ historyId: id, field: null, message: `第 ${id} 条历史记录的内容不是有效的 JSON（该记录被改动）` });

/** The complainant columns, in the order the verifier selects them (after `case_id`). */
export const COMPLAINANT_FIELDS = ['seq', 'name', 'gender', 'phone', 'id_number', 'address', 'employer'] as const;

/**
 * The first column where the current row (`row`, read as an array; `columns` = each recorded column and
 * its index in it) differs from the replayed state, then the complainants (arrays: case_id, then
 * COMPLAINANT_FIELDS). A column the history never mentions must be NULL: a column a later migration adds
 * starts NULL, or that migration records a baseline. Values are not quoted in the answer: they may be a
 * protected identity.
 */
export function firstDifference(
  replayed: Replayed, row: unknown[], columns: ReadonlyArray<readonly [string, number]>, complainants: unknown[][],
): string | null {
  const { state } = replayed;
  for (const [column, i] of columns) {
    const want = state[column] === undefined ? null : state[column];
    if (want !== row[i]) return column;
  }
  const recorded = replayed.complainants;
  if (!Array.isArray(recorded) || recorded.length !== complainants.length) return 'complainants';
  for (let i = 0; i < recorded.length; i++) {
    const want = recorded[i] as unknown as Record<string, unknown> | null;
    if (want === null || typeof want !== 'object') return 'complainants';
    const got = complainants[i];
    for (let k = 0; k < COMPLAINANT_FIELDS.length; k++) if ((want[COMPLAINANT_FIELDS[k]] ?? null) !== (got[k + 1] ?? null)) return 'complainants';
  }
  return null;
}
