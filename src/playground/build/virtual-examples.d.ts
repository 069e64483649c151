declare module 'virtual:playground-examples' {
  export const examples: readonly import('./examples-plugin.ts').BuiltExample[];
}
