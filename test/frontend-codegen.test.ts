import type { Types } from '@graphql-codegen/plugin-helpers';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market } from './support/market';

/** The README's codegen set-up for a frontend (examples/codegen.yml), from the committed schema or from the server with a key. */
let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

const ROOT = join(__dirname, '..');

/** Runs examples/codegen.yml in memory (nothing written), optionally with another `schema`; returns the file's text. */
async function generateExample(schema?: Types.Schema | Types.Schema[]): Promise<string> {
  const { generate, loadCodegenConfig } = await import('@graphql-codegen/cli');
  const { config } = await loadCodegenConfig({ configFilePath: join(ROOT, 'examples', 'codegen.yml') });
  const cwd = process.cwd();
  process.chdir(ROOT); // the config's paths are relative to the repository
  try {
    const [output] = await generate({ ...config, ...(schema ? { schema } : {}), silent: true, errorsOnly: true }, false);
    return output.content;
  } finally {
    process.chdir(cwd);
  }
}

it('types DateTime and Decimal as strings and each result union as its members', async () => {
  const generated = await generateExample();
  expect(generated).toContain('  DateTime: { input: string; output: string; }\n');
  expect(generated).toContain('  Decimal: { input: string; output: string; }\n');
  expect(generated).toContain(
    "{ __typename: 'Order', id: string, state: OrderState, shippedAt?: string | null, totalPrice: { __typename?: 'Money', amount: string, currency: string } }",
  );
  expect(generated).toContain("{ __typename: 'InvalidStateError', code: ErrorCode, message: string }");
});

it('fails without a key, saying how to send one', async () => {
  await expect(generateExample(t.url)).rejects.toThrow('Introspection needs an API key: send `Authorization: Bearer <secret>`');
});

// After the test above: codegen caches a loaded schema by its URL within a process.
it('makes the same types from the running server when introspection carries a key', async () => {
  const fromServer = await generateExample([{ [t.url]: { headers: { Authorization: `Bearer ${market.keys.seller}` } } }]);
  // Introspection over HTTP leaves out the two custom scalars' descriptions; everything else is the same.
  const withoutScalarDescriptions = (await generateExample()).replace(/^ {2}\/\*\*.*\*\/\n(?= {2}(DateTime|Decimal): )/gm, '');
  expect(fromServer).toBe(withoutScalarDescriptions);
});
