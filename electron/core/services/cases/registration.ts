import { insertComplainants } from '../../../../db/queries/complainants';
import { departmentById, staffById } from '../../../../db/queries/directory';
import { activeUserById } from '../../../../db/queries/users';
import type { CaseRow, ComplainantRow } from '../../../../db/types';
import { localDateTime } from '../../local-time';
import type { ParsedInput } from '../../contract';
import { mayChangeFirstReceiver } from '../../domain/permissions';
import type { Gender } from '../../domain/vocab';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { Deps, Trx } from '../deps';
import { recordedComplainants } from '../history';
import type { SettingsService } from '../settings';
import { masksIdentityFor } from './identity-rules';

/** What a clerk enters at registration (and corrects later): its checks and its columns. */
export type Registration = ParsedInput<'cases/register'>;

type Entered = Omit<Registration, 'answeredOnSpot'>;

/**
 * Checks that need the database or the clock; the contract has already checked shapes and limits. When
 * correcting (`stored` given), a value left as it was is not checked against today's options again: a
 * channel or department retired since the case was registered stays on it until someone changes it.
 */
export async function validateRegistration(deps: Deps, settings: SettingsService, trx: Trx, input: Entered, actor: Actor, stored?: Entered) {
  if (input.receivedAt > localDateTime(new Date(deps.now().getTime() + 5 * 60_000))) {
    throw new AppError('VALIDATION', '「收到时间」不能晚于当前时间', 'receivedAt');
  }
  if (input.receivedAt < '2000-01-01') throw new AppError('VALIDATION', '「收到时间」过早，请核对', 'receivedAt');
  const changed = (key: 'channel' | 'caseType' | 'respondentDepartmentId' | 'firstReceiverId') => !stored || stored[key] !== input[key];
  if (changed('channel')) await settings.activeLookup(trx, 'channel', input.channel, 'channel');
  if (changed('caseType')) await settings.activeLookup(trx, 'case_type', input.caseType, 'caseType');
  if (changed('respondentDepartmentId')) await settings.assertDepartment(trx, input.respondentDepartmentId, 'respondentDepartmentId');
  const respondentStaff = await respondentStaffName(trx, input, stored);
  const complainants = input.isAnonymous ? [] : input.complainants;
  if (!input.isAnonymous) {
    if (complainants.length === 0) throw new AppError('VALIDATION', '非匿名登记请至少填写一名诉求人', 'complainants.0.name');
    complainants.forEach((c, i) => {
      if (!c.name) throw new AppError('VALIDATION', '请填写「姓名」（匿名时请勾选“匿名”）', `complainants.${i}.name`);
    });
    if (!complainants.some((c) => c.phone || c.address || c.employer)) {
      throw new AppError('VALIDATION', '请至少留一种联系方式：「联系电话」或「住址」', 'complainants.0.phone');
    }
  }
  if (input.headCount < complainants.length) throw new AppError('VALIDATION', `「人数」不能少于已登记的诉求人数（${complainants.length}）`, 'headCount');
  const firstReceiverId = input.firstReceiverId ?? actor.id;
  if (changed('firstReceiverId')) {
    const receiver = await activeUserById(trx, firstReceiverId);
    if (!receiver || (receiver.role !== 'clerk' && receiver.role !== 'supervisor')) {
      throw new AppError('VALIDATION', '「首问责任人」须为启用的登记员或主管', 'firstReceiverId');
    }
  }
  return { complainants, firstReceiverId, respondentStaff };
}

/**
 * The name stored as 被投诉人员: the directory's name of the staff member picked (who must be in the directory,
 * active when picked, and of the department complained about), else the name as typed. A correction that keeps
 * the staff member and the department keeps the name stored with them, even if the directory has renamed or
 * deactivated them since.
 */
async function respondentStaffName(trx: Trx, input: Entered, stored?: Entered): Promise<string> {
  const staffId = input.respondentStaffId ?? null;
  if (staffId === null) return input.respondentStaff;
  const isNewPick = !stored || stored.respondentStaffId !== staffId;
  if (!isNewPick && stored.respondentDepartmentId === input.respondentDepartmentId) return stored.respondentStaff;
  const staff = await staffById(trx, staffId);
  if (!staff) throw new AppError('VALIDATION', '「被投诉人员」不在人员名录中，请重新选择或直接填写姓名', 'respondentStaffId');
  if (isNewPick && staff.active !== 1) throw new AppError('VALIDATION', `「被投诉人员」${staff.name}已停用，请重新选择或直接填写姓名`, 'respondentStaffId');
  if (input.respondentDepartmentId === null) throw new AppError('VALIDATION', '从名录选择「被投诉人员」须先选择「被投诉部门」', 'respondentStaffId');
  if (staff.department_id !== input.respondentDepartmentId) {
    const department = await departmentById(trx, input.respondentDepartmentId);
    throw new AppError('VALIDATION', `「被投诉人员」${staff.name}不属于所选「被投诉部门」${department?.name ?? ''}，请重新选择`, 'respondentStaffId');
  }
  return isNewPick ? staff.name : stored.respondentStaff;
}

