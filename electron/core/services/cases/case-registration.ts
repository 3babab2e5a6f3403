import { insertCase, takeRegisterSeq } from '../../../../db/queries/cases';
import { complainantsOf, deleteComplainantsOf } from '../../../../db/queries/complainants';
import type { CaseRow, CaseUpdate } from '../../../../db/types';
import type { ParsedInput } from '../../contract';
import type { Calendar } from '../../domain/calendar';
import { dueStateOf, dueThresholds } from '../../domain/deadlines';
import { formatRegisterNo } from '../../domain/numbering';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { CaseDetail } from '../../types';
import type { CalendarService } from '../calendar';
import type { Deps } from '../deps';
import { appendHistory, caseSnapshot, diff, recordedComplainant, recordedComplainants } from '../history';
import type { SettingsService } from '../settings';
import type { CaseChange } from './case-change';
import { linkAtRegistration } from './case-repeats';
import { caseForKey, registrationFingerprint, rememberKey } from './registration-key';
import * as steps from './steps';
import { complainantNames, correctedRegistration, registrationColumns, storedRegistration, validateRegistration, writeComplainants, type Registration } from './registration';

/**
 * Registering a case (`cases/register`, with its idempotency key) and correcting its registration
 * (`cases/update`); registration.ts holds the checks and columns both share.
 */
export function createCaseRegistration(
  deps: Deps, settings: SettingsService, calendar: CalendarService, kit: CaseChange, detail: (id: number, actor: Actor) => Promise<CaseDetail>,
) {
  const { db } = deps;
  const { today, nowText, change, transition } = kit;

  /**
   * A received time can be corrected, but not past the registration (nobody registers a complaint before
   * receiving it), and moving an overdue case's receipt later, which pushes its deadlines out, is for a
   * supervisor to decide.
   */
  function checkReceiptCorrection(actor: Actor, row: CaseRow, receivedAt: string, cal: Calendar): void {
    if (receivedAt === row.received_at) return;
    if (receivedAt > row.registered_at) {
      throw new AppError('VALIDATION', `「收到时间」不能晚于登记时间（${row.registered_at.slice(0, 16)}）`, 'receivedAt');
    }
    if (receivedAt > row.received_at && actor.role !== 'supervisor' && dueStateOf(row.due_date, dueThresholds(cal, today())) === 'overdue') {
      throw new AppError('FORBIDDEN', '案件已超期，将「收到时间」改晚会推迟期限，须由主管更正', 'receivedAt');
    }
  }

  return {
    async register(actor: Actor, input: Registration): Promise<CaseDetail> {
      const [cal, s] = await Promise.all([calendar.load(), settings.get()]);
      const fingerprint = input.draftId === undefined ? '' : registrationFingerprint(input);
      const id = await db.transaction().execute(async (trx) => {
        // A retry of a save whose answer was lost: the case it made, not a second one.
        const prior = input.draftId === undefined ? null : await caseForKey(trx, input.draftId, actor, fingerprint);
        if (prior !== null) return prior;
        const { complainants, firstReceiverId, respondentStaff } = await validateRegistration(deps, settings, trx, input, actor);
        const at = nowText();
        const year = Number(at.slice(0, 4));
        // Gap-free numbering: the counter moves in the same transaction as the insert, so a failed save
        // rolls the number back too and the next case gets it.
        const seq = await takeRegisterSeq(trx, year);
        const registerNo = formatRegisterNo(s.numbering.prefix, year, seq);
        const spot = input.answeredOnSpot;
        const row = await insertCase(trx, {
          register_no: registerNo,
          reg_year: year,
          reg_seq: seq,
          registered_at: at,
          ...registrationColumns({ ...input, respondentStaff }, firstReceiverId),
          complainant_names: complainantNames(complainants),
          recorder_id: actor.id,
          ...steps.register(steps.stepContext(cal, s.deadlines), input, at, spot ? { reply: spot.reply, repliedOn: today() } : null),
          created_at: at,
          updated_at: at,
        });
        await writeComplainants(trx, row.id, complainants);
        if (input.draftId !== undefined) await rememberKey(trx, input.draftId, actor, row.id, fingerprint, at);
        await appendHistory(trx, {
          entity: 'case', entityId: row.id, action: spot ? 'answeredOnSpot' : 'register', actor, at,
          // The whole row as inserted: verification replays each case's history from here to its current row.
          after: caseSnapshot(row, recordedComplainants(complainants)),
        });
        // 重复件 marked in the form: linked in this transaction, after the registration's own history row.
        if (input.repeatOfId !== undefined) {
          await linkAtRegistration(trx, actor, { caseId: row.id, receivedAt: row.received_at, complainants, repeatOfId: input.repeatOfId, at });
        }
        return row.id;
      });
      return detail(id, actor);
    },

    /** A correction of the registration: only the fields given change (registration.ts says who may change what). */
    update: (actor: Actor, given: ParsedInput<'cases/update'>) =>
      transition(actor, 'update', given, async (trx, row, ctx) => {
        const before = await complainantsOf(trx, row.id);
        const stored = storedRegistration(row, before);
        const input = correctedRegistration(actor, row, stored, given);
        const { complainants, firstReceiverId, respondentStaff } = await validateRegistration(deps, settings, trx, input, actor, stored);
        checkReceiptCorrection(actor, row, input.receivedAt, ctx.cal);
        const patch: CaseUpdate = { ...registrationColumns({ ...input, respondentStaff }, firstReceiverId), complainant_names: complainantNames(complainants) };
        if (input.receivedAt.slice(0, 10) !== row.received_at.slice(0, 10)) {
          // A corrected receipt date moves the clocks that count from it; an approved extension stays (steps.ts).
          Object.assign(patch, steps.receiptCorrected(ctx, row, input.receivedAt.slice(0, 10)));
        }
        const sameComplainants = JSON.stringify(before.map((c) => [c.name, c.gender, c.phone, c.id_number, c.address, c.employer]))
          === JSON.stringify(complainants.map((c) => [c.name, c.gender, c.phone, c.idNumber, c.address, c.employer]));
        // A correction that changes nothing is not a change: no new version, no empty history entry.
        if (sameComplainants && !diff(row as unknown as Record<string, unknown>, patch as Record<string, unknown>)) return;
        if (!sameComplainants) {
          // The previous complainant rows live on in this change's history entry.
          await deleteComplainantsOf(trx, row.id);
          await writeComplainants(trx, row.id, complainants);
        }
        await change(trx, row, actor, 'update', patch, null, sameComplainants ? undefined : {
          before: { complainants: before.map(recordedComplainant) },
          after: { complainants: recordedComplainants(complainants) },
        });
      }),
  };
}
