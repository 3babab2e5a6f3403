import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Popconfirm, Space, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PATHS } from '../../app/paths';
import { useUser } from '../../app/session';
import { useApi } from '../../api/use-api';
import { passesLocalCheck } from '../../components/local-validation';
import { RegistrationForm } from '../../components/registration-form/registration-form';
import { registrationIssues } from '../../components/registration-form/validate';
import {
  fromDraft, newRegistrationValues, toDraft, toRegisterInput, type RegistrationValues,
} from '../../components/registration-form/values';
import { isDesktopApp, newCaseKeys } from '../../components/shortcuts';
import { useSaveShortcut } from '../../components/use-save-shortcut';
import { t } from '../../i18n/zh-CN';
import { reportOf } from '../../components/attachments/attachment-files';
import { afterNextFrame, clearDraft, draftId, draftWriter, loadDraft, saveDraft } from './draft-store';
import { PendingAttachments, type PendingAttachmentsHandle } from './pending-attachments';
import { loadRepeatChoice, RepeatPanel, repeatLookups, saveRepeatChoice, type RepeatChoice } from './repeat-panel';

/** 清除草稿 deletes what was typed for good: asked first. */
function ClearDraftButton({ onConfirm, size }: { onConfirm(): void; size?: 'small' }) {
  return (
    <Popconfirm
      title={t.form.clearDraftConfirm}
      description={t.form.clearDraftConfirmText}
      okText={t.common.confirm}
      cancelText={t.common.cancel}
      okButtonProps={{ danger: true, 'data-testid': 'clear-draft-confirm' } as ButtonProps}
      onConfirm={onConfirm}
    >
      <Button size={size} icon={size ? undefined : <DeleteOutlined />} data-testid="clear-draft">{t.form.clearDraft}</Button>
    </Popconfirm>
  );
}

