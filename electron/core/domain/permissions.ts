import type { Channel } from '../contract';
import type { Role } from './vocab';
import { ROLES } from './vocab';

/**
 * Who may call which channel. 'public' needs no sign-in (the first-run setup refuses itself once a user
 * exists); 'signedIn' is any active user. The auditor appears on reading channels only: it can read
 * everything and the core refuses every change it tries. Case-level rules (status, own entries) are in
 * workflow.ts.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

const ALL: readonly Role[] = ROLES;
const CASE_WORKERS: readonly Role[] = ['clerk', 'supervisor'];
const ADMIN: readonly Role[] = ['admin'];

export const ACCESS = {
  'setup/status': 'public',
  'setup/init': 'public',
  'auth/signIn': 'public',
  'auth/signOut': 'signedIn',
  'auth/me': 'signedIn',
  'auth/session': 'public',
  'auth/changePassword': ALL,
  'users/list': ADMIN,
  'users/create': ADMIN,
  'users/update': ADMIN,
  'users/unlock': ADMIN,
  'settings/get': 'signedIn',
  'settings/update': ADMIN,
  'directory/get': 'signedIn',
  'departments/save': ADMIN,
  'staff/save': ADMIN,
  'lookups/save': ADMIN,
  'calendar/get': 'signedIn',
  'calendar/setDay': ADMIN,
  'calendar/previewImport': ADMIN,
  'calendar/importYear': ADMIN,
  'calendar/exportYear': 'signedIn',
  'calendar/due': 'signedIn',
  'cases/register': CASE_WORKERS,
  'cases/update': CASE_WORKERS,
  'cases/accept': ['supervisor'],
  'cases/refuse': ['supervisor'],
  'cases/assign': ['supervisor'],
  'cases/addNote': CASE_WORKERS,
  'cases/recordFinding': CASE_WORKERS,
  'cases/review': ['supervisor'],
  'cases/reply': CASE_WORKERS,
  'cases/followUp': CASE_WORKERS,
  'cases/reopen': ['supervisor'],
  'cases/close': ['supervisor'],
  'cases/extend': ['supervisor'],
  'cases/suspend': CASE_WORKERS,
  'cases/resume': CASE_WORKERS,
  'cases/void': CASE_WORKERS,
  'cases/get': ['clerk', 'supervisor', 'auditor'],
  'cases/revealIdentity': ['clerk', 'supervisor', 'auditor'],
  'cases/list': ['clerk', 'supervisor', 'auditor'],
  'cases/repeatCandidates': CASE_WORKERS,
  'cases/linkRepeat': CASE_WORKERS,
  'cases/unlinkRepeat': CASE_WORKERS,
  // Statistics: the per-staff table only for supervisors and admins (the service leaves it out for auditors).
  'statistics/get': ['supervisor', 'admin', 'auditor'],
  'statistics/xlsx': ['supervisor', 'admin', 'auditor'],
  'statistics/trend': ['supervisor', 'admin', 'auditor'],
  'statistics/pdf': ['supervisor', 'admin', 'auditor'],
  'statistics/issue': ['supervisor', 'admin'],
  'statistics/summaries': ['supervisor', 'admin', 'auditor'],
  'statistics/summaryPdf': ['supervisor', 'admin', 'auditor'],
  // The register export: whoever reads the register; `unmasked: true` only for supervisors and auditors (the service checks).
  'registerExport/start': ['clerk', 'supervisor', 'auditor'],
  'registerExport/progress': ['clerk', 'supervisor', 'auditor'],
  'registerExport/cancel': ['clerk', 'supervisor', 'auditor'],
  'registerExport/file': ['clerk', 'supervisor', 'auditor'],
  'dashboard/get': ['clerk', 'supervisor', 'auditor'],
  'history/verify': ['supervisor', 'auditor', 'admin'],
  // Papers: who may issue each type is domain/papers.ts's PAPER_ISSUERS (the service checks it per type).
  'papers/list': ['clerk', 'supervisor', 'auditor'],
  'papers/prepare': CASE_WORKERS,
  'papers/previewPdf': CASE_WORKERS,
  'papers/previewDocx': CASE_WORKERS,
  'papers/issue': CASE_WORKERS,
  'papers/pdf': ['clerk', 'supervisor', 'auditor'],
  'papers/docx': ['clerk', 'supervisor', 'auditor'],
  // A batch is the papers of a work list: 督办通知 of 已超期 (supervisors), 回访记录单 of 待回访 (clerks, who make the calls); PAPER_ISSUERS decides per type.
  'papers/issueBatch': CASE_WORKERS,
  'paperTemplates/list': ['admin', 'supervisor'],
  'paperTemplates/versions': ['admin', 'supervisor'],
  'paperTemplates/preview': ['admin', 'supervisor'],
  'paperTemplates/save': ADMIN,
  'paperTemplates/cases': ['admin', 'supervisor'],
  'paperSettings/get': 'signedIn',
  'paperSettings/save': ADMIN,
  // 附件: reading follows the case (a confidential case's only for whoever sees its identity: the service checks);
  // adding is a case worker's or the admin's (the command line's attach), never the auditor's; voiding: the service.
  'attachments/list': ['clerk', 'supervisor', 'auditor'],
  'attachments/add': ['clerk', 'supervisor', 'admin'],
  'attachments/void': ['clerk', 'supervisor', 'admin'],
  'attachments/file': ['clerk', 'supervisor', 'auditor'],
  // Backups: admins and supervisors see them and back up now; only the admin chooses where and how many.
  'backup/status': ['admin', 'supervisor'],
  'backup/run': ['admin', 'supervisor'],
  'backup/progress': ['admin', 'supervisor'],
  'backup/saveSettings': ADMIN,
  'backup/inspect': ADMIN,
  'backup/restore': ADMIN,
  // answered only while the register could not be opened; recovery/restore checks an admin of the backup itself
  'recovery/status': 'public',
  'recovery/restore': 'public',
} as const satisfies Record<Channel, Access>;

export function mayCall(channel: Channel, role: Role | null): boolean {
  const access: Access = ACCESS[channel];
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signedIn') return true;
  return access.includes(role);
}

/** Channels that change something: the permission matrix test walks these for every role. */
export const MUTATING_CHANNELS: readonly Channel[] = (Object.keys(ACCESS) as Channel[]).filter(
  (c) => !/\/(get|list|status|me|session|due|verify|exportYear|previewImport|prepare|previewPdf|previewDocx|pdf|docx|xlsx|versions|preview|cases|repeatCandidates|trend|summaries|summaryPdf|progress)$/.test(c)
    && c !== 'auth/signIn' && c !== 'auth/signOut'
    // An attachment's bytes: a read (attachments.test.ts checks who may have them).
    && c !== 'attachments/file'
    // What a backup file holds, verified: a read of a file (restore.test.ts, recovery.test.ts).
    && c !== 'backup/inspect'
    // A register export writes its history row when it finishes, after the call: export.test.ts checks who may start one.
    && c !== 'registerExport/start' && c !== 'registerExport/progress' && c !== 'registerExport/file',
);