/** The registration as stored, in the contract's shape: what each field left out of a correction keeps. */
export function storedRegistration(row: CaseRow, complainants: ComplainantRow[]): Entered {
  return {
    receivedAt: row.received_at,
    channel: row.channel,
    caseType: row.case_type,
    isAnonymous: row.is_anonymous === 1,
    isConfidential: row.is_confidential === 1,
    headCount: row.head_count,
    complainants: complainants.map((c) => ({
      name: c.name, gender: c.gender as Gender | null, phone: c.phone, idNumber: c.id_number, address: c.address, employer: c.employer,
    })),
    respondentDepartmentId: row.respondent_department_id,
    respondentStaff: row.respondent_staff ?? '',
    respondentStaffId: row.respondent_staff_id,
    subject: row.subject,
    account: row.account,
    request: row.request,
    firstReceiverId: row.first_receiver_id,
  };
}

/**
 * A correction (`cases/update`) merged into the stored registration: what it leaves out stays. Refused
 * (FORBIDDEN, naming the field) when it changes what this user may not change:
 * - someone who sees the identity masked changes none of what decides or holds it: the complainants
 *   (they would save masked text over the real one), 要求保密, 匿名 (which drops the complainants), and
 *   through 首问责任人 they would make themselves entitled;
 * - who is responsible for the case (首问责任人) is a supervisor's decision; the change is in the history.
 */
export function correctedRegistration(actor: Actor, row: CaseRow, stored: Entered, given: ParsedInput<'cases/update'>): Entered {
  const masked = masksIdentityFor(actor, row);
  const changes = <K extends 'isAnonymous' | 'isConfidential' | 'firstReceiverId'>(key: K) => given[key] !== undefined && given[key] !== stored[key];
  if (changes('firstReceiverId') && !mayChangeFirstReceiver(actor)) {
    throw new AppError('FORBIDDEN', '「首问责任人」决定由谁对案件负责，只能由主管变更', 'firstReceiverId');
  }
  if (masked) {
    if (given.complainants !== undefined) throw new AppError('FORBIDDEN', '该诉求人要求保密，您无权修改其身份信息', 'complainants');
    if (changes('isConfidential')) throw new AppError('FORBIDDEN', '该诉求人要求保密，您无权修改「要求保密」', 'isConfidential');
    if (changes('isAnonymous')) throw new AppError('FORBIDDEN', '该诉求人要求保密，您无权修改「匿名」', 'isAnonymous');
  }
  const { id: _id, version: _version, ...fields } = given;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Entered>;
  const respondentStaff = given.respondentStaff === undefined ? stored.respondentStaff : given.respondentStaff ?? '';
  // A name typed over a picked staff member unlinks them (unless the same correction picks one).
  const respondentStaffId = given.respondentStaffId !== undefined ? given.respondentStaffId
    : respondentStaff !== stored.respondentStaff ? null : stored.respondentStaffId;
  return { ...stored, ...defined, respondentStaff, respondentStaffId };
}

export const registrationColumns = (input: Omit<Registration, 'answeredOnSpot' | 'complainants'>, firstReceiverId: number) => ({
  received_at: input.receivedAt,
  channel: input.channel,
  case_type: input.caseType,
  is_anonymous: input.isAnonymous ? 1 : 0,
  is_confidential: input.isConfidential ? 1 : 0,
  head_count: input.headCount,
  respondent_department_id: input.respondentDepartmentId,
  respondent_staff: input.respondentStaff || null,
  respondent_staff_id: input.respondentStaffId ?? null,
  subject: input.subject,
  account: input.account,
  request: input.request,
  first_receiver_id: firstReceiverId,
});

/** Kept on the case row for the names' own full-text index (migration 0006), searched apart from the case text. */
export const complainantNames = (list: Registration['complainants']): string => list.map((c) => c.name).filter(Boolean).join(' ');

export async function writeComplainants(trx: Trx, caseId: number, list: Registration['complainants']): Promise<void> {
  await insertComplainants(trx, recordedComplainants(list).map((c) => ({ case_id: caseId, ...c })));
}

