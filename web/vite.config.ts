import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev:web` proxies the API to a running `parley serve` (PARLEY_DEV_API, default :3000).
const apiTarget = process.env.PARLEY_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: process.env.PARLEY_WEB_OUT_DIR ?? `${root}dist`,
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, ws: true },
    },
  },
});
