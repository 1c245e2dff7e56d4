// Public API of @entitle/react. Keep this list explicit: it is the package's contract.
// Components
export { Gate, type GateProps } from './components/Gate.js'
export {
  defaultMessages,
  type EntitlementsMessages,
  EntitlementsMessagesProvider,
  type EntitlementsMessagesProviderProps,
  type LocalizedProps,
  type UpsellReason,
  type UsageArgs,
} from './components/i18n.js'
export {
  LimitBanner,
  type LimitBannerProps,
  type LimitBannerRenderProps,
  type LimitBannerState,
} from './components/LimitBanner.js'
export {
  Paywall,
  type PaywallOfferView,
  type PaywallProps,
  type PaywallRenderProps,
  type PaywallStatus,
} from './components/Paywall.js'
export { PaywallDialog, type PaywallDialogProps } from './components/PaywallDialog.js'
export type { MeterState } from './components/shared.js'
export {
  TrialBanner,
  type TrialBannerProps,
  type TrialBannerRenderProps,
  type TrialBannerState,
} from './components/TrialBanner.js'
export { UsageMeter, type UsageMeterProps, type UsageMeterRenderProps } from './components/UsageMeter.js'
// Hooks & provider
export { useEntitlementsClient } from './context.js'
export { createEntitlementsHooks, type EntitlementsHooks } from './createEntitlementsHooks.js'
export { EntitlementsProvider, type EntitlementsProviderProps } from './EntitlementsProvider.js'
export {
  type CheckFn,
  defineHelpers,
  type HelpersDefinition,
  type HelpersOf,
  type HelpersShape,
  type HelperTools,
  type NoHelpers,
  type RegisteredHelpers,
  type ValueFn,
  type Widen,
} from './helpers.js'
export {
  createPaywallStore,
  type PaywallRequest,
  type PaywallState,
  type PaywallStore,
} from './paywallStore.js'
export { type AccessOptions, type AccessResult, useAccess } from './useAccess.js'
export { type UseCatalogResult, useCatalog } from './useCatalog.js'
export { type UseEntitlementOptions, useEntitlement } from './useEntitlement.js'
export { type EntitlementsValue, type UseEntitlementsResult, useEntitlements } from './useEntitlements.js'
export { type UsePaywallResult, usePaywall } from './usePaywall.js'
export { type UseReportUsageResult, useReportUsage } from './useReportUsage.js'
export { useTrack } from './useTrack.js'
