import { KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { invoke } from '../api/client';
import { ROLE_LABELS, mayCall } from '../api/core';
import { useApi } from '../api/use-api';
import { t } from '../i18n/zh-CN';
import { ChangePasswordModal } from './change-password-modal';
import { useAppNavigate } from './navigation';
import { VerifyModal } from './verify-modal';
import { useSession, useUser } from './session';

export function OfficeTitle() {
  const { officeName } = useSession();
  return (
    <div className="app-title" data-testid="office-name">
      <span className="app-title-name">{t.common.appName}</span>
      {officeName && <span className="app-title-office">{officeName}</span>}
    </div>
  );
}

/** 审计核验 for the roles the core lets verify; 修改密码; 退出. */
export function UserControls() {
  const user = useUser();
  const { signedOut } = useSession();
  const navigate = useAppNavigate();
  const { message } = useApi();
  const [isChangingPassword, setChangingPassword] = useState(false);
  const [isVerifying, setVerifying] = useState(false);

  async function signOut() {
    await invoke('auth/signOut', {});
    message.success(t.header.signedOut);
    navigate('/', { replace: true }); // the next person starts on their own home page
    signedOut();
  }

  return (
    <Space size={4} className="app-user">
      {mayCall('history/verify', user.role) && (
        <Tooltip title={t.header.verifyHint}>
          <Button type="text" className="app-header-button" icon={<SafetyCertificateOutlined />} onClick={() => setVerifying(true)}>
            {t.header.verify}
          </Button>
        </Tooltip>
      )}
      <span className="app-user-name" data-testid="current-user">
        <UserOutlined /> {user.displayName}
        <Tag className="app-role-tag" color="blue" variant="filled">{ROLE_LABELS[user.role]}</Tag>
      </span>
      <Button type="text" className="app-header-button" icon={<KeyOutlined />} onClick={() => setChangingPassword(true)}>
        {t.header.changePassword}
      </Button>
      <Button type="text" className="app-header-button" icon={<LogoutOutlined />} onClick={signOut}>
        {t.header.signOut}
      </Button>
      <ChangePasswordModal open={isChangingPassword} onClose={() => setChangingPassword(false)} />
      {mayCall('history/verify', user.role) && <VerifyModal open={isVerifying} onClose={() => setVerifying(false)} />}
    </Space>
  );
}
