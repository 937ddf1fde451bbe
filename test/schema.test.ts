import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../src/schema';

const COMMITTED = join(__dirname, '..', 'schema', 'schema.graphql');

/** The first line where two texts differ, to point at the drift without printing the whole schema. */
function firstDifference(committed: string, built: string): string {
  const a = committed.split('\n');
  const b = built.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '<end of file>')}, built ${JSON.stringify(b[at] ?? '<end of file>')}`;
}

describe('schema/schema.graphql', () => {
  it('equals the schema the code builds (run `npm run schema:emit` and commit the result when it differs)', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    const built = printAppSchema();
    if (committed !== built) {
      throw new Error(`schema/schema.graphql is out of date (${firstDifference(committed, built)}). Run \`npm run schema:emit\` and commit schema/schema.graphql.`);
    }
    expect(committed).toBe(built);
  });
});
