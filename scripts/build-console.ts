import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CONSOLE_ASSETS_PATH, CONSOLE_DIR } from '../src/console-static';

/**
 * `npm run build` (after tsc): bundles the seller console (src/console, Preact) into
 * dist/console — index.html plus content-hashed assets, so the server may cache them for ever.
 * Prints each asset's size gzipped, the size a browser downloads.
 *
 * Files are written only when their content changes, new ones before the pages that name them, and
 * stale ones removed last: a server already serving dist/console (the tests build while other test
 * files' servers run) never finds a page or an asset missing.
 */
async function buildConsole(): Promise<void> {
  const source = join(CONSOLE_DIR, '..', '..', 'src', 'console');
  const assets = join(CONSOLE_DIR, 'assets');
  mkdirSync(assets, { recursive: true });
  const result = await build({
    entryPoints: { console: join(source, 'main.tsx'), style: join(source, 'style.css'), graphiql: join(source, 'ide', 'graphiql.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox114', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(source, 'tsconfig.json'),
    entryNames: '[name]-[hash]',
    outdir: assets,
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    // React reads NODE_ENV to drop its development checks.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const asset = (prefix: string, extension: string) => {
    const name = outputs.find((output) => output.startsWith(`${prefix}-`) && output.endsWith(extension));
    if (!name) throw new Error(`esbuild made no ${prefix}*${extension}: ${outputs.join(', ')}`);
    return name;
  };
  const pages = [
    { template: join(source, 'index.html'), page: 'index.html', js: asset('console', '.js'), css: asset('style', '.css') },
    // GraphiQL (development only, served at /graphql): React and CodeMirror, kept out of the console's bundle.
    { template: join(source, 'ide', 'index.html'), page: 'graphiql.html', js: asset('graphiql', '.js'), css: asset('graphiql', '.css') },
  ];
  const files = new Map<string, Uint8Array | string>(result.outputFiles.map((file) => [relative(CONSOLE_DIR, file.path), file.contents]));
  for (const { template, page, js, css } of pages) {
    files.set(page, readFileSync(template, 'utf8').replace('{{js}}', `${CONSOLE_ASSETS_PATH}/${js}`).replace('{{css}}', `${CONSOLE_ASSETS_PATH}/${css}`));
  }
  const pageNames = new Set(pages.map(({ page }) => page));
  const ordered = [...files.keys()].sort((a, b) => Number(pageNames.has(a)) - Number(pageNames.has(b)));
  for (const name of ordered) writeIfChanged(join(CONSOLE_DIR, name), files.get(name)!);
  for (const name of [...readdirSync(assets).map((asset) => join('assets', asset)), ...readdirSync(CONSOLE_DIR).filter((entry) => entry.endsWith('.html'))]) {
    if (!files.has(name)) rmSync(join(CONSOLE_DIR, name), { force: true });
  }
  const gzipped = (name: string) => `${name} ${(gzipSync(files.get(join('assets', name))!).length / 1024).toFixed(1)} KiB`;
  const sizes = `seller console: ${gzipped(pages[0].js)}, ${gzipped(pages[0].css)}; GraphiQL: ${gzipped(pages[1].js)}, ${gzipped(pages[1].css)} (gzipped)`;
  if (process.env.npm_config_loglevel !== 'silent') console.log(sizes);
}

function writeIfChanged(path: string, contents: Uint8Array | string): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  writeFileSync(path, bytes);
}

buildConsole().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
