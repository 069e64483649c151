/**
 * Where evaluated modules live. Browsers import `blob:` URLs (created in the worker's own,
 * opaque origin); Node cannot import `blob:` URLs but imports `data:` URLs, which it caches by
 * URL, so every Node module carries a unique comment to be evaluated afresh on each run.
 */
export interface ModuleUrls {
  create(code: string): string;
  revoke(url: string): void;
}

let counter = 0;

const blobUrls: ModuleUrls = {
  create: (code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' })),
  revoke: (url) => URL.revokeObjectURL(url),
};

const dataUrls: ModuleUrls = {
  // `'` survives encodeURIComponent and would end the quoted specifier that embeds the URL.
  create: (code) => `data:text/javascript,${encodeURIComponent(`${code}\n//# adapter-lab-module=${++counter}`).replaceAll("'", '%27')}`,
  revoke: () => {},
};

export function moduleUrls(): ModuleUrls {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  return typeof versions?.node === 'string' ? dataUrls : blobUrls;
}

/** `import()` of a URL that exists only at run time: no bundler may resolve or inline it. */
export function importUrl(url: string): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>;
}
