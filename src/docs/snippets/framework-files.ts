/**
 * What a reader's project has that a page's blocks do not show, because the framework's starter
 * or its dev server provides it: the import aliases of each starter's tsconfig, and the types
 * SvelteKit generates (`svelte-kit sync`). The snippet type-check supplies exactly these, so a
 * block is checked as it compiles in the project it was written for.
 */

/** Import aliases as `prefix → folder under the project root`, from each framework's starter. */
export const PROJECT_ALIASES: ReadonlyArray<readonly [prefix: string, folder: string]> = [
  // Next.js (create-next-app): "@/*": ["./*"].
  ['@/', ''],
  // SvelteKit: $lib is src/lib.
  ['$lib/', 'src/lib/'],
  ['$lib', 'src/lib'],
  // Qwik City's starter: "~/*": ["./src/*"].
  ['~/', 'src/'],
];

/** The specifier with a project alias replaced by a path under `projectRoot`, or undefined. */
export function expandAlias(specifier: string, projectRoot: string): string | undefined {
  for (const [prefix, folder] of PROJECT_ALIASES) {
    if (prefix.endsWith('/') ? specifier.startsWith(prefix) : specifier === prefix) return `${projectRoot}/${folder}${specifier.slice(prefix.length)}`;
  }
  return undefined;
}

/** SvelteKit's `$env/dynamic/*` modules, as `svelte-kit sync` declares them for any `.env`. */
export const SVELTEKIT_AMBIENT = `declare module '$env/dynamic/private' {
  export const env: { [key: \`PUBLIC_\${string}\`]: undefined; [key: string]: string | undefined };
}
declare module '$env/dynamic/public' {
  export const env: { [key: \`PUBLIC_\${string}\`]: string | undefined };
}
`;

/**
 * A route folder's \`./$types\`, as \`svelte-kit sync\` writes it, with the route's params left
 * generic (the page never shows the folder tree that would make them precise).
 */
export const SVELTEKIT_ROUTE_TYPES = `import type * as Kit from '@sveltejs/kit';
export type PageServerLoad = Kit.ServerLoad;
export type LayoutServerLoad = Kit.ServerLoad;
export type PageLoad = Kit.Load;
export type LayoutLoad = Kit.Load;
export type Actions = Kit.Actions;
export type RequestHandler = Kit.RequestHandler;
export type PageData = Record<string, any>;
export type LayoutData = Record<string, any>;
export type PageServerData = Record<string, any>;
export type LayoutServerData = Record<string, any>;
`;
