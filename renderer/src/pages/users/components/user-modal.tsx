import { Form, Input, Select, Switch } from 'antd';
import { useDirectory } from '../../../app/directory';
import { ROLE_LABELS, ROLES, type UserInfo } from '../../../api/core';
import { RecordModal } from '../../../components/record-modal';
import { t } from '../../../i18n/zh-CN';

interface Props {
  /** null: a new user */
  user: UserInfo | null;
  onSaved(): void;
  onClose(): void;
}

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** New user (users/create) or edit (users/update, with an optional password reset). */
export function UserModal({ user, onSaved, onClose }: Props) {
  const { directory } = useDirectory();
  const staffOptions = directory.staff
    .filter((s) => s.active || s.id === user?.staffId)
    .map((s) => {
      const department = directory.departments.find((d) => d.id === s.departmentId)?.name;
      return { value: s.id, label: department ? `${s.name}（${department}）` : s.name };
    });
  const staffField = (
    <Form.Item name="staffId" label={t.users.staff} normalize={(v?: number) => v ?? null}>
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={staffOptions} />
    </Form.Item>
  );

  if (!user) {
    return (
      <RecordModal title={t.users.add} channel="users/create" initialValues={{ role: 'clerk', staffId: null }} onSaved={onSaved} onClose={onClose}>
        <Form.Item name="username" label={t.users.username} required><Input autoFocus autoComplete="off" maxLength={32} /></Form.Item>
        <Form.Item name="displayName" label={t.users.displayName} required><Input maxLength={50} /></Form.Item>
        <Form.Item name="password" label={t.users.password} required extra={t.setup.passwordHint}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="role" label={t.users.role} required><Select options={roleOptions} /></Form.Item>
        {staffField}
      </RecordModal>
    );
  }
  return (
    <RecordModal title={`${t.users.editTitle} · ${user.username}`} channel="users/update"
      initialValues={{ displayName: user.displayName, role: user.role, active: user.active, staffId: user.staffId }}
      fixed={{ id: user.id }} onSaved={onSaved} onClose={onClose}>
      <Form.Item name="displayName" label={t.users.displayName} required><Input autoFocus maxLength={50} /></Form.Item>
      <Form.Item name="role" label={t.users.role} required><Select options={roleOptions} /></Form.Item>
      {staffField}
      <Form.Item name="active" label={t.common.active} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item name="password" label={t.users.resetPassword} extra={t.users.resetPasswordHint}
        normalize={(v: string) => (v === '' ? undefined : v)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </RecordModal>
  );
}
