'use client'
// One factory for the parts of every compound component: each part is an element (or, with
// `asChild`, the caller's element) with its class, the attributes its root's model gives it, the
// caller's props on top, and a default content. Shared so each part costs a few bytes, not a component.
import { type ElementType, forwardRef, type HTMLAttributes, type ReactNode, type Ref } from 'react'
import { type AsChildProps, contentOf, mergeProps, Slot } from './Slot.js'

/**
 * What a part puts on its element: attributes, its default content, and the element when the model
 * decides it (a heading's level, a link rather than a button); `null` renders nothing.
 */
export type PartOutput =
  | [attributes: Record<string, unknown>, content?: ReactNode, tag?: ElementType | undefined]
  | null

/**
 * A part: `use()` reads the root's model (throwing outside the root), `output` turns it into the
 * element's attributes and default content, or `null` to render nothing.
 */
export function createPart<M, E extends HTMLElement, P extends HTMLAttributes<E> = HTMLAttributes<E>>(
  name: string,
  tag: ElementType,
  className: string,
  use: (part: string) => M,
  output: (model: M, props: P) => PartOutput,
) {
  // Called once per part at module level, so each part is one stable component.
  // biome-ignore lint/correctness/noComponentHookFactories: a module-level factory, not a component made per render.
  const Part = forwardRef<E, P & AsChildProps>(function Part({ asChild, ...props }, ref: Ref<E>) {
    const out = output(use(name), props as unknown as P)
    if (out === null) return null
    const { children, ...rest } = props as HTMLAttributes<E>
    const Comp = asChild ? Slot : (out[2] ?? tag)
    return (
      <Comp ref={ref} {...mergeProps({ ...out[0], className }, rest)}>
        {contentOf(asChild, children, out[1])}
      </Comp>
    )
  })
  Part.displayName = name
  return Part
}
