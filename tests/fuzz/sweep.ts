import fc from 'fast-check';
import { CHANNELS, contract, type Channel } from '../../electron/core/contract';
import { ACCESS } from '../../electron/core/domain/permissions';
import { inputSchema } from '../../electron/core/openapi';
import { applyMutation, fromSchema, mutationsFor, paths, SEARCHES, schemaAt, type Hints } from './arbitraries';
import { PASSWORD, SIGN_IN_TARGET, type FuzzRequest, type FuzzServer, type Who } from './harness';

/**
 * Every field of every channel broken in every way that suits it, one at a time, starting from a value
 * derived from the schema with all optional fields present, sent by a role the channel admits (the full
 * sweep: by each of them). Random
 * sampling reaches a given (field, breakage) pair rarely; this reaches each once.
 */
export type SweepRequest = FuzzRequest & { kind: 'sweep'; field: string; mutation: string };
// The caller sends each request before asking for the next one: the sweep reads the answer's code.

/** The roles the channel admits: the first for the short sweep, all of them for the full one. */
function allowedRoles(channel: Channel, level: 'short' | 'full'): Who[] {
  const access = ACCESS[channel];
  const all: Who[] = access === 'public' ? ['anonymous'] : access === 'signedIn' ? ['clerk', 'supervisor', 'auditor', 'admin'] : [...(access as readonly Who[])];
  const first = all.includes('clerk') ? 'clerk' : all[0];
  return level === 'short' ? [first] : all;
}

/** Like the schema's own values, with every optional field present: more fields to break. */
function complete(schema: Record<string, any>): Record<string, any> {
  if (schema.type !== 'object' || !schema.properties) return schema;
  return {
    ...schema,
    required: Object.keys(schema.properties),
    properties: Object.fromEntries(Object.entries<any>(schema.properties).map(([k, v]) => [k, v.type === 'object' ? complete(v) : v])),
  };
}

/** Markers the harness fills in at send time, given stand-in values to check the rest against the contract. */
function resolveMarkers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(resolveMarkers);
  if (v === null || typeof v !== 'object') return v;
  if ('caseForAction' in v || 'currentVersionOfThisCase' in v) return 1;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveMarkers(x)]));
}

/** Values each channel's sweep may start from, best first. */
export function sweepBases(channel: Channel, h: Hints, seed = 1): unknown[] {
  const schema = inputSchema(channel);
  // Every optional field present if the contract allows it (calendar/due takes one of two).
  const samples = [
    ...fc.sample(fromSchema(complete(schema), '', channel, h), { seed, numRuns: 200 }),
    ...fc.sample(fromSchema(schema, '', channel, h), { seed, numRuns: 200 }),
  ];
  // (The derived values name a channel or type that does not exist now and then, on purpose: not here.)
  const parsed = samples.filter((v) => !JSON.stringify(v).includes('不存在的') && contract[channel].input.safeParse(resolveMarkers(v)).success);
  return (parsed.length > 0 ? parsed : samples).slice(0, 12).map((v) => accepted(channel, todays(v, schema)));
}

/** Dates of today (the fixed clock's): the services refuse future dates and most past ones. */
function todays(value: unknown, schema: Record<string, any>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const field = schemaAt(schema, [k]);
    const pattern = typeof field.pattern === 'string' ? field.pattern : '';
    out[k] = pattern === '^\\d{4}-\\d{2}-\\d{2}$' ? '2026-06-15' : pattern.startsWith('^\\d{4}-\\d{2}-\\d{2} ') ? '2026-06-15 09:00' : todays(v, field);
  }
  return out;
}

/**
 * What the services need beyond the schema for the base request to succeed, so that each broken field
 * is the one thing wrong: the real password, a file in the calendar's format, no fresh idempotency key
 * (each registration would replay the first), no first receiver (a supervisor's decision), no job.
 */
function accepted(channel: Channel, base: any): unknown {
  const v = structuredClone(base);
  if (channel === 'auth/signIn') Object.assign(v, { username: SIGN_IN_TARGET, password: PASSWORD });
  if (channel === 'auth/changePassword') Object.assign(v, { oldPassword: PASSWORD, newPassword: PASSWORD });
  if (channel === 'calendar/importYear' || channel === 'calendar/previewImport') {
    // the bytes as the page sends them: Excel's GBK for "日期,类型,名称\n2027-10-01,休,国庆节"
    v.file = Buffer.from('c8d5c6da2cc0e0d0cd2cc3fbb3c60a323032372d31302d30312cd0dd2cb9fac7ecbdda', 'hex').toString('base64');
    delete v.text;
  }
  if (channel === 'cases/register' || channel === 'cases/update') {
    delete v.draftId;
    delete v.firstReceiverId;
    if (Array.isArray(v.complainants) && v.complainants.length === 0) v.complainants = [{ name: '赵六', phone: '13812345678' }];
    v.isAnonymous = false;
  }
  if (channel === 'history/verify') delete v.job;
  if (channel === 'lookups/save' || channel === 'departments/save' || channel === 'staff/save') delete v.id;
  return v;
}

/**
 * The sweep, against a running server: for each channel, the first candidate base that the server
 * accepts (sent as the channel's first role; a refused base would make every broken field fail for
 * the base's reason), then that base broken field by field.
 */
export async function* sweep(fuzz: FuzzServer, level: 'short' | 'full', seed = 1): AsyncGenerator<SweepRequest> {
  const h = { seeded: fuzz.seeded };
  // Case channels first: the office settings, lookups and calendar the others change (a lookup
  // deactivated, a year replaced) would otherwise make every later registration fail the same way.
  const order = [...CHANNELS.filter((c) => c.startsWith('cases/')), ...CHANNELS.filter((c) => !c.startsWith('cases/'))];
  for (const channel of order) {
    const schema = inputSchema(channel);
    const roles = allowedRoles(channel, level);
    let base: unknown;
    for (const candidate of sweepBases(channel, h, seed)) {
      base ??= candidate;
      const request: SweepRequest = { who: roles[0], channel, body: { json: candidate }, kind: 'sweep', field: '(none)', mutation: 'none' };
      yield request;
      if (fuzz.lastCode === 'OK') {
        base = candidate;
        break;
      }
    }
    for (const who of roles) {
      for (const path of [[], ...paths(base, schema)]) {
        const field = path.length === 0 ? {} : schemaAt(schema, path);
        for (const m of mutationsFor(field, level)) {
          const label = m.kind === 'set' ? JSON.stringify(m.value)?.slice(0, 40) ?? String(m.value) : m.kind === 'huge' ? `${m.unit}×${m.length}` : m.kind === 'wrap' ? `wrap ${JSON.stringify(m.text)}` : 'delete';
          yield { who, channel, body: { json: applyMutation(base, path, m) }, kind: 'sweep', field: path.join('.') || '(body)', mutation: label };
        }
      }
    }
  }
  // Every seeded search as each role that may search: what a hidden identity must not find.
  for (const who of ['clerk', 'auditor', 'supervisor'] as const) {
    for (const search of SEARCHES) yield { who, channel: 'cases/list', body: { json: { search } }, kind: 'sweep', field: 'search', mutation: JSON.stringify(search) };
  }
}
