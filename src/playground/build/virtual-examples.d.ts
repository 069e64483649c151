declare module 'virtual:playground-examples' {
  export const examples: readonly import('./examples-plugin.ts').BuiltExample[];
}

declare module 'virtual:playground-known-code' {
  export const knownCode: readonly import('./examples-plugin.ts').KnownCode[];
}
