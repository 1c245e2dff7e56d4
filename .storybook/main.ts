import type { StorybookConfig } from '@storybook/react-vite'
import { defaultClientConditions } from 'vite'

// One Storybook for the workspace: stories live beside their components.
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['./Introduction.mdx', '../packages/*/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  // Workspace packages resolve to their TypeScript sources, as in vitest.
  viteFinal: (vite) => ({
    ...vite,
    resolve: { ...vite.resolve, conditions: ['source', ...defaultClientConditions] },
    logLevel: 'warn',
  }),
}

export default config
