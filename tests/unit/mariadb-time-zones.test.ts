// DATETIME has no time zone: on MariaDB each adapter writes and reads it in its ORM's zone (UTC by
// default: Sequelize's `timezone: '+00:00'`, MikroORM's `forceUtcTimezone`). Dates must come back
// as the same instants, and be stored as UTC, whatever the zone of the Node process — the test
// run's is UTC, so these tests move it.
import { MariaDbDriver, MikroORM } from '@mikro-orm/mariadb';
import { QueryTypes, Sequelize } from 'sequelize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter } from '@auth/core/adapters';
import { MikroOrmAdapter, defaultEntities } from '@adapter-lab/mikro-orm-adapter';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { freshMariaDbDatabase, type FreshMariaDbDatabase } from '../support/mariadb.ts';

const EMAIL_VERIFIED = new Date('2030-01-02T03:04:05.678Z');
const EXPIRES = new Date('2031-07-08T09:10:11.123Z');
const user = { id: 'a1f0c7de-6a36-4bd4-9d27-5f9f3c1d0001', name: 'Ada', email: 'ada@example.com', emailVerified: EMAIL_VERIFIED, image: null };

interface Subject {
  adapter: Adapter;
  /** Every stored date as the server's text, in table order. */
  storedDates(): Promise<string[]>;
  close(): Promise<void>;
}

const STORED_DATES = (users: string, sessions: string) =>
  `SELECT DATE_FORMAT(email_verified, '%Y-%m-%d %H:%i:%s.%f') AS d FROM ${users} UNION ALL SELECT DATE_FORMAT(expires, '%Y-%m-%d %H:%i:%s.%f') FROM ${sessions}`;

const subjects: Record<string, (db: FreshMariaDbDatabase) => Promise<Subject>> = {
  async Sequelize(db) {
    const sequelize = new Sequelize(db.name, db.user, '', { dialect: 'mariadb', host: db.host, port: db.port, logging: false });
    return {
      adapter: SequelizeAdapter(sequelize),
      storedDates: async () => (await sequelize.query<{ d: string }>(STORED_DATES('users', 'sessions'), { type: QueryTypes.SELECT })).map((row) => row.d),
      close: () => sequelize.close(),
    };
  },
  async MikroORM(db) {
    const options = { driver: MariaDbDriver, host: db.host, port: db.port, user: db.user, dbName: db.name };
    const admin = await MikroORM.init({ ...options, entities: Object.values(defaultEntities) });
    await admin.schema.create();
    return {
      adapter: MikroOrmAdapter(options),
      storedDates: async () => (await admin.em.getConnection().execute<Array<{ d: string }>>(STORED_DATES('`user`', '`session`'))).map((row) => row.d),
      close: () => admin.close(),
    };
  },
};

describe.each(Object.keys(subjects))('%s adapter on MariaDB, with the Node process in another time zone', (name) => {
  const processZone = process.env['TZ'];
  let db: FreshMariaDbDatabase;
  let subject: Subject;
  beforeEach(async () => {
    db = await freshMariaDbDatabase();
    subject = await subjects[name]!(db);
  });
  afterEach(async () => {
    if (processZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = processZone;
    await subject.close();
    await db.drop();
  });

  for (const zone of ['America/New_York', 'Asia/Kolkata']) {
    it(`returns the instants it was given and stores them as UTC (TZ=${zone})`, async () => {
      process.env['TZ'] = zone;
      expect(new Date(2030, 0, 1).getTimezoneOffset()).not.toBe(0); // the zone really moved
      const { adapter } = subject;
      await adapter.createUser?.(user);
      await adapter.createSession?.({ sessionToken: 't1', userId: user.id, expires: EXPIRES });
      expect((await adapter.getUser?.(user.id))?.emailVerified).toEqual(EMAIL_VERIFIED);
      const found = await adapter.getSessionAndUser?.('t1');
      expect(found?.session.expires).toEqual(EXPIRES);
      expect(found?.user.emailVerified).toEqual(EMAIL_VERIFIED);
      expect(await subject.storedDates()).toEqual(['2030-01-02 03:04:05.678000', '2031-07-08 09:10:11.123000']);
    });
  }
});
