import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;
// The source folder frontend/api/ is served at /api/*.ts in dev, so the proxy must leave module requests alone.
const API_PATHS = '^/api/(?!.*\\.tsx?(\\?|$))';

// The frontend lives in frontend/ and is served in production by Express from dist/frontend.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/frontend', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Screens are loaded as chunks of their own (App.tsx), but the styles stay one file loaded up front: screens
    // share classes across stylesheets (requests.css holds the crew pages' frame) and the cascade relies on one
    // order, so a stylesheet per chunk would change how a page looks depending on which screens were opened.
    cssCodeSplit: false,
  },
  server: {
    proxy: { [API_PATHS]: { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
