import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Progress } from 'antd';
import { t } from '../../i18n/zh-CN';
import { formatSize, type UploadItem } from './attachment-files';
import './attachments.css';

function Status({ item }: { item: UploadItem }) {
  switch (item.state) {
    case 'queued':
      return <span className="attachment-limits">{t.attachments.queued}</span>;
    case 'reading':
      return <Progress percent={item.percent} size="small" status="active" format={() => t.attachments.reading(item.percent)} />;
    case 'sending':
      return <Progress percent={100} size="small" status="active" format={() => t.attachments.sending} />;
    case 'added':
      return <span className="attachment-upload-added"><CheckCircleFilled /> {t.attachments.added}</span>;
    case 'refused':
      return null;
  }
}

/**
 * The files picked or dropped, each with its own state: waiting, being read (percent), being sent, added,
 * or not added with the reason under its name (the others go on).
 */
export function UploadList({ items, onRemove }: { items: readonly UploadItem[]; onRemove?(key: string): void }) {
  if (items.length === 0) return null;
  return (
    <ul className="attachment-uploads" data-testid="attachment-uploads">
      {items.map((item) => (
        <li key={item.key} data-testid="attachment-upload" data-state={item.state}>
          <div className="attachment-upload">
            <span className="attachment-upload-name" title={item.file.name}>{item.file.name}</span>
            <span className="attachment-upload-size">{formatSize(item.file.size)}</span>
            <span><Status item={item} /></span>
            <span>
              {onRemove && (item.state === 'queued' || item.state === 'refused') && (
                <Button size="small" type="link" onClick={() => onRemove(item.key)} data-testid="attachment-upload-remove">{t.attachments.remove}</Button>
              )}
            </span>
          </div>
          {item.state === 'refused' && item.message && (
            <div className="attachment-upload-refused" data-testid="attachment-upload-error"><CloseCircleFilled /> {t.attachments.notAdded(item.message)}</div>
          )}
        </li>
      ))}
    </ul>
  );
}
