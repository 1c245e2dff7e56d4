'use client'
import { createContext, useContext } from 'react'
import type { UsageMeterModel } from './useUsageMeter.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** @internal The model `UsageMeter.Root` computed, for its parts. */
export const MeterContext = createContext<UsageMeterModel | null>(null)

/** @internal The enclosing root's model. A part outside `UsageMeter.Root` is a programming error (said in development). */
export function useMeter(part: string): UsageMeterModel {
  const model = useContext(MeterContext)
  let misplaced: string | undefined // worded inside the try, thrown outside it (dev.ts)
  try {
    if (process.env.NODE_ENV !== 'production' && model === null)
      misplaced = `[entitle] <${part}> must be inside <UsageMeter.Root>.`
  } catch {}
  if (misplaced !== undefined) throw new Error(misplaced)
  return model as UsageMeterModel
}
