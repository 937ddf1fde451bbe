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

/** The shop's side of an order: its sellers, and operators acting for them. */
export const SELLER_SIDE: readonly Role[] = [Role.SELLER, Role.OPERATOR];
/** The customer's side: the customer, and operators acting for them. */
export const CUSTOMER_SIDE: readonly Role[] = [Role.CUSTOMER, Role.OPERATOR];
export const EVERY_ROLE: readonly Role[] = [Role.SELLER, Role.CUSTOMER, Role.OPERATOR];
export const OPERATOR_ONLY: readonly Role[] = [Role.OPERATOR];
