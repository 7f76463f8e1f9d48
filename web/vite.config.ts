import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // the bundle-size script reports gzipped sizes itself
    reportCompressedSize: false,
    manifest: true,
    // the budget that matters is the gzipped initial load, checked by scripts/bundle-size.mjs
    chunkSizeWarningLimit: 800,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
