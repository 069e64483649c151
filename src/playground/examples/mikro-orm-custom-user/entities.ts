// The official Auth.js docs' custom User entity, corrected for MikroORM 7 and this adapter.
// Each correction is marked "fix:".
import "reflect-metadata" // fix: legacy decorators without explicit types need decorator metadata, loaded before any entity
import { randomUUID } from "node:crypto" // fix: the docs call randomUUID() without importing it
import { Cascade, Collection } from "@mikro-orm/core"
// fix: MikroORM 7 moved the decorators to @mikro-orm/decorators/legacy (and the docs never imported Enum)
import { Entity, Enum, OneToMany, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

// fix: the docs use Account and Session without taking them from defaultEntities
const { Account, Session } = defaultEntities
// fix: destructuring gives values; Collection<…> needs the types too
type Account = defaultEntities.Account
type Session = defaultEntities.Session

// fix (recommended): an explicit table name, so that a minifier renaming the class cannot rename the table
@Entity({ tableName: "user" })
export class User implements defaultEntities.User {
  @PrimaryKey()
  id: string = randomUUID()

  @Property({ nullable: true })
  name?: string

  @Property({ nullable: true })
  @Unique()
  email?: string

  @Property({ type: "Date", nullable: true })
  emailVerified: Date | null = null

  @Property({ nullable: true })
  image?: string

  @OneToMany({
    entity: () => Session,
    mappedBy: (session) => session.user,
    hidden: true,
    orphanRemoval: true,
    cascade: [Cascade.ALL],
  })
  sessions = new Collection<Session>(this)

  @OneToMany({
    entity: () => Account,
    mappedBy: (account) => account.user,
    hidden: true,
    orphanRemoval: true,
    cascade: [Cascade.ALL],
  })
  accounts = new Collection<Account>(this)

  // fix: without `items`, MikroORM maps an @Enum to a number column (INTEGER on SQLite,
  // SMALLINT on PostgreSQL, which then rejects DEFAULT 'ADMIN')
  @Enum({ items: ["ADMIN"], hidden: true })
  role = "ADMIN"
}
