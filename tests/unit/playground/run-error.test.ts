// A PlaygroundError keeps its hint and place whichever copy of run-error.ts made it: in the
// browser the Auth.js runtime is a script of its own, bundled with its own copy of the class.
import { describe, expect, it } from 'vitest';
import { PlaygroundError, toRunError } from '../../../src/playground/runtime/run-error.ts';
import { SourceLocations } from '../../../src/playground/runtime/source-locations.ts';

describe('PlaygroundError', () => {
  it('is recognised across copies of its module, and only errors made by one are', async () => {
    // A second evaluation of the module: another class, as in the Auth.js script's bundle.
    const copy = (await import(
      /* @vite-ignore */ `../../../src/playground/runtime/run-error.ts?copy=${Date.now()}`
    )) as typeof import('../../../src/playground/runtime/run-error.ts');
    expect(copy.PlaygroundError).not.toBe(PlaygroundError);
    const thrown = new copy.PlaygroundError('ExpressAuth() runs inside Express.', { name: 'FrameworkError', hint: 'Use the flows.' });
    expect(thrown).toBeInstanceOf(PlaygroundError);
    expect(toRunError(thrown, 'run', new SourceLocations())).toMatchObject({
      name: 'FrameworkError',
      message: 'ExpressAuth() runs inside Express.',
      hint: 'Use the flows.',
    });
    expect(new Error('plain')).not.toBeInstanceOf(PlaygroundError);
    expect(Object.assign(new Error('forged'), { hint: 'x' })).not.toBeInstanceOf(PlaygroundError);
    expect(new PlaygroundError('own')).toBeInstanceOf(copy.PlaygroundError);
  });
});
