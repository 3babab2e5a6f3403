import { Button, Result, Spin } from 'antd';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { t } from '../i18n/zh-CN';
import LoginPage from '../pages/login';
import RecoveryPage from '../pages/recovery';
import SetupPage from '../pages/setup';
import { DirectoryProvider } from './directory';
import { AppLayout } from './layout';
import { ROUTES, homePath, mayOpenRoute } from './routes';
import { useSession, useUser } from './session';

/** Recovery, setup, login or the signed-in app, by session phase. The URL is kept across sign-in. */
export function Root() {
  const { phase } = useSession();
  if (phase === 'loading') return <Spin fullscreen description={t.common.loading} />;
  if (phase === 'recovery') return <RecoveryPage />;
  if (phase === 'setup') return <SetupPage />;
  if (phase === 'signedOut') return <LoginPage />;
  return (
    <DirectoryProvider>
      <SignedInRoutes />
    </DirectoryProvider>
  );
}

function SignedInRoutes() {
  const user = useUser();
  const home = homePath(user.role);
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to={home} replace />} />
        {ROUTES.map((r) => (
          <Route key={r.path} path={r.path} element={mayOpenRoute(r, user.role) ? <r.component /> : <Forbidden home={home} />} />
        ))}
        <Route path="*" element={<NotFound home={home} />} />
      </Route>
    </Routes>
  );
}

function Forbidden({ home }: { home: string }) {
  const navigate = useNavigate();
  return (
    <Result status="403" title={t.common.forbidden} extra={<Button onClick={() => navigate(home)}>{t.common.backHome}</Button>} />
  );
}

function NotFound({ home }: { home: string }) {
  const navigate = useNavigate();
  return <Result status="404" title={t.common.notFound} extra={<Button onClick={() => navigate(home)}>{t.common.backHome}</Button>} />;
}
