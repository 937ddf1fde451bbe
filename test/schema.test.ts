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

/** What `npm run codegen` writes from the committed schema (and test/operations/*.graphql), by path; generated once. */
let generatedOnce: Promise<Map<string, string>> | undefined;
const codegenOutputs = () => (generatedOnce ??= generateCodegenOutputs());

async function generateCodegenOutputs(): Promise<Map<string, string>> {
  const { generate, loadCodegenConfig } = await import('@graphql-codegen/cli');
  const root = join(__dirname, '..');
  const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
  const cwd = process.cwd();
  process.chdir(root); // codegen.yml's paths are relative to the repository
  try {
    const outputs = await generate({ ...config, silent: true }, false);
    return new Map(outputs.map((output: { filename: string; content: string }) => [output.filename, output.content]));
  } finally {
    process.chdir(cwd);
  }
}

describe.each(['test/generated/graphql.ts', 'src/console/generated/graphql.ts', 'schema/possible-types.json', 'schema/introspection.json'])('%s', (path) => {
  it('equals what codegen makes from the committed schema (run `npm run codegen` and commit it when it differs)', async () => {
    const generated = (await codegenOutputs()).get(path);
    if (generated === undefined) throw new Error(`codegen.yml generates no ${path}`);
    const committed = readFileSync(join(__dirname, '..', path), 'utf8');
    if (committed !== generated) {
      throw new Error(`${path} is stale (${firstDifference(committed, generated)}). Run \`npm run codegen\` and commit it.`);
    }
    expect(committed).toBe(generated);
  });
});
