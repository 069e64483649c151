// The loaders of the editor's type bundles, one per ORM of the registry and one per typed
// official package's patch (types/vite-plugin.ts writes the module): spelled out there as
// `import("virtual:playground-types/<orm>")`, because Vite only bundles imports it can see.
declare module 'virtual:playground-types' {
  const loaders: Readonly<
    Record<import('../orm-registry.ts').OrmId, () => Promise<{ readonly default: import('./types/type-bundle-patch.ts').TypeBundle }>> &
      Partial<
        Record<`${import('../orm-registry.ts').OrmId}/official`, () => Promise<{ readonly default: import('./types/type-bundle-patch.ts').TypeBundlePatch }>>
      >
  >;
  export default loaders;
}
