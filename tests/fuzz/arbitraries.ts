import fc from 'fast-check';
import { CHANNELS, type Channel } from '../../electron/core/contract';
import { ACCESS } from '../../electron/core/domain/permissions';
import { CASE_ACTIONS } from '../../electron/core/domain/workflow';
import { inputSchema } from '../../electron/core/openapi';
import { CURRENT_VERSION, PASSWORD, SIGN_IN_TARGET, caseFor, WHO, type FuzzRequest, type Seeded, type Who } from './harness';

/**
 * Requests nobody here chose. Each channel's input is derived from its schema as published in
 * docs/openapi.json (with real ids, current versions and plausible dates so that requests get past
 * parsing), then broken one field at a time; beside those come arbitrary JSON and bodies that are not
 * JSON at all, each sent as every role.
 */
type Schema = Record<string, any>;

/** Text that has broken parsers, search engines and hash chains somewhere. */
export const NASTY_TEXT = [
  '', ' ', '\t', '\n', '\r\n', '\u3000', '\ud800', '\udfff', 'a\ud800b', '\udc00\ud800', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m',
  '\u007f', '\u0085', '\u200b', '\u200d', '\u202e伪造', '\u200f', '\u2066x\u2069', 'e\u0301', '\u0301', 'ａｂｃ１２３', '𠮷野家', '👨‍👩‍👧‍👦', '🇨🇳', '\ufeff',
  '\ufffd', '\uffff', '\u2028', '\u2029', '"', '""', "'", '\\', '\\u0000', '%', '_', '*', 'x*', '"张三"', '张*', 'NEAR(张 三)', 'NEAR(', 'a AND b',
  'a OR b', 'NOT a', 'AND', 'OR', 'NOT', '^张', '^', '(', ')', '()', 'a:b', 'subject:张', '{a b}', '-a', '+a', '"a" "b', "'); DROP TABLE cases;--",
  '<script>alert(1)</script>', '${jndi:x}', '../../etc/passwd', '1e309', 'NaN', 'null', 'undefined', '0x10', '١٢٣', 'İı', 'ß', 'ﬁ',
];
const NASTY_VALUES: unknown[] = [
  null, true, false, 0, -0, -1, 1, 1.5, -1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, '', '1', 'true', [], [null], {}, { '': '' },
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { x: 1 } } }, [1, 2, 3], 'x'.repeat(64),
];
const EDGE_DATES = [
  '2026-06-15', '2026-06-14', '2026-06-16', '2026-02-28', '2026-02-29', '2024-02-29', '2026-12-31', '2027-01-01', '2025-01-01', '2000-01-01',
  '1999-12-31', '1900-01-01', '0000-01-01', '0001-01-01', '9999-12-31', '2100-12-31', '2101-01-01', '2026-13-01', '2026-00-10', '2026-06-31',
  '2026-6-15', '20260615', '2026/06/15', '2026-06-15T00:00', '2026-06-15 09:00', ' 2026-06-15', '２０２６-06-15',
];
const EDGE_DATETIMES = [
  '2026-06-15 09:00', '2026-06-15 10:00', '2026-06-15 10:01', '2026-06-15 23:59:59', '2026-06-16 08:00', '2026-05-06 09:00', '2025-12-31 23:59',
  '2026-06-15 24:00', '2026-06-15 12:60', '2026-06-15T09:00', '2026-06-15 9:00', '9999-12-31 23:59', '1900-01-01 00:00', '2026-02-29 10:00',
];
const HUGE_LENGTHS = [8, 9, 20, 21, 32, 33, 50, 51, 100, 101, 128, 129, 200, 201, 500, 501, 2000, 2001, 5000, 5001, 100_000, 100_001, 300_000];
const HUGE_UNITS = ['a', '汉', '😀', ' ', 'e\u0301', '\u0000'];

/** Searches for the seeded cases, hidden identities included: search must not find a case by what its user may not see. */
export const SEARCHES = [
  '张三丰', '张三', '李四光', '李四', '四光', '王五岳', '138', '139', '1390000', '13900001111', '137000', '1101011990', '110101199003077571',
  '保密路', '七号院', '机密研究所', '隐秘巷', '社保', '文三路', '2026-0000', '态度',
];

export interface Hints {
  seeded: Seeded;
}

