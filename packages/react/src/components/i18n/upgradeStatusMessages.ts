// The strings of `UpgradeStatus` (the way back from a hosted checkout), which `<Gate>` shows too:
// a module of their own so a gate-only app carries these three and not the whole table. Part of
// `defaultMessages` (messages.ts spreads them in); overridden like every other string.
import type { EntitlementsMessages } from './messages.js'

export const upgradeStatusMessages: Pick<
  EntitlementsMessages,
  'confirming' | 'confirmTimeout' | 'checkAgain'
> = {
  confirming: (name) => `Confirming your upgrade to ${name}…`,
  confirmTimeout: (name) =>
    `Your upgrade to ${name} is not confirmed yet. Payments can take a minute; nothing is lost.`,
  checkAgain: 'Check again',
}
