/** A type bundle's shape, and the patch between two bundles: plain data, for the page and the build alike. */

export interface TypeBundle {
  /** Virtual path (`file:///node_modules/…`, `file:///playground-globals.d.ts`) → file content. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * What turns an ORM's bundle into the one with the official adapter package chosen: the files it
 * adds or changes, and those it drops. Small (the official package's own declarations), so the
 * page downloads it only when that choice is made.
 */
export interface TypeBundlePatch {
  readonly files: Readonly<Record<string, string>>;
  readonly removed: readonly string[];
}

/** The patch from `base` to `target`. */
export function typeBundlePatch(base: TypeBundle, target: TypeBundle): TypeBundlePatch {
  const files = Object.fromEntries(Object.entries(target.files).filter(([file, text]) => base.files[file] !== text));
  return { files, removed: Object.keys(base.files).filter((file) => !(file in target.files)) };
}

/** `base` with `patch` applied. */
export function applyTypeBundlePatch(base: TypeBundle, patch: TypeBundlePatch): TypeBundle {
  const files: Record<string, string> = { ...base.files, ...patch.files };
  for (const file of patch.removed) delete files[file];
  return { files };
}
