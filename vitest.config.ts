import { defineConfig } from 'vitest/config'

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'twiml-jsx', throwIfNamespace: false } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
  },
})
