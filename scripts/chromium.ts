import { existsSync } from 'node:fs';
import puppeteer, { Browser } from 'puppeteer-core';

/**
 * The system's Chromium (Debian's `chromium` package; CHROMIUM_PATH to name another). puppeteer-core
 * downloads no browser of its own: the registries here serve none, and CI installs the package.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    // As root (CI) Chromium refuses to start without --no-sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=pl-PL'],
    defaultViewport: { width: 1280, height: 900 },
  });
}
