import { Migration20261127000000 } from './Migration20261127000000';
import { Migration20261127010000 } from './Migration20261127010000';
import { Migration20261127020000 } from './Migration20261127020000';
import { Migration20261127030000 } from './Migration20261127030000';
import { Migration20261127040000 } from './Migration20261127040000';
import { Migration20261127050000 } from './Migration20261127050000';
import { Migration20261127060000 } from './Migration20261127060000';
import { Migration20261127070000 } from './Migration20261127070000';
import { Migration20261127080000 } from './Migration20261127080000';
import { Migration20261203120000 } from './Migration20261203120000';
import { Migration20261210000000 } from './Migration20261210000000';
import { Migration20261215000000 } from './Migration20261215000000';
import { Migration20261215120000 } from './Migration20261215120000';
import { Migration20261216000000 } from './Migration20261216000000';
import { Migration20261217100000 } from './Migration20261217100000';

/** Every committed migration, in order; listed explicitly so compiled and test runs find the same set. */
export const MIGRATIONS = [
  { name: 'Migration20261127000000', class: Migration20261127000000 },
  { name: 'Migration20261127010000', class: Migration20261127010000 },
  { name: 'Migration20261127020000', class: Migration20261127020000 },
  { name: 'Migration20261127030000', class: Migration20261127030000 },
  { name: 'Migration20261127040000', class: Migration20261127040000 },
  { name: 'Migration20261127050000', class: Migration20261127050000 },
  { name: 'Migration20261127060000', class: Migration20261127060000 },
  { name: 'Migration20261127070000', class: Migration20261127070000 },
  { name: 'Migration20261127080000', class: Migration20261127080000 },
  { name: 'Migration20261203120000', class: Migration20261203120000 },
  { name: 'Migration20261210000000', class: Migration20261210000000 },
  { name: 'Migration20261215000000', class: Migration20261215000000 },
  { name: 'Migration20261215120000', class: Migration20261215120000 },
  { name: 'Migration20261216000000', class: Migration20261216000000 },
  { name: 'Migration20261217100000', class: Migration20261217100000 },
];
