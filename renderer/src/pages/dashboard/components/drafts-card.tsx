import { FileTextOutlined } from '@ant-design/icons';
import { Card, Empty, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PATHS } from '../../../app/paths';
import type { DraftValues } from '../../../components/registration-form/values';
import { t } from '../../../i18n/zh-CN';

const COLOR = '#595959';

/**
 * 我的草稿: the registration this user started and has not saved, as the new-case page keeps it (one per
 * user, in this browser's storage). A line opens the form with it.
 */
export function DraftsCard({ draft }: { draft: DraftValues | null }) {
  const navigate = useNavigate();
  const open = () => navigate(PATHS.newCase);
  const name = draft?.complainants?.map((c) => c.name).filter(Boolean).join('、');

  return (
    <Card
      size="small"
      data-testid="card-drafts"
      data-count={draft ? 1 : 0}
      title={
        <div className="work-card-head">
          <span className="work-card-title"><span style={{ color: COLOR }}><FileTextOutlined /></span> {t.dashboard.drafts}</span>
          <span className="work-card-count" data-testid="work-count">{draft ? 1 : 0}</span>
          <span className="work-card-hint">{t.dashboard.draftsHint}</span>
        </div>
      }
      styles={{ header: { paddingBlock: 8 }, body: { padding: 0 } }}
    >
      {draft ? (
        <div className="dash-row clickable-row" role="link" tabIndex={0} data-testid="work-row" onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()}>
          <div className="dash-row-line">
            <strong className="dash-row-subject">{draft.subject?.trim() || t.dashboard.draftUntitled}</strong>
            <Typography.Link>{t.dashboard.draftOpen}</Typography.Link>
          </div>
          <div className="dash-row-line">
            <span className="dash-row-subject">{[draft.channel, draft.caseType, name].filter(Boolean).join(' · ')}</span>
            {draft.receivedAt && <span className="work-card-hint">{t.dashboard.draftReceived(draft.receivedAt)}</span>}
          </div>
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.dashboard.draftNone} style={{ margin: '12px 0' }} />
      )}
    </Card>
  );
}
