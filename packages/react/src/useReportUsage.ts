'use client'
import type { EntitlementsError, FeatureKey, ReportUsageOptions, UsageResult } from '@entitle/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useEntitlementsContext } from './context.js'

export interface UseReportUsageResult {
  /**
   * Report `amount` units of usage. The client applies it optimistically (every `useEntitlement` of
   * the feature updates at once), rolls it back if the server refuses, and retries with the same
   * idempotency key on network errors. Never rejects: resolves with the server's answer, or with
   * `undefined` on failure (then `error` is set).
   */
  report(amount: number, options?: ReportUsageOptions): Promise<UsageResult | undefined>
  /** A report is in flight. */
  isPending: boolean
  /** Why the last report failed (`EntitlementsError`, e.g. code `limit_exceeded`); cleared by the next report or `reset()`. */
  error: EntitlementsError | Error | null
  /** Clear `error`. */
  reset(): void
}

/** Report usage of one metered feature, with pending and error state for the UI. */
export function useReportUsage(feature: FeatureKey): UseReportUsageResult {
  const { client } = useEntitlementsContext('useReportUsage')
  const [state, setState] = useState<{ pending: number; error: Error | null }>({ pending: 0, error: null })
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const report = useCallback(
    async (amount: number, options?: ReportUsageOptions): Promise<UsageResult | undefined> => {
      setState((s) => ({ pending: s.pending + 1, error: null }))
      try {
        const result = await client.reportUsage(feature, amount, options)
        if (mounted.current) setState((s) => ({ ...s, pending: s.pending - 1 }))
        return result
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err))
        if (mounted.current) setState((s) => ({ pending: s.pending - 1, error }))
        return undefined
      }
    },
    [client, feature],
  )
  const reset = useCallback(() => setState((s) => (s.error === null ? s : { ...s, error: null })), [])

  return useMemo(
    () => ({
      report,
      isPending: state.pending > 0,
      error: state.error as EntitlementsError | Error | null,
      reset,
    }),
    [report, reset, state],
  )
}
