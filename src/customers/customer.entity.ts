import { randomUUID } from 'node:crypto';
import { Entity, Enum, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Locale } from '../common/locale';
import { Node } from '../common/node';

@Entity({ tableName: 'customer' })
@ObjectType({ implements: Node })
export class Customer {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Customer', this.uuid);
  }

  @Field()
  @Property({ type: 'text' })
  displayName!: string;

  /** Private: shown to nobody through the API; used to mail notifications. */
  @Property({ type: 'text' })
  email!: string;

  /** The language of the customer's notifications. */
  @Enum({ items: () => Locale, type: 'text' })
  locale: Locale & Opt = Locale.PL;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
