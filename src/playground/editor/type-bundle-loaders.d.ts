// The loaders of the editor's type bundles, one per ORM of the registry (types/vite-plugin.ts
// writes the module): spelled out there as `import("virtual:playground-types/<orm>")`, because
// Vite only bundles imports it can see.
declare module 'virtual:playground-types' {
  const loaders: Readonly<Record<import('../orm-registry.ts').OrmId, () => Promise<{ readonly default: import('./types/build-type-bundle.ts').TypeBundle }>>>;
  export default loaders;
}
