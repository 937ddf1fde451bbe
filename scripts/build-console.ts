import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CONSOLE_ASSETS_PATH, CONSOLE_DIR } from '../src/console-static';

/**
 * `npm run build` (after tsc): bundles the seller console (src/console, Preact) into
 * dist/console — index.html plus content-hashed assets, so the server may cache them for ever.
 * Prints each asset's size gzipped, the size a browser downloads.
 */
async function buildConsole(): Promise<void> {
  const source = join(CONSOLE_DIR, '..', '..', 'src', 'console');
  const assets = join(CONSOLE_DIR, 'assets');
  rmSync(CONSOLE_DIR, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  const result = await build({
    entryPoints: { console: join(source, 'main.tsx'), style: join(source, 'style.css') },
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
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const script = outputs.find((name) => name.endsWith('.js'));
  const styles = outputs.find((name) => name.endsWith('.css'));
  if (!script || !styles) throw new Error(`esbuild made no script or no styles: ${outputs.join(', ')}`);
  const page = readFileSync(join(source, 'index.html'), 'utf8')
    .replace('{{js}}', `${CONSOLE_ASSETS_PATH}/${script}`)
    .replace('{{css}}', `${CONSOLE_ASSETS_PATH}/${styles}`);
  writeFileSync(join(CONSOLE_DIR, 'index.html'), page);
  const sizes = [script, styles].map((name) => `${name} ${(gzipSync(readFileSync(join(assets, name))).length / 1024).toFixed(1)} KiB gzipped`);
  // Quiet under `npm run build --silent` (npm start, the tests); shown by a plain `npm run build`.
  if (process.env.npm_config_loglevel !== 'silent') console.log(`seller console: ${sizes.join(', ')}`);
}

buildConsole().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
