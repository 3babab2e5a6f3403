import { createCalendarService } from './calendar';
import { createCaseService } from './cases/cases';
import { createRegisterList } from './cases/register-list';
import type { Deps } from './deps';
import { createVerifier } from '../verify/verifier';
import { createSettingsService } from './settings';
import { createWorkLists } from './work-lists';
import { createUserService } from './users';

export function createServices(deps: Deps) {
  const settings = createSettingsService(deps);
  // The calendar tells the cases when it changes, so due dates waiting on a missing year get computed.
  let cases: ReturnType<typeof createCaseService> | null = null;
  const calendar = createCalendarService(deps, (trx, cal) => cases!.recomputeMissing(trx, cal));
  cases = createCaseService(deps, settings, calendar);
  return {
    deps,
    users: createUserService(deps),
    settings,
    calendar,
    cases,
    registerList: createRegisterList(deps, settings, calendar),
    workLists: createWorkLists(deps, calendar),
    history: createVerifier(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
