import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { composeRefs, Slot } from './Slot.js'

describe('Slot', () => {
  it('renders its child with the slot props merged: classes joined, styles merged, both handlers run', async () => {
    const slotClick = vi.fn()
    const childClick = vi.fn()
    render(
      <Slot className="slot" style={{ color: 'red' }} onClick={slotClick} aria-label="from slot" title="slot">
        <button type="button" className="child" style={{ margin: 1 }} onClick={childClick} title="child">
          Go
        </button>
      </Slot>,
    )
    const button = screen.getByRole('button', { name: 'from slot' })
    expect(button).toHaveClass('slot', 'child')
    expect(button).toHaveStyle({ color: 'rgb(255, 0, 0)', margin: '1px' })
    expect(button).toHaveAttribute('title', 'child') // the child wins on plain props
    await userEvent.click(button)
    expect(childClick).toHaveBeenCalledOnce()
    expect(slotClick).toHaveBeenCalledOnce()
  })

  it("gives the element to both the slot's ref and the child's own", () => {
    const slotRef = createRef<HTMLElement>()
    const childRef = createRef<HTMLAnchorElement>()
    render(
      <Slot ref={slotRef}>
        <a ref={childRef} href="#pricing">
          Pricing
        </a>
      </Slot>,
    )
    const link = screen.getByRole('link', { name: 'Pricing' })
    expect(slotRef.current).toBe(link)
    expect(childRef.current).toBe(link)
  })

  it('composeRefs sets callback and object refs alike', () => {
    const calls: unknown[] = []
    const object = { current: null as string | null }
    composeRefs<string>((v) => {
      calls.push(v)
    }, object)('node')
    expect(calls).toEqual(['node'])
    expect(object.current).toBe('node')
  })
})
