'use client'
// What `EntitlementsMessagesProvider`s above a component set: a locale and the strings they
// override, without the defaults. Light on purpose: a component that needs a few strings and no
// formatting (UpgradeStatus, which `<Gate>` shows) reads it with `useMessageOverrides` and its own
// defaults, so an app that only gates features does not download every string and the formatter.
import { createContext, useContext, useMemo } from 'react'
import type { EntitlementsMessages } from './messages.js'

/** The locale and strings set by providers and props, over the defaults. */
export interface MessageOverrides {
  locale: string | undefined
  messages: Partial<EntitlementsMessages>
}

/** @internal */
export const MessagesContext = createContext<MessageOverrides>({ locale: undefined, messages: {} })

/** @internal Overrides of `base` by a provider's or a component's `locale` and `messages`. */
export function mergeOverrides(
  base: MessageOverrides,
  locale: string | undefined,
  messages: Partial<EntitlementsMessages> | undefined,
): MessageOverrides {
  if (locale === undefined && messages === undefined) return base
  return {
    locale: locale ?? base.locale,
    messages: messages ? { ...base.messages, ...messages } : base.messages,
  }
}

/** @internal The providers' overrides with a component's own props on top. */
export function useMessageOverrides(
  locale: string | undefined,
  messages: Partial<EntitlementsMessages> | undefined,
): MessageOverrides {
  const ctx = useContext(MessagesContext)
  return useMemo(() => mergeOverrides(ctx, locale, messages), [ctx, locale, messages])
}