/** 18-character ID numbers with a correct check digit (GB 11643), and some that are not. */
function idNumber(): fc.Arbitrary<string> {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const withCheck = (body: string) => body + '10X98765432'[weights.reduce((a, w, i) => a + w * Number(body[i]), 0) % 11];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 5, arbitrary: fc.constantFrom('330106', '110101', '440305').chain((area) =>
      fc.tuple(fc.integer({ min: 1930, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 999 }))
        .map(([y, m, d, n]) => withCheck(`${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(n).padStart(3, '0')}`)),
    ) },
    { weight: 1, arbitrary: fc.constantFrom('33010619900307001x', '330106199003070010', '123456789012345') },
  );
}

const phone = () => fc.constantFrom('', '13812345678', '139 0000 3333', '0571-87654321', '87654321', '400-123-4567', '95588', '1381234', '+8613812345678');
const chinese = (max: number) => fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: Math.max(1, Math.min(max, 12)) });

function textFor(key: string, channel: Channel, s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 40;
  if (key === 'search') {
    return fc.oneof(fc.constantFrom('', ...SEARCHES), fc.constantFrom(...NASTY_TEXT));
  }
  if (key === 'channel' && channel.startsWith('cases/')) return fc.constantFrom('电话', '来访', '信函', '网站留言', '电话', '来访', '不存在的渠道');
  if (key === 'caseType') return fc.constantFrom('投诉', '咨询', '建议', '投诉', '举报', '不存在的类型');
  if (key === 'text' && (channel === 'calendar/importYear' || channel === 'calendar/previewImport')) return calendarFile();
  if (key === 'file' && (channel === 'calendar/importYear' || channel === 'calendar/previewImport')) return calendarFile().map((t) => Buffer.from(t).toString('base64'));
  // Now and then the real password, so that a password change can succeed (the harness follows it).
  if (key === 'oldPassword') return fc.oneof({ weight: 1, arbitrary: fc.constant(PASSWORD) }, { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) });
  if (key === 'username' && channel === 'auth/signIn') return fc.constantFrom(SIGN_IN_TARGET, 'nobody', 'FUZZ-SIGNIN', ' fuzz-signin ');
  if (/password/i.test(key)) return fc.string({ minLength: min, maxLength: Math.min(max, 24) });
  if (key === 'anchor') return fc.oneof(fc.constant('1:' + '0'.repeat(64)), fc.stringMatching(/^\d{1,3}:[0-9a-f]{64}$/));
  if (key === 'prefix') return fc.stringMatching(/^[A-Z-]{0,8}$/);
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  const plain = fc.oneof(
    { weight: 3, arbitrary: chinese(max) },
    { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 30) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 10) }) },
  );
  return max > 30 ? fc.oneof({ weight: 9, arbitrary: plain }, { weight: 1, arbitrary: fc.constant('汉'.repeat(max)) }) : plain;
}

function integerFor(key: string, channel: Channel, s: Schema, h: Hints): fc.Arbitrary<unknown> {
  const { seeded } = h;
  const pick = (ids: number[]) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constantFrom(999_999, 2_147_483_647) });
  if (key === 'version') return fc.oneof({ weight: 8, arbitrary: fc.constant(CURRENT_VERSION) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }) });
  const action = channel.slice('cases/'.length);
  if (key === 'id' && (CASE_ACTIONS as readonly string[]).includes(action)) {
    // Mostly a case whose status allows the action, chosen when the request is sent: deep paths, not INVALID_TRANSITION.
    return fc.oneof({ weight: 6, arbitrary: fc.nat().map((n) => caseFor(action, n)) }, { weight: 4, arbitrary: pick(seeded.caseIds) });
  }
  if (key === 'id' && channel.startsWith('cases/')) return pick(seeded.caseIds);
  if (key === 'id' && channel.startsWith('users/')) return pick(seeded.victimUserIds);
  if (key === 'id' && channel === 'departments/save') return pick(seeded.deptIds);
  if (key === 'id' && channel === 'staff/save') return pick(seeded.staffIds);
  if (/departmentId$/i.test(key)) return pick(seeded.deptIds);
  if (/staffId$/i.test(key)) return pick(seeded.staffIds);
  if (key === 'firstReceiverId') return pick(seeded.userIds);
  if (key === 'year') return fc.integer({ min: 2024, max: 2028 });
  if (key === 'job') return fc.integer({ min: 1, max: 5 });
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
  const max = Math.min(s.maximum ?? 1000, min + 1000);
  return fc.integer({ min, max });
}

