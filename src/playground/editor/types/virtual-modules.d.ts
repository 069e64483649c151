// The editor's type bundles, one per ORM, served by vite-plugin.ts (built at build time by
// build-type-bundle.ts). Each is large (hundreds of kB): import it dynamically, with the editor.

declare module 'virtual:playground-types/sequelize' {
  const bundle: import('./build-type-bundle.ts').TypeBundle;
  export default bundle;
}

declare module 'virtual:playground-types/mikro-orm' {
  const bundle: import('./build-type-bundle.ts').TypeBundle;
  export default bundle;
}
