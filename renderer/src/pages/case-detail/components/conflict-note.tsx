import { Alert } from 'antd';
import { STATUS_LABELS, type CaseAction } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { formatChange, isRealChange } from '../format';
import type { CaseConflict } from './use-case-change';

interface Props {
  conflict: CaseConflict;
  /** the dialog's action: if the fresh case no longer allows it, the note says so instead */
  action: CaseAction;
  /** labels of fields both the user and the other change touched (the edit dialog knows them) */
  both?: string[];
}

/** At most this many of the other person's steps are listed; the timeline beside has them all. */
const MAX_ENTRIES = 4;

/** Inside a dialog after a CONFLICT: the case was reloaded, what the other person did, what to do now. */
export function ConflictNote({ conflict, action, both = [] }: Props) {
  const { before, after } = conflict;
  const seen = new Set(before.timeline.map((e) => e.id));
  const news = after.timeline.filter((e) => !seen.has(e.id)).slice(-MAX_ENTRIES);
  const isGone = !after.allowedActions.includes(action);
  const description = (
    <>
      {news.length > 0 && <div>{t.detail.conflictChanges}</div>}
      {news.map((e) => (
        <div key={e.id} data-testid="conflict-change">
          {e.actionLabel} · {e.actorName} · {e.at.slice(11, 16)}
          {e.changes.filter(isRealChange).map((c) => <div key={c.field} className="timeline-change">{formatChange(c)}</div>)}
        </div>
      ))}
      {both.length > 0 && <div data-testid="conflict-both">{t.detail.conflictBoth(both.join('」「'))}</div>}
    </>
  );
  return (
    <Alert
      type={isGone ? 'error' : 'warning'}
      showIcon
      title={isGone ? t.detail.conflictGone(STATUS_LABELS[after.status]) : t.detail.conflictReloaded(after.version)}
      description={description}
      style={{ marginBottom: 12 }}
      data-testid="conflict-note"
    />
  );
}
