import { Card, Empty } from 'antd';
import type { HistoryEntry } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { formatChange, isRealChange } from '../format';
import './case-timeline.css';

/**
 * 办理时间线: who did what when, with every change as "字段: 前 → 后". Plain list items in antd Timeline's
 * look: opening a case drew antd's Timeline and two Typography texts per entry, a long history's share of
 * the page's first render.
 */
export function CaseTimeline({ entries }: { entries: HistoryEntry[] }) {
  return (
    <Card size="small" title={t.detail.timeline} data-testid="timeline">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.detail.noTimeline} />
      ) : (
        <ol className="case-timeline">
          {entries.map((e) => (
            <li key={e.id} className="case-timeline-item" data-testid="timeline-entry">
              <span className={e.action === 'void' ? 'case-timeline-dot case-timeline-dot-void' : 'case-timeline-dot'} />
              <strong>{e.actionLabel}</strong>
              <span className="case-timeline-meta"> · {e.actorName} · {e.at.slice(0, 16)}</span>
              {e.note && <div className="pre-wrap">{e.note}</div>}
              {e.changes.filter(isRealChange).map((c) => (
                <div key={c.field} className="timeline-change">{formatChange(c)}</div>
              ))}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
