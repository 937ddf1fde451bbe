import { registerEnumType } from 'type-graphql';

export enum Locale {
  PL = 'PL',
  EN = 'EN',
}
registerEnumType(Locale, { name: 'Locale' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
