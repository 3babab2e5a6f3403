import { DisconnectOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { mayCall, type CaseDetail, type CaseLinkView, type RepeatCandidate } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { PATHS } from '../../../app/paths';
import { useUser } from '../../../app/session';
import { growsWithText } from '../../../components/grow-text';
import { StatusTag } from '../../../components/status-tag';
import { t } from '../../../i18n/zh-CN';
import { lookupIdNumber, lookupPhone, mergeCandidates } from '../../new-case/repeat-panel';
import '../../new-case/repeat-panel.css';

interface Props {
  detail: CaseDetail;
  onChanged(next: CaseDetail): void;
}

const fmt = (at: string) => at.slice(0, 16);

function LinkLine({ link, testId }: { link: CaseLinkView; testId: string }) {
  return (
    <div className="repeat-link-line" data-testid={testId}>
      <Link to={PATHS.caseDetail(link.caseId)}><strong>{link.registerNo}</strong></Link>
      <Typography.Text type="secondary">{' '}{t.form.receivedAt} {fmt(link.receivedAt)} · {t.repeats.linkedBy(link.linkedBy, fmt(link.linkedAt))}</Typography.Text>
    </div>
  );
}

/**
 * 重复件 on the case page: the earlier case this one repeats and the later cases that repeat it (CaseDetail's
 * repeatOf / repeats, both ends of the same link), and for clerks and supervisors 标记为重复件 (picked from the
 * earlier cases of the complainants' phone or ID number) and 取消标记 with a reason.
 */
export function RepeatLinks({ detail, onChanged }: Props) {
  const user = useUser();
  const [dialog, setDialog] = useState<'link' | 'unlink' | null>(null);
  const repeats = detail.repeats ?? [];
  const repeatOf = detail.repeatOf ?? null;
  const mayChange = detail.status !== 'voided';
  const mayLink = mayChange && mayCall('cases/linkRepeat', user.role);
  const mayUnlink = mayChange && mayCall('cases/unlinkRepeat', user.role);
  if (!repeatOf && repeats.length === 0 && !mayLink) return null;

  return (
    <Card size="small" title={t.repeats.section} style={{ marginBottom: 12 }} data-testid="repeat-links"
      extra={!repeatOf && mayLink ? (
        <Button size="small" icon={<LinkOutlined />} onClick={() => setDialog('link')} data-testid="repeat-mark">{t.repeats.markAsRepeat}</Button>
      ) : undefined}>
      {repeatOf && (
        <div style={{ marginBottom: repeats.length ? 8 : 0 }}>
          <div className="repeat-link-head">
            <Typography.Text>{t.repeats.repeatOf}</Typography.Text>
            {mayUnlink && (
              <Button size="small" type="link" icon={<DisconnectOutlined />} onClick={() => setDialog('unlink')} data-testid="repeat-unlink">{t.repeats.unlink}</Button>
            )}
          </div>
          <LinkLine link={repeatOf} testId="repeat-of" />
        </div>
      )}
      {repeats.length > 0 && (
        <div>
          <Typography.Text>{t.repeats.repeatedBy}</Typography.Text>
          {repeats.map((r) => <LinkLine key={r.caseId} link={r} testId="repeated-by" />)}
        </div>
      )}
      {!repeatOf && repeats.length === 0 && <Typography.Text type="secondary">{t.repeats.noLinks}</Typography.Text>}
      {dialog === 'link' && <LinkDialog detail={detail} onDone={(next) => { setDialog(null); onChanged(next); }} onClose={() => setDialog(null)} />}
      {dialog === 'unlink' && <UnlinkDialog detail={detail} onDone={(next) => { setDialog(null); onChanged(next); }} onClose={() => setDialog(null)} />}
    </Card>
  );
}

/** 标记为重复件: the earlier cases of this case's complainants (as cases/repeatCandidates finds them), one picked. */
function LinkDialog({ detail, onDone, onClose }: { detail: CaseDetail; onDone(next: CaseDetail): void; onClose(): void }) {
  const { call, message } = useApi();
  const [candidates, setCandidates] = useState<RepeatCandidate[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [isSaving, setSaving] = useState(false);
  useEffect(() => {
    let live = true;
    // A masked phone (138****5678) is no number to look up: only what the user sees in full is asked about.
    const lookups = detail.complainants.flatMap((c) => {
      const phone = lookupPhone(c.phone);
      const idNumber = lookupIdNumber(c.idNumber);
      return [...(phone ? [{ phone }] : []), ...(idNumber ? [{ idNumber }] : [])];
    });
    void Promise.all(lookups.map((l) => call('cases/repeatCandidates', { ...l, before: detail.receivedAt.slice(0, 16) }))).then((results) => {
      if (live) setCandidates(mergeCandidates(results.flatMap((r) => (r.ok ? [r.value] : []))).filter((c) => c.id !== detail.id));
    });
    return () => void (live = false);
  }, [call, detail.complainants, detail.id, detail.receivedAt]);

  async function submit() {
    if (chosen === null) return;
    setSaving(true);
    const r = await call('cases/linkRepeat', { id: detail.id, version: detail.version, repeatOfId: chosen });
    setSaving(false);
    if (!r.ok) return;
    message.success(t.repeats.marked(r.value.repeatOf?.registerNo ?? ''));
    onDone(r.value);
  }

  return (
    <Modal open title={t.repeats.markTitle} okText={t.repeats.markOk} cancelText={t.common.cancel} confirmLoading={isSaving}
      okButtonProps={{ disabled: chosen === null, 'data-testid': 'repeat-mark-ok' } as ButtonProps} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {candidates === null ? (
        <Typography.Text type="secondary">{t.repeats.looking}</Typography.Text>
      ) : candidates.length === 0 ? (
        <Typography.Text type="secondary" data-testid="repeat-mark-none">{t.repeats.markNone}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t.repeats.markHint}</Typography.Paragraph>
          <ul className="repeat-list">
            {candidates.map((c) => (
              <li key={c.id} className={chosen === c.id ? 'repeat-item repeat-item-chosen' : 'repeat-item'}>
                <label className="repeat-item-pick" data-testid="repeat-mark-candidate">
                  <input type="radio" name="repeat-of" checked={chosen === c.id} onChange={() => setChosen(c.id)} />
                  <span className="repeat-item-head" style={{ flex: 1 }}><strong>{c.registerNo}</strong><StatusTag status={c.status} /></span>
                </label>
                <div className="repeat-item-meta">{fmt(c.receivedAt)} · {c.channel} · {c.caseType} · {c.complainantName || t.repeats.noName}</div>
                <div className="repeat-item-subject">{c.subject}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}

/** 取消标记: with a reason, kept with the link and on the timeline. */
function UnlinkDialog({ detail, onDone, onClose }: { detail: CaseDetail; onDone(next: CaseDetail): void; onClose(): void }) {
  const { call, message } = useApi();
  const [form] = Form.useForm<{ reason: string }>();
  const [isSaving, setSaving] = useState(false);
  async function submit({ reason }: { reason: string }) {
    setSaving(true);
    const r = await call('cases/unlinkRepeat', { id: detail.id, version: detail.version, reason: reason ?? '' }, { form });
    setSaving(false);
    if (!r.ok) return;
    message.success(t.repeats.unlinked);
    onDone(r.value);
  }
  return (
    <Modal open title={t.repeats.unlinkTitle} okText={t.common.confirm} cancelText={t.common.cancel} confirmLoading={isSaving}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} initialValues={{ reason: '' }}>
        <Form.Item name="reason" label={t.repeats.unlinkReason} required>
          <Input.TextArea style={growsWithText(2, 4)} autoFocus maxLength={500} data-testid="repeat-unlink-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