/**
 * Whose complainants a user sees unmasked without asking: every case's (supervisors), none (auditors, who
 * reveal with a recorded purpose, and administrators), or those of non-confidential cases and of the
 * confidential cases the user recorded or first received (clerks). One rule for the case views
 * (`seesIdentity`) and for search, which must not match an identity its user may not see.
 */
export type IdentityScope = 'all' | 'none' | { nonConfidentialAndOwn: number };

export function identityScope(actor: { id: number; role: Role }): IdentityScope {
  if (actor.role === 'supervisor') return 'all';
  if (actor.role === 'clerk') return { nonConfidentialAndOwn: actor.id };
  return 'none';
}

export interface IdentityHolder { isConfidential: boolean; recorderId: number; firstReceiverId: number }

/** Who may see a complainant's identity unmasked without asking (asking is logged). */
export function seesIdentity(actor: { id: number; role: Role }, c: IdentityHolder): boolean {
  const scope = identityScope(actor);
  if (scope === 'all' || scope === 'none') return scope === 'all';
  const own = scope.nonConfidentialAndOwn;
  return !c.isConfidential || own === c.recorderId || own === c.firstReceiverId;
}

/** Who may ask for the full identity (`cases/revealIdentity`, recorded): whoever sees it, supervisors and auditors. */
export function mayRevealIdentity(actor: { id: number; role: Role }, c: IdentityHolder): boolean {
  return actor.role === 'supervisor' || actor.role === 'auditor' || seesIdentity(actor, c);
}

/**
 * Who may correct a registration's confidentiality, anonymity and complainants: only someone who sees the
 * identity (a masked user cannot know what they would change, and must not unmask it by changing who may
 * see it). Who is responsible for the case (首问责任人) is a supervisor's decision.
 */
export const mayEditIdentity = seesIdentity;
export const mayChangeFirstReceiver = (actor: { role: Role }): boolean => actor.role === 'supervisor';
