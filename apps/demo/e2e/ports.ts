/**
 * E2E ports, away from the demo's defaults (5173 / 4010) so a running demo does not interfere.
 * `scripts/test-all.mjs` passes free ports through E2E_APP_PORT / E2E_MOCK_PORT, so that a second
 * run on the same machine (or a leftover server) cannot collide with this one.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 5273)
export const E2E_MOCK_PORT = Number(process.env.E2E_MOCK_PORT ?? 4273)
