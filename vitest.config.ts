import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';

// Unit and protocol tests live beside the code they pin down; browser tests
// (tests/e2e) need a production build and run through their own config.
export default defineConfig({
  // Docusaurus's alias for the site root, so modules that import through it can be tested.
  resolve: {alias: {'@site': fileURLToPath(new URL('.', import.meta.url))}},
  test: {
    include: [
      'src/**/*.test.ts',
      'packages/**/*.test.ts',
      'playground-server/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'scripts/**/*.test.ts',
      // Every client example and pattern file, run against a real playground-server.
      'tests/examples/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
