import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // exceljs's streamed-xlsx UTF-8 fix must be in place before any test file loads exceljs
    setupFiles: ['packages/api/src/lib/exceljs-utf8-fix.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
