// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { browserEngineVite } from './src/engine/vite-browser-engine.ts';
import { playgroundTypesPlugin } from './src/playground/editor/types/vite-plugin.ts';
import { playgroundExamplesPlugin } from './src/playground/build/examples-plugin.ts';
import { monacoCssPlugin } from './src/playground/editor/vite-plugin.ts';
import { docsExamplesPlugin } from './src/docs/build/vite-plugin.ts';
import { DOCS_EXAMPLES_DIR } from './src/docs/build/docs-examples.ts';
import { internalLinksIntegration } from './src/docs/build/internal-links.ts';
import { runtimeUrlsIntegration } from './src/playground/build/runtime-urls.ts';
import { AUTH_BROWSER_BUILD } from './src/playground/build/auth-build.ts';
import { focusableTables } from './src/docs/build/focusable-tables.ts';
import { searchOnFirstUsePlugin } from './src/docs/build/search-on-first-use.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { SOURCE_CONDITION } from './packages/source-condition.mjs';
import { defaultClientConditions, defaultServerConditions, mergeConfig } from 'vite';

// https://astro.build/config
export default defineConfig({
  site: 'https://adapter-lab.dev',
  // Each ORM had its own schema page; the tables now live on one page for both.
  redirects: {
    '/sequelize/schema': '/reference/schema/',
    '/mikro-orm/schema': '/reference/schema/',
  },
  // Starlight adds its own Markdown plugins to this processor; MDX uses it too.
  markdown: { processor: satteri({ hastPlugins: [focusableTables] }) },
  integrations: [
    starlight({
      title: 'Adapter Lab',
      description: 'Learn, try and debug the Auth.js database adapters for Sequelize and MikroORM, in your browser.',
      favicon: '/favicon.svg',
      // Search (Pagefind) and the dark/light theme toggle are Starlight defaults: keep them.
      lastUpdated: false,
      // Long code lines wrap: a code block that scrolled sideways would need keyboard focus.
      expressiveCode: { defaultProps: { wrap: true } },
      // No `editLink`: pages get no "Edit page" link.
      sidebar: [
        {
          label: 'Start here',
          items: ['start-here/introduction', 'start-here/choosing-an-adapter', 'start-here/how-the-playground-works'],
        },
        {
          label: 'Sequelize adapter',
          items: [
            { label: 'Set up', slug: 'sequelize/overview' },
            { label: 'Schema', link: '/reference/schema/' },
            'sequelize/creating-tables',
            'sequelize/custom-models',
            'sequelize/api-reference',
            'sequelize/migrating',
            'sequelize/troubleshooting',
          ],
        },
        {
          label: 'MikroORM adapter',
          items: [
            { label: 'Set up', slug: 'mikro-orm/overview' },
            'mikro-orm/custom-entities',
            'mikro-orm/default-entities-and-migrations',
            { label: 'Schema', link: '/reference/schema/' },
            'mikro-orm/api-reference',
            'mikro-orm/upgrading',
            'mikro-orm/troubleshooting',
          ],
        },
        {
          label: 'Playground',
          items: [
            { label: 'Playground guide', slug: 'playground/guide' },
            // A page outside the docs collection (src/pages/playground*), so a plain link.
            { label: 'Open the playground', link: '/playground/' },
          ],
        },
        {
          label: 'Reference',
          items: ['reference/adapter-contract', 'reference/webauthn', 'reference/schema'],
        },
      ],
    }),
    // Starlight adds MDX itself when it is missing; listed explicitly, it must come after Starlight.
    mdx(),
    // A broken internal link or #anchor anywhere in the built site fails the build. (Not
    // starlight-links-validator: it checks Markdown links only, and ships TypeScript source
    // that fails this project's strict type-check.)
    internalLinksIntegration(),
    // The playground page starts its runtime from an inline script: it needs the built file names.
    runtimeUrlsIntegration(),
  ],
  // Sequelize and MikroORM over sql.js in the browser, in pages and in module Web Workers.
  // The playground's Auth.js runtime adds its alias (nodemailer), dev pre-bundled entries and @auth/core's fix.
  vite: mergeConfig(browserEngineVite(AUTH_BROWSER_BUILD), {
    // The editor's type declarations, `virtual:playground-types/<orm>`, and the built-in
    // examples compiled against them, `virtual:playground-examples`; Monaco's CSS attached by the
    // editor when it loads, not as render-blocking links in the page head.
    plugins: [
      playgroundTypesPlugin(),
      playgroundExamplesPlugin({ knownCodeDirs: [DOCS_EXAMPLES_DIR] }),
      docsExamplesPlugin(),
      monacoCssPlugin(),
      searchOnFirstUsePlugin(),
    ],
    // The adapter packages are used from their TypeScript source (packages/source-condition.mjs).
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  }),
});
