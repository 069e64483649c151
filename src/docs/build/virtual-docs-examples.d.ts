declare module 'virtual:docs-examples' {
  export const docsExamples: readonly import('./docs-examples.ts').DocsExample[];
}
