import { contract } from '../../api/core';
import type { FieldErrorEntry } from '../../api/form-errors';
import { schemaIssues } from '../local-validation';

/** The registration form's fields in the order a clerk meets them (Tab order): the first wrong one gets the focus. */
export const REGISTRATION_FIELD_ORDER = [
  'receivedAt', 'channel', 'caseType', 'isAnonymous', 'isConfidential', 'complainants', 'headCount',
  'respondentDepartmentId', 'respondentStaff', 'respondentStaffId', 'subject', 'account', 'request', 'firstReceiverId', 'answeredOnSpot',
] as const;

/** Everything the contract finds wrong with a new registration or a correction, before it is sent. */
export function registrationIssues(channel: 'cases/register' | 'cases/update', input: unknown): FieldErrorEntry[] {
  return schemaIssues(contract[channel].input, input, REGISTRATION_FIELD_ORDER);
}
