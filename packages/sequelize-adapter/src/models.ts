/**
 * The adapter's attribute maps, one per table, for `sequelize.define()`.
 *
 * Table and column names are those of `@auth/sequelize-adapter` 2.x, so existing databases keep
 * working. Every column is named explicitly (`field`), so a custom model built from these maps
 * reads and writes the adapter's snake_case columns even when defined without
 * `{ underscored: true }`:
 *
 * ```ts
 * sequelize.define("user", { ...models.User, phoneNumber: DataTypes.STRING }, { underscored: true, timestamps: false })
 * ```
 *
 * Differences from upstream, on purpose: OAuth tokens are TEXT (Google's overflow 255
 * characters); WebAuthn authenticators have a table; dates keep their milliseconds on MySQL and
 * MariaDB too (DATETIME(3); other databases ignore the precision).
 */
import { DataTypes } from 'sequelize';

/** DATETIME(3) on MySQL/MariaDB, whose plain DATETIME drops the milliseconds; the same type elsewhere. */
const DATE_MS = DataTypes.DATE(3);

/**
 * Every attribute a fresh copy each time it is read — and `{ ...models.User }` reads them all.
 * Sequelize writes into the attribute objects it is given (`belongsTo` adds `references` to
 * `userId`, naming the table), so shared objects would carry one model's table names into the
 * next model defined from the same map, in this process.
 */
function attributes<T extends Record<string, object>>(definitions: T): T {
  const map = {} as T;
  for (const [name, definition] of Object.entries(definitions)) {
    Object.defineProperty(map, name, { enumerable: true, get: () => ({ ...definition }) });
  }
  return map;
}

export const User = attributes({
  id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true, field: 'id' },
  name: { type: DataTypes.STRING, field: 'name' },
  email: { type: DataTypes.STRING, unique: 'email', field: 'email' },
  emailVerified: { type: DATE_MS, field: 'email_verified' },
  image: { type: DataTypes.STRING, field: 'image' },
});

export const Account = attributes({
  id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true, field: 'id' },
  type: { type: DataTypes.STRING, allowNull: false, field: 'type' },
  provider: { type: DataTypes.STRING, allowNull: false, field: 'provider' },
  providerAccountId: { type: DataTypes.STRING, allowNull: false, field: 'provider_account_id' },
  refresh_token: { type: DataTypes.TEXT, field: 'refresh_token' },
  access_token: { type: DataTypes.TEXT, field: 'access_token' },
  expires_at: { type: DataTypes.INTEGER, field: 'expires_at' },
  token_type: { type: DataTypes.STRING, field: 'token_type' },
  scope: { type: DataTypes.STRING, field: 'scope' },
  id_token: { type: DataTypes.TEXT, field: 'id_token' },
  session_state: { type: DataTypes.STRING, field: 'session_state' },
  userId: { type: DataTypes.UUID, field: 'user_id' },
});

export const Session = attributes({
  id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true, field: 'id' },
  expires: { type: DATE_MS, allowNull: false, field: 'expires' },
  sessionToken: { type: DataTypes.STRING, unique: 'sessionToken', allowNull: false, field: 'session_token' },
  userId: { type: DataTypes.UUID, field: 'user_id' },
});

export const VerificationToken = attributes({
  token: { type: DataTypes.STRING, primaryKey: true, field: 'token' },
  identifier: { type: DataTypes.STRING, allowNull: false, field: 'identifier' },
  expires: { type: DATE_MS, allowNull: false, field: 'expires' },
});

export const Authenticator = attributes({
  credentialID: { type: DataTypes.STRING, primaryKey: true, field: 'credential_id' },
  userId: { type: DataTypes.UUID, allowNull: false, field: 'user_id' },
  providerAccountId: { type: DataTypes.STRING, allowNull: false, field: 'provider_account_id' },
  credentialPublicKey: { type: DataTypes.TEXT, allowNull: false, field: 'credential_public_key' },
  counter: { type: DataTypes.INTEGER, allowNull: false, field: 'counter' },
  credentialDeviceType: { type: DataTypes.STRING, allowNull: false, field: 'credential_device_type' },
  credentialBackedUp: { type: DataTypes.BOOLEAN, allowNull: false, field: 'credential_backed_up' },
  transports: { type: DataTypes.STRING, field: 'transports' },
});