/** 新登记: keyboard-first registration; Ctrl+S saves; the unfinished form survives as a draft. */
export default function NewCasePage() {
  const user = useUser();
  const { call, message } = useApi();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegistrationValues>();
  const [formKey, setFormKey] = useState(0);
  const [isSaving, setSaving] = useState(false);
  const saving = useRef(false);
  const keyRef = useRef<string | null>(null);
  // 附件 picked while typing: kept by the area itself (the form's fields do not render again per file)
  const attachments = useRef<PendingAttachmentsHandle>(null);
  const isMounted = useRef(true);
  useEffect(() => {
    isMounted.current = true;
    return () => void (isMounted.current = false);
  }, []);

  const draft = useMemo(() => loadDraft(localStorage, user.id), [user.id]);
  // The draft is written after each key's frame, not inside its input event; leaving the page writes what is pending.
  const writer = useMemo(() => draftWriter<RegistrationValues>((all) => saveDraft(localStorage, user.id, toDraft(all)), afterNextFrame), [user.id]);
  useEffect(() => {
    window.addEventListener('pagehide', writer.flush);
    return () => {
      window.removeEventListener('pagehide', writer.flush);
      writer.flush();
    };
  }, [writer]);
  const [isDraftRestored, setDraftRestored] = useState(draft !== null);
  const initialValues = useMemo(
    () => (draft && formKey === 0 ? { ...newRegistrationValues(user.id), ...fromDraft(draft) } : newRegistrationValues(user.id)),
    [draft, formKey, user.id],
  );
  // 重复件: the earlier case chosen in the panel beside the form, kept with the draft; sent as repeatOfId.
  const [repeatChoice, setRepeatChoiceState] = useState<RepeatChoice | null>(() => (draft ? loadRepeatChoice(localStorage, user.id) : null));
  const setRepeatChoice = useCallback((c: RepeatChoice | null) => {
    setRepeatChoiceState(c);
    saveRepeatChoice(localStorage, user.id, c);
  }, [user.id]);
  const watchedComplainants = Form.useWatch('complainants', form) ?? initialValues.complainants;
  const watchedReceivedAt = Form.useWatch('receivedAt', form) ?? initialValues.receivedAt;
  const isAnonymous = Form.useWatch('isAnonymous', form) ?? initialValues.isAnonymous;
  const lookups = useMemo(() => repeatLookups(watchedComplainants, watchedReceivedAt), [watchedComplainants, watchedReceivedAt]);

  async function submit(values: RegistrationValues) {
    if (saving.current) return;
    const input = toRegisterInput(values);
    // Every missing or wrong field at once, by the contract's own schema; the core checks again.
    const say = (text: string) => message.error({ content: text, key: 'new-case-check' });
    if (!passesLocalCheck(form, registrationIssues('cases/register', input), say)) return;
    message.destroy('new-case-check');
    saving.current = true;
    setSaving(true);
    // The draft's id makes pressing save again after a lost answer safe: the core returns the case it made.
    keyRef.current ??= draftId(localStorage, user.id);
    const repeatOfId = repeatChoice && !input.isAnonymous ? repeatChoice.id : undefined;
    const r = await call('cases/register', { ...input, draftId: keyRef.current, ...(repeatOfId ? { repeatOfId } : {}) }, { form });
    if (!r.ok) {
      saving.current = false;
      setSaving(false);
      return;
    }
    writer.cancel();
    clearDraft(localStorage, user.id);
    setRepeatChoice(null);
    keyRef.current = null;
    message.success({ content: t.form.savedAs(r.value.registerNo), duration: 5 });
    // The case is saved; then the files picked with it, one after another (each refused one is reported, none undoes the case).
    const pending = attachments.current;
    const ended = pending && pending.count() > 0 ? await pending.upload(r.value.id, r.value.registerNo) : null;
    saving.current = false;
    setSaving(false);
    if (!isMounted.current) return; // the clerk went elsewhere meanwhile: the files went on, the page does not pull them back
    navigate(PATHS.caseDetail(r.value.id), ended ? { state: { attachmentReport: reportOf(r.value.registerNo, ended) } } : undefined);
  }

  function discardDraft() {
    writer.cancel();
    clearDraft(localStorage, user.id);
    setRepeatChoice(null);
    keyRef.current = null;
    setDraftRestored(false);
    setFormKey((k) => k + 1); // remount with fresh defaults
    message.info(t.form.draftCleared);
  }

  // A remounted form keeps the values in its store (antd merges them over the new initial values): after
  // 清除草稿 the store is reset to the fresh defaults, or the cleared draft would stay on screen.
  useEffect(() => {
    if (formKey > 0) form.resetFields();
  }, [form, formKey]);

  useSaveShortcut(() => form.submit());

  return (
    <div style={{ maxWidth: 1440 }}>
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.form.newTitle}</Typography.Title>
        <Space>
          <Typography.Text type="secondary" data-testid="shortcuts-hint">{t.form.shortcutsHint(newCaseKeys(isDesktopApp()))}</Typography.Text>
          <ClearDraftButton onConfirm={discardDraft} />
          <Button type="primary" icon={<SaveOutlined />} loading={isSaving} onClick={() => form.submit()} data-testid="save-case" title={t.form.saveHint}>
            {t.form.submit}
          </Button>
        </Space>
      </div>
      {isDraftRestored && (
        <Alert
          type="info"
          showIcon
          title={t.form.draftRestored}
          action={<ClearDraftButton onConfirm={discardDraft} size="small" />}
          style={{ marginBottom: 12 }}
          data-testid="draft-restored"
        />
      )}
      <div className="new-case-layout">
        <Card size="small" className="new-case-form">
          <RegistrationForm
            key={formKey}
            form={form}
            mode="new"
            autoFocus
            initialValues={initialValues}
            onFinish={submit}
            onValuesChange={(_, all) => writer.schedule(all)}
          />
          <PendingAttachments ref={attachments} isDisabled={isSaving} />
          <Space>
            <Button type="primary" icon={<SaveOutlined />} loading={isSaving} onClick={() => form.submit()} title={t.form.saveHint}>
              {t.form.submit}
            </Button>
            <Typography.Text type="secondary">{t.form.saveHint}</Typography.Text>
          </Space>
        </Card>
        <RepeatPanel lookups={lookups} choice={repeatChoice} onChoose={setRepeatChoice} isAnonymous={isAnonymous} />
      </div>
    </div>
  );
}
