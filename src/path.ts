/**
 * Where the walk is: the elements open at this point of the render, outermost first. render.ts
 * keeps it (every error names a path, whatever the validation mode); validate.ts reads it.
 *
 * Frames are reused from one render to the next at the same depth, so walking a tree allocates
 * nothing per element once the stack has grown to the tree's depth.
 */
import { formatPath, type PathSegment } from './errors.js'
import type { Plan } from './plan.js'
import type { CheckedElement, ElementSpec } from './schema.js'

/** One open element. Passed to the element's `check` as its {@link CheckedElement}. */
export class Frame implements CheckedElement<any> {
  plan!: Plan
  props: any
  /** Definitions of the child elements so far (the first `childCount` entries; later ones are stale). */
  private readonly children: ElementSpec[] = []
  childCount = 0
  /** Where this element stands among its parent's children. */
  position = 0
  /** Characters of text inside, its descendants included. */
  textLength = 0
  /** Characters of text directly inside (not in child elements). */
  ownTextLength = 0
  /** The verb after which nothing more in this element runs. */
  terminatedBy: ElementSpec | undefined = undefined
  /** The user component this element was written in. */
  component: string | undefined = undefined

  get spec(): ElementSpec {
    return this.plan.spec
  }

  /** Appends a child's definition; answers its position. */
  add(definition: ElementSpec): number {
    this.children[this.childCount] = definition
    return this.childCount++
  }

  /** The definition of the child at `i`. */
  child(i: number): ElementSpec {
    return this.children[i]!
  }
}

export class Walk {
  private readonly frames: Frame[] = []
  /** Number of open elements. */
  depth = 0
  /** The user component whose output is being rendered (outside any element it wrote). */
  component: string | undefined = undefined

  /** The innermost open element. */
  get current(): Frame | undefined {
    return this.depth === 0 ? undefined : this.frames[this.depth - 1]
  }

  /** The parent of the innermost open element. */
  get parent(): Frame | undefined {
    return this.depth < 2 ? undefined : this.frames[this.depth - 2]
  }

  enter(plan: Plan, props: unknown): Frame {
    const parent = this.depth === 0 ? undefined : this.frames[this.depth - 1]
    let frame = this.frames[this.depth]
    if (frame === undefined) {
      frame = new Frame()
      this.frames.push(frame)
    }
    this.depth++
    frame.plan = plan
    frame.props = props
    frame.childCount = 0
    frame.textLength = 0
    frame.ownTextLength = 0
    frame.terminatedBy = undefined
    frame.component = this.component
    this.component = undefined
    frame.position = parent === undefined ? 0 : parent.add(plan.definition)
    return frame
  }

  exit(): void {
    const frame = this.frames[--this.depth]!
    this.component = frame.component
    frame.props = undefined
  }

  /** The spec a lowercase tag stands for here: the innermost open element that knows it decides. */
  intrinsic(tag: string): ElementSpec | undefined {
    for (let d = this.depth - 1; d >= 0; d--) {
      const spec = this.frames[d]!.plan.spec.intrinsics?.(tag)
      if (spec !== undefined) return spec
    }
    return undefined
  }

  /** The open elements as path segments, outermost first. */
  segments(): PathSegment[] {
    const out: PathSegment[] = []
    for (let d = 0; d < this.depth; d++) {
      const frame = this.frames[d]!
      const tag = frame.plan.tag
      let index = 1
      if (d > 0) {
        const parent = this.frames[d - 1]!
        for (let i = 0; i < frame.position; i++) if (parent.child(i).tag === tag) index++
      }
      out.push(frame.component === undefined ? { tag, index } : { tag, index, component: frame.component })
    }
    return out
  }

  /** `Response > Dial > Sip[2]`, or `(root)` outside any element. */
  path(segments: readonly PathSegment[] = this.segments()): string {
    return segments.length === 0 ? '(root)' : formatPath(segments)
  }

  /** Forgets everything but the reusable frames (the walk may be reused after an error). */
  reset(): void {
    for (let d = 0; d < this.depth; d++) this.frames[d]!.props = undefined
    this.depth = 0
    this.component = undefined
  }
}
