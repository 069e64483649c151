import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		// vitest's own report, then one plain "N passed, N failed, N skipped" line for CI.
		reporters: ['default', './tests/support/plain-summary-reporter.ts'],
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
					environment: 'node',
				},
			},
			{
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					// Serves dist/ and launches Chromium once for all browser test files.
					globalSetup: ['tests/browser/support/global-setup.ts'],
					// The 2-core CI machine is slow and a cold Chromium page can take seconds:
					// generous limits, and no test asserts on timing.
					testTimeout: 60_000,
					hookTimeout: 60_000,
				},
			},
		],
	},
});
