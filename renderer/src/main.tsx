import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from './app/providers';
import { Root } from './app/root';
import { preloadPages } from './app/routes';
// antd's prebuilt styles (theme.zeroRuntime in providers.tsx), before the app's own
import 'antd/dist/antd.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <Root />
    </Providers>
  </StrictMode>,
);

// The pages' chunks load while the sign-in page waits for its user (routes.tsx).
const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
idle(() => preloadPages());
