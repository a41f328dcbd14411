import {defineConfig} from 'vitest/config';

// Browser tests: one Chromium and one production server per file, files in
// series so two cores are not shared by several browsers.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
