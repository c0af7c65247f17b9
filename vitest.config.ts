import { defineConfig } from 'vitest/config'

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'twiml-jsx', throwIfNamespace: false } },
  // `twiml-jsx/...` resolves to the TypeScript sources through tsconfig.json's paths (no build needed).
  resolve: { tsconfigPaths: true },
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'runtime-tests/**/*.test.ts'],
  },
})
