import { localDateTime } from '../../clock';
import type { ParsedInput } from '../../contract';
import { AppError } from '../../errors';
import type { Actor, Deps, Trx } from '../deps';
import type { SettingsService } from '../settings';

/** What a clerk enters at registration (and corrects later): its checks and its columns. */
export type Registration = ParsedInput<'cases/register'>;

/** Checks that need the database or the clock; the contract has already checked shapes and limits. */
export async function validateRegistration(deps: Deps, settings: SettingsService, trx: Trx, input: Omit<Registration, 'answeredOnSpot'>, actor: Actor) {
  if (input.receivedAt > localDateTime(new Date(deps.now().getTime() + 5 * 60_000))) {
    throw new AppError('VALIDATION', '「收到时间」不能晚于当前时间', 'receivedAt');
  }
  if (input.receivedAt < '2000-01-01') throw new AppError('VALIDATION', '「收到时间」过早，请核对', 'receivedAt');
  await settings.activeLookup(trx, 'channel', input.channel, 'channel');
  await settings.activeLookup(trx, 'case_type', input.caseType, 'caseType');
  await settings.assertDepartment(trx, input.respondentDepartmentId, 'respondentDepartmentId');
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
  const receiver = await trx.selectFrom('users').select(['id', 'role']).where('id', '=', firstReceiverId).where('active', '=', 1).executeTakeFirst();
  if (!receiver || (receiver.role !== 'clerk' && receiver.role !== 'supervisor')) {
    throw new AppError('VALIDATION', '「首问责任人」须为启用的登记员或主管', 'firstReceiverId');
  }
  return { complainants, firstReceiverId };
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
  subject: input.subject,
  account: input.account,
  request: input.request,
  first_receiver_id: firstReceiverId,
});

/** Kept on the case row so one full-text query finds names and words alike. */
export const complainantNames = (list: Registration['complainants']): string => list.map((c) => c.name).filter(Boolean).join(' ');

export async function writeComplainants(trx: Trx, caseId: number, list: Registration['complainants']): Promise<void> {
  if (list.length === 0) return;
  await trx
    .insertInto('complainants')
    .values(list.map((c, i) => ({ case_id: caseId, seq: i + 1, name: c.name, gender: c.gender, phone: c.phone, id_number: c.idNumber, address: c.address, employer: c.employer })))
    .execute();
}

