import { Card, Empty, Typography } from 'antd';
import { memo } from 'react';
import { useAppNavigate } from '../../../app/navigation';
import { PATHS } from '../../../app/paths';
import { useUser } from '../../../app/session';
import { DueBadge } from '../../../components/due-badge';
import { PlainTag, StatusTag } from '../../../components/status-tag';
import { t } from '../../../i18n/zh-CN';
import { prefetchRegister } from '../../register/prefetch';
import { cardTestId, LOOKS, registerLink, showsStatus, type WorkListSection } from '../work-lists';
import { hasBatch, PapersBatchButton } from './papers-batch';

interface Props {
  section: WorkListSection;
  /** false for auditors: the count alone, the card itself opens the register */
  hasLists: boolean;
}

/**
 * One work list: its count, its first cases (a line opens the case: click or Enter) and 查看全部, which
 * opens the register filtered to exactly these cases. Plain lines rather than antd List/Typography
 * ellipsis, and no antd component per line (DueBadge and the tags are plain spans in antd's look): the
 * 工作台 is drawn right after sign-in and has up to nine of these.
 */
export const WorkListCard = memo(function WorkListCard({ section, hasLists }: Props) {
  const navigate = useAppNavigate();
  const { role } = useUser();
  const { key, count, cases, filter, returned } = section;
  const title = t.dashboard.lists[key];
  const look = LOOKS[key];
  const link = registerLink(filter);
  const returnedIds = new Set(returned?.caseIds ?? []);
  const withStatus = showsStatus(section);
  const open = () => {
    prefetchRegister(link);
    navigate(link);
  };

  const head = (
    <div className="work-card-head">
      <span className="work-card-title">
        <span style={{ color: look.color }}>{look.icon}</span> {title}
      </span>
      <span className="work-card-count" style={{ color: count > 0 ? look.color : undefined }} data-testid="work-count">
        {count}
      </span>
      <span className="work-card-hint">
        {returned && returned.count > 0 ? t.dashboard.returnedCount(returned.count) : t.dashboard.hints[key]}
      </span>
    </div>
  );

  if (!hasLists) {
    return (
      <Card
        size="small"
        hoverable
        data-testid={cardTestId(key)}
        data-count={count}
        role="link"
        tabIndex={0}
        aria-label={t.dashboard.moreLabel(title)}
        onClick={open}
        onKeyDown={(e) => e.key === 'Enter' && open()}
        styles={{ body: { padding: '10px 12px' } }}
      >
        {head}
      </Card>
    );
  }

  return (
    <Card
      size="small"
      data-testid={cardTestId(key)}
      data-count={count}
      title={head}
      extra={
        <Typography.Link href={`#${link}`} onClick={(e) => { e.preventDefault(); open(); }} aria-label={t.dashboard.moreLabel(title)} data-testid="work-more">
          {t.dashboard.more}
        </Typography.Link>
      }
      styles={{ header: { paddingBlock: 8 }, body: { padding: 0 } }}
    >
      {cases.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.dashboard.emptyList} style={{ margin: '12px 0' }} />
      ) : (
        cases.map((c) => (
          <div
            key={c.id}
            className="dash-row clickable-row"
            role="link"
            tabIndex={0}
            data-testid="work-row"
            onClick={() => navigate(PATHS.caseDetail(c.id))}
            onKeyDown={(e) => e.key === 'Enter' && navigate(PATHS.caseDetail(c.id))}
          >
            <div className="dash-row-line">
              <strong>{c.registerNo}</strong>
              <span className="dash-row-tags">
                {returnedIds.has(c.id) && <PlainTag color="volcano" testId="returned-tag">{t.dashboard.returned}</PlainTag>}
                {withStatus && <StatusTag status={c.status} />}
              </span>
            </div>
            <div className="dash-row-line">
              <span className="dash-row-subject" title={c.subject}>{c.subject}</span>
              <DueBadge dueDate={c.dueDate} dueState={c.dueState} calendarMissingYear={c.calendarMissingYear} />
            </div>
          </div>
        ))
      )}
      {count > cases.length && (
        <div className="dash-row-more">
          <Typography.Link href={`#${link}`} onClick={(e) => { e.preventDefault(); open(); }}>
            {t.dashboard.moreLabel(title)}（{t.dashboard.count(count)}）
          </Typography.Link>
        </div>
      )}
      {hasBatch(key, role) && (
        <div className="dash-row-more">
          <PapersBatchButton listKey={key} count={count} />
        </div>
      )}
    </Card>
  );
});
