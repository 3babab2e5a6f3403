import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail, ChannelInput, Gender } from '../../api/core';

/**
 * The registration form's values are named exactly like the contract's input (so a core error's
 * `field` path lands under the right box); only dates are dayjs here and strings on the wire.
 */
export interface ComplainantValues {
  name?: string;
  gender?: Gender | '' | null;
  phone?: string;
  idNumber?: string;
  address?: string;
  employer?: string;
}

export interface RegistrationValues {
  receivedAt?: Dayjs | null;
  channel?: string;
  caseType?: string;
  isAnonymous?: boolean;
  isConfidential?: boolean;
  headCount?: number | null;
  complainants?: ComplainantValues[];
  respondentDepartmentId?: number | null;
  respondentStaff?: string;
  /** the directory's staff member picked for 被投诉人员 (null: typed or none) */
  respondentStaffId?: number | null;
  subject?: string;
  account?: string;
  request?: string;
  firstReceiverId?: number | null;
  /** new registrations only: an inquiry answered on the spot is registered and closed at once */
  answeredOnSpot?: { enabled?: boolean; reply?: string };
}

export const RECEIVED_AT_FORMAT = 'YYYY-MM-DD HH:mm';

export function emptyComplainant(): ComplainantValues {
  return { name: '', gender: null, phone: '', idNumber: '', address: '', employer: '' };
}

export function newRegistrationValues(userId: number, now: Dayjs = dayjs()): RegistrationValues {
  return {
    receivedAt: now.second(0).millisecond(0),
    isAnonymous: false,
    isConfidential: false,
    headCount: 1,
    complainants: [emptyComplainant()],
    respondentDepartmentId: null,
    respondentStaff: '',
    respondentStaffId: null,
    subject: '',
    account: '',
    request: '',
    firstReceiverId: userId,
    answeredOnSpot: { enabled: false, reply: '' },
  };
}

export function valuesFromDetail(d: CaseDetail): RegistrationValues {
  return {
    receivedAt: dayjs(d.receivedAt),
    channel: d.channel,
    caseType: d.caseType,
    isAnonymous: d.isAnonymous,
    isConfidential: d.isConfidential,
    headCount: d.headCount,
    complainants: d.complainants.map((c) => ({ ...c })),
    respondentDepartmentId: d.respondentDepartmentId,
    respondentStaff: d.respondentStaff ?? '',
    respondentStaffId: d.respondentStaffId ?? null,
    subject: d.subject,
    account: d.account,
    request: d.request,
    firstReceiverId: d.firstReceiverId,
  };
}

type Registration = Omit<ChannelInput<'cases/register'>, 'answeredOnSpot'>;
type Correction = Omit<ChannelInput<'cases/update'>, 'id' | 'version'>;

/**
 * Form values -> contract input. Missing required values are sent as missing, not guessed: the core
 * answers with the field's own message ("请填写「事由」").
 */
export function toRegistrationInput(v: RegistrationValues): Registration {
  const input = {
    receivedAt: v.receivedAt ? v.receivedAt.format(RECEIVED_AT_FORMAT) : undefined,
    channel: v.channel,
    caseType: v.caseType,
    isAnonymous: v.isAnonymous ?? false,
    isConfidential: v.isConfidential ?? false,
    headCount: v.headCount ?? undefined,
    complainants: v.isAnonymous
      ? []
      : (v.complainants ?? []).map((c) => ({
          name: c.name ?? '',
          gender: c.gender || null,
          phone: c.phone ?? '',
          idNumber: c.idNumber ?? '',
          address: c.address ?? '',
          employer: c.employer ?? '',
        })),
    respondentDepartmentId: v.respondentDepartmentId || null,
    respondentStaff: v.respondentStaff ?? '',
    respondentStaffId: v.respondentStaff ? v.respondentStaffId ?? null : null,
    subject: v.subject,
    account: v.account,
    request: v.request ?? '',
    firstReceiverId: v.firstReceiverId ?? null,
  };
  return input as Registration;
}

