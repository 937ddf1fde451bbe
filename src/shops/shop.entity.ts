import { randomUUID } from 'node:crypto';
import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

/** The legal minimum of the withdrawal window in Poland; shops may only offer more. */
export const MIN_RETURN_POLICY_DAYS = 14;

@Entity({ tableName: 'shop' })
@ObjectType({ implements: Node })
export class Shop {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Shop', this.uuid);
  }

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: 'Days after receipt during which a customer may withdraw; at least 14.' })
  @Property({ type: 'integer' })
  returnPolicyDays: number & Opt = MIN_RETURN_POLICY_DAYS;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  autoAccept: boolean & Opt = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  partialAcceptance: boolean & Opt = true;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
