// Public API of @entitle/react. Keep this list explicit: it is the package's contract.
// Components

export type { CheckoutRedirect } from './checkoutRedirect.js'
// Component kit (issue 12): tree-shakable, an app that does not import them does not ship them.
export type { BannerRootProps } from './components/banner/bannerElement.js'
export { type BillingMessages, defaultBillingMessages } from './components/billingMessages.js'
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
  type UsageMeterModel,
  type UsageMeterOptions,
  useUsageMeter,
} from './components/meter/useUsageMeter.js'
export {
  Paywall,
  type PaywallItem,
  type PaywallOfferView,
  type PaywallProps,
  type PaywallRenderProps,
  type PaywallStatus,
} from './components/Paywall.js'
export { PaywallDialog, type PaywallDialogProps } from './components/PaywallDialog.js'
export type { PaywallConfirmationProps } from './components/paywall/PaywallConfirmation.js'
export type { PaywallOffersProps } from './components/paywall/PaywallOffers.js'
export { AddonOverview, type AddonOverviewProps } from './components/portal/AddonOverview.js'
export { CustomerPortal, type CustomerPortalProps } from './components/portal/CustomerPortal.js'
export { EntitlementSources, type EntitlementSourcesProps } from './components/portal/EntitlementSources.js'
export type { PortalSectionProps } from './components/portal/portalSection.js'
export {
  SubscriptionSummary,
  type SubscriptionSummaryProps,
} from './components/portal/SubscriptionSummary.js'
export { UsageOverview, type UsageOverviewProps } from './components/portal/UsageOverview.js'
export { type FeatureCell, featureCell } from './components/pricing/featureCell.js'
export { PricingTable, type PricingTableProps } from './components/pricing/PricingTable.js'
export {
  type BillingInterval,
  billingIntervals,
  type PricingColumn,
  pricingColumns,
} from './components/pricing/pricingPlans.js'
export {
  type PricingActions,
  type PricingAddonView,
  type PricingPlanView,
  type PricingTableModel,
  type PricingTableOptions,
  usePricingTable,
} from './components/pricing/usePricingTable.js'
export { type AsChildProps, Slot, type SlotProps } from './components/primitives/Slot.js'
export {
  SubscriptionBanner,
  type SubscriptionBannerProps,
  type SubscriptionBannerRenderProps,
  type SubscriptionBannerState,
} from './components/SubscriptionBanner.js'
export type { MeterState } from './components/shared.js'
export {
  TrialBanner,
  type TrialBannerProps,
  type TrialBannerRenderProps,
  type TrialBannerState,
} from './components/TrialBanner.js'
export { UpgradeStatus, type UpgradeStatusProps } from './components/UpgradeStatus.js'
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
export { useCanManageBilling, useCheckout } from './useCheckout.js'
export { type UseEntitlementOptions, useEntitlement } from './useEntitlement.js'
export { type EntitlementsValue, type UseEntitlementsResult, useEntitlements } from './useEntitlements.js'
export type { FreshOption } from './useFreshCheck.js'
export { type UsePaywallResult, usePaywall } from './usePaywall.js'
export { type UseReportUsageResult, useReportUsage } from './useReportUsage.js'
export { useTrack } from './useTrack.js'
export {
  type UpgradeFlow,
  type UpgradeFlowOptions,
  type UpgradeFlowStatus,
  type UpsellContext,
  useUpgradeFlow,
} from './useUpgradeFlow.js'
export { useUsageThresholds } from './useUsageThresholds.js'
