// The conformance suite against the PUBLISHED @auth/sequelize-adapter 2.11.3 on sql.js: the
// adapter the suite was developed against, and the record of where upstream breaks the contract.
import { describeAdapterConformance } from './adapter-suite.ts';
import { upstreamSequelizeSqlJsHarness } from './upstream-sequelize-sqljs.harness.ts';

/**
 * Upstream's deviations from the Auth.js contract: test title → why it fails. These run as
 * `it.fails`, so a fixed one turns the run red (then delete its line). Not covered here because
 * upstream has no WebAuthn: the getAccount round-trips (expires_at, 4,000-character tokens).
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'createUser returns a plain object with exactly id, name, email, emailVerified and image':
    'returns the Sequelize Model instance from User.create(), not a plain object',
  'createUser returns name and image as null when they are not given':
    'returns that Model instance as created, where attributes not given are undefined, not null',
  'updateUser returns a plain object with exactly the user keys':
    'returns the Model instance from User.findByPk(), not a plain object',
  'deleteUser resolves to nothing, null or the deleted user as a plain object':
    'resolves to the Model instance of the deleted user, not a plain object',
  'linkAccount rejects a second account with the same provider and providerAccountId':
    'its schema has no unique (provider, provider_account_id): the duplicate is stored',
  'createSession returns a plain object with exactly sessionToken, userId and expires (id allowed)':
    'returns the Model instance from Session.create(), not a plain object',
  'updateSession returns a plain object with exactly the session keys':
    'returns the Model instance from Session.findOne(), not a plain object',
  'createVerificationToken resolves to nothing, null or exactly the token as a plain object':
    'returns the Model instance from VerificationToken.create(), not a plain object',
  "useVerificationToken leaves the identifier's other tokens usable":
    'deletes every token of the identifier (destroy where identifier), not only the one used',
};

describeAdapterConformance(upstreamSequelizeSqlJsHarness, { knownFailures: Object.keys(KNOWN_FAILURES) });
