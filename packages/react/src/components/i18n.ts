// The components' localisation, by concept: the strings (i18n/messages.ts), where a component gets
// its locale and strings from (i18n/MessagesProvider.tsx) and the Intl formatting (i18n/Formatter.ts).
// Every name stays importable from here.
export { Formatter, type MessagesContextValue } from './i18n/Formatter.js'
export {
  EntitlementsMessagesProvider,
  type EntitlementsMessagesProviderProps,
  type LocalizedProps,
  useFormatter,
} from './i18n/MessagesProvider.js'
export {
  defaultMessages,
  type EntitlementsMessages,
  type UpsellReason,
  type UsageArgs,
} from './i18n/messages.js'
