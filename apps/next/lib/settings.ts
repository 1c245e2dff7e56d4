// What the app's server and the browser's client must agree on.

/** The snapshots' environment: the server is configured with it, and the client refuses any other. */
export const ENVIRONMENT = 'production'

/** Where the app mounts @entitle/server (app/api/entitlements/[...path]/route.ts). */
export const API_BASE_PATH = '/api/entitlements'
