import type { CalendarService } from '../calendar';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings';
import { createCaseChange } from './case-change';
import { createCaseDetail } from './case-detail';
import { createCaseIdentity } from './case-identity';
import { createCaseRegistration } from './case-registration';
import { createCaseTransitions } from './case-transitions';

/**
 * The case use-cases, assembled: reading a case (case-detail.ts), registering and correcting it
 * (case-registration.ts), the workflow's transitions (case-transitions.ts) and revealing a confidential
 * identity (case-identity.ts). What every change shares is in case-change.ts.
 */
export function createCaseService(deps: Deps, settings: SettingsService, calendar: CalendarService) {
  const detail = createCaseDetail(deps, calendar);
  const kit = createCaseChange(deps, settings, calendar, detail);
  return {
    detail,
    ...createCaseRegistration(deps, settings, calendar, kit, detail),
    ...createCaseTransitions(settings, kit),
    ...createCaseIdentity(deps, kit),
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
