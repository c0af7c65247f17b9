/**
 * Where the walk is: the elements open at this point of the render, outermost first. render.ts
 * keeps it (every error names a path, whatever the validation mode); validate.ts reads it.
 *
 * Frames are reused from one render to the next at the same depth, so walking a tree allocates
 * nothing per element once the stack has grown to the tree's depth.
 */
import { formatPath, type PathSegment } from './errors.js'
import { type BuiltinElement, ELEMENT_SPEC } from './node.js'
import { type CheckedElement, definitionOf, type ElementSpec } from './schema.js'

/** One open element. Passed to the element's `check` as its {@link CheckedElement}. */
export class Frame implements CheckedElement<any> {
  spec!: ElementSpec
  props: any
  /** Definitions of the child elements so far, in order (counts, ranks, element rules). */
  readonly children: ElementSpec[] = []
  /** Where this element stands in its parent's `children`. */
  position = 0
  /** Characters of text inside, its descendants included. */
  textLength = 0
  /** Characters of text directly inside (not in child elements). */
  ownTextLength = 0
  /** The verb after which nothing more in this element runs. */
  terminatedBy: ElementSpec | undefined = undefined
  /** The user component this element was written in. */
  component: string | undefined = undefined

  get childCount(): number {
    return this.children.length
  }

  count(...elements: readonly BuiltinElement<any>[]): number {
    let n = 0
    for (const child of this.children) {
      for (const e of elements) if (e[ELEMENT_SPEC] === child) n++
    }
    return n
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

  enter(spec: ElementSpec, props: unknown): Frame {
    const parent = this.current
    let frame = this.frames[this.depth]
    if (frame === undefined) {
      frame = new Frame()
      this.frames.push(frame)
    }
    this.depth++
    frame.spec = spec
    frame.props = props
    frame.children.length = 0
    frame.textLength = 0
    frame.ownTextLength = 0
    frame.terminatedBy = undefined
    frame.component = this.component
    this.component = undefined
    if (parent !== undefined) {
      frame.position = parent.children.length
      parent.children.push(definitionOf(spec))
    } else {
      frame.position = 0
    }
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
      const spec = this.frames[d]!.spec.intrinsics?.(tag)
      if (spec !== undefined) return spec
    }
    return undefined
  }

  /** The open elements as path segments, outermost first. */
  segments(): PathSegment[] {
    const out: PathSegment[] = []
    for (let d = 0; d < this.depth; d++) {
      const frame = this.frames[d]!
      const tag = frame.spec.tag
      let index = 1
      if (d > 0) {
        const siblings = this.frames[d - 1]!.children
        for (let i = 0; i < frame.position; i++) if (siblings[i]!.tag === tag) index++
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
