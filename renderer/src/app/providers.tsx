import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { HashRouter } from 'react-router-dom';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

const THEME = {
  token: { fontSize: 14, borderRadius: 4 },
  components: { Table: { cellPaddingBlockSM: 6 } },
};

/**
 * antd in Chinese (zh_CN + dayjs zh-cn), App for message/notification/modal via App.useApp, the hash
 * router (works over file:// in Electron and over http) and the session.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <App message={{ maxCount: 3 }}>
        <HashRouter>
          <SessionProvider>{children}</SessionProvider>
        </HashRouter>
      </App>
    </ConfigProvider>
  );
}
