'use client'
import { createContext, useContext } from 'react'
import type { IconName } from '../icons.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** @internal What a banner's root gives its `Text` and `Action` parts. */
export interface BannerModel {
  text: string
  icon: IconName
  /** The text's id: the action is described by it. */
  textId: string
  /** The call to action's label ("Upgrade"). */
  actionLabel: string
  /** Runs the call to action, or `null` when there is none. */
  upgrade: (() => void) | null
}

/** @internal */
export const BannerContext = createContext<BannerModel | null>(null)

/** @internal The enclosing banner root's model. A part outside one is a programming error (said in development). */
export function useBanner(part: string): BannerModel {
  const model = useContext(BannerContext)
  let misplaced: string | undefined // worded inside the try, thrown outside it (dev.ts)
  try {
    if (process.env.NODE_ENV !== 'production' && model === null)
      misplaced = `[entitle] <${part}> must be inside <LimitBanner.Root> or <TrialBanner.Root>.`
  } catch {}
  if (misplaced !== undefined) throw new Error(misplaced)
  return model as BannerModel
}
