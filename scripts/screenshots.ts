import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Page } from 'puppeteer-core';
import { findChromium, launchChromium } from './chromium';

/**
 * `npm run screenshots`: the console's main screens as PNGs in docs/screenshots/, taken from a
 * running server (`npm run seed`, then `npm start`) with a seller key the seed printed:
 *   SELLER_KEY=sk_… npm run screenshots          (CONSOLE_URL defaults to http://127.0.0.1:4000)
 */
const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForNetworkIdle({ idleTime: 300 });
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  const url = process.env.CONSOLE_URL || 'http://127.0.0.1:4000';
  const key = process.env.SELLER_KEY;
  if (!key) throw new Error('Set SELLER_KEY to a seller key (npm run seed prints them).');
  const chromium = findChromium();
  if (!chromium) throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.');
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#api-key');
    await shoot(page, 'sign-in');
    await page.type('#api-key', key);
    await page.click('button[type=submit]');
    await page.waitForSelector('.tiles .count');
    await shoot(page, 'dashboard');
    await page.goto(`${url}/#/orders`);
    await page.waitForSelector('table.orders tbody tr');
    await shoot(page, 'orders');
    await page.goto(`${url}/#/orders?states=SHIPPING`);
    await page.waitForSelector('table.orders tbody tr a');
    await page.click('table.orders tbody tr a');
    await page.waitForSelector('article.order .actions');
    await shoot(page, 'order');
    await page.goto(`${url}/#/messages?awaitingReply=1`);
    await page.waitForSelector('.threads .thread a');
    await page.click('.threads .thread a');
    await page.waitForSelector('.messages .message');
    await shoot(page, 'messages');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
