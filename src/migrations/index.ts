import { Migration20261127000000 } from './Migration20261127000000';
import { Migration20261127010000 } from './Migration20261127010000';
import { Migration20261127020000 } from './Migration20261127020000';

/** Every committed migration, in order; listed explicitly so compiled and test runs find the same set. */
export const MIGRATIONS = [
  { name: 'Migration20261127000000', class: Migration20261127000000 },
  { name: 'Migration20261127010000', class: Migration20261127010000 },
  { name: 'Migration20261127020000', class: Migration20261127020000 },
];
