// The system Chromium every browser run of the workspace launches (vitest's browser projects, the
// demo's Playwright tests and walkthrough screenshots, Storybook screenshots, the first-render bench):
// Playwright's own browser download is not used (../shared/TOOLCHAIN.md).

/** `CHROMIUM_PATH`, else `/usr/bin/chromium`. Read when called, so a config sees the current environment. */
export function chromiumExecutable() {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/** The flags that work as root in a closed network: no sandbox, no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
])
