import type { NextConfig } from 'next'

const config: NextConfig = {
  // PGlite loads its WebAssembly and data files next to its own module, and pg is a CommonJS driver
  // with optional native parts: both stay plain Node packages instead of being bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  // `tsc -p apps/next` type-checks the app strictly (a step of npm test, against the packages' built
  // declarations); `next build` need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
}

export default config
