import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The chat web app, built to dist/web (WEB_APP_DIR) that the API serves at `/`.
// `npm run dev:web` proxies the API on :3000 for development.
export default defineConfig({
  root,
  base: '/',
  resolve: {
    alias: { '@app/client': fileURLToPath(new URL('../../libs/client/index.ts', import.meta.url)) },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // One chunk of ~500 KB (~150 KB gzipped); the browser tests hold it under 300 KB gzipped.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
