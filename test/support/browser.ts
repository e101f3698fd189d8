// Debian's Chromium driven by playwright-core, and axe-core checks of the page shown.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from './app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run wherever Chromium is installed, and CI must have it. */
export const browserSkip = !existsSync(CHROMIUM) && !process.env.CI ? `no browser at ${CHROMIUM}` : false;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Guichet with its demo data, listening on a free loopback port, and a browser to visit it. */
export async function startBrowserApp(): Promise<{ t: TestApp; base: string; browser: Browser; close(): Promise<void> }> {
  const t = await startTestApp({ seed: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchBrowser();
  return {
    t,
    base,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Fails on any serious or critical accessibility violation (WCAG 2.1 A and AA rules) of the current page. */
export async function assertAccessible(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline script) stays as it is.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  })) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`),
    [],
    `accessibility violations on ${page.url()}`,
  );
}

/** A fresh context and page, as an agent's desktop in French unless `options` says otherwise; 15 s per step. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'fr-FR', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}
