// The official Auth.js docs' custom User entity for the MikroORM adapter, with its bugs fixed
// (each marked "fix:"). Legacy decorators with decorator metadata, as the docs write them.
import { randomUUID } from "node:crypto" // fix: the docs call randomUUID() without importing it
import { Cascade, Collection } from "@mikro-orm/core"
// fix: MikroORM 7 moved the decorators to @mikro-orm/decorators/legacy (and `Enum` was not imported)
import { Entity, Enum, OneToMany, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

// fix: the docs use Account and Session without taking them from defaultEntities
const { Account, Session } = defaultEntities
type Account = defaultEntities.Account
type Session = defaultEntities.Session

// An explicit table name (not in the docs): a minifier renaming the class cannot rename the table.
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

  // fix: without `items`, MikroORM maps an @Enum to a number column
  @Enum({ items: ["ADMIN"], hidden: true })
  role = "ADMIN"
}
