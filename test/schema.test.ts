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

describe('typed documents made by codegen', () => {
  // One check per target of codegen.yml: the tests' operations and the seller console's.
  it.each(['test/generated/graphql.ts', 'src/console/generated/graphql.ts'])(
    '%s equals what codegen makes from its operations and the committed schema (run `npm run codegen` when it differs)',
    async (target) => {
      const { generate, loadCodegenConfig } = await import('@graphql-codegen/cli');
      const root = join(__dirname, '..');
      const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
      const cwd = process.cwd();
      process.chdir(root); // codegen.yml's paths are relative to the repository
      try {
        const outputs = await generate({ ...config, silent: true }, false);
        const output = outputs.find((candidate: { filename: string }) => candidate.filename === target);
        if (!output) throw new Error(`codegen.yml has no target ${target}`);
        const committed = readFileSync(join(root, target), 'utf8');
        if (committed !== output.content) {
          throw new Error(`${target} is stale (${firstDifference(committed, output.content)}). Run \`npm run codegen\` and commit it.`);
        }
        expect(committed).toBe(output.content);
      } finally {
        process.chdir(cwd);
      }
    },
  );
});
