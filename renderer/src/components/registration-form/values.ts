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
