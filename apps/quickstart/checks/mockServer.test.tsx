// Not from the README (this folder is the app's committed scaffold): the README's <App /> as
// extracted, against the real mock server's handler, answering through MSW at the very address the
// README's client uses. Compiling is not enough: this fails when the README's client settings
// (URL, customer, token, environment) stop working with the mock server the README points to.
import { createHandler } from '@entitle/mock-server'
import { createMswHandlers } from '@entitle/mock-server/msw'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { App } from '../src/App'

const mockServer = setupServer(...createMswHandlers(createHandler(), { baseUrl: 'http://127.0.0.1:4010' }))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

it("the README's app, against the mock server: Acme at its seat limit, upgraded from the paywall", async () => {
  const user = userEvent.setup()
  render(<App />)
  const meter = await screen.findByRole('meter', { name: /seats/i })
  await waitFor(() => expect(meter).toHaveAttribute('aria-valuetext', '3 of 3 seats'))
  expect(screen.getByText('Logs are kept for 3 days.')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Invite a teammate' }))
  const dialog = screen.getByRole('dialog', { name: 'You have reached your Seats limit' })
  await user.click(await within(dialog).findByRole('button', { name: 'Upgrade to Premium' }))
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  await waitFor(() => expect(meter).toHaveAttribute('aria-valuetext', '3 of 10 seats'))
  expect(screen.getByText('Logs are kept for 14 days.')).toBeInTheDocument()
})
