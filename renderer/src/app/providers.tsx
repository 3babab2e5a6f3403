import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { HashRouter } from 'react-router-dom';
import { NavigateProvider } from './navigation';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

/**
 * antd's styles come from its prebuilt antd/dist/antd.css (imported in main.tsx) instead of being generated
 * in the browser: `zeroRuntime` skips antd's CSS-in-JS, which a profile of the register found on every
 * row of every page flip (style hooks per component instance) and, the first time each component shows,
 * serialising and inserting its styles. The seed tokens still apply (antd writes them once as CSS
 * variables); component tokens do not, so those few live in styles.css.
 */
const THEME = {
  // motion: false — dialogs, pickers and menus appear at once instead of zooming and sliding in for 0.2–0.3 s.
  // A clerk opens dozens an hour, and a click during the animation could be lost: the e2e specs saw a confirm's
  // OK, a dialog's close button and a date picker's day ignored while they were still animating in (CI, twice).
  token: { fontSize: 14, borderRadius: 4, motion: false },
  hashed: false,
  zeroRuntime: true,
};

/**
 * antd in Chinese (zh_CN + dayjs zh-cn), App for message/notification/modal via App.useApp, the hash
 * router (works over file:// in Electron and over http) and the session.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <App message={{ maxCount: 3 }}>
        {/* Navigations render at once instead of in a transition: a trace of opening the register found React
            time-slicing the new page over several tasks and frames (each drawing the old page again) before
            the page's request could leave; rendered in one go, its request leaves right after the commit. */}
        <HashRouter useTransitions={false}>
          <NavigateProvider>
            <SessionProvider>{children}</SessionProvider>
          </NavigateProvider>
        </HashRouter>
      </App>
    </ConfigProvider>
  );
}
