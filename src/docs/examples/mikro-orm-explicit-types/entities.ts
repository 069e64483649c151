// Custom entities without reflect-metadata: every property names its type, so MikroORM 7's
// default metadata provider is enough (no `import "reflect-metadata"`, no emitDecoratorMetadata).
import { randomUUID } from "node:crypto"
import { Collection } from "@mikro-orm/core"
import { Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property } from "@mikro-orm/decorators/legacy"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

const { Account } = defaultEntities
type Account = defaultEntities.Account

// Replaces the default User (role "User"): the same table and columns, plus `role`.
@Entity({ tableName: "user" })
export class User implements defaultEntities.User {
  @PrimaryKey({ type: "string" })
  id: string = randomUUID()

  @Property({ type: "string", nullable: true })
  name?: string | null

  @Property({ type: "string", nullable: true, unique: true })
  email?: string | null

  @Property({ type: "datetime", fieldName: "email_verified", nullable: true })
  emailVerified: Date | null = null

  @Property({ type: "string", nullable: true })
  image?: string | null

  @OneToMany({ entity: () => Session, mappedBy: "user", hidden: true })
  sessions = new Collection<Session>(this)

  @OneToMany({ entity: () => Account, mappedBy: "user", hidden: true })
  accounts = new Collection<Account>(this)

  // Not hidden: the adapter returns it with the user, so Auth.js callbacks get `user.role`.
  @Enum({ items: ["ADMIN", "USER"] })
  role: "ADMIN" | "USER" = "USER"
}

// Replaces the default Session (role "Session"): the relation must be called `user`
// (the adapter reads and writes it as `userId`), plus a `created_at` column.
@Entity({ tableName: "session" })
export class Session implements defaultEntities.Session {
  @PrimaryKey({ type: "string" })
  id: string = randomUUID()

  @ManyToOne({ entity: () => User, fieldName: "user_id", deleteRule: "cascade", hidden: true })
  user!: User

  @Property({ type: "datetime" })
  expires!: Date

  @Property({ type: "string", fieldName: "session_token", unique: true })
  sessionToken!: string

  // The adapter inserts a fresh instance's initialised values for columns Auth.js does not send.
  @Property({ type: "datetime", fieldName: "created_at" })
  createdAt: Date = new Date()
}
