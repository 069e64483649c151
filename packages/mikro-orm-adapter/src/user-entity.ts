/**
 * Which class the default Account, Session and Authenticator entities point at as their user.
 *
 * MikroORM 7 needs relation targets as classes (no more `entity: 'User'` by name), but a custom
 * User must take the default's place in those relations, as it did by name upstream. So the
 * defaults' relations ask this module, at discovery time (every `MikroORM.init`), and an
 * override is in place only while an `init` that needs it runs; inits are queued so that two
 * adapters with different User entities never see each other's.
 */
type EntityClass = abstract new (...args: never[]) => object;

let override: EntityClass | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** The custom User entity while one is being discovered, else undefined (use the default). */
export function userEntityOverride(): EntityClass | undefined {
  return override;
}

/**
 * Runs `init` (typically `MikroORM.init(config)`) with the default entities' relations pointing
 * at `User`. Use it when you initialise MikroORM yourself with your own User entity next to our
 * Account/Session/Authenticator (e.g. for migrations), then pass the ORM to `MikroOrmAdapter`.
 */
export function withUserEntity<T>(User: EntityClass | undefined, init: () => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    override = User;
    try {
      return await init();
    } finally {
      override = undefined;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
