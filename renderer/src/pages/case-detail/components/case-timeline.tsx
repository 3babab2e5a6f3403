import { Card, Empty, Timeline, Typography } from 'antd';
import type { HistoryEntry } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { formatChange, isRealChange } from '../format';

/** 办理时间线: who did what when, with every change as "字段: 前 → 后". */
export function CaseTimeline({ entries }: { entries: HistoryEntry[] }) {
  return (
    <Card size="small" title={t.detail.timeline} data-testid="timeline">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.detail.noTimeline} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.id,
            color: e.action === 'void' ? 'red' : 'blue',
            content: (
              <div data-testid="timeline-entry">
                <Typography.Text strong>{e.actionLabel}</Typography.Text>
                <Typography.Text type="secondary"> · {e.actorName} · {e.at.slice(0, 16)}</Typography.Text>
                {e.note && <div className="pre-wrap">{e.note}</div>}
                {e.changes.filter(isRealChange).map((c) => (
                  <div key={c.field} className="timeline-change">{formatChange(c)}</div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
