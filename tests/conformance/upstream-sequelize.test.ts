// The conformance suite against the PUBLISHED @auth/sequelize-adapter 2.11.3 on sql.js: the
// adapter the suite was developed against, and the record of where upstream breaks the contract.
import { describeAdapterConformance } from './adapter-suite.ts';
import { upstreamSequelizeSqlJsHarness } from './upstream-sequelize-sqljs.harness.ts';

/**
 * Upstream's deviations from the Auth.js contract and from the shapes the suite holds every
 * adapter to: test title → why it fails. These run as `it.fails`, so a fixed one turns the run
 * red (then delete its line). Its sessions already carry their `id` (getSessionAndUser,
 * deleteSession); linkAccount and unlinkAccount resolve to undefined, which the contract allows
 * (`returnsRecords: false`). Not covered here because upstream has no WebAuthn: getAccount.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'createUser returns exactly the user it was given, as a plain object': 'returns the Sequelize Model instance from User.create(), not a plain object',
  'createUser returns name and image as null when they are not given':
    'returns that Model instance as created, where attributes not given are undefined, not null',
  'updateUser returns exactly the updated user, as a plain object': 'returns the Model instance from User.findByPk(), not a plain object',
  'deleteUser returns exactly the deleted user, as a plain object': 'resolves to the Model instance of the deleted user, not a plain object',
  'linkAccount rejects a second account with the same provider and providerAccountId':
    'its schema has no unique (provider, provider_account_id): the duplicate is stored',
  'createSession returns exactly the session it was given, with its id, as a plain object':
    'returns the Model instance from Session.create(), not a plain object',
  'updateSession returns exactly the updated session, with its id, as a plain object': 'returns the Model instance from Session.findOne(), not a plain object',
  'createVerificationToken returns exactly the token it was given, as a plain object':
    'returns the Model instance from VerificationToken.create(), not a plain object',
  "useVerificationToken leaves the identifier's other tokens usable": 'deletes every token of the identifier (destroy where identifier), not only the one used',
};

describeAdapterConformance(upstreamSequelizeSqlJsHarness, { knownFailures: Object.keys(KNOWN_FAILURES), returnsRecords: false });
