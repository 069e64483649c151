// The DDL on the schema page (reference/schema.mdx) is what the ORMs really generate for the
// adapters' default models and entities: Sequelize's sync() and MikroORM's schema generator,
// on sql.js and on a throwaway PostgreSQL database, compared statement by statement (the page
// puts each column on its own line; whitespace is not compared). The MySQL / MariaDB tab was
// generated the same way against MariaDB.
import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sql';
import { Sequelize } from 'sequelize';
import { describe, expect, it } from 'vitest';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { defaultEntities } from '@adapter-lab/mikro-orm-adapter';
import { createSqlite3Shim, createSqlJsDialect, loadSqlJs } from '../../../src/engine/sql-js/index.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';

const PAGE = readFileSync(new URL('../../../src/content/docs/reference/schema.mdx', import.meta.url), 'utf8');

/** The page's DDL blocks by "ORM / database" tab label, e.g. "Sequelize / SQLite". */
function pageDdl(): Map<string, string[]> {
  const section = PAGE.slice(PAGE.indexOf('## The DDL'));
  const blocks = new Map<string, string[]>();
  let orm = '';
  for (const match of section.matchAll(/<TabItem label="([^"]+)">|```sql\n([\s\S]*?)```/g)) {
    if (match[1] === 'Sequelize' || match[1] === 'MikroORM') orm = match[1];
    else if (match[1]) blocks.set(`${orm} / ${match[1]}`, []);
    else [...blocks.values()].at(-1)!.push(...statements(match[2]!));
  }
  return blocks;
}

function statements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ ,/g, ',').trim())
    .filter((statement) => statement !== '' && !/^set names/i.test(statement));
}

async function sequelizeDdl(sequelize: (log: (sql: string) => void) => Sequelize): Promise<string[]> {
  const log: string[] = [];
  const instance = sequelize((sql) => log.push(sql.replace(/^Executing \(default\): /, '')));
  SequelizeAdapter(instance);
  await instance.sync();
  await instance.close();
  return statements(
    log
      .filter((sql) => /^(CREATE|ALTER)\b/.test(sql))
      .join(';')
      .replaceAll('IF NOT EXISTS ', ''),
  );
}

async function mikroOrmDdl(options: object): Promise<string[]> {
  const orm = await MikroORM.init({ ...options, entities: Object.values(defaultEntities) });
  try {
    return statements(await orm.schema.getCreateSchemaSQL());
  } finally {
    await orm.close();
  }
}

describe('the DDL on the schema page', () => {
  const page = pageDdl();

  it('has a PostgreSQL, a MySQL / MariaDB and an SQLite tab for each ORM', () => {
    expect([...page.keys()]).toEqual([
      'Sequelize / PostgreSQL',
      'Sequelize / MySQL / MariaDB',
      'Sequelize / SQLite',
      'MikroORM / PostgreSQL',
      'MikroORM / MySQL / MariaDB',
      'MikroORM / SQLite',
    ]);
  });

  it('is what Sequelize creates on SQLite and PostgreSQL', async () => {
    const SQL = await loadSqlJs();
    expect(
      await sequelizeDdl(
        (logging) =>
          new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database: new SQL.Database() }), logging }),
      ),
    ).toEqual(page.get('Sequelize / SQLite'));
    const db = await freshPostgresDatabase();
    try {
      expect(await sequelizeDdl((logging) => new Sequelize(db.connectionString, { logging }))).toEqual(page.get('Sequelize / PostgreSQL'));
    } finally {
      await db.drop();
    }
  });

  it('is what MikroORM generates on SQLite and PostgreSQL', async () => {
    const SQL = await loadSqlJs();
    expect(await mikroOrmDdl({ driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(new SQL.Database()) })).toEqual(
      page.get('MikroORM / SQLite'),
    );
    const db = await freshPostgresDatabase();
    try {
      expect(await mikroOrmDdl({ driver: PostgreSqlDriver, clientUrl: db.connectionString })).toEqual(page.get('MikroORM / PostgreSQL'));
    } finally {
      await db.drop();
    }
  });
});
