/**
 * The URL of sql.js's WebAssembly for the browser build (package "browser" export), as Vite
 * emits it: the page fetches it and hands the bytes to the sandboxed worker, which fetches nothing.
 */
export { default as sqlJsWasmUrl } from 'sql.js/dist/sql-wasm-browser.wasm?url';
