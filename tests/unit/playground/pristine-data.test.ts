import { describe, expect, it } from 'vitest';
import { pristineData } from '../../../src/playground/runtime/env/pristine-data.ts';

class Type {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

describe('pristineData', () => {
  it('puts back nested plain objects and arrays: values changed, keys added and removed', () => {
    const string = new Type('STRING');
    const models = { User: { id: { type: string, primaryKey: true }, email: { type: string, validate: { isEmail: true } } }, order: ['id', 'email'] };
    const restore = pristineData([models]);
    const id = models.User.id as Record<string, unknown>;
    id['field'] = 'user_id';
    id['type'] = new Type('sqlite STRING');
    delete (models.User.email as Record<string, unknown>)['validate'];
    (models.User as Record<string, unknown>)['phone'] = { type: string };
    models.order.push('phone');
    models.order[0] = 'uuid';
    restore();
    expect(models).toEqual({ User: { id: { type: string, primaryKey: true }, email: { type: string, validate: { isEmail: true } } }, order: ['id', 'email'] });
    // The same objects, so what holds a reference to them (the package's own code) sees them restored too.
    expect(models.User.id).toBe(id);
    expect(models.User.id.type).toBe(string);
  });

  it('keeps instances, functions and getter-only objects as they are, and follows cycles once', () => {
    const instance = new Type('kept');
    const withGetter = Object.defineProperty({}, 'live', { get: () => 1, enumerable: true });
    const cyclic: Record<string, unknown> = { instance, withGetter };
    cyclic['self'] = cyclic;
    const restore = pristineData([cyclic]);
    (instance as unknown as Record<string, unknown>)['changed'] = true;
    cyclic['added'] = 1;
    restore();
    expect(cyclic['added']).toBeUndefined();
    expect(cyclic['self']).toBe(cyclic);
    expect((instance as unknown as Record<string, unknown>)['changed']).toBe(true);
    expect(() => restore()).not.toThrow();
  });
});
