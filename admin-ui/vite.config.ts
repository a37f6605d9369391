import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The gateway serves target/classes/webroot from the classpath under a strict Content-Security-Policy
// (script-src 'self'; style-src 'self'), so the build emits only files: no inline scripts or styles.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Small assets would otherwise become data: URLs; keep every asset a hashed file.
    assetsInlineLimit: 0,
    // For scripts/check-bundle-size.mjs, which removes it again.
    manifest: true,
  },
  server: {
    // `npm run dev` next to a running gateway: the API comes from it, the SPA from Vite.
    proxy: { '/api': 'http://localhost:8080', '/dev': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    globalSetup: ['src/test/globalSetup.ts'],
    // Screens load as lazy chunks and the simulator polls; on a 2-core machine shared by several builds that takes
    // longer than Vitest's default 5 s.
    testTimeout: 20_000,
    setupFiles: ['src/test/setup.ts'],
  },
});
