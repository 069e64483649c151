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
 * characters); WebAuthn authenticators have a table.
 */
import { DataTypes } from 'sequelize';

export const User = {
  id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true, field: 'id' },
  name: { type: DataTypes.STRING, field: 'name' },
  email: { type: DataTypes.STRING, unique: 'email', field: 'email' },
  emailVerified: { type: DataTypes.DATE, field: 'email_verified' },
  image: { type: DataTypes.STRING, field: 'image' },
};

export const Account = {
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
};

export const Session = {
  id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true, field: 'id' },
  expires: { type: DataTypes.DATE, allowNull: false, field: 'expires' },
  sessionToken: { type: DataTypes.STRING, unique: 'sessionToken', allowNull: false, field: 'session_token' },
  userId: { type: DataTypes.UUID, field: 'user_id' },
};

export const VerificationToken = {
  token: { type: DataTypes.STRING, primaryKey: true, field: 'token' },
  identifier: { type: DataTypes.STRING, allowNull: false, field: 'identifier' },
  expires: { type: DataTypes.DATE, allowNull: false, field: 'expires' },
};

export const Authenticator = {
  credentialID: { type: DataTypes.STRING, primaryKey: true, field: 'credential_id' },
  userId: { type: DataTypes.UUID, allowNull: false, field: 'user_id' },
  providerAccountId: { type: DataTypes.STRING, allowNull: false, field: 'provider_account_id' },
  credentialPublicKey: { type: DataTypes.TEXT, allowNull: false, field: 'credential_public_key' },
  counter: { type: DataTypes.INTEGER, allowNull: false, field: 'counter' },
  credentialDeviceType: { type: DataTypes.STRING, allowNull: false, field: 'credential_device_type' },
  credentialBackedUp: { type: DataTypes.BOOLEAN, allowNull: false, field: 'credential_backed_up' },
  transports: { type: DataTypes.STRING, field: 'transports' },
};
