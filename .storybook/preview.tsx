import type { Decorator, Preview } from '@storybook/react-vite'
import '../packages/react/src/styles.css'
import '../packages/react/src/billing.css'
import {
  TestEntitlementsProvider,
  type TestEntitlementsProviderProps,
} from '../packages/react/src/testing/index.js'

/**
 * Story parameters read by the decorators:
 * - `entitle`: props of `<TestEntitlementsProvider>` (`scenario`, `snapshot`, `catalog`…), no network;
 *   `false` renders the story without a provider (it brings its own).
 * - `theme`: `'light'` (default) or `'dark'`; `dir`: `'ltr'` (default) or `'rtl'`; `lang`: the page language.
 * The toolbar's theme and direction apply to stories that do not pin them.
 */
declare module '@storybook/react-vite' {
  interface Parameters {
    entitle?: Omit<TestEntitlementsProviderProps, 'children'> | false
    theme?: 'light' | 'dark'
    dir?: 'ltr' | 'rtl'
    lang?: string
  }
}

const withEntitlements: Decorator = (Story, { parameters }) => {
  const props = parameters.entitle
  if (props === false) return <Story />
  return (
    <TestEntitlementsProvider {...(props ?? { scenario: 'granted-all' })}>
      <Story />
    </TestEntitlementsProvider>
  )
}

const withFrame: Decorator = (Story, { parameters, globals }) => {
  const theme = parameters.theme ?? (globals.theme === 'dark' ? 'dark' : 'light')
  const dir = parameters.dir ?? (globals.dir === 'rtl' ? 'rtl' : 'ltr')
  return (
    <div
      className="entitle-story"
      data-theme={theme}
      dir={dir}
      lang={parameters.lang ?? 'en'}
      style={{
        background: 'var(--entitle-bg)',
        color: 'var(--entitle-fg)',
        fontFamily: 'system-ui, sans-serif',
        lineHeight: 1.5,
        padding: '1.5rem',
        minBlockSize: '100vh',
        boxSizing: 'border-box',
      }}
    >
      <Story />
    </div>
  )
}

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withEntitlements, withFrame],
  parameters: {
    layout: 'fullscreen',
    // Stories run as tests (addon-vitest): any axe violation fails the story's test.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Storybook opens on the Introduction.
    options: { storySort: { order: ['Introduction', 'Components', 'Devtools'] } },
  },
  globalTypes: {
    theme: {
      description: 'Colour theme (data-theme)',
      toolbar: { icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    dir: {
      description: 'Text direction',
      toolbar: { icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', dir: 'ltr' },
}

export default preview
