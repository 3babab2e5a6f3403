import type { Channel, ChannelOutput, ParsedInput } from './contract';
import { AppError } from './errors';
import type { Services } from './services';
import type { Actor, CoreSession } from './session';
import type { CoreChannel } from './core-channels';
import { inspectBackup } from './services/backup/restore';

/**
 * Contract channel -> service call. The core has already checked sign-in and role (permissions.ts) and
 * parsed the input (contract.ts) before a handler runs, so `actor` is non-null for every non-public channel.
 */
export type Handler<C extends Channel> = (s: Services, actor: Actor, input: ParsedInput<C>, session: CoreSession) => Promise<ChannelOutput<C>>;

/** Every channel but the core's own (core.ts CoreChannel: a restore swaps the register under the services). */
export const handlers: { [C in Exclude<Channel, CoreChannel>]: Handler<C> } = {
  'setup/status': async (s) => ({ needsSetup: !(await s.users.hasUsers()), officeName: (await s.settings.get()).office.name }),
  'setup/init': (s, _actor, input, session) =>
    s.users.setupInit(input, session, (trx, actor) => s.settings.write(trx, actor, { office: input.office })),
  'auth/signIn': (s, _actor, input, session) => s.users.signIn(input, session),
  'auth/signOut': async (_s, _actor, _input, session) => {
    session.userId = null;
    session.credential = undefined;
    session.signInId = undefined;
    return null;
  },
  'auth/me': async (_s, actor) => {
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    return actor;
  },
  'auth/session': async (_s, actor) => actor ?? null,
  'auth/changePassword': (s, actor, input, session) => s.users.changePassword(actor, input, session),

  'users/list': (s) => s.users.list(),
  'users/create': (s, actor, input) => s.users.create(actor, input),
  'users/update': (s, actor, input) => s.users.update(actor, input),
  'users/unlock': (s, actor, input) => s.users.unlock(actor, input),

  'settings/get': (s) => s.settings.get(),
  'settings/update': (s, actor, input) => s.settings.update(actor, input),
  'directory/get': (s) => s.settings.directory(),
  'departments/save': (s, actor, input) => s.settings.saveDepartment(actor, input),
  'staff/save': (s, actor, input) => s.settings.saveStaff(actor, input),
  'lookups/save': (s, actor, input) => s.settings.saveLookup(actor, input),

  'calendar/get': (s, _actor, input) => s.calendar.view(input.year),
  'calendar/setDay': (s, actor, input) => s.calendar.setDay(actor, input),
  'calendar/previewImport': (s, _actor, input) => s.calendar.previewImport(input),
  'calendar/importYear': (s, actor, input) => s.calendar.importYear(actor, input),
  'calendar/exportYear': (s, _actor, input) => s.calendar.exportYear(input.year),
  'calendar/due': (s, _actor, input) => s.calendar.due(input),

  'cases/register': (s, actor, input) => s.cases.register(actor, input),
  'cases/update': (s, actor, input) => s.cases.update(actor, input),
  'cases/accept': (s, actor, input) => s.cases.accept(actor, input),
  'cases/refuse': (s, actor, input) => s.cases.refuse(actor, input),
  'cases/assign': (s, actor, input) => s.cases.assign(actor, input),
  'cases/addNote': (s, actor, input) => s.cases.addNote(actor, input),
  'cases/recordFinding': (s, actor, input) => s.cases.recordFinding(actor, input),
  'cases/review': (s, actor, input) => s.cases.review(actor, input),
  'cases/reply': (s, actor, input) => s.cases.reply(actor, input),
  'cases/followUp': (s, actor, input) => s.cases.followUp(actor, input),
  'cases/reopen': (s, actor, input) => s.cases.reopen(actor, input),
  'cases/close': (s, actor, input) => s.cases.close(actor, input),
  'cases/extend': (s, actor, input) => s.cases.extend(actor, input),
  'cases/suspend': (s, actor, input) => s.cases.suspend(actor, input),
  'cases/resume': (s, actor, input) => s.cases.resume(actor, input),
  'cases/void': (s, actor, input) => s.cases.void(actor, input),
  'cases/get': (s, actor, input) => s.cases.detail(input.id, actor),
  'cases/revealIdentity': (s, actor, input) => s.cases.revealIdentity(actor, input),
  'cases/list': (s, actor, input) => s.registerList.list(actor, input),
  'cases/repeatCandidates': (s, actor, input) => s.repeats.candidates(actor, input),
  'cases/linkRepeat': (s, actor, input) => s.repeats.link(actor, input),
  'cases/unlinkRepeat': (s, actor, input) => s.repeats.unlink(actor, input),
  'statistics/get': (s, actor, input) => s.statistics.get(actor, input),
  'statistics/xlsx': (s, actor, input) => s.statisticsWorkbook.xlsx(actor, input),
  'statistics/trend': (s, _actor, input) => s.statisticsTrend.trend(input),
  'statistics/pdf': (s, actor, input) => s.statisticsSummaryPdf.pdf(actor, input),
  'statistics/issue': (s, actor, input) => s.statisticsSummaries.issue(actor, input),
  'statistics/summaries': (s) => s.statisticsSummaries.list(),
  'statistics/summaryPdf': (s, _actor, input) => s.statisticsSummaries.pdf(input),
  'registerExport/start': (s, actor, input) => s.registerExport.start(actor, input),
  'registerExport/progress': (s, actor, input) => s.registerExport.progress(actor, input),
  'registerExport/cancel': (s, actor, input) => s.registerExport.cancel(actor, input),
  'registerExport/file': (s, actor, input) => s.registerExport.file(actor, input),
  'dashboard/get': (s, actor) => s.workLists.dashboard(actor),
  'history/verify': (s, _actor, input) => s.history.verify(input),

  'papers/list': (s, actor, input) => s.papers.list(actor, input.caseId),
  'papers/prepare': (s, actor, input) => s.papers.prepare(actor, input),
  'papers/previewPdf': (s, actor, input) => s.papers.previewPdf(actor, input),
  'papers/previewDocx': (s, actor, input) => s.papers.previewDocx(actor, input),
  'papers/issue': (s, actor, input) => s.papers.issue(actor, input),
  'papers/pdf': (s, actor, input) => s.papers.pdf(actor, input),
  'papers/docx': (s, actor, input) => s.papers.docx(actor, input),
  'papers/issueBatch': (s, actor, input) => s.papers.issueBatch(actor, input),
  'paperTemplates/list': (s) => s.paperTemplates.list(),
  'paperTemplates/versions': (s, _actor, input) => s.paperTemplates.versions(input.type),
  'paperTemplates/preview': (s, actor, input) => s.papers.previewTemplate(actor, input),
  'paperTemplates/save': (s, actor, input) => s.paperTemplates.save(actor, input),
  'paperTemplates/cases': (s, _actor, input) => s.previewCases.list(input),
  'paperSettings/get': (s) => s.paperSettings.get(),
  'paperSettings/save': (s, actor, input) => s.paperSettings.save(actor, input),
  'attachments/list': (s, actor, input) => s.attachments.list(actor, input),
  'attachments/add': (s, actor, input) => s.attachments.add(actor, input),
  'attachments/void': (s, actor, input) => s.attachments.void(actor, input),
  'attachments/file': (s, actor, input) => s.attachments.file(actor, input),
  'backup/status': (s) => s.backups.status(),
  'backup/run': async (s) => s.backups.run(),
  'backup/progress': async (s, _actor, input) => s.backups.progress(input.job),
  'backup/saveSettings': (s, actor, input) => s.backups.saveSettings(actor, input),
  'backup/inspect': async (_s, _actor, input) => (await inspectBackup(input.file, _s.deps.log)).info,
};
