import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, request as playwrightRequest, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Every run writes screenshots to e2e/.artifacts for looking at; `npm run screenshots` refreshes
// the README's copies in docs/screenshots (so that a test run leaves the tree clean).
export const SCREENSHOT_DIR = process.env.CHUANYU_SCREENSHOTS === 'docs'
  ? path.join(import.meta.dirname, '..', 'docs', 'screenshots')
  : path.join(import.meta.dirname, '.artifacts');

/** The viewports the browser tests look at: a desk and a phone (375 px). */
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 740 };

/** Log a demo account in on the page's browser context (password of the demo, API.md). */
export async function loginDemo(page: Page, baseUrl: string, user: string): Promise<void> {
  const res = await page.request.post(`${baseUrl}/api/auth/login`, { data: { login: user, password: 'chuanyu-demo' } });
  if (res.status() !== 200) throw new Error(`login ${user}: ${res.status()}`);
}

export interface Browser {
  context: BrowserContext;
  /** Console errors and failed requests seen on any page (CSP violations show up here). */
  problems: string[];
  newPage(viewport: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium through playwright-core, with a fresh profile (DESIGN.md, Playwright). */
export async function launch(options: { locale?: string; args?: string[] } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (as .ci/run does), or set CHROMIUM_PATH`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    locale: options.locale ?? 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(options.args ?? [])],
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      // 4xx answers (401 from /api/auth/me when logged out, a wrong password, a 422 import report)
      // are answers shown to the user, not faults; anything else is.
      if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()} ${msg.location().url}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  };
  context.on('page', watch);
  return {
    context,
    problems,
    async newPage(viewport) {
      await context.clearCookies(); // every test starts logged out
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** Width of content beyond the viewport (0 when nothing overflows horizontally). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** An API client of its own (its own cookies) logged in as a demo account; kept in `clients` to be disposed. */
export async function apiAs(baseUrl: string, user: string, clients: APIRequestContext[]): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({ baseURL: baseUrl });
  const res = await client.post('/api/auth/login', { data: { login: user, password: 'chuanyu-demo' } });
  expect(res.status()).toBe(200);
  clients.push(client);
  return client;
}

/** The JSON of a successful API answer; fails the test naming the answer otherwise. */
export async function okJson<T = { id: number }>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}
