'use client'
import type { Feature } from '@entitle/core'
import { useCatalog } from '../useCatalog.js'

/** Joins class names, skipping empty ones. */
export function cx(...names: (string | undefined | false)[]): string {
  return names.filter(Boolean).join(' ')
}

/** The catalog's entry for a feature (name, unit), once the catalog is loaded. */
export function useFeature(feature: string): Feature | undefined {
  return useCatalog().catalog?.features.find((f) => f.id === feature)
}

// The state vocabulary lives in states.ts; re-exported here for the components that import it from here.
export { type MeterState, meterStateOf, upsellReasonOf } from './states.js'
