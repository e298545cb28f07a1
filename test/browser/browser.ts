import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's chromium package (another Chromium or Chrome with CHROMIUM_PATH): the tests drive it,
 * they never download a browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of the main states, for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, 'screenshots');

/**
 * A headless Chromium (Playwright gives each launch a fresh temporary user-data-dir); fails
 * with the way to install it when it is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: the browser tests need Debian's chromium ` +
        'package (apt-get install -y chromium; .ci/run installs it), or CHROMIUM_PATH naming another Chromium.',
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A new browser context per test: its own storage, so each test signs in afresh. */
export function newContext(browser: Browser, phone = false): Promise<BrowserContext> {
  return browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1200, height: 800 },
    isMobile: phone,
    hasTouch: phone,
    acceptDownloads: true,
  });
}

/**
 * A page that records what the console says is wrong: console errors, uncaught exceptions and
 * failed requests. `allowed` lists messages a test expects (e.g. the 429 it provokes).
 */
export interface WatchedPage {
  page: Page;
  problems: string[];
  allow(pattern: RegExp): void;
}

export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  const note = (text: string) => {
    if (!allowed.some((pattern) => pattern.test(text))) problems.push(text);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') note(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => note(`page error: ${error.message}`));
  return { page, problems, allow: (pattern) => allowed.push(pattern) };
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