/** Working-day calendar files as an admin would import them, mostly well formed. */
function calendarFile(): fc.Arbitrary<string> {
  const line = fc.tuple(
    fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
    fc.constantFrom('休', '班', 'holiday', 'workday', '假'), fc.oneof({ weight: 4, arbitrary: fc.constantFrom('', '国庆节', '春节,初一', '"元旦"') }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_TEXT) }),
    fc.constantFrom(',', '\t', '，'),
  ).map(([m, d, kind, name, sep]) => `2027-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${sep}${kind}${name ? sep + name : ''}`);
  return fc.tuple(fc.constantFrom('', '\uFEFF', '日期,类型,名称\n', '# 2027\n'), fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'))
    .map(([head, lines, eol]) => head + lines.join(eol));
}

/** A value the schema describes, aimed at what exists in the seeded register. */
export function fromSchema(s: Schema, key: string, channel: Channel, h: Hints): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...s.anyOf.map((branch: Schema) => fromSchema(branch, key, channel, h)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'integer':
      return integerFor(key, channel, s, h);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'string':
      // Mostly today (the fixed clock's), where the services accept most dates.
      if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return fc.oneof({ weight: 3, arbitrary: fc.constant('2026-06-15') }, { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATES.slice(1, 12)) });
      if (typeof s.pattern === 'string' && s.pattern.startsWith('^\\d{4}-\\d{2}-\\d{2} ')) return fc.oneof({ weight: 3, arbitrary: fc.constant('2026-06-15 09:00') }, { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATETIMES.slice(1, 7)) });
      if (key === 'phone') return phone();
      if (key === 'idNumber') return idNumber();
      return textFor(key, channel, s);
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, key, channel, h), { maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object': {
      const props: Record<string, Schema> = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, k, channel, h)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Path = (string | number)[];

function paths(value: unknown, schema: Schema, depth = 0): Path[] {
  const out: Path[] = [];
  if (depth > 3 || value === null || typeof value !== 'object') return out;
  const keys = new Set(Object.keys(value));
  if (!Array.isArray(value)) for (const k of Object.keys(schema?.properties ?? {})) keys.add(k);
  for (const k of keys) {
    const key = Array.isArray(value) ? Number(k) : k;
    out.push([key]);
    const child = (value as any)[key];
    // The harness's stand-ins for a case id or version are one field, not objects to break inside.
    if (child !== null && typeof child === 'object' && ('caseForAction' in child || 'currentVersionOfThisCase' in child)) continue;
    const childSchema = Array.isArray(value) ? schema?.items : schema?.properties?.[k];
    for (const p of paths(child, childSchema ?? {}, depth + 1)) out.push([key, ...p]);
  }
  return out;
}

type Mutation =
  | { kind: 'delete' }
  | { kind: 'set'; value: unknown }
  | { kind: 'wrap'; text: string }
  | { kind: 'huge'; length: number; unit: string };

/** The schema of the field at `path`, through objects, arrays and nullable unions. */
function schemaAt(schema: Schema, path: Path): Schema {
  let at: Schema | undefined = schema;
  for (const k of path) {
    if (at?.anyOf) at = at.anyOf.find((b: Schema) => b.type !== 'null') ?? at.anyOf[0];
    at = typeof k === 'number' ? at?.items : at?.properties?.[k];
  }
  if (at?.anyOf) at = at.anyOf.find((b: Schema) => b.type !== 'null') ?? at.anyOf[0];
  return at ?? {};
}

/** Characters that break things when they appear inside otherwise good text. */
const NASTY_INSIDE = ['\ud800', '\udc00', '\u0000', '\u0007', '\u202e', '\u200b', '\u0301', '👨‍👩‍👧', '"', '*', ' NEAR(', ' AND ', '^', '\ufeff', '\r\n', '\\'];
const WRONG_TYPES: unknown[] = [null, 0, '', [], { '': 1 }];

