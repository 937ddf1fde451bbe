import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../src/schema';

/** Writes schema/schema.graphql from the code; a test fails when the committed file differs. */
const target = join(__dirname, '..', '..', 'schema', 'schema.graphql');
writeFileSync(target, printAppSchema());
console.log(`wrote ${target}`);
