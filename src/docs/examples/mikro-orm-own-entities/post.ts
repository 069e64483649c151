// An entity of your app that has nothing to do with Auth.js.
import { Entity, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

@Entity({ tableName: "post" })
export class Post {
  @PrimaryKey({ type: "integer" })
  id!: number

  @Property({ type: "string" })
  title!: string

  // Your entities may point at the adapter's: posts belong to Auth.js users.
  @ManyToOne({ entity: () => defaultEntities.User, fieldName: "author_id", deleteRule: "cascade" })
  author!: defaultEntities.User
}
