import type { Catalog } from '@entitle/core'
import { rememberCheckout } from '@entitle/core/checkout'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor } from 'storybook/test'
import { logpilotCatalog } from '../testing/logpilotCatalog.js'
import { createTestSnapshot } from '../testing/snapshots.js'
import { Paywall, type PaywallProps } from './Paywall.js'

const never = () => new Promise<never>(() => {})

const meta = {
  title: 'Components/Paywall',
  component: Paywall,
  // Without `onUpgrade` the paywall changes the plan through the client (here the in-memory backend).
  args: { feature: 'ai-assistant', style: { maxInlineSize: '46rem' } },
  parameters: { entitle: { scenario: 'over-hard-limit' } },
} satisfies Meta<typeof Paywall>

export default meta
type Story = StoryObj<typeof meta>

/** Basic has no AI assistant: the plan that has it is offered. */
export const NotEntitled: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'AI assistant is not included in your plan' }),
    ).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Upgrade to Enterprise' })).toBeVisible()
    const current = canvas.getByText('Current plan').closest('li')
    await expect(current).toHaveTextContent('BasicFreeNot included')
    await expect(canvas.getAllByText('Includes AI assistant')[0]).toBeVisible()
  },
}

/** Seats 3 of 3 on Basic, inviting one more: Premium (10 seats) is the cheapest way, highlighted; Enterprise too. */
export const HardLimitReached: Story = {
  args: { feature: 'seats', requested: 1 },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'You have reached your Seats limit' }),
    ).toBeVisible()
    await expect(canvas.getByText(/You have used 3 of 3 seats/)).toBeVisible()
    const offers = canvas.getAllByRole('listitem')
    const premium = offers.find((li) => li.textContent?.includes('Premium'))
    await expect(premium).toHaveAttribute('data-highlighted')
    await expect(premium).toHaveTextContent('Lowest price')
    await expect(premium).toHaveTextContent('$49.00 / month')
    await expect(premium).toHaveTextContent('10 seats')
  },
}

/** Over a soft limit (52,300 of 50,000 API calls on Premium): still allowed; the paywall upsells. */
export const SoftLimitExceeded: Story = {
  args: { feature: 'api-calls', requested: 0 },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'You are over your API calls limit' }),
    ).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Upgrade to Enterprise' })).toBeVisible()
  },
}

/** The Enterprise trial ended: the AI assistant is gone until the customer picks a plan. */
export const TrialEnded: Story = {
  parameters: { entitle: { scenario: 'trial-expired' } },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'Your trial of AI assistant has ended' }),
    ).toBeVisible()
  },
}

/** No decision or catalog yet. */
export const Loading: Story = {
  parameters: { entitle: { scenario: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Loading plans…')).toBeVisible()
  },
}

/** While `onUpgrade` runs: the chosen button says so, every button ignores clicks, focus stays put. */
export const Pending: Story = {
  args: { feature: 'seats', onUpgrade: fn(never) },
  play: async ({ canvas, userEvent, args }) => {
    const premium = await canvas.findByRole('button', { name: 'Upgrade to Premium' })
    await userEvent.click(premium)
    await expect(await canvas.findByRole('button', { name: 'Upgrading…' })).toHaveFocus()
    await expect(canvas.getByRole('button', { name: 'Upgrade to Enterprise' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Upgrade to Enterprise' }))
    await expect(args.onUpgrade).toHaveBeenCalledTimes(1)
  },
}

/** `onUpgrade` rejected: its message is shown as an alert and the offers can be tried again. */
export const UpgradeFailed: Story = {
  args: { feature: 'seats', onUpgrade: fn(async () => Promise.reject(new Error('Your card was declined.'))) },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Premium' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'The upgrade did not go through: Your card was declined.',
    )
    await expect(canvas.getByRole('button', { name: 'Upgrade to Premium' })).not.toHaveAttribute(
      'aria-disabled',
    )
  },
}

/** A standalone paywall once the upgrade's entitlement arrived (inside a `<Gate>`, the gated content replaces it). */
export const Upgraded: Story = {
  args: { feature: 'seats', onUpgraded: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Premium' }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Done: you now have Seats.'))
    await expect(args.onUpgraded).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
  },
}

/** Premium customers get add-ons too: "+5 seats" on top of their plan, cheaper than Enterprise. */
export const WithAddon: Story = {
  args: { feature: 'seats', requested: 4 },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Add +5 seats' })).toBeVisible()
  },
}

