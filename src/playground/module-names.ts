import { byOrm, type ModuleName, type OrmEntry, type OrmId } from './orm-registry.ts';

export type { ModuleName } from './orm-registry.ts';

/*
 * The packages the reader's code can import in the playground, per ORM. The runtime's module
 * map serves exactly these (src/playground/runtime/env/), and the editor's type bundle declares
 * exactly these (src/playground/editor/types/), so what type-checks is what runs.
 *
 * `redirect` names what the playground serves in place of a package that cannot run in the
 * browser or that a snippet from elsewhere names: the reader is told once, per run.
 */

const SHARED: readonly ModuleName[] = [
  // Types only at run time (TypeScript erases them), but `import "@auth/core/adapters"` must resolve.
  { specifier: '@auth/core/adapters' },
  // Snippets written for Node take ids from `randomUUID` (the docs' custom User entity does).
  { specifier: 'node:crypto' },
  { specifier: 'crypto' },
];

/** An ORM's modules, from its registry entry: the shared ones, its own, its database packages, our adapter and the official one's name. */
function modulesOf(orm: OrmEntry): ModuleName[] {
  return [
    ...SHARED,
    ...orm.modules,
    ...orm.drivers.map(({ specifier }) => ({
      specifier,
      redirect: `The playground serves ${orm.driversServedAs} for ${specifier}: every driver it exports runs on SQLite (sql.js) in your browser.`,
    })),
    { specifier: orm.adapter.package },
    { specifier: orm.adapter.official, redirect: orm.adapter.officialRedirect },
  ];
}

export const MODULE_NAMES: Readonly<Record<OrmId, readonly ModuleName[]>> = byOrm(modulesOf);

/**
 * An ORM's modules with the official adapter chosen, where it runs on the same ORM
 * (orm-registry.ts `officialRuntime.typed`): the same names, the official one served as itself.
 */
export const OFFICIAL_MODULE_NAMES: Readonly<Record<OrmId, readonly ModuleName[]>> = byOrm((orm) =>
  modulesOf(orm).map((module) => (module.specifier === orm.adapter.official ? { specifier: module.specifier } : module)),
);

/**
 * MikroORM 6 exported its decorators from @mikro-orm/core; MikroORM 7 moved them. The
 * playground's @mikro-orm/core also serves every export of @mikro-orm/decorators/legacy that
 * core lacks, so that older snippets (the official adapter docs among them) run.
 */
export const MIKRO_ORM_CORE_DECORATOR_HINT =
  'MikroORM 7 moved its decorators out of @mikro-orm/core: the playground accepts them from there so older snippets run, but a real app imports them from @mikro-orm/decorators/legacy.';

/** The Auth.js providers the playground serves: OAuth ones talk to its simulated provider, e-mail ones deliver to its inbox. */
export const AUTH_PROVIDER_NAMES = ['github', 'credentials', 'nodemailer', 'email', 'resend'] as const;

/** The packages a reader's Auth.js setup imports, by framework: each is a thin module over the real @auth/core. */
export const AUTH_PACKAGES = ['@auth/core', 'next-auth', '@auth/express', '@auth/sveltekit', '@auth/qwik'] as const;

/** The module the reader's `run.ts` scripts flows with: simulated browsers, the inbox, the clock. */
export const PLAYGROUND_MODULE = '@adapter-lab/playground';

/**
 * Auth.js's modules, the same for both ORMs. Loaded on demand: code that imports none of them
 * (and presses no flow) never downloads Auth.js.
 */
export const AUTH_MODULE_NAMES: readonly ModuleName[] = [
  ...AUTH_PACKAGES.flatMap((base) => [{ specifier: base }, ...AUTH_PROVIDER_NAMES.map((provider) => ({ specifier: `${base}/providers/${provider}` }))]),
  { specifier: '@auth/core/errors' },
  { specifier: '@auth/core/jwt' },
  { specifier: 'next-auth/jwt' },
  { specifier: PLAYGROUND_MODULE },
];

const AUTH_SPECIFIERS = new Set(AUTH_MODULE_NAMES.map((name) => name.specifier));

export function isAuthModule(specifier: string): boolean {
  return AUTH_SPECIFIERS.has(specifier);
}

const FRAMEWORKS: ReadonlyArray<readonly [pattern: RegExp, framework: string]> = [
  [/^next(\/|$)/, 'Next.js'],
  [/^next-auth\/(react|middleware|next|webauthn)$/, 'Next.js'],
  [/^react(-dom)?(\/|$)/, 'React'],
  [/^(@sveltejs\/kit|\$app|\$env)(\/|$)/, 'SvelteKit'],
  [/^@auth\/sveltekit\/(client|components|webauthn)$/, 'SvelteKit'],
  [/^@builder\.io\/qwik(-city)?(\/|$)/, 'Qwik'],
  [/^express(\/|$)/, 'Express'],
];

/**
 * Why a framework's own module cannot be imported: the playground runs Auth.js's core with the
 * reader's configuration, not the framework around it. Undefined for other packages.
 */
export function frameworkOnly(specifier: string): { readonly message: string; readonly hint: string } | undefined {
  const framework = FRAMEWORKS.find(([pattern]) => pattern.test(specifier))?.[1];
  if (!framework) return undefined;
  const providers = AUTH_PROVIDER_NAMES.map((name) => `${name}`).join(', ');
  return {
    message: `${specifier} belongs to ${framework}, which the playground does not run. It runs Auth.js itself (@auth/core) with your configuration, and simulated browsers stand in for your app's pages.`,
    hint: `Keep the Auth.js configuration in this file and remove this import (and what uses it). Sign in with the Auth.js panel's flows, or script them in run.ts with \`browser\` from ${PLAYGROUND_MODULE}. Providers served: ${providers}.`,
  };
}

/** The specifiers of an ORM's playground. */
export function importable(orm: OrmId): string[] {
  return [...MODULE_NAMES[orm], ...AUTH_MODULE_NAMES].map((name) => name.specifier);
}
