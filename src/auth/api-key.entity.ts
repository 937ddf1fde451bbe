import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { Role } from './role';

@Entity({ tableName: 'api_key' })
@ObjectType({ implements: Node })
export class ApiKey {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('ApiKey', this.uuid);
  }

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'text' })
  role!: Role;

  @Field({ description: 'The first characters, to recognise the key; the secret itself is never shown again.' })
  @Property({ type: 'text' })
  prefix!: string;

  /** SHA-256 of the secret. Secrets are 256 random bits, so a slow hash would add nothing. */
  @Property({ type: 'text', unique: true })
  secretHash!: string;

  @ManyToOne(() => Shop, { nullable: true })
  shop?: Shop;

  @ManyToOne(() => Customer, { nullable: true })
  customer?: Customer;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;
}