/** The service is down and nothing is cached: a fallback denied it, so the paywall does not claim the plan lacks it. */
export const OutageFallback: Story = {
  args: { feature: 'seats' },
  parameters: { entitle: { scenario: 'outage' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'seats is unavailable right now' })).toBeVisible()
    await expect(await canvas.findByText(/Plans cannot be loaded right now/)).toBeVisible()
  },
}

/** Enterprise has a 14-day trial: a secondary "Start 14-day free trial" beside its upgrade. It starts the trial. */
export const StartTrial: Story = {
  args: { onUpgraded: fn() },
  play: async ({ canvas, userEvent, args }) => {
    const trial = await canvas.findByRole('button', { name: 'Start 14-day free trial' })
    await expect(canvas.getByRole('button', { name: 'Upgrade to Enterprise' })).toBeVisible()
    await userEvent.click(trial)
    await waitFor(() =>
      expect(args.onUpgraded).toHaveBeenCalledWith(expect.objectContaining({ id: 'enterprise' })),
    )
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Done: you now have AI assistant.'),
    )
  },
}

/** While the trial starts: its button says so; every button waits. */
export const TrialPending: Story = {
  args: { onStartTrial: fn(never) },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Start 14-day free trial' }))
    await expect(await canvas.findByRole('button', { name: 'Starting trial…' })).toHaveFocus()
    await expect(canvas.getByRole('button', { name: 'Upgrade to Enterprise' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
  },
}

/** The Enterprise trial was used before: the server answers 409 `trial_already_used`, and the paywall says so. */
export const TrialAlreadyUsed: Story = {
  parameters: { entitle: { scenario: 'trial-expired', trialsUsed: ['enterprise'] } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Start 14-day free trial' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'You have already used your free trial of Enterprise.',
    )
  },
}

/** Dark theme: the trial button and the "already used" message. */
export const TrialAlreadyUsedDark: Story = {
  ...TrialAlreadyUsed,
  parameters: { ...TrialAlreadyUsed.parameters, theme: 'dark' },
}

/** `showTrials={false}`: upgrades only. */
export const TrialsHidden: Story = {
  args: { showTrials: false },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Upgrade to Enterprise' })).toBeVisible()
    await expect(canvas.queryByRole('button', { name: /free trial/ })).toBeNull()
  },
}

const hostile: Catalog = {
  ...logpilotCatalog,
  plans: logpilotCatalog.plans.map((plan) =>
    plan.id === 'premium'
      ? { ...plan, name: '<img src=x onerror=alert(1)>', description: '<script>alert("pwned")</script>' }
      : plan,
  ),
}

/** Server text is text: a plan named `<img src=x onerror=alert(1)>` shows literally. */
export const ServerTextIsText: Story = {
  args: { feature: 'seats' },
  parameters: { entitle: { scenario: 'over-hard-limit', catalog: hostile } },
  play: async ({ canvasElement, canvas }) => {
    await expect(await canvas.findByRole('heading', { name: '<img src=x onerror=alert(1)>' })).toBeVisible()
    await expect(canvas.getByText('<script>alert("pwned")</script>')).toBeVisible()
    await expect(canvasElement.querySelector('img, script')).toBeNull()
  },
}

const verbose: Catalog = {
  ...logpilotCatalog,
  features: logpilotCatalog.features.map((f) =>
    f.id === 'seats'
      ? { ...f, name: 'Named collaborator seats with audit-log access', unit: 'collaborator seat' }
      : f,
  ),
  plans: logpilotCatalog.plans.map((plan) =>
    plan.id === 'premium'
      ? {
          ...plan,
          name: 'Premium Professional Plus for Growing Engineering Organisations',
          description:
            'Everything in Basic, with ten named seats, fourteen days of retention, premium support with a four-hour response time and API access.',
        }
      : plan,
  ),
}

/** Long names and descriptions wrap; buttons stay aligned at the bottom of each card. */
export const LongText: Story = {
  args: { feature: 'seats' },
  parameters: { entitle: { scenario: 'over-hard-limit', catalog: verbose } },
}

