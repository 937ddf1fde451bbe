import { registerEnumType } from 'type-graphql';

export enum Role {
  OPERATOR = 'OPERATOR',
  SELLER = 'SELLER',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(Role, { name: 'Role' });

export enum ActorType {
  OPERATOR = 'OPERATOR',
  SELLER = 'SELLER',
  CUSTOMER = 'CUSTOMER',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorType, { name: 'ActorType' });
