'use client'
// Where the components' locale and strings come from: `EntitlementsMessagesProvider` (nested ones
// merge) under a component's own `locale` / `messages` props, read through `useFormatter`.
//
//   <EntitlementsMessagesProvider locale="de-DE" messages={{ upgrade: 'Jetzt upgraden' }}> … </…>
//   <UsageMeter feature="seats" locale="de-DE" messages={{ usage: ({ usage, limit, unit }) => … }} />
import { type ReactNode, useContext, useMemo } from 'react'
import { Formatter } from './Formatter.js'
import { defaultMessages, type EntitlementsMessages } from './messages.js'
import { MessagesContext, mergeOverrides, useMessageOverrides } from './messagesContext.js'

export interface EntitlementsMessagesProviderProps {
  /** BCP 47 locale for numbers, prices, plurals and relative times. Default: inherited, else the runtime's. */
  locale?: string
  /** Strings to override for every component below. Default: inherited, else English. */
  messages?: Partial<EntitlementsMessages>
  children?: ReactNode
}

/** Sets the locale and strings of every Entitle component below it (nested providers merge). */
export function EntitlementsMessagesProvider({
  locale,
  messages,
  children,
}: EntitlementsMessagesProviderProps) {
  const parent = useContext(MessagesContext)
  const value = useMemo(() => mergeOverrides(parent, locale, messages), [parent, locale, messages])
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>
}

/** The props every component takes for localisation. */
export interface LocalizedProps {
  /** BCP 47 locale for numbers, prices, plurals and dates. Default: from `EntitlementsMessagesProvider`, else the runtime's. */
  locale?: string
  /** Strings to override for this component. Default: from `EntitlementsMessagesProvider`, else English. */
  messages?: Partial<EntitlementsMessages>
}

/**
 * The component's formatter: the provider's locale and messages with the component's overrides on
 * top. `defaults`: strings of the component's own that `defaultMessages` does not carry (the billing
 * components' `defaultBillingMessages`), under everything set through providers or props.
 */
export function useFormatter(
  { locale, messages }: LocalizedProps,
  defaults?: Partial<EntitlementsMessages>,
): Formatter {
  const overrides = useMessageOverrides(locale, messages)
  // The billing strings join here (`useFormatter(…, defaultBillingMessages)`), where they are used.
  return useMemo(
    () =>
      new Formatter({
        locale: overrides.locale,
        messages: { ...defaultMessages, ...defaults, ...overrides.messages } as EntitlementsMessages,
      }),
    [overrides, defaults],
  )
}
