/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the entitlements service (the mock server). Set by scripts/demo.mjs. */
  readonly VITE_ENTITLE_URL?: string
  /** Admin token of the mock server (outage switch, clock). Set by scripts/demo.mjs. */
  readonly VITE_ENTITLE_ADMIN_TOKEN?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
