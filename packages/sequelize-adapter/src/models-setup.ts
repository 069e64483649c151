import type { Model, ModelAttributes, ModelOptions, ModelStatic, Sequelize } from 'sequelize';
import * as defaults from './models.ts';

export type Role = 'User' | 'Account' | 'Session' | 'VerificationToken' | 'Authenticator';
// biome-ignore lint/suspicious/noExplicitAny: models of any attribute shape (custom models add their own attributes).
export type AnyModel = ModelStatic<Model<any, any>>;
export type AdapterModels = Record<Role, AnyModel>;

/** Foreign-key order: users before the tables that reference them. */
export const ROLES: readonly Role[] = ['User', 'Account', 'Session', 'VerificationToken', 'Authenticator'];

const MODEL_NAMES: Record<Role, string> = {
  User: 'user',
  Account: 'account',
  Session: 'session',
  VerificationToken: 'verificationToken',
  Authenticator: 'authenticator',
};

// Upstream's table names come from these options; the indexes are ours (every foreign key and
// lookup column, and one account per provider account).
const OPTIONS: Record<Role, ModelOptions> = {
  User: {},
  Account: { indexes: [{ unique: true, fields: ['provider', 'provider_account_id'] }, { fields: ['user_id'] }] },
  Session: { indexes: [{ fields: ['user_id'] }] },
  VerificationToken: { indexes: [{ fields: ['identifier'] }] },
  Authenticator: { indexes: [{ fields: ['user_id'] }] },
};

/** Sequelize rewrites the attribute objects it is given: keep the exported maps pristine. */
function copy(attributes: Record<string, object>): ModelAttributes {
  return Object.fromEntries(Object.entries(attributes).map(([name, attribute]) => [name, { ...attribute }])) as ModelAttributes;
}

/**
 * The five models: the caller's where given, otherwise ours — defined on `sequelize` now, so a
 * plain `sequelize.sync()` creates every table. A model of that name already defined on the
 * instance (say, by an earlier call during hot reload) is reused rather than replaced.
 */
export function setUpModels(sequelize: Sequelize, custom: Partial<Record<Role, AnyModel>> = {}): AdapterModels {
  const models = {} as AdapterModels;
  for (const role of ROLES) {
    const name = MODEL_NAMES[role];
    models[role] =
      custom[role] ??
      (sequelize.isDefined(name)
        ? sequelize.model(name)
        : // biome-ignore lint/performance/noDynamicNamespaceImportAccess: every default model is used; the namespace is the role → model table.
          sequelize.define(name, copy(defaults[role]), { underscored: true, timestamps: false, ...OPTIONS[role] }));
  }
  for (const role of ['Account', 'Session', 'Authenticator'] as const) {
    const model = models[role];
    const linked = Object.values(model.associations).some((association) => association.target === models.User && association.associationType === 'BelongsTo');
    if (!linked) model.belongsTo(models.User, { foreignKey: 'userId', onDelete: 'cascade' });
  }
  return models;
}