/** Ways to break one field, chosen for what the field is. `level: 'short'` keeps the sharpest few. */
export function mutationsFor(field: Schema, level: 'short' | 'full' = 'full'): Mutation[] {
  const full = level === 'full';
  const out: Mutation[] = [{ kind: 'delete' }, ...(full ? NASTY_VALUES : WRONG_TYPES).map((value): Mutation => ({ kind: 'set', value }))];
  const type = field.type ?? (field.enum ? 'string' : undefined);
  if (type === 'string') {
    const isDate = typeof field.pattern === 'string' && field.pattern.startsWith('^\\d{4}');
    if (isDate) {
      const dates = full ? [...EDGE_DATES, ...EDGE_DATETIMES] : ['9999-12-31', '0000-01-01', '2026-02-29', '9999-12-31 23:59'];
      out.push(...dates.map((value): Mutation => ({ kind: 'set', value })));
    }
    const texts = full ? NASTY_TEXT : ['\ud800', 'a\u0000b', '\u202e伪造', 'e\u0301', '"', 'NEAR(', '^张', '\u0007'];
    out.push(...texts.map((value): Mutation => ({ kind: 'set', value })));
    out.push(...(full ? NASTY_INSIDE : ['\udc00', '\u0000', '*']).map((text): Mutation => ({ kind: 'wrap', text })));
    // A field that takes megabytes (attachments/add's Base64 content, ~70 MB) is tried at 1 MB: its real limit
    // is the HTTP body's (server tests), and strings of hundreds of megabytes would only exhaust the fuzzer.
    const max = Math.min(typeof field.maxLength === 'number' ? field.maxLength : 100, 1_000_000);
    if (full) {
      for (const length of new Set([max, max + 1, 2 * max + 1, 100_001])) for (const unit of HUGE_UNITS) out.push({ kind: 'huge', length, unit });
    } else {
      out.push({ kind: 'huge', length: max + 1, unit: '汉' }, { kind: 'huge', length: max, unit: '😀' }, { kind: 'huge', length: 100_001, unit: 'a' });
    }
    if (field.enum && full) out.push(...field.enum.flatMap((v: string) => [` ${v}`, v.toUpperCase(), `${v}\u0000`]).map((value: string): Mutation => ({ kind: 'set', value })));
  }
  if (type === 'integer' || type === 'number') {
    const min = field.minimum ?? (field.exclusiveMinimum !== undefined ? field.exclusiveMinimum + 1 : undefined);
    const max = field.maximum;
    const edges = [min, max, min !== undefined ? min - 1 : undefined, max !== undefined ? max + 1 : undefined, ...(full ? [2 ** 31, -(2 ** 31), 1e308, 0.5, '1'] : [0.5])]
      .filter((v) => v !== undefined);
    out.push(...edges.map((value): Mutation => ({ kind: 'set', value })));
  }
  if (type === 'array') {
    const maxItems = typeof field.maxItems === 'number' ? field.maxItems : 20;
    out.push({ kind: 'set', value: Array.from({ length: maxItems + 1 }, () => 'x') });
    if (full) out.push({ kind: 'set', value: Array.from({ length: 10_000 }, () => null) });
  }
  if (type === 'boolean' && full) out.push(...['true', 'false', 1, 'yes'].map((value): Mutation => ({ kind: 'set', value })));
  return out;
}

export function applyMutation(value: unknown, path: Path, m: Mutation): unknown {
  const copy: any = structuredClone(value);
  if (path.length === 0) return m.kind === 'set' ? m.value : copy;
  let parent = copy;
  for (const k of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return copy;
    parent = parent[k];
  }
  if (parent === null || typeof parent !== 'object') return copy;
  const last = path[path.length - 1];
  const current = parent[last];
  if (m.kind === 'delete') delete parent[last];
  else if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'huge') parent[last] = m.unit.repeat(Math.ceil(m.length / m.unit.length)).slice(0, m.length);
  else {
    const base = typeof current === 'string' && current !== '' ? current : '张三';
    const mid = Math.floor(base.length / 2);
    parent[last] = base.slice(0, mid) + m.text + base.slice(mid);
  }
  return copy;
}

