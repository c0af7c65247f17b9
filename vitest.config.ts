import { defineConfig } from 'vitest/config'

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'twiml-jsx', throwIfNamespace: false } },
  // `twiml-jsx/...` resolves to the TypeScript sources through tsconfig.json's paths (no build needed).
  resolve: { tsconfigPaths: true },
  test: {
    // Property and oracle tests run thousands of documents; on a loaded 2-core machine that can take
    // longer than vitest's 5 s default. Time is measured by `npm run bench`, never by a test.
    testTimeout: 60_000,
    include: ['test/**/*.test.{ts,tsx}', 'runtime-tests/**/*.test.ts'],
  },
})
