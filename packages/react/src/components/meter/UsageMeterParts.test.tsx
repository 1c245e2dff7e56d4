import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { TestEntitlementsProvider } from '../../testing/index.js'
import { UsageMeter } from '../UsageMeter.js'

describe('UsageMeter parts', () => {
  it('compose into your own markup; asChild puts props, ARIA and refs on your elements', async () => {
    const rootRef = createRef<HTMLDivElement>()
    const trackRef = createRef<HTMLDivElement>()
    const ownTrackRef = createRef<HTMLDivElement>()
    const labelRef = createRef<HTMLElement>()
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <UsageMeter.Root feature="seats" asChild ref={rootRef} className="mine" data-testid="root">
          <article>
            <UsageMeter.Label asChild ref={labelRef}>
              {/* biome-ignore lint/a11y/useHeadingContent: the label part fills it in */}
              <h3 />
            </UsageMeter.Label>
            <UsageMeter.Value className="value" />
            <UsageMeter.Track asChild ref={trackRef}>
              <div ref={ownTrackRef} className="my-bar">
                <UsageMeter.Indicator />
              </div>
            </UsageMeter.Track>
            <UsageMeter.Status />
          </article>
        </UsageMeter.Root>
      </TestEntitlementsProvider>,
    )
    const meter = await screen.findByRole('meter', { name: 'Seats' })
    const root = screen.getByTestId('root')
    expect(root.tagName).toBe('ARTICLE')
    expect(rootRef.current).toBe(root)
    expect(root).toHaveClass('entitle-meter', 'mine')
    expect(root).toHaveAttribute('data-state', 'exceeded')
    // The label is your heading, and it names the meter.
    expect(screen.getByRole('heading', { name: 'Seats' })).toBe(labelRef.current)
    // The meter is your element, with both refs and its class kept.
    expect(meter).toBe(trackRef.current)
    expect(meter).toBe(ownTrackRef.current)
    expect(meter).toHaveClass('entitle-meter__track', 'my-bar')
    expect(meter).toHaveAttribute('aria-valuetext', '3 of 3 seats')
    expect(meter).toHaveAccessibleDescription('Limit reached')
    expect(screen.getByText('3 of 3 seats')).toHaveClass('entitle-meter__value', 'value')
  })

  it('a part outside UsageMeter.Root fails saying where it belongs', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() =>
      render(
        <TestEntitlementsProvider>
          <UsageMeter.Label />
        </TestEntitlementsProvider>,
      ),
    ).toThrow('<UsageMeter.Label> must be inside <UsageMeter.Root>')
    vi.restoreAllMocks()
  })
})