/** A valid-looking value with one field broken, in a way that suits that field. */
function broken(valid: fc.Arbitrary<unknown>, schema: Schema): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.nat()).map(([v, i, j]) => {
    const all: Path[] = [[], ...paths(v, schema)];
    const path = all[all.length > 1 ? 1 + (i % (all.length - 1)) : 0];
    const ms = mutationsFor(path.length === 0 ? {} : schemaAt(schema, path));
    return applyMutation(v, path, ms[j % ms.length]);
  });
}

export type { Path };
export { paths, schemaAt };

const rawBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.constantFrom('', ' ', '{', '}', '[', '{"a":', 'null', '"x"', '1', 'true', '[]', '{"__proto__":{"x":1}}', '{"a":1,"a":2}', '\ufeff{}', '{}garbage',
    '1e999999', '-0', '{"id":1e400}', '{"id":12345678901234567890123}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'),
  fc.string({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 48 }),
  fc.constant(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])), // {"a":"<invalid UTF-8>"}
  fc.constant(new Uint8Array([0x7b, 0x22, 0x73, 0x65, 0x61, 0x72, 0x63, 0x68, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d])), // {"search":"<CESU surrogate>"}
);

export type InputKind = 'derived' | 'broken' | 'json' | 'raw';

function roleFor(channel: Channel | string): fc.Arbitrary<Who> {
  const access = (ACCESS as Record<string, unknown>)[channel];
  const allowed = Array.isArray(access) ? (access as Who[]) : access === 'public' ? (['anonymous'] as Who[]) : WHO.filter((w) => w !== 'anonymous');
  return fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...allowed) }, { weight: 3, arbitrary: fc.constantFrom(...WHO) });
}

export function inputFor(channel: Channel, h: Hints): { kind: InputKind; arb: fc.Arbitrary<FuzzRequest['body']> }[] {
  const schema = inputSchema(channel);
  const keys = Object.keys(schema.properties ?? {});
  const derived = fromSchema(schema, '', channel, h);
  return [
    { kind: 'derived', arb: derived.map((json) => ({ json })) },
    { kind: 'broken', arb: broken(derived, schema).map((json) => ({ json })) },
    { kind: 'json', arb: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom(...(keys.length ? keys : ['x', '__proto__'])), fc.jsonValue({ maxDepth: 2 }))).map((json) => ({ json })) },
    { kind: 'raw', arb: rawBody.map((raw) => ({ raw })) },
  ];
}

export interface Options {
  /** only these channels (default all) */
  channels?: readonly string[];
}

/** One request: a channel, who sends it, and an input of one of the four kinds. */
/** Headers a careless tool or a hostile page would send; the request must be refused without harm. */
const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constantFrom('APPLICATION/JSON', 'application/json; charset=utf-8', 'application/json;charset=UTF-16', 'application/jsonx', 'text/plain', 'application/x-www-form-urlencoded', '', 'multipart/form-data; boundary=x')
    .map((type) => ({ 'content-type': type })),
  fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1.evil.example', 'file://').map((origin) => ({ origin })),
);

export function requestArbitrary(h: Hints, options: Options = {}): fc.Arbitrary<FuzzRequest & { kind: InputKind }> {
  const channels = (options.channels ?? CHANNELS) as Channel[];
  const perChannel = channels.map((channel) => {
    const kinds = inputFor(channel, h);
    const weights: Record<InputKind, number> = { derived: 4, broken: 5, json: 1, raw: 1 };
    return fc.oneof(
      ...kinds.map(({ kind, arb }) => ({
        weight: weights[kind],
        arbitrary: fc.record({ who: roleFor(channel), channel: fc.constant<string>(channel), body: arb, kind: fc.constant(kind) }),
      })),
    );
  });
  const unknownChannel = fc.record({
    who: fc.constantFrom(...WHO),
    channel: fc.constantFrom('nope', 'cases/', 'cases/__proto__', 'constructor', 'cases/list/', 'CASES/LIST', '%63ases/list', 'history/verify?x'),
    body: fc.constant({ json: {} }),
    kind: fc.constant<InputKind>('json'),
  });
  const withOddHeaders = fc.tuple(fc.oneof(...perChannel), oddHeaders).map(([request, headers]) => ({ ...request, headers }));
  return fc.oneof({ weight: 60, arbitrary: fc.oneof(...perChannel) }, { weight: 3, arbitrary: withOddHeaders }, { weight: 1, arbitrary: unknownChannel });
}
