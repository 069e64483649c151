/**
 * The adapter's default entities, as classes: `defaultEntities.User` is a value (pass it in
 * `entities`) and a type (`class User implements defaultEntities.User`). This module exports
 * the classes only, so `Object.values(defaultEntities)` is a list of entities.
 *
 * Their mapping is declared with `EntitySchema` (no decorators, no reflect-metadata: every type
 * is explicit) and linked to each class, so MikroORM accepts the class itself in `entities`.
 * Table and column names are explicit, the same as `@auth/mikro-orm-adapter`'s, so neither
 * minified class names nor a custom naming strategy can move them. A custom User takes the
 * default's place in the other entities' relations (see user-entity.ts).
 */
import { Collection, DateTimeType, EntitySchema, type EntityProperty, type EntitySchemaMetadata, type Platform } from '@mikro-orm/core';
import { userEntityOverride } from './user-entity.ts';

const newId = (): string => globalThis.crypto.randomUUID();

export class User {
  id: string = newId();
  name?: string | null = null;
  email?: string | null = null;
  emailVerified: Date | null = null;
  image?: string | null = null;
  sessions: Collection<Session, object> = new Collection<Session, object>(this);
  accounts: Collection<Account, object> = new Collection<Account, object>(this);
}

export class Account {
  id: string = newId();
  user!: User;
  type!: string;
  provider!: string;
  providerAccountId!: string;
  refresh_token?: string | null = null;
  access_token?: string | null = null;
  expires_at?: number | null = null;
  token_type?: string | null = null;
  scope?: string | null = null;
  id_token?: string | null = null;
  session_state?: string | null = null;
}

export class Session {
  id: string = newId();
  user!: User;
  expires!: Date;
  sessionToken!: string;
}

export class VerificationToken {
  token!: string;
  expires!: Date;
  identifier!: string;
}

export class Authenticator {
  credentialID!: string;
  user!: User;
  providerAccountId!: string;
  credentialPublicKey!: string;
  counter!: number;
  credentialDeviceType!: string;
  credentialBackedUp!: boolean;
  transports?: string | null = null;
}

/**
 * `datetime` that keeps milliseconds: where the platform's default precision is none (MySQL,
 * MariaDB: plain DATETIME), `datetime(3)`. Elsewhere exactly MikroORM's own `datetime`
 * (PostgreSQL's default keeps microseconds; SQLite takes no precision).
 */
class MillisecondDateTimeType extends DateTimeType {
  override getColumnType(prop: EntityProperty, platform: Platform): string {
    if (prop.length !== undefined || platform.getDefaultDateTimeLength() !== 0) return super.getColumnType(prop, platform);
    return platform.getDateTimeTypeDeclarationSQL({ length: 3 });
  }
}

const text = (fieldName: string, more: object = {}) => ({ type: 'string', fieldName, ...more }) as const;
const date = (fieldName: string, more: object = {}) => ({ type: MillisecondDateTimeType, fieldName, ...more }) as const;
// The user of an account, session or authenticator: ours, or a custom User in its place.
const owner = { kind: 'm:1', entity: () => userEntityOverride() ?? User, fieldName: 'user_id', deleteRule: 'cascade', hidden: true } as const;

// Bundlers may rename classes; MikroORM names entities after them.
function linked<T>(entity: new () => T, name: string, meta: Omit<EntitySchemaMetadata<T>, 'class' | 'name'>): void {
  Object.defineProperty(entity, 'name', { value: name });
  new EntitySchema<T>({ ...meta, class: entity } as EntitySchemaMetadata<T>);
}

linked(User, 'User', {
  tableName: 'user',
  properties: {
    id: text('id', { primary: true }),
    name: text('name', { nullable: true }),
    email: text('email', { nullable: true, unique: true }),
    emailVerified: date('email_verified', { nullable: true }),
    image: text('image', { nullable: true }),
    sessions: { kind: '1:m', entity: () => Session, mappedBy: 'user', hidden: true, orphanRemoval: true },
    accounts: { kind: '1:m', entity: () => Account, mappedBy: 'user', hidden: true, orphanRemoval: true },
  },
});

linked(Account, 'Account', {
  tableName: 'account',
  uniques: [{ properties: ['provider', 'providerAccountId'] }],
  properties: {
    id: text('id', { primary: true }),
    user: owner,
    type: text('type'),
    provider: text('provider'),
    providerAccountId: text('provider_account_id'),
    // TEXT, not VARCHAR(255): some providers' tokens are longer (upstream's limit).
    refresh_token: { type: 'text', fieldName: 'refresh_token', nullable: true },
    access_token: { type: 'text', fieldName: 'access_token', nullable: true },
    expires_at: { type: 'integer', fieldName: 'expires_at', nullable: true },
    token_type: text('token_type', { nullable: true }),
    scope: text('scope', { nullable: true }),
    id_token: { type: 'text', fieldName: 'id_token', nullable: true },
    session_state: text('session_state', { nullable: true }),
  },
});

linked(Session, 'Session', {
  tableName: 'session',
  properties: {
    id: text('id', { primary: true }),
    user: owner,
    expires: date('expires'),
    sessionToken: text('session_token', { unique: true }),
  },
});

linked(VerificationToken, 'VerificationToken', {
  tableName: 'verification_token',
  uniques: [{ properties: ['token', 'identifier'] }],
  properties: {
    token: text('token', { primary: true }),
    expires: date('expires'),
    identifier: text('identifier'),
  },
});

linked(Authenticator, 'Authenticator', {
  tableName: 'authenticator',
  properties: {
    credentialID: text('credential_id', { primary: true }),
    user: owner,
    providerAccountId: text('provider_account_id'),
    credentialPublicKey: { type: 'text', fieldName: 'credential_public_key' },
    counter: { type: 'integer', fieldName: 'counter' },
    credentialDeviceType: text('credential_device_type'),
    credentialBackedUp: { type: 'boolean', fieldName: 'credential_backed_up' },
    transports: text('transports', { nullable: true }),
  },
});
