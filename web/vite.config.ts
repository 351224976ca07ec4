import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: {
    chunkSizeWarningLimit: 2500,
    // No manual chunks: every page is a lazy route (app/feature.ts `page`), and the bundler's own splitting gives
    // each page the antd components and charts it uses. A single antd chunk (and a charts chunk that pulled shared
    // helpers in with it) made every page — the citizen's survey on a phone too — download 1.5 MB it did not use.
  },
});
