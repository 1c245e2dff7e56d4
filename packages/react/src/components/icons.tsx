// Small inline icons: state is never shown by colour alone. Decorative (aria-hidden): the text next
// to each icon says the same thing.
import type { ReactElement } from 'react'

const paths = {
  warning: 'M12 3 2 21h20L12 3Zm0 6v5m0 3v.5',
  blocked: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM5.6 5.6l12.8 12.8',
  // Still rising: over an allowance, and still working (soft limits).
  over: 'M2 17l6.5-6.5 5 5L22 7m-6 0h6v6',
  check: 'M4 12.5 9.5 18 20 6',
  lock: 'M6 11h12v10H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 4v5l3 3',
  infinity:
    'M12 12c-2-3-4-4.5-6-4.5a4.5 4.5 0 0 0 0 9c2 0 4-1.5 6-4.5Zm0 0c2 3 4 4.5 6 4.5a4.5 4.5 0 0 0 0-9c-2 0-4 1.5-6 4.5Z',
  close: 'M6 6l12 12M18 6 6 18',
} as const

export type IconName = keyof typeof paths

export function Icon({ name }: { name: IconName }): ReactElement {
  return (
    <svg
      className="entitle-icon"
      data-icon={name}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  )
}
