'use client'
import type { PartOutput } from '../primitives/createPart.js'
import type { PaywallModel } from './usePaywallModel.js'

/**
 * @internal A paywall button's attributes and label. `aria-disabled` (not `disabled`) keeps focus on
 * it while the flow runs; your `onClick` runs first, and `event.preventDefault()` there skips the action.
 */
export function actionButton(
  p: PaywallModel,
  busy: boolean,
  busyText: string,
  text: string,
  variant: 'secondary' | 'quiet' | undefined,
  run: () => unknown,
): PartOutput {
  return [
    {
      type: 'button',
      'data-variant': variant,
      'aria-disabled': p.blocked || undefined,
      'aria-busy': busy || undefined,
      onClick: (event: { defaultPrevented: boolean }) => {
        if (!event.defaultPrevented) void run()
      },
    },
    <>
      {busy && <span className="entitle-spinner" aria-hidden="true" />}
      {busy ? busyText : text}
    </>,
  ]
}