/** Right to left, in Hebrew: strings through `messages`, prices through Intl with the `he-IL` locale. */
export const RightToLeft: Story = {
  args: {
    feature: 'seats',
    locale: 'he-IL',
    messages: {
      paywallTitle: () => 'הגעת למגבלת המושבים',
      paywallDescription: (_r, _f, usage) => `שדרגו כדי לקבל עוד. בשימוש: ${usage ?? ''}`,
      usage: ({ usage, limit }) => `${usage} מתוך ${limit}`,
      upgradeTo: (name) => `שדרוג ל-${name}`,
      currentPlan: 'התוכנית הנוכחית',
      cheapest: 'המחיר הנמוך ביותר',
      grants: (limit) => (limit === null ? 'מושבים ללא הגבלה' : `${limit} מושבים`),
      price: (amount) => `${amount} לחודש`,
      startTrial: (days) => `ניסיון חינם של ${days} ימים`,
    },
  },
  parameters: { entitle: { scenario: 'over-hard-limit' }, dir: 'rtl', lang: 'he' },
}

/** Dark theme. */
export const Dark: Story = {
  args: { feature: 'seats' },
  parameters: { entitle: { scenario: 'over-hard-limit' }, theme: 'dark' },
}

/** Headless: the render prop gets the reason, texts, offers and an `upgrade` function. */
export const Headless: Story = {
  args: {
    feature: 'seats',
    children: ({ title, offers, upgrade, status }) => (
      <div>
        <p>
          {title} ({status})
        </p>
        {offers.map((o) => (
          <button key={o.offer.id} type="button" onClick={() => void upgrade(o.offer)}>
            {o.action}, {o.price}
          </button>
        ))}
      </div>
    ),
  },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('button', { name: 'Upgrade to Premium, $49.00 / month' }),
    ).toBeVisible()
  },
}

/** Unknown to the catalog: explained, nothing to buy, no crash. */
export const UnknownFeature: Story = {
  args: { feature: 'teleportation' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/No plan includes teleportation/)).toBeVisible()
  },
}

/** A customer without a plan: the plans that unlock the feature, none marked current. */
export const NoPlanYet: Story = {
  args: { feature: 'api-access' },
  parameters: {
    entitle: { snapshot: { ...createTestSnapshot({ plan: 'basic' }), plan: null } },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Upgrade to Premium' })).toBeVisible()
    await expect(canvas.queryByText('Current plan')).toBeNull()
  },
}

// ── Upgrade flows (issue 11) ──────────────────────────────────────────────

/** The cheapest path: on Basic, Premium + the AI add-on ($68/month) comes before Enterprise ($299). */
export const PlanWithAddon: Story = {
  play: async ({ canvas }) => {
    const combo = await canvas.findByRole('button', { name: 'Upgrade to Premium + AI assistant' })
    const offer = combo.closest('li')
    await expect(offer).toHaveAttribute('data-highlighted')
    await expect(offer).toHaveTextContent('$68.00 / month')
  },
}

/**
 * `onUpgrade` resolved (the app's backend took the order) but the entitlement has not arrived yet
 * (a webhook on its way): "Confirming your upgrade…" until it does.
 */
export const Confirming: Story = {
  args: { onUpgrade: fn(async () => {}) },
  play: async ({ canvas, userEvent, canvasElement }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Enterprise' }))
    await expect(await canvas.findByText('Confirming your upgrade to Enterprise…')).toBeVisible()
    await expect(canvasElement.querySelector('.entitle-paywall')).toHaveAttribute('data-state', 'confirming')
  },
}

/** It did not arrive within `confirmTimeoutMs`: a clear message, nothing lost, and "Check again". */
export const ConfirmTimeout: Story = {
  args: { onUpgrade: fn(async () => {}), confirmTimeoutMs: 50 },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Enterprise' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Your upgrade to Enterprise is not confirmed yet. Payments can take a minute; nothing is lost.',
    )
    await expect(canvas.getByRole('button', { name: 'Check again' })).toBeVisible()
  },
}

/** Timeout, dark theme. */
export const ConfirmTimeoutDark: Story = { ...ConfirmTimeout, parameters: { theme: 'dark' } }

/** Timeout, right to left (Hebrew strings through `messages`). */
export const ConfirmTimeoutRightToLeft: Story = {
  ...ConfirmTimeout,
  args: {
    ...ConfirmTimeout.args,
    locale: 'he-IL',
    messages: {
      confirmTimeout: () => 'השדרוג עדיין לא אושר. תשלומים עשויים להימשך דקה; דבר לא אבד.',
      checkAgain: 'בדיקה חוזרת',
    },
  },
  parameters: { dir: 'rtl', lang: 'he' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Enterprise' }))
    await expect(await canvas.findByRole('button', { name: 'בדיקה חוזרת' })).toBeVisible()
  },
}

