import type { Decision } from '@entitle/core'
import { act, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { createTestClient, TestEntitlementsProvider } from '../testing/index.js'
import { Gate } from './Gate.js'

describe('Gate', () => {
  it('renders its children when granted, and nothing of its own', () => {
    const { container } = render(
      <TestEntitlementsProvider scenario="granted-all">
        <Gate feature="ai-assistant" fallback={<p>upsell</p>}>
          <p>assistant</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('assistant')).toBeInTheDocument()
    expect(screen.queryByText('upsell')).toBeNull()
    expect(container.innerHTML).toBe('<p>assistant</p>')
  })

  it('renders the fallback when denied; a function fallback receives the decision', () => {
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <Gate feature="ai-assistant" fallback={(d: Decision) => <p>denied: {d.reason}</p>}>
          <p>assistant</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('denied: not-entitled')).toBeInTheDocument()
    expect(screen.queryByText('assistant')).toBeNull()
  })

  it('renders nothing when denied without a fallback', () => {
    const { container } = render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <Gate feature="ai-assistant">
          <p>assistant</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(container).toBeEmptyDOMElement()
  })

  it('renders `loading` while there is no data, not the fallback', () => {
    render(
      <TestEntitlementsProvider scenario="loading">
        <Gate feature="ai-assistant" fallback={<p>upsell</p>} loading={<p>checking…</p>}>
          <p>assistant</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('checking…')).toBeInTheDocument()
    expect(screen.queryByText('upsell')).toBeNull()
  })

  it('checks `requested` units against a metered limit', () => {
    render(
      <TestEntitlementsProvider scenario="over-soft-limit">
        <Gate feature="seats" requested={3} fallback={<p>3: no</p>}>
          <p>3: yes</p>
        </Gate>
        <Gate feature="seats" requested={4} fallback={<p>4: no</p>}>
          <p>4: yes</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    // Premium: 7 of 10 seats.
    expect(screen.getByText('3: yes')).toBeInTheDocument()
    expect(screen.getByText('4: no')).toBeInTheDocument()
  })

  it('the render-prop form renders for every decision and ignores fallback/loading', () => {
    const children = vi.fn((d: Decision) => <p>{`${d.granted} ${d.reason} ${d.usage}/${d.limit}`}</p>)
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <Gate feature="seats" fallback={<p>upsell</p>}>
          {children}
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('false limit-exceeded 3/3')).toBeInTheDocument()
    expect(screen.queryByText('upsell')).toBeNull()
    expect(children).toHaveBeenCalledWith(expect.objectContaining({ feature: 'seats', granted: false }))
  })

  it('opens without a remount when a plan change updates the snapshot', async () => {
    const { client } = createTestClient({ scenario: 'over-hard-limit' })
    render(
      <TestEntitlementsProvider client={client}>
        <Gate feature="ai-assistant" fallback={<p>upsell</p>}>
          <p>assistant</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('upsell')).toBeInTheDocument()
    await act(() => client.changePlan('enterprise'))
    expect(screen.getByText('assistant')).toBeInTheDocument()
  })
})
