import type { Catalog, EntitlementEvent } from '@entitle/core'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, type ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { logpilotCatalog, type ScenarioName, TestEntitlementsProvider } from '../../testing/index.js'
import { Paywall } from '../Paywall.js'

function renderIn(
  ui: ReactNode,
  options: { scenario?: ScenarioName; catalog?: Catalog; onEvent?: (e: EntitlementEvent) => void } = {},
) {
  return render(
    <TestEntitlementsProvider scenario="over-hard-limit" {...options}>
      {ui}
    </TestEntitlementsProvider>,
  )
}

describe('Paywall parts', () => {
  it('compose into your own markup; asChild puts the parts’ props, ARIA and refs on your elements', async () => {
    const rootRef = createRef<HTMLElement>()
    const titleRef = createRef<HTMLHeadingElement>()
    const ownTitleRef = createRef<HTMLHeadingElement>()
    const listRef = createRef<HTMLUListElement>()
    const buttonRef = createRef<HTMLButtonElement>()
    // Without onUpgrade, the plan changes through the client (the in-memory backend).
    renderIn(
      <Paywall.Root feature="seats" asChild ref={rootRef} className="mine" data-testid="root">
        <article>
          <Paywall.Title asChild ref={titleRef}>
            {/* biome-ignore lint/a11y/useHeadingContent: the title part fills it in */}
            <h1 ref={ownTitleRef} className="my-title" />
          </Paywall.Title>
          <Paywall.Description />
          <Paywall.Offers asChild ref={listRef}>
            <ol className="my-list" />
          </Paywall.Offers>
          <Paywall.Offers>
            {(offer) => (
              <Paywall.Offer asChild>
                <li className="my-card" data-offer={offer.offer.id}>
                  <Paywall.OfferName asChild>
                    <strong />
                  </Paywall.OfferName>
                  <Paywall.Price className="my-price" />
                  {offer.isCheapest ? (
                    <Paywall.UpgradeButton asChild ref={buttonRef}>
                      <button type="button" className="my-button" />
                    </Paywall.UpgradeButton>
                  ) : (
                    <Paywall.UpgradeButton />
                  )}
                </li>
              </Paywall.Offer>
            )}
          </Paywall.Offers>
          <Paywall.Status />
        </article>
      </Paywall.Root>,
    )
    const title = await screen.findByRole('heading', { level: 1, name: 'You have reached your Seats limit' })
    const root = screen.getByTestId('root')
    // The root is your <article>: its class, state, reason, label and ref.
    expect(root.tagName).toBe('ARTICLE')
    expect(rootRef.current).toBe(root)
    expect(root).toHaveClass('entitle-paywall', 'mine')
    expect(root).toHaveAttribute('data-reason', 'limit-exceeded')
    expect(screen.getByRole('article', { name: 'You have reached your Seats limit' })).toBe(root)
    // The title is your <h1>, with both refs and both classes.
    expect(titleRef.current).toBe(title)
    expect(ownTitleRef.current).toBe(title)
    expect(title).toHaveClass('entitle-paywall__title', 'my-title')
    // asChild on the list: your <ol>, with the default cards (the current plan first).
    expect(listRef.current?.tagName).toBe('OL')
    expect(listRef.current).toHaveClass('entitle-paywall__offers', 'my-list')
    const defaults = within(listRef.current as HTMLElement).getAllByRole('listitem')
    expect(defaults.map((li) => li.textContent)).toEqual([
      'Current planBasicFree3 seats',
      'Lowest pricePremium$49.00 / month10 seatsUpgrade to Premium',
      'Enterprise$299.00 / monthUnlimited seatsUpgrade to EnterpriseStart 14-day free trial',
    ])
    // A function child renders your card per offer, inside that offer's context.
    const cards = document.querySelectorAll('.my-card')
    expect([...cards].map((c) => c.getAttribute('data-offer'))).toEqual(['premium', 'enterprise'])
    expect(cards[0]).toHaveClass('entitle-paywall__offer')
    expect(cards[0]).toHaveAttribute('data-highlighted')
    expect(cards[0]?.querySelector('strong')).toHaveTextContent('Premium')
    expect(cards[0]?.querySelector('.my-price')).toHaveClass('entitle-paywall__price')
    // The upgrade button is your <button>: its ref, classes, label and click.
    const button = buttonRef.current as HTMLButtonElement
    expect(button).toHaveClass('entitle-button', 'my-button')
    expect(button).toHaveAccessibleName('Upgrade to Premium')
    await userEvent.click(button)
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Done: you now have Seats.'))
  })

  it('your onClick runs first; event.preventDefault() there skips the upgrade', async () => {
    const onUpgrade = vi.fn(async () => {})
    const onClick = vi.fn((event: { preventDefault(): void }) => event.preventDefault())
    renderIn(
      <Paywall.Root feature="seats" onUpgrade={onUpgrade}>
        <Paywall.Offers>
          {() => (
            <Paywall.Offer>
              <Paywall.UpgradeButton onClick={onClick} />
            </Paywall.Offer>
          )}
        </Paywall.Offers>
      </Paywall.Root>,
    )
    await userEvent.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    expect(onClick).toHaveBeenCalledOnce()
    expect(onUpgrade).not.toHaveBeenCalled()
  })

  it('Contact sales with asChild: your element gets the link to the catalog’s contactUrl and the event', async () => {
    const events: EntitlementEvent[] = []
    const salesLed: Catalog = {
      ...logpilotCatalog,
      plans: logpilotCatalog.plans.map((p) =>
        p.id === 'enterprise'
          ? { ...p, price: null, contactUrl: 'mailto:sales@example.com' }
          : p.id === 'premium'
            ? { ...p, grants: { ...p.grants, seats: { ...p.grants.seats!, limit: 3 } } }
            : p,
      ),
    }
    const link = createRef<HTMLAnchorElement>()
    renderIn(
      <Paywall.Root feature="seats">
        <Paywall.Offers>
          {() => (
            <Paywall.Offer>
              <Paywall.ContactSalesButton asChild ref={link}>
                {/* biome-ignore lint/a11y: the part gives it its href and its text */}
                <a className="my-link" />
              </Paywall.ContactSalesButton>
            </Paywall.Offer>
          )}
        </Paywall.Offers>
      </Paywall.Root>,
      { catalog: salesLed, onEvent: (e) => events.push(e) },
    )
    const sales = await screen.findByRole('link', { name: 'Contact sales' })
    expect(link.current).toBe(sales)
    expect(sales).toHaveAttribute('href', 'mailto:sales@example.com')
    expect(sales).toHaveClass('entitle-button', 'my-link')
    sales.addEventListener('click', (e) => e.preventDefault()) // jsdom does not navigate; keep it quiet
    await userEvent.click(sales)
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'contact_sales_clicked', planId: 'enterprise' }),
    )
  })

  it('the render prop renders only what it returns, and the parts work inside it', async () => {
    renderIn(
      <Paywall feature="seats">
        {({ offers }) => (
          <div data-testid="mine">
            <Paywall.Title />
            <p>{offers.length} offers</p>
          </div>
        )}
      </Paywall>,
    )
    expect(
      await screen.findByRole('heading', { name: 'You have reached your Seats limit' }),
    ).toBeInTheDocument()
    expect(await screen.findByText('2 offers')).toBeInTheDocument()
    expect(document.querySelector('section')).toBeNull()
  })

  it('Header groups title and description; Message, Error and Confirmation show only when they apply', () => {
    renderIn(
      <Paywall.Root feature="seats">
        <Paywall.Header data-testid="header" />
        <Paywall.Message />
        <Paywall.Confirmation />
        <Paywall.Offers />
        <Paywall.Error className="my-error" />
      </Paywall.Root>,
      { scenario: 'loading' },
    )
    const header = screen.getByTestId('header')
    expect(header).toHaveClass('entitle-paywall__header')
    expect(within(header).getByRole('heading')).toBeInTheDocument()
    expect(screen.getByText('Loading plans…')).toHaveClass('entitle-paywall__message')
    expect(screen.queryByRole('list')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('an error is an alert from Paywall.Error', async () => {
    const onUpgrade = vi.fn(async () => {
      throw new Error('Card declined')
    })
    renderIn(
      <Paywall.Root feature="seats" onUpgrade={onUpgrade}>
        <Paywall.Offers />
        <Paywall.Error className="my-error" />
      </Paywall.Root>,
    )
    await userEvent.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The upgrade did not go through: Card declined')
    expect(alert).toHaveClass('entitle-paywall__message', 'my-error')
  })

  it('a part outside Paywall.Root, or an offer’s part outside an offer, fails saying where it belongs', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderIn(<Paywall.Title />)).toThrow('<Paywall.Title> must be inside <Paywall.Root>')
    expect(() =>
      renderIn(
        <Paywall.Root feature="seats">
          <Paywall.Price />
        </Paywall.Root>,
      ),
    ).toThrow('<Paywall.Price> must be inside <Paywall.Offer>')
    vi.restoreAllMocks()
  })
})
