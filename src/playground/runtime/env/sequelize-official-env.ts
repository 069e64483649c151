/**
 * Sequelize with the published `@auth/sequelize-adapter`, unmodified, served for its own name:
 * what a reader who files an issue about it runs. Its own module, so that only the official
 * runtime's workers bundle the package.
 */
import * as officialAdapter from '@auth/sequelize-adapter';
// The package's exports map hides its package.json: read from where npm installs it.
import officialPackage from '../../../../node_modules/@auth/sequelize-adapter/package.json' with { type: 'json' };
import type { OrmEnvironment } from './environment.ts';
import { type SequelizeAdapterPackage, sequelizeEnvironmentWith } from './sequelize-env.ts';

export const sequelizeOfficialEnvironment: OrmEnvironment = sequelizeEnvironmentWith({
  module: officialAdapter as unknown as SequelizeAdapterPackage['module'],
  name: officialPackage.name,
  version: officialPackage.version,
});