/** Back from a cancelled hosted checkout: the offers again, and nothing was charged. */
export const CheckoutCancelled: Story = {
  args: { feature: 'seats', requested: 1 },
  parameters: { entitle: { scenario: 'over-hard-limit', checkoutReturn: () => 'cancel' } },
  beforeEach: () => {
    rememberCheckout({
      customerId: 'test-customer',
      feature: 'seats',
      requested: 1,
      reason: 'limit-exceeded',
      offer: { type: 'plan', id: 'premium', name: 'Premium' },
      startedAt: Date.now(),
      surface: 'inline',
    })
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Checkout cancelled: nothing was charged.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Upgrade to Premium' })).toBeVisible()
  },
}

const salesLed: Catalog = {
  ...logpilotCatalog,
  plans: [
    ...logpilotCatalog.plans,
    {
      id: 'dedicated',
      name: 'Dedicated',
      description: 'Your own cluster, a year of retention, SSO',
      price: null,
      salesLed: true,
      contactUrl: 'mailto:sales@logpilot.example',
      trialDays: 0,
      grants: {
        ...logpilotCatalog.plans.find((plan) => plan.id === 'enterprise')?.grants,
        'retention-days': { kind: 'config', value: 365 },
      },
    },
  ],
}

/** A sales-led plan (no price): "Contact sales", never "Upgrade"; here a link to its `contactUrl`. */
export const ContactSales: Story = {
  args: { feature: 'retention-days', requested: 365 },
  parameters: { entitle: { scenario: 'over-hard-limit', catalog: salesLed } },
  play: async ({ canvas }) => {
    const contact = await canvas.findByRole('link', { name: 'Contact sales' })
    await expect(contact).toHaveAttribute('href', 'mailto:sales@logpilot.example')
    await expect(contact.closest('li')).toHaveTextContent('Contact us')
    await expect(canvas.queryByRole('button', { name: /Upgrade/ })).toBeNull()
  },
}

/** Priced plans and a sales-led one side by side; `onContactSales` opens the app's own form. */
export const ContactSalesBesidePlans: Story = {
  args: { feature: 'seats', requested: 1, onContactSales: fn() },
  parameters: { entitle: { scenario: 'over-hard-limit', catalog: salesLed } },
  play: async ({ canvas, userEvent, args }) => {
    await expect(await canvas.findByRole('button', { name: 'Upgrade to Premium' })).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Contact sales' }))
    await expect(args.onContactSales).toHaveBeenCalledWith(expect.objectContaining({ id: 'dedicated' }), {
      feature: 'seats',
      requested: 1,
    })
  },
}

/** Contact sales, dark theme. */
export const ContactSalesDark: Story = {
  ...ContactSalesBesidePlans,
  parameters: { ...ContactSalesBesidePlans.parameters, theme: 'dark' },
}

/** A member who may not manage billing: "Ask an admin to upgrade", never a checkout or a trial. */
export const AskAnAdmin: Story = {
  args: { feature: 'seats', requested: 1, onRequestUpgrade: fn(async () => {}) },
  parameters: { entitle: { scenario: 'over-hard-limit', canManageBilling: () => false } },
  play: async ({ canvas, userEvent, args }) => {
    await expect(await canvas.findByText('Only a billing admin can change the plan.')).toBeVisible()
    await expect(canvas.queryByRole('button', { name: /^Upgrade|free trial/ })).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Ask an admin to upgrade to Premium' }))
    await expect(args.onRequestUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }), {
      feature: 'seats',
      requested: 1,
    })
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Your admins have been asked to upgrade to Premium.',
      ),
    )
  },
}

/** Ask an admin, dark theme. */
export const AskAnAdminDark: Story = {
  ...AskAnAdmin,
  parameters: { ...AskAnAdmin.parameters, theme: 'dark' },
}

/** Ask an admin, right to left. */
export const AskAnAdminRightToLeft: Story = {
  args: {
    feature: 'seats',
    requested: 1,
    locale: 'he-IL',
    messages: {
      ...RightToLeft.args?.messages,
      askAdmin: (name) => `בקשו ממנהל לשדרג ל-${name}`,
      billingAdminsOnly: 'רק מנהל חיוב יכול לשנות את התוכנית.',
    },
  },
  parameters: {
    entitle: { scenario: 'over-hard-limit', canManageBilling: () => false },
    dir: 'rtl',
    lang: 'he',
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'בקשו ממנהל לשדרג ל-Premium' })).toBeVisible()
  },
}

/**
 * Your own markup from the parts: the root is your `<article>`, the header your `<header>`, each
 * offer a row of your list with your own pill button (`asChild`: the part's label, ARIA, click and
 * busy state on your element). The upgrade runs through the same flow as the drop-in.
 */
