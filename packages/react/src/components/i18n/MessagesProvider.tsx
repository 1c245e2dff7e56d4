'use client'
// Where the components' locale and strings come from: `EntitlementsMessagesProvider` (nested ones
// merge) under a component's own `locale` / `messages` props, read through `useFormatter`.
//
//   <EntitlementsMessagesProvider locale="de-DE" messages={{ upgrade: 'Jetzt upgraden' }}> … </…>
//   <UsageMeter feature="seats" locale="de-DE" messages={{ usage: ({ usage, limit, unit }) => … }} />
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { Formatter, type MessagesContextValue } from './Formatter.js'
import { defaultMessages, type EntitlementsMessages } from './messages.js'

// The billing strings join in `useFormatter(…, defaultBillingMessages)`, where they are used.
const MessagesContext = createContext<MessagesContextValue>({
  locale: undefined,
  messages: defaultMessages as EntitlementsMessages,
})

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
  const value = useMemo(() => merge(parent, locale, messages), [parent, locale, messages])
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>
}

function merge(
  base: MessagesContextValue,
  locale: string | undefined,
  messages: Partial<EntitlementsMessages> | undefined,
): MessagesContextValue {
  if (locale === undefined && messages === undefined) return base
  return {
    locale: locale ?? base.locale,
    messages: messages ? { ...base.messages, ...messages } : base.messages,
  }
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
  const ctx = useContext(MessagesContext)
  return useMemo(() => {
    const merged = merge(ctx, locale, messages)
    return new Formatter(defaults ? { ...merged, messages: { ...defaults, ...merged.messages } } : merged)
  }, [ctx, locale, messages, defaults])
}
