import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract } from './contract';
import { appendHistory } from './services/history';
import { makeOffice, must, phoneComplaint } from './testing';

/**
 * Every text the contract accepts is well-formed Unicode without control characters (tab and newline
 * excepted), stored in NFC. The contract is walked generically, so a field added later is covered
 * without anyone remembering to add it here.
 */
interface Leaf {
  channel: string; path: Array<string | number>; schema: z.ZodType;
  /** what a discriminated union needs besides the text to reach it: its discriminator, at the union's path */
  seeds?: Array<{ path: Array<string | number>; value: Record<string, unknown> }>;
}

function stringLeaves(channel: string, schema: z.ZodType, path: Array<string | number> = []): Leaf[] {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'string': return [{ channel, path, schema }];
    case 'object': return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, s]) => stringLeaves(channel, s, [...path, k]));
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
      return stringLeaves(channel, def.innerType, path);
    case 'array': return stringLeaves(channel, def.element, [...path, 0]);
    case 'pipe': return stringLeaves(channel, def.in, path);
    case 'enum': case 'number': case 'boolean': case 'literal': case 'int': return [];
    // A record's values are texts under any key (the fill-ins of a paper: 名称 → 内容).
    case 'record': {
      const keys = (def.keyType as { _zod: { def: { type: string; entries?: Record<string, string> } } })._zod.def;
      const key = keys.type === 'enum' && keys.entries ? Object.values(keys.entries)[0] : '调查核实情况';
      return stringLeaves(channel, def.valueType, [...path, key]);
    }
    case 'union': {
      // A union of texts (a date, or a date and a time) is one field; a discriminated union's texts are
      // reached through each option with its discriminator set.
      if (!def.discriminator) return [{ channel, path, schema }];
      return (def.options as z.ZodType[]).flatMap((option) => {
        const tag = (option as unknown as { _zod: { def: { shape: Record<string, { _zod: { def: { values: unknown[] } } }> } } })._zod.def.shape[def.discriminator]._zod.def.values[0];
        return stringLeaves(channel, option, path).map((l) => ({ ...l, seeds: [...(l.seeds ?? []), { path, value: { [def.discriminator]: tag } }] }));
      });
    }
    default: throw new Error(`${channel}: zod type "${def.type}" at ${path.join('.')} is not walked yet`);
  }
}

/** An input holding `value` at `path` and nothing else. */
function inputWith(path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') return [inputWith(rest, value)];
  return { [head]: inputWith(rest, value) };
}

/** `inputWith` for a leaf, with the discriminators its path passes through. */
function leafInput(leaf: Leaf, value: unknown): unknown {
  const input = inputWith(leaf.path, value);
  for (const seed of leaf.seeds ?? []) {
    let target = input as Record<string | number, unknown>;
    for (const key of seed.path) target = (Array.isArray(target) ? target[0] : target[key]) as Record<string | number, unknown>;
    Object.assign(target, seed.value);
  }
  return input;
}

const leaves = CHANNELS.flatMap((c) => stringLeaves(c, contract[c].input as z.ZodType));
const at = (l: Leaf) => `${l.channel} ${l.path.join('.')}`;

describe('text well-formedness, every text field of the contract', () => {
  it('finds the text fields (the walk reaches nested objects and arrays)', () => {
    const names = leaves.map(at);
    expect(names).toEqual(expect.arrayContaining([
      'cases/register complainants.0.name', 'cases/register answeredOnSpot.reply', 'cases/revealIdentity purpose',
      'cases/list caseType.0', 'settings/update numbering.prefix', 'auth/signIn password', 'setup/init admin.displayName',
    ]));
    expect(leaves.length).toBeGreaterThan(60);
  });

  const bad: Array<[string, string]> = [
    ['a lone high surrogate', '投诉\uD800内容'],
    ['a lone low surrogate', '\uDC00投诉'],
    ['NUL', '投诉\u0000内容'],
    ['a control character', '投诉\u0007内容'],
    ['DEL', '投诉\u007F'],
    ['a C1 control character', '投诉\u0085'],
  ];
  for (const [what, value] of bad) {
    it(`refuses ${what} in every text field, naming the field`, () => {
      const missed: string[] = [];
      const patterned = new Set<string>();
      for (const leaf of leaves) {
        const parsed = contract[leaf.channel as keyof typeof contract].input.safeParse(leafInput(leaf, value));
        const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path.join('.') === leaf.path.join('.'));
        // The builders say what is wrong with the text; a field with a pattern of its own may say what it expects instead.
        if (!issue || !/「[^」]+」/.test(issue.message)) missed.push(`${at(leaf)}: ${issue?.message ?? 'accepted'}`);
        else if (!/^「[^」]+」含有(无法识别的字符|不可见的控制字符)/.test(issue.message)) patterned.add(at(leaf));
      }
      expect(missed).toEqual([]);
      expect(patterned.size).toBeLessThan(leaves.length / 4);
    });
  }

  it('stores free text in NFC, with CRLF as LF; formatted fields refuse what they cannot hold', () => {
    let accepted = 0;
    for (const leaf of leaves) {
      const parsed = leaf.schema.safeParse('Cafe\u0301 张三\r\n第二行');
      if (!parsed.success) continue;
      accepted++;
      expect({ at: at(leaf), value: parsed.data }).toEqual({ at: at(leaf), value: expect.stringMatching(/^Caf\u00e9 张三\n第二行$/) });
    }
    expect(accepted).toBeGreaterThan(40);
  });

  it('keeps tabs and newlines, which people type', () => {
    const leaf = leaves.find((l) => at(l) === 'cases/register account')!;
    expect(leaf.schema.safeParse('第一行\n\t第二行').data).toBe('第一行\n\t第二行');
  });

  it('a complainant name typed in NFD is stored (and found) in NFC', async () => {
    const { core, as } = await makeOffice();
    const nfd = '\u0041\u030a\u5f20'; // Å (A + ring) then 张
    const c = must(await core.call('cases/register', phoneComplaint({ complainants: [{ name: nfd, phone: '13812345678' }], account: 'Cafe\u0301\r\n说明' }), as.clerk));
    const row = await core.db.selectFrom('complainants').select('name').where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('\u00c5\u5f20');
    const stored = await core.db.selectFrom('cases').select('account').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored.account).toBe('Caf\u00e9\n说明');
    await core.close();
  });
});

