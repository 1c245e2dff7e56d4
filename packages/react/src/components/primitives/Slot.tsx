'use client'
// `asChild`: a part renders its child element instead of its own, merging its props onto it (the
// Radix way). Own code rather than @radix-ui/react-slot: this is all the parts need (one child, no
// `Slottable`), and it costs a fraction of the bytes.
import {
  Children,
  cloneElement,
  forwardRef,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  version,
} from 'react'

/** One ref callback that sets every ref given (callbacks called, objects assigned). */
export function composeRefs<T>(...refs: (Ref<T> | undefined)[]): (node: T | null) => void {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node)
      else if (ref) (ref as { current: T | null }).current = node
    }
  }
}

type AnyProps = Record<string, unknown>

/** The slot's (or a part's own) props under the child's (the caller's): handlers both run (the child's first), classes join, styles merge; otherwise the child wins. */
export function mergeProps(slot: AnyProps, child: AnyProps): AnyProps {
  const merged: AnyProps = { ...slot, ...child }
  for (const key in slot) {
    const a = slot[key]
    const b = child[key]
    if (/^on[A-Z]/.test(key) && typeof a === 'function' && typeof b === 'function')
      merged[key] = (...args: unknown[]) => {
        const result = b(...args)
        a(...args)
        return result
      }
    else if (key === 'style' && b) merged[key] = { ...(a as object), ...(b as object) }
    else if (key === 'className' && b) merged[key] = `${a} ${b}`
  }
  return merged
}

// React 19 keeps an element's ref in its props; React 18 on the element (reading it there in 19 warns).
const refInProps = Number.parseInt(version, 10) >= 19

export interface SlotProps extends HTMLAttributes<HTMLElement> {
  children?: ReactNode
}

/** Renders its only child with the slot's props and ref merged in. */
export const Slot = forwardRef<HTMLElement, SlotProps>(function Slot({ children, ...props }, ref) {
  const child = Children.only(children)
  if (!isValidElement(child)) return null
  const element = child as ReactElement<AnyProps> & { ref?: Ref<HTMLElement> }
  const childRef = (refInProps ? element.props.ref : element.ref) as Ref<HTMLElement> | undefined
  return cloneElement(element, {
    ...mergeProps(props as AnyProps, element.props),
    ref: ref ? composeRefs(ref, childRef) : childRef,
  })
})

/**
 * A part's content: its children, or its default content (the label, the value…). With `asChild` and
 * a child element that has no children of its own, the default content goes into that element.
 */
export function contentOf(asChild: boolean | undefined, children: ReactNode, fallback: ReactNode): ReactNode {
  if (!asChild) return children ?? fallback
  if (isValidElement(children) && (children.props as AnyProps).children === undefined)
    return cloneElement(children as ReactElement<AnyProps>, undefined, fallback)
  return children
}

/** The props every part takes besides its element's. */
export interface AsChildProps {
  /** Render the part's only child instead of its own element, with the part's props, ref and ARIA merged in. Default `false`. */
  asChild?: boolean
}
