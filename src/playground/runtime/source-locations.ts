import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { SourceLocation, StackFrame } from '../protocol.ts';

interface LoadedModule {
  readonly name: string;
  readonly map: TraceMap | undefined;
}

// V8 (Chromium and Node) frames: "    at fn (url:line:col)", "    at url:line:col", "    at async fn (…)".
const FRAME = /^\s*at (?:(?:async )?(.*?) \()?(.+):(\d+):(\d+)\)?$/;

/**
 * Knows which module URL holds which of the reader's files, and turns stack traces of the
 * compiled JavaScript into places in their TypeScript (through each file's source map).
 */
export class SourceLocations {
  readonly #byUrl = new Map<string, LoadedModule>();
  /** Errors that came out of an adapter call the reader's code made, with the call's place. */
  readonly #errorSites = new WeakMap<object, SourceLocation>();
  readonly #byName = new Map<string, LoadedModule>();

  /** Makes a file's source map known (before its module URL exists, for load errors). */
  addFile(name: string, map: string | undefined): void {
    let traceMap: TraceMap | undefined;
    if (map) {
      try {
        traceMap = new TraceMap(map);
      } catch {
        // A broken map only costs precision: locations fall back to the JavaScript's.
      }
    }
    this.#byName.set(name, { name, map: traceMap });
  }

  /** The module URL a file was evaluated from. */
  addUrl(url: string, name: string): void {
    const module = this.#byName.get(name);
    if (module) this.#byUrl.set(url, module);
  }

  clear(): void {
    this.#byUrl.clear();
    this.#byName.clear();
  }

  /** The reader's TypeScript location of a position in a registered module URL, else undefined. */
  locate(url: string, line: number, column: number): SourceLocation | undefined {
    const module = this.#byUrl.get(url);
    return module && mapped(module, line, column);
  }

  /** The TypeScript location of a (1-based) position in a file's compiled JavaScript. */
  locateInFile(name: string, line: number, column: number): SourceLocation | undefined {
    const module = this.#byName.get(name);
    return module && mapped(module, line, column);
  }

  /** Every frame of a V8 stack, the reader's mapped to their files, the rest named by module. */
  frames(stack: string | undefined): StackFrame[] {
    if (!stack) return [];
    const frames: StackFrame[] = [];
    for (const text of stack.split('\n')) {
      const match = FRAME.exec(text);
      if (!match) continue;
      const [, fn, url = '', line = '0', column = '0'] = match;
      const location = this.locate(url, Number(line), Number(column));
      const name = fn && fn !== '<anonymous>' ? fn : undefined;
      frames.push(
        location
          ? { ...(name ? { fn: name } : {}), ...location, user: true }
          : { ...(name ? { fn: name } : {}), file: libraryName(url), line: Number(line), column: Number(column), user: false },
      );
    }
    return frames;
  }

  /**
   * Remembers where the reader's code called the function that threw `error`: ORM errors are
   * often made in callbacks whose stack never passes through the reader's code.
   */
  rememberErrorSite(error: unknown, at: SourceLocation | undefined): void {
    if (at && error !== null && typeof error === 'object' && !this.#errorSites.has(error)) this.#errorSites.set(error, at);
  }

  errorSite(error: unknown): SourceLocation | undefined {
    return error !== null && typeof error === 'object' ? this.#errorSites.get(error) : undefined;
  }

  /** The first place in the reader's code, e.g. where `console.log` was called. */
  firstUserLocation(stack: string | undefined): SourceLocation | undefined {
    const frame = this.frames(stack).find((candidate) => candidate.user);
    return frame && { file: frame.file, line: frame.line, column: frame.column };
  }
}

function mapped(module: LoadedModule, line: number, column: number): SourceLocation {
  if (module.map) {
    const original = originalPositionFor(module.map, { line, column: Math.max(0, column - 1) });
    if (original.line !== null) return { file: module.name, line: original.line, column: (original.column ?? 0) + 1 };
  }
  return { file: module.name, line, column };
}

/** A short name for a library frame: the module's file name without hashes or query. */
function libraryName(url: string): string {
  if (url.startsWith('blob:')) return 'playground runtime';
  if (url.startsWith('node:')) return url;
  const path = url.replace(/[?#].*$/, '');
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (packageMatch?.[1]) return packageMatch[1];
  return path.slice(path.lastIndexOf('/') + 1) || url;
}
