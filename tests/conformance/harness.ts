// What the adapter-agnostic conformance suite needs from each adapter × database pairing.
// Each harness file (e.g. sequelize.harness.ts) exports its `AdapterHarness`es, one per database.
import type { Adapter } from '@auth/core/adapters';

/** The adapter's tables by role, whatever each adapter names them. */
export type Role = 'user' | 'account' | 'session' | 'verificationToken' | 'authenticator';

export interface HarnessOptions {
  /**
   * Build the adapter with a custom user model/entity that adds one extra attribute,
   * `phoneNumber` (string, nullable), stored in the same user table.
   */
  readonly customUser?: boolean;
  /**
   * A fresh adapter whose very first calls are under test (lazy start-up, once, safe under
   * concurrent first calls). Adapters that create their own tables (Sequelize's `synchronize`)
   * get an empty database; for those that leave tables to migrations (MikroORM, as upstream)
   * the harness creates them separately, never through the adapter under test.
   */
  readonly emptyDatabase?: boolean;
}

export interface HarnessInstance {
  readonly adapter: Adapter;
  /** Number of rows currently in the table of `role`, read directly from the database. */
  count(role: Role): Promise<number>;
  /** Releases the database and any connections. */
  teardown(): Promise<void>;
}

export interface AdapterHarness {
  /** e.g. "sequelize × sql.js" — used as the describe() title. */
  readonly name: string;
  /** Whether this pairing implements the WebAuthn methods (ours all do; upstream's do not). */
  readonly webauthn: boolean;
  /** A fresh, isolated database and an adapter over it. */
  setup(options?: HarnessOptions): Promise<HarnessInstance>;
}
