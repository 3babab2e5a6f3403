import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useDirectory } from '../../app/directory';
import { ROLE_LABELS, type UserInfo } from '../../api/core';
import { useApi } from '../../api/use-api';
import { useLoad } from '../../api/use-load';
import { t } from '../../i18n/zh-CN';
import { UserModal } from './components/user-modal';

/**
 * 用户 (admin): accounts, roles, activation, password resets, and lifting a sign-in lock left by wrong
 * passwords (the user phoned the admin rather than wait). Users are deactivated, never deleted.
 */
export default function UsersPage() {
  const { call, message } = useApi();
  const { directory, reload: reloadDirectory } = useDirectory();
  const { data: users, isLoading, reload: load } = useLoad('users/list', {});
  const [editing, setEditing] = useState<UserInfo | 'new' | null>(null);

  const unlock = useCallback(async (u: UserInfo) => {
    const r = await call('users/unlock', { id: u.id });
    if (!r.ok) return;
    message.success(t.users.unlocked(u.displayName));
    void load();
  }, [call, message, load]);

  const staffName = (id: number | null) => (id === null ? t.common.none : directory.staff.find((s) => s.id === id)?.name ?? `#${id}`);

  return (
    <div>
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.users.title}</Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={load} loading={isLoading} aria-label={t.common.refresh} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t.users.add}</Button>
        </Space>
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<UserInfo>
          size="small" rowKey="id" loading={isLoading} dataSource={users ?? []} pagination={false} data-testid="users-table"
          columns={[
            { key: 'username', title: t.users.username, dataIndex: 'username', width: 160 },
            { key: 'displayName', title: t.users.displayName, dataIndex: 'displayName', width: 140 },
            { key: 'role', title: t.users.role, dataIndex: 'role', width: 100, render: (_, u) => <Tag color="blue">{ROLE_LABELS[u.role]}</Tag> },
            { key: 'staff', title: t.users.staff, render: (_, u) => staffName(u.staffId) },
            { key: 'active', title: t.common.status, width: 220,
              render: (_, u) => (
                <Space size={4}>
                  {u.active ? <Tag color="green">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>}
                  {u.lockedUntil && (
                    <Tooltip title={t.users.lockedHint}>
                      <Tag color="red" data-testid={`locked-${u.username}`}>{t.users.lockedUntil(u.lockedUntil.slice(0, 16))}</Tag>
                    </Tooltip>
                  )}
                </Space>
              ) },
            { key: 'createdAt', title: t.users.createdAt, dataIndex: 'createdAt', width: 150, render: (v: string) => v.slice(0, 16) },
            { key: 'edit', width: 110, render: (_, u) => (
              <Space size={12}>
                <Typography.Link onClick={() => setEditing(u)}>{t.common.edit}</Typography.Link>
                {u.lockedUntil && <Typography.Link onClick={() => void unlock(u)} data-testid={`unlock-${u.username}`}>{t.users.unlock}</Typography.Link>}
              </Space>
            ) },
          ]}
        />
      </Card>
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            void load();
            void reloadDirectory(); // 首问责任人 lists come from the directory's users
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
