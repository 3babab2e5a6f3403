import { Card, Empty, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { PATHS } from '../../../app/paths';
import type { CaseSummary } from '../../../api/core';
import { DueBadge } from '../../../components/due-badge';
import { StatusTag } from '../../../components/status-tag';
import { t } from '../../../i18n/zh-CN';

interface Props {
  testId: string;
  title: string;
  count: number;
  color: string;
  icon: ReactNode;
  cases: CaseSummary[];
  /** the register filtered to this list */
  moreLink: string;
}

/** One of the four counts with its cases underneath; a row opens the case (click or Enter). */
export function CaseListCard({ testId, title, count, color, icon, cases, moreLink }: Props) {
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Statistic
          title={<span>{icon} {title}</span>}
          value={count}
          styles={{ content: { color, fontSize: 28, lineHeight: '34px' } }}
        />
      }
      extra={<Typography.Link onClick={() => navigate(moreLink)}>{t.dashboard.more}</Typography.Link>}
      styles={{ header: { paddingBlock: 8 }, body: { padding: 0, maxHeight: 'max(240px, calc(100vh - 300px))', overflowY: 'auto' } }}
    >
      {cases.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.dashboard.emptyList} style={{ margin: '16px 0' }} />
      ) : (
        cases.map((c) => (
          <div
            key={c.id}
            className="dash-row clickable-row"
            role="link"
            tabIndex={0}
            onClick={() => navigate(PATHS.caseDetail(c.id))}
            onKeyDown={(e) => e.key === 'Enter' && navigate(PATHS.caseDetail(c.id))}
          >
            <div className="dash-row-line">
              <Typography.Text strong>{c.registerNo}</Typography.Text>
              <StatusTag status={c.status} />
            </div>
            <div className="dash-row-line">
              <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} title={c.subject}>
                {c.subject}
              </Typography.Text>
              <DueBadge dueDate={c.dueDate} dueState={c.dueState} calendarMissingYear={c.calendarMissingYear} />
            </div>
          </div>
        ))
      )}
    </Card>
  );
}
