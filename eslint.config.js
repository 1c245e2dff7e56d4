// The React compiler's lint rules, and only those: eslint-plugin-react-hooks 7, `recommended`
// (rules of hooks, exhaustive deps, purity, refs, set-state-in-render…), over the library, the
// demo, the Quick start and the Next.js example. Biome stays the project's linter and formatter;
// this runs as `pnpm lint:react` in npm test.
import tsParser from '@typescript-eslint/parser'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'

export default defineConfig([
  {
    files: [
      'packages/react/src/**/*.{ts,tsx}',
      'apps/demo/src/**/*.{ts,tsx}',
      'apps/quickstart/src/**/*.{ts,tsx}',
      'apps/next/{app,components,lib}/**/*.{ts,tsx}',
    ],
    // Tests capture hook results from inside components on purpose (harness code, not app code).
    ignores: ['**/*.test.tsx'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    extends: [reactHooks.configs.flat.recommended],
  },
])
