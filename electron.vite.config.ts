import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { injectContentSecurityPolicy, metaContentSecurityPolicy } from './electron/core/content-security-policy';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          // The demo seeder generates stories in a worker thread; demo/bulk-writer.ts looks for it beside cli.js.
          'seed-worker': resolve(__dirname, 'electron/demo/seed-worker.ts'),
          // history/verify runs in worker threads; verify/verifier.ts looks for it beside the bundle too.
          'verify-worker': resolve(__dirname, 'electron/core/verify/verify-worker.ts'),
          // Papers render in worker threads; services/documents/render-pool.ts looks for it beside the bundle.
          'render-worker': resolve(__dirname, 'electron/core/services/documents/render-worker.ts'),
          // A register export runs in a worker thread; services/export/export-thread.ts looks for it beside the bundle.
          'export-worker': resolve(__dirname, 'electron/core/services/export/export-worker.ts'),
          // ... and writes the workbook in a second one (export-thread.ts writerSink), beside the bundle too.
          'export-writer-worker': resolve(__dirname, 'electron/core/services/export/export-writer-worker.ts'),
          // A backup copy is verified in a worker thread; services/backup/verify-copy.ts looks for it beside the bundle.
          'verify-copy-worker': resolve(__dirname, 'electron/core/services/backup/verify-copy-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
      // electron-vite leaves the renderer unminified by default (3.2 MB of JS to parse before the sign-in
      // page shows); minified, and the pages split into their own chunks (React.lazy in routes.tsx).
      minify: true,
      chunkSizeWarningLimit: 1500,
    },
    plugins: [
      react(),
      {
        // index.html's <meta> CSP is the adapters' policy, written in at build (and dev-server) time.
        name: 'content-security-policy',
        transformIndexHtml: {
          order: 'pre',
          handler: (html, ctx) => injectContentSecurityPolicy(html, metaContentSecurityPolicy(ctx.server !== undefined)),
        },
      },
    ],
  },
});
