import {defineConfig} from 'vitest/config';
import LongestFirst from './sequencer';

// Browser tests: one Chromium and one production server per file, two files
// at a time on two cores (see sequencer.ts).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    maxWorkers: 2,
    minWorkers: 1,
    sequence: {sequencer: LongestFirst},
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
