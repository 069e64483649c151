// Share links the encoder does not write: any version with any contents, for the decoder's tests.
import { deflateSync } from 'fflate';
import { toBase64Url } from '../../src/playground/share/codec.ts';
import type { PlaygroundState } from '../../src/playground/store/state.ts';

/** `<version>.<payload>` packed exactly as the encoder packs it, whatever `value` holds. */
export function shareLink(version: number, value: unknown): string {
  return `${version}.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(value)), { level: 9 }))}`;
}

/**
 * A format-1 link (no open file, no options), as the playground wrote them before format 2.
 * Nothing writes them any more, but links live forever, so the decoder must keep opening them.
 */
export function encodeStateV1(state: PlaygroundState): string {
  return shareLink(1, { o: state.orm, f: state.files.map((file) => [file.name, file.code]) });
}
