import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { description: 'An entity with an opaque global id.' })
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
