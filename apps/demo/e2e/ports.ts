/** Fixed e2e ports, away from the demo's defaults (5173 / 4010), so a running demo does not interfere. */
export const E2E_APP_PORT = 5273
export const E2E_MOCK_PORT = 4273