function RowsPaywall(props: PaywallProps) {
  return (
    <Paywall.Root {...props} asChild>
      <article style={{ maxInlineSize: '44rem', borderRadius: '1rem', boxShadow: 'var(--entitle-shadow)' }}>
        <Paywall.Header asChild>
          <header style={{ display: 'grid', gap: '0.25rem' }} />
        </Paywall.Header>
        <Paywall.Message />
        <Paywall.Confirmation />
        <Paywall.Offers style={{ gridTemplateColumns: '1fr', gap: '0.5rem' }}>
          {() => (
            <Paywall.Offer
              style={{ flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', columnGap: '1rem' }}
            >
              <div style={{ display: 'grid', gap: '0.25rem', flex: '1 1 12rem' }}>
                <span style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem' }}>
                  <Paywall.OfferName />
                  <Paywall.Badge />
                </span>
                <Paywall.Grants />
              </div>
              <Paywall.Price asChild>
                <strong style={{ fontSize: '1.25em' }} />
              </Paywall.Price>
              {/* Wrapped under the name, the buttons stay at the end of the row. */}
              <span
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  justifyContent: 'flex-end',
                  gap: '0.5rem',
                  marginInlineStart: 'auto',
                }}
              >
                <Paywall.TrialButton />
                <Paywall.ContactSalesButton />
                <Paywall.UpgradeButton asChild>
                  <button type="button" className="story-pill" style={{ borderRadius: '999px' }} />
                </Paywall.UpgradeButton>
              </span>
            </Paywall.Offer>
          )}
        </Paywall.Offers>
        <Paywall.Error />
        <Paywall.Status />
      </article>
    </Paywall.Root>
  )
}

/** The parts in your own layout: one row per offer, your pill buttons; upgrading works as in the drop-in. */
export const Parts: Story = {
  args: { feature: 'seats', requested: 1 },
  render: (args) => <RowsPaywall {...args} />,
  play: async ({ canvas }) => {
    const title = await canvas.findByRole('heading', { name: 'You have reached your Seats limit' })
    const root = canvas.getByRole('article', { name: 'You have reached your Seats limit' })
    await expect(root).toHaveAttribute('data-reason', 'limit-exceeded')
    await expect(title.closest('header')).toHaveClass('entitle-paywall__header')
    const premium = canvas.getByRole('button', { name: 'Upgrade to Premium' })
    await expect(premium).toHaveClass('entitle-button', 'story-pill')
    await expect(premium.closest('li')).toHaveAttribute('data-highlighted')
    await expect(canvas.getByRole('button', { name: 'Start 14-day free trial' })).toBeVisible()
  },
}

/** Upgrading from your own button: the flow's busy state is on it, then "Done". */
export const PartsUpgrade: Story = {
  ...Parts,
  play: async ({ canvas, userEvent }) => {
    const premium = await canvas.findByRole('button', { name: 'Upgrade to Premium' })
    await userEvent.click(premium)
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Done: you now have Seats.'))
  },
}

/** The parts' layout in the dark theme. */
export const PartsDark: Story = {
  ...Parts,
  parameters: { entitle: { scenario: 'over-hard-limit' }, theme: 'dark' },
}

/** The parts' layout right to left, in Hebrew. */
export const PartsRightToLeft: Story = {
  args: {
    feature: 'seats',
    requested: 1,
    locale: 'he-IL',
    ...(RightToLeft.args?.messages ? { messages: RightToLeft.args.messages } : {}),
  },
  render: (args) => <RowsPaywall {...args} />,
  parameters: { entitle: { scenario: 'over-hard-limit' }, dir: 'rtl', lang: 'he' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'שדרוג ל-Premium' })).toHaveClass('story-pill')
  },
}

/** The parts' layout for a member who may not buy: your pill asks an admin. */
export const PartsAskAnAdmin: Story = {
  args: { feature: 'seats', requested: 1, onRequestUpgrade: fn(async () => {}) },
  render: (args) => <RowsPaywall {...args} />,
  parameters: { entitle: { scenario: 'over-hard-limit', canManageBilling: () => false } },
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText('Only a billing admin can change the plan.')).toBeVisible()
    const ask = canvas.getByRole('button', { name: 'Ask an admin to upgrade to Premium' })
    await expect(ask).toHaveClass('story-pill')
    await userEvent.click(ask)
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Your admins have been asked to upgrade to Premium.',
      ),
    )
  },
}
