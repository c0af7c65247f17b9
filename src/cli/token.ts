/**
 * Which auth token a command signs requests with, where the user gave none: the token the module's
 * app checks, as the module exports it. Shared by `dev`, `map` and `lint`, so they agree.
 */
import type { LoadedApp } from './load-app.js'

/** String exports that name the token a module's app checks signatures with, in the order tried. */
export const TOKEN_EXPORTS = ['DEV_AUTH_TOKEN', 'authToken'] as const

/** The first non-empty string the module exports under a {@link TOKEN_EXPORTS} name, and that name. */
export function exportedToken(
  loaded: LoadedApp,
): { readonly value: string; readonly name: (typeof TOKEN_EXPORTS)[number] } | undefined {
  for (const name of TOKEN_EXPORTS) {
    const value = loaded.module[name]
    if (typeof value === 'string' && value !== '') return { value, name }
  }
  return undefined
}
