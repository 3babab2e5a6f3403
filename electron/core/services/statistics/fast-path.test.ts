import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { directPeriodTotals } from '../../../../db/queries/statistics';
import type { ParsedInput } from '../../contract';
import { addDays, CalendarMissingError, createCalendar, workingDaysBetween } from '../../domain/calendar';
import type { Actor } from '../../session';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import type { CaseDetail } from '../../types';
import { createStatistics, workingDaysOfPairs } from './statistics';

/**
 * statistics/get as the office reads it (the totals kept by migration 0012's triggers) against the same service
 * reading every period from the cases themselves (db/queries/statistics.ts's directPeriodTotals), on random
 * registers made through the services — registered, answered on the spot, refused, assigned, found, replied,
 * followed up, closed, reopened, extended, suspended and resumed, voided, corrected, linked and unlinked as
 * repeats, each step at a random later moment — read at a random moment in a random office time zone (today's
 * 超期未办结 and the day boundaries follow the office's zone, not the machine's), for random months, quarters,
 * years and custom ranges, internal and public.
 */

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati'];
const ACTIONS = ['advance', 'accept', 'refuse', 'assign', 'finding', 'reply', 'followUp', 'close', 'reopen', 'extend', 'suspend', 'resume', 'void', 'link', 'unlink', 'correct'] as const;

const event = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), spot: fc.boolean(), channel: fc.constantFrom('电话', '来访'), caseType: fc.constantFrom('投诉', '咨询'), social: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), pick: fc.nat(), arg: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom(...ACTIONS), pick: fc.nat(), arg: fc.nat(3) }) },
);
/** Minutes to the next event: mostly hours, sometimes weeks (so 环比 and 同比 have cases too). */
const gap = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 10, max: 3_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 60_000 }) });
const period = fc.oneof(
  fc.integer({ min: 0, max: 12 }).map((m) => ({ kind: 'month' as const, month: addDays('2025-06-15', m * 30.5 | 0).slice(0, 7) })),
  fc.tuple(fc.constantFrom(2025, 2026), fc.integer({ min: 1, max: 4 })).map(([y, q]) => ({ kind: 'quarter' as const, quarter: `${y}-Q${q}` })),
  fc.constantFrom(2025, 2026).map((year) => ({ kind: 'year' as const, year })),
  fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 120 })).map(([start, days]) => {
    const from = addDays('2025-06-01', start);
    return { kind: 'custom' as const, from, to: addDays(from, days) };
  }),
);

