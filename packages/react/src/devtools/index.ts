// Public API of @entitle/react/devtools: development tools, never imported by the main entry.
export { EntitlementsDevtools, type EntitlementsDevtoolsProps } from './EntitlementsDevtools.js'
export type { OverrideChoice } from './overrides.js'
