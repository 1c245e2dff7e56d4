// The reset calendar is core's (one rule for the server and the test doubles); re-exported here
// because this package's public API has always offered it.
export { nextPeriodStart, periodStart } from '@entitle/core'

export const DAY_MS = 86_400_000