const pad = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD HH:mm' of the process's own clock (the tests' zone), as the office types it. */
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function play(o: Office, events: ReadonlyArray<{ kind: string; [k: string]: unknown }>, gaps: readonly number[]): Promise<void> {
  const { core, as } = o;
  const ids: number[] = [];
  let t = new Date('2025-06-02T09:00:00+08:00').getTime();
  for (const [i, e] of events.entries()) {
    t += (gaps[i % gaps.length] ?? 60) * 60_000;
    o.clock.now = new Date(t);
    const at = local(o.clock.now);
    const today = at.slice(0, 10);
    if (e.kind === 'register') {
      const input = phoneComplaint({
        receivedAt: at, channel: e.channel as string, caseType: e.caseType as string,
        respondentDepartmentId: e.social ? o.dept.social : null, respondentStaff: e.social ? '李明' : '',
        ...(e.spot ? { answeredOnSpot: { reply: '当场答复' } } : {}),
      });
      const r = await core.call('cases/register', input, as.clerk);
      if (r.ok) ids.push(r.value.id);
      continue;
    }
    if (ids.length === 0) continue;
    const id = ids[(e.pick as number) % ids.length];
    const c = must(await core.call('cases/get', { id }, as.supervisor)) as CaseDetail;
    const ref = { id, version: c.version };
    const arg = e.arg as number;
    const call = (channel: string, input: Record<string, unknown>) => core.call(channel as never, { ...ref, ...input } as never, as.supervisor);
    // The case's next step on its usual way (the workflow decides; a random one mostly is refused).
    const next: Record<string, (typeof ACTIONS)[number]> = {
      registered: arg === 3 ? 'refuse' : 'accept', accepted: 'assign', assigned: arg === 3 ? 'suspend' : arg === 2 ? 'extend' : 'finding',
      suspended: 'resume', approved: 'reply', replied: arg === 0 ? 'close' : 'followUp', unsatisfied: arg === 0 ? 'reopen' : 'close',
      closed: arg === 3 ? 'reopen' : 'advance',
    };
    const kind = e.kind === 'advance' ? next[c.status] ?? 'advance' : (e.kind as (typeof ACTIONS)[number]);
    switch (kind) {
      case 'advance': break;
      case 'accept': await call('cases/accept', {}); break;
      case 'refuse': await call('cases/refuse', { reason: '不属于本单位职责', referral: '请向有关部门反映' }); break;
      case 'assign':
        await call('cases/assign', { departmentId: arg % 2 ? o.dept.social : o.dept.window, handlerStaffId: arg % 2 ? o.staff.li : o.staff.zhou, severity: (['simple', 'complex', 'major'] as const)[arg % 3] });
        break;
      case 'finding': {
        const r = await call('cases/recordFinding', { finding: (['substantiated', 'partly', 'unsubstantiated', 'unverifiable'] as const)[arg], handlingOpinion: '处理意见', handledOn: today });
        if (r.ok && (r.value as CaseDetail).status === 'pending_review') {
          await core.call('cases/review', { id, version: (r.value as CaseDetail).version, decision: 'approve', comment: '' }, as.supervisor);
        }
        break;
      }
      case 'reply': await call('cases/reply', { method: 'letter', repliedOn: today, summary: '书面答复' }); break;
      case 'followUp': await call('cases/followUp', { satisfaction: (['satisfied', 'basic', 'unsatisfied'] as const)[arg % 3], followedUpOn: today }); break;
      case 'close': await call('cases/close', { note: '办结' }); break;
      case 'reopen': await call('cases/reopen', { reason: '复查' }); break;
      case 'extend': await call('cases/extend', { newDue: addDays(c.dueDate ?? today, 5 + arg), reason: '需调取材料' }); break;
      case 'suspend': await call('cases/suspend', { suspendedOn: today, material: '补正材料' }); break;
      case 'resume': await call('cases/resume', { receivedOn: today }); break;
      case 'void': await call('cases/void', { reason: '录入错误' }); break;
      case 'link': {
        const earlier = ids.filter((x) => x < id);
        if (earlier.length > 0) await call('cases/linkRepeat', { repeatOfId: earlier[arg % earlier.length] });
        break;
      }
      case 'unlink': await call('cases/unlinkRepeat', { reason: '并非同一诉求' }); break;
      case 'correct': {
        const day = new Date(t - (1 + arg) * 86_400_000);
        await call('cases/update', arg % 2 ? { receivedAt: local(day) } : { caseType: c.caseType === '投诉' ? '咨询' : '投诉', channel: '来访' });
        break;
      }
    }
  }
}

describe('statistics/get from the kept totals', () => {
  it('equals the report counted from the cases themselves, on random registers, zones, moments and periods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 20, maxLength: 70, size: 'max' }), fc.array(gap, { minLength: 1, maxLength: 70, size: 'max' }),
        fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 48 * 60 }), fc.array(fc.tuple(period, fc.boolean()), { minLength: 1, maxLength: 4 }),
        async (events, gaps, zone, lateBy, periods) => {
          const o = await makeOffice('2025-06-01 09:00');
          try {
            await play(o, events, gaps);
            await sql`INSERT INTO settings (key, value) VALUES ('statistics', ${JSON.stringify({ timeZone: zone })})
              ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(o.core.db);
            // Read around midnight of an open case's due date (the office's today decides whether it is overdue), or
            // some time after the last step when none is open.
            const dues = (await sql<{ due: string }>`SELECT due_date AS due FROM cases WHERE due_date IS NOT NULL
              AND status NOT IN ('closed', 'refused', 'voided') ORDER BY id`.execute(o.core.db)).rows;
            o.clock.now = dues.length > 0
              ? new Date(new Date(`${dues[lateBy % dues.length].due}T00:00:00`).getTime() + (lateBy - 24 * 60) * 60_000)
              : new Date(o.clock.now.getTime() + lateBy * 60_000);
            const direct = createStatistics(o.core.services.deps, o.core.services.calendar, directPeriodTotals);
            const actor: Actor = { id: o.userIds.supervisor, username: 'supervisor', displayName: '赵主任', role: 'supervisor', staffId: null };
            for (const [p, isPublic] of periods) {
              const fast = must(await o.core.call('statistics/get', { period: p, public: isPublic }, o.as.supervisor));
              expect(fast).toEqual(await direct.get(actor, { period: p, public: isPublic } as ParsedInput<'statistics/get'>));
            }
          } finally {
            await o.core.close();
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);
});

describe('handling times', () => {
  it('count each pair\'s working days as workingDaysBetween does, a year missing from the calendar included', () => {
    const date = fc.integer({ min: 0, max: 1_200 }).map((n) => addDays('2024-11-01', n));
    fc.assert(fc.property(
      fc.subarray([2024, 2025, 2026, 2027]), fc.array(fc.tuple(date, fc.constantFrom<'holiday' | 'workday'>('holiday', 'workday')), { maxLength: 30 }),
      fc.array(fc.tuple(date, fc.integer({ min: -5, max: 90 })), { maxLength: 40 }),
      (years, overrides, spans) => {
        const cal = createCalendar(years, overrides.map(([d, kind]) => ({ date: d, kind, name: '调整' })));
        const pairs = spans.map(([received, days]) => ({ received, closed: addDays(received, days) }));
        const expected = pairs.map((p) => {
          try {
            return workingDaysBetween(cal, p.received, p.closed);
          } catch (err) {
            if (err instanceof CalendarMissingError) return `missing ${err.year}`;
            throw err;
          }
        });
        expect(workingDaysOfPairs(cal, pairs).map((d) => (d instanceof CalendarMissingError ? `missing ${d.year}` : d))).toEqual(expected);
      },
    ), { numRuns: 300 });
  });
});
