import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PATHS } from '../../app/routes';
import { useUser } from '../../app/session';
import { useApi } from '../../api/use-api';
import { RegistrationForm } from '../../components/registration-form/registration-form';
import {
  fromDraft, newRegistrationValues, toDraft, toRegisterInput, type RegistrationValues,
} from '../../components/registration-form/values';
import { t } from '../../i18n/zh-CN';
import { clearDraft, draftId, loadDraft, saveDraft } from './draft-store';
import { useSaveShortcut } from '../../components/use-save-shortcut';

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

  const draft = useMemo(() => loadDraft(localStorage, user.id), [user.id]);
  const [isDraftRestored, setDraftRestored] = useState(draft !== null);
  const initialValues = useMemo(
    () => (draft && formKey === 0 ? { ...newRegistrationValues(user.id), ...fromDraft(draft) } : newRegistrationValues(user.id)),
    [draft, formKey, user.id],
  );

  async function submit(values: RegistrationValues) {
    if (saving.current) return;
    saving.current = true;
    setSaving(true);
    // The draft's id makes pressing save again after a lost answer safe: the core returns the case it made.
    keyRef.current ??= draftId(localStorage, user.id);
    const r = await call('cases/register', { ...toRegisterInput(values), draftId: keyRef.current }, { form });
    saving.current = false;
    setSaving(false);
    if (!r.ok) return;
    clearDraft(localStorage, user.id);
    keyRef.current = null;
    message.success({ content: t.form.savedAs(r.value.registerNo), duration: 5 });
    navigate(PATHS.caseDetail(r.value.id));
  }

  function discardDraft() {
    clearDraft(localStorage, user.id);
    keyRef.current = null;
    setDraftRestored(false);
    setFormKey((k) => k + 1); // remount with fresh defaults
    message.info(t.form.draftCleared);
  }

  useSaveShortcut(() => form.submit());

  return (
    <div style={{ maxWidth: 1100 }}>
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.form.newTitle}</Typography.Title>
        <Space>
          <Typography.Text type="secondary">{t.form.saveHint}</Typography.Text>
          <Button icon={<DeleteOutlined />} onClick={discardDraft}>{t.form.clearDraft}</Button>
          <Button type="primary" icon={<SaveOutlined />} loading={isSaving} onClick={() => form.submit()} data-testid="save-case">
            {t.form.submit}
          </Button>
        </Space>
      </div>
      {isDraftRestored && (
        <Alert
          type="info"
          showIcon
          title={t.form.draftRestored}
          action={<Button size="small" onClick={discardDraft}>{t.form.clearDraft}</Button>}
          style={{ marginBottom: 12 }}
          data-testid="draft-restored"
        />
      )}
      <Card size="small">
        <RegistrationForm
          key={formKey}
          form={form}
          mode="new"
          autoFocus
          initialValues={initialValues}
          onFinish={submit}
          onValuesChange={(_, all) => saveDraft(localStorage, user.id, toDraft(all))}
        />
        <Button type="primary" icon={<SaveOutlined />} loading={isSaving} onClick={() => form.submit()}>
          {t.form.submit}
        </Button>
      </Card>
    </div>
  );
}
