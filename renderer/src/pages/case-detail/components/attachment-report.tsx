import { Alert } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { isAttachmentReport } from '../../../components/attachments/attachment-files';
import { t } from '../../../i18n/zh-CN';

/**
 * After 新登记 with files: the case is saved whatever happened to them; this says which were attached and
 * which were not (with the core's reason), until closed. The report travels in the navigation's state.
 */
export function AttachmentReportBanner() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? null) as { attachmentReport?: unknown } | null;
  const report = state?.attachmentReport;
  if (!isAttachmentReport(report)) return null;
  const hasRefused = report.refused.length > 0;
  return (
    <Alert
      type={hasRefused ? 'warning' : 'success'}
      showIcon
      closable={{ onClose: () => navigate(location, { replace: true, state: null }) }}
      style={{ marginBottom: 12 }}
      data-testid="attachment-report"
      title={t.attachments.reportTitle(report.registerNo)}
      description={
        <>
          <div data-testid="attachment-report-added">{report.added.length ? t.attachments.reportAdded(report.added.join('、')) : t.attachments.reportNoneAdded}</div>
          {hasRefused && (
            <>
              <div>{t.attachments.reportRefused}</div>
              <ul style={{ margin: '2px 0 0', paddingLeft: 20 }} data-testid="attachment-report-refused">
                {report.refused.map((r, i) => <li key={i}><strong>{r.name}</strong>：{r.message}</li>)}
              </ul>
            </>
          )}
        </>
      }
    />
  );
}