describe('the history hash covers exactly what is stored', () => {
  it('revealIdentity with a lone surrogate purpose is refused and the history still verifies', async () => {
    const { core, as } = await makeOffice();
    const c = must(await core.call('cases/register', phoneComplaint({ isConfidential: true }), as.clerk));
    const r = await core.call('cases/revealIdentity', { id: c.id, purpose: '核查\uD800' }, as.auditor);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', field: 'purpose' });
    must(await core.call('cases/revealIdentity', { id: c.id, purpose: '信访复核' }, as.auditor));
    const v = must(await core.call('history/verify', {}, as.auditor));
    expect(v).toMatchObject({ state: "done", ok: true });
    await core.close();
  });

  it('a text that bypassed validation is hashed as SQLite stores it, so the chain does not break', async () => {
    const { core, as } = await makeOffice();
    await core.db.transaction().execute((trx) => appendHistory(trx, {
      entity: 'settings', entityId: 1, action: 'test', actor: null, at: '2026-03-02 10:00:00', note: '半个字\uD800', after: { x: '\uDC00' },
    }));
    const row = await core.db.selectFrom('history').select('note').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.note).toBe('半个字\uFFFD');
    const v = must(await core.call('history/verify', {}, as.auditor));
    expect(v).toMatchObject({ state: "done", ok: true });
    await core.close();
  });
});

describe('every date in the contract has a sane range', () => {
  const dated = leaves.flatMap((l) => {
    // A date field takes 2026-03-05 and refuses 2026-02-30; a free text (or a username) takes both.
    if (l.schema.safeParse('2026-02-30').success || l.schema.safeParse('2026-02-30 09:30').success) return [];
    if (l.schema.safeParse('2026-03-05').success) return [{ leaf: l, early: '1999-12-31', late: '9999-12-31', edge: ['2000-01-01', '2100-12-31'] }];
    if (l.schema.safeParse('2026-03-05 09:30').success) return [{ leaf: l, early: '1999-12-31 23:59', late: '9999-12-31 09:00', edge: ['2000-01-01 00:00', '2100-12-31 23:59'] }];
    return [];
  });

  it('refuses dates before 2000 and after 2100 in every date field, naming the field', () => {
    expect(dated.map((d) => at(d.leaf))).toEqual(expect.arrayContaining(['calendar/due from', 'cases/register receivedAt', 'cases/extend newDue', 'cases/list receivedFrom']));
    for (const d of dated) {
      for (const value of [d.early, d.late]) {
        const r = d.leaf.schema.safeParse(value);
        expect({ at: at(d.leaf), value, message: r.success ? 'accepted' : r.error.issues[0].message })
          .toEqual({ at: at(d.leaf), value, message: expect.stringMatching(/^「[^」]+」须在 2000-01-01 至 2100-12-31 之间$/) });
      }
      for (const value of d.edge) expect(d.leaf.schema.safeParse(value).success).toBe(true);
    }
  });

  it('calendar/due from 9999-12-31 is a field error, not a server error; the last day of the range still answers', async () => {
    const { core, as } = await makeOffice();
    const r = await core.call('calendar/due', { from: '9999-12-31', workingDays: 3 }, as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'from' } });
    for (const input of [{ from: '2100-12-31', workingDays: 365 }, { from: '2100-12-31', calendarDays: 3650 }]) {
      const late = await core.call('calendar/due', input, as.clerk);
      if (!late.ok) expect(late.error.code).not.toBe('INTERNAL');
    }
    await core.close();
  });
});
