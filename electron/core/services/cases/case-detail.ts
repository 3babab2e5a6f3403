import { caseById } from '../../../../db/queries/cases';
import { extensionsOf } from '../../../../db/queries/case-extensions';
import { historyOfCase } from '../../../../db/queries/case-history';
import { notesOf } from '../../../../db/queries/case-notes';
import { roundsOf } from '../../../../db/queries/case-rounds';
import { suspensionsOf } from '../../../../db/queries/case-suspensions';
import { complainantsOf } from '../../../../db/queries/complainants';
import { dueThresholds } from '../../domain/deadlines';
import { AppError } from '../../errors';
import { localDate } from '../../local-time';
import type { Actor } from '../../session';
import type { CaseDetail } from '../../types';
import type { CalendarService } from '../calendar';
import type { Deps } from '../deps';
import { detailView, loadNames } from './case-view';
import { repeatLinksOf, timelineWithHiddenLinks } from './case-repeats';

/** One case as its page shows it (case-view.ts maps the rows), masked for the actor: `cases/get` and the answer to every change. */
export function createCaseDetail(deps: Deps, calendar: CalendarService) {
  const { db } = deps;
  return async function detail(id: number, actor: Actor): Promise<CaseDetail> {
    const [row, complainants, notes, extensions, suspensions, rounds, history, names, cal, links] = await Promise.all([
      caseById(db, id),
      complainantsOf(db, id),
      notesOf(db, id),
      extensionsOf(db, id),
      suspensionsOf(db, id),
      roundsOf(db, id),
      historyOfCase(db, id),
      loadNames(db),
      calendar.load(),
      repeatLinksOf(db, id, actor),
    ]);
    if (!row) throw new AppError('NOT_FOUND', '案件不存在', 'id');
    const view = detailView({ row, complainants, notes, extensions, suspensions, rounds, history }, names, actor, dueThresholds(cal, localDate(deps.now())));
    return { ...view, timeline: await timelineWithHiddenLinks(db, id, actor, view.timeline), ...links };
  };
}
