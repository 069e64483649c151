// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { browserEngineVite } from './src/engine/vite-browser-engine.ts';
import { playgroundTypesPlugin } from './src/playground/editor/types/vite-plugin.ts';
import { playgroundExamplesPlugin } from './src/playground/build/examples-plugin.ts';
import { monacoCssPlugin } from './src/playground/editor/vite-plugin.ts';
import { SOURCE_CONDITION } from './packages/source-condition.mjs';
import { defaultClientConditions, defaultServerConditions, mergeConfig } from 'vite';

// https://astro.build/config
export default defineConfig({
	site: 'https://adapter-lab.dev',
	integrations: [
		starlight({
			title: 'Adapter Lab',
			description:
				'Learn, try and debug the Auth.js database adapters for Sequelize and MikroORM, in your browser.',
			favicon: '/favicon.svg',
			// Search (Pagefind) and the dark/light theme toggle are Starlight defaults: keep them.
			lastUpdated: false,
			// No `editLink`: pages get no "Edit page" link.
			sidebar: [
				{
					label: 'Start here',
					items: ['start-here/introduction', 'start-here/choosing-an-adapter'],
				},
				{
					label: 'Sequelize adapter',
					items: [{ label: 'Overview', slug: 'sequelize/overview' }],
				},
				{
					label: 'MikroORM adapter',
					items: [{ label: 'Overview', slug: 'mikro-orm/overview' }],
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
					items: ['reference/adapter-contract', 'reference/schema'],
				},
			],
		}),
		// Starlight adds MDX itself when it is missing; listed explicitly, it must come after Starlight.
		mdx(),
	],
	// Sequelize and MikroORM over sql.js in the browser, in pages and in module Web Workers.
	vite: mergeConfig(browserEngineVite(), {
		// The editor's type declarations, `virtual:playground-types/<orm>`, and the built-in
		// examples compiled against them, `virtual:playground-examples`; Monaco's CSS attached by the
		// editor when it loads, not as render-blocking links in the page head.
		plugins: [playgroundTypesPlugin(), playgroundExamplesPlugin(), monacoCssPlugin()],
		// The adapter packages are used from their TypeScript source (packages/source-condition.mjs).
		resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
		ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
	}),
});
