import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * README.md shows the code in examples/ (each file run against the real server by a
 * test/frontend-*.test.ts): a snippet is marked `<!-- snippet: examples/<file> -->` on the line
 * before its fence and must equal the file, so the README never shows code that was not run.
 */
const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SNIPPETS = [...README.matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)].map(([, path, code]) => ({ path, code }));

it('shows every file in examples/, each once', () => {
  const files = readdirSync(join(ROOT, 'examples'))
    .filter((name) => statSync(join(ROOT, 'examples', name)).isFile())
    .map((name) => `examples/${name}`);
  expect(SNIPPETS.map((snippet) => snippet.path).sort()).toEqual(files.sort());
});

it.each(SNIPPETS)('shows $path exactly as the file is', ({ path, code }) => {
  expect(code).toBe(readFileSync(join(ROOT, path), 'utf8'));
});
