// Public API of @entitle/react/testing: test your gated UI in one line, with no network.
export { type LogPilotFeature, logpilotCatalog } from './logpilotCatalog.js'
export {
  createTestSnapshot,
  nextReset,
  type Scenario,
  type ScenarioName,
  scenarios,
  type TestSnapshotOptions,
} from './snapshots.js'
export {
  createTestClient,
  type TestClient,
  type TestClientOptions,
  TestEntitlementsProvider,
  type TestEntitlementsProviderProps,
} from './TestEntitlementsProvider.js'
export { createTestFetch, type TestFetch, type TestFetchOptions, type TestNetwork } from './testFetch.js'
