/**
 * What the runtime offers beyond Web APIs, found without importing anything. Node, Bun and Deno have
 * a Node-compatible `process` global (its `env`, and `getBuiltinModule()` from Node 20.16 on);
 * workerd and browsers have none. This module is the only place under src/ (the Node-only CLI aside)
 * that reads it, and every read is guarded, so on an edge runtime each lookup is simply `undefined`
 * and nothing Node-specific is ever imported (test/edge-safe.test.ts holds us to that).
 */

/** The parts of a Node-compatible `process` object we use. */
interface RuntimeProcess {
  readonly env?: { readonly [name: string]: string | undefined }
  getBuiltinModule?(id: string): unknown
}

function runtimeProcess(): RuntimeProcess | undefined {
  const candidate: unknown = (globalThis as { readonly process?: unknown }).process
  return typeof candidate === 'object' && candidate !== null ? (candidate as RuntimeProcess) : undefined
}

/**
 * An environment variable of the process (Node, Bun, Deno), or `undefined` where there is no
 * process environment (workerd) or reading it is not allowed (Deno without `--allow-env` throws).
 */
export function processEnv(name: string): string | undefined {
  try {
    const value = runtimeProcess()?.env?.[name]
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * A built-in module through the process object's `getBuiltinModule(id)` (Node ≥ 20.16, Bun, Deno), synchronously
 * and without a static import, or `undefined` where the runtime has no such function.
 */
export function builtinModule(id: string): unknown {
  try {
    const runtime = runtimeProcess()
    return typeof runtime?.getBuiltinModule === 'function' ? runtime.getBuiltinModule(id) : undefined
  } catch {
    return undefined
  }
}
