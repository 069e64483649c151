/**
 * `npm run check:snippets [-- --page sequelize/overview …] [--docs other/docs/dir]`: type-checks
 * the docs' fenced TypeScript/JavaScript blocks and prints each error at its line in the page's
 * source. Exit code 1 when there is one.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSnippets, formatDiagnostic } from './type-check.ts';

const { values } = parseArgs({ options: { page: { type: 'string', multiple: true }, docs: { type: 'string' } } });
const started = performance.now();
const result = checkSnippets({ ...(values.page && { pages: values.page }), ...(values.docs && { docsDir: resolve(values.docs) }) });
for (const diagnostic of result.diagnostics) console.log(formatDiagnostic(diagnostic));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${result.diagnostics.length} error(s) in ${result.files} file(s) of ${result.projects} project(s) on ${result.pages} page(s), ${seconds} s`);
process.exitCode = result.diagnostics.length ? 1 : 0;