/** What the edit form lets this user change, as the core decided (CaseDetail.mayEditIdentity, mayChangeResponsibility). */
export interface Editable { identity: boolean; firstReceiver: boolean }

/**
 * The edit form -> `cases/update`: only the fields that differ from what the form started with (the core
 * keeps every field left out as stored), and never one this user may not change. A required field the
 * user emptied is sent as null, so the core names it ("请填写「事由」") instead of keeping the old value.
 */
export function toCorrectionInput(initial: RegistrationValues, v: RegistrationValues, editable: Editable): Correction {
  const before = toRegistrationInput(initial) as Record<string, unknown>;
  const after = toRegistrationInput(v) as Record<string, unknown>;
  const locked = new Set([
    ...(editable.identity ? [] : ['complainants', 'isAnonymous', 'isConfidential']),
    ...(editable.firstReceiver ? [] : ['firstReceiverId']),
  ]);
  const changed = Object.keys(after).filter((k) => !locked.has(k) && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  return Object.fromEntries(changed.map((k) => [k, after[k] ?? null])) as Correction;
}

/** The fields of a registration a correction can change, as RegistrationValues names them. */
const CORRECTION_FIELDS = [
  'receivedAt', 'channel', 'caseType', 'isAnonymous', 'isConfidential', 'headCount', 'complainants',
  'respondentDepartmentId', 'respondentStaff', 'respondentStaffId', 'subject', 'account', 'request', 'firstReceiverId',
] as const satisfies ReadonlyArray<keyof RegistrationValues & keyof Registration>;

export interface Rebased {
  /** what the edit now counts as its starting point: the fresh case where the user left a field alone */
  base: RegistrationValues;
  /** what the form shows: the fresh case where the user left a field alone, their own typing elsewhere */
  values: RegistrationValues;
  /** fields both the user and the other change touched: the user's typing stays and wins if sent */
  both: Array<(typeof CORRECTION_FIELDS)[number]>;
}

/**
 * After a CONFLICT (someone saved the case while this edit was open): the edit moves onto the fresh case.
 * A field the user did not change takes the fresh value and is not sent, so re-submitting never undoes the
 * other person's change; a field the user changed keeps what they typed and is sent again.
 */
export function rebaseCorrection(started: RegistrationValues, typed: RegistrationValues, fresh: RegistrationValues): Rebased {
  const wire = (v: RegistrationValues) => toRegistrationInput(v) as Record<string, unknown>;
  const [was, now, next] = [wire(started), wire(typed), wire(fresh)];
  const same = (a: Record<string, unknown>, b: Record<string, unknown>, k: string) => JSON.stringify(a[k]) === JSON.stringify(b[k]);
  const base: RegistrationValues = { ...started };
  const values: RegistrationValues = { ...typed };
  const both: Rebased['both'] = [];
  for (const k of CORRECTION_FIELDS) {
    if (same(now, was, k)) {
      (base as Record<string, unknown>)[k] = fresh[k];
      (values as Record<string, unknown>)[k] = fresh[k];
    } else if (!same(next, was, k)) both.push(k);
  }
  return { base, values, both };
}

export function toRegisterInput(v: RegistrationValues): ChannelInput<'cases/register'> {
  const spot = v.answeredOnSpot;
  return {
    ...toRegistrationInput(v),
    answeredOnSpot: spot?.enabled ? ({ reply: spot.reply } as { reply: string }) : null,
  };
}

// ---- draft (localStorage) form: dates as strings ---------------------------------------------------

export type DraftValues = Omit<RegistrationValues, 'receivedAt'> & { receivedAt?: string | null };

export function toDraft(v: RegistrationValues): DraftValues {
  return { ...v, receivedAt: v.receivedAt ? v.receivedAt.format(RECEIVED_AT_FORMAT) : null };
}

export function fromDraft(d: DraftValues): RegistrationValues {
  const at = d.receivedAt ? dayjs(d.receivedAt) : null;
  return { ...d, receivedAt: at?.isValid() ? at : null };
}
