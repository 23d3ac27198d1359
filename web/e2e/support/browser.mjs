// Debian's Chromium driven by playwright-core (no downloaded browser), one fresh profile per run.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const baseUrl = (process.env.IIFUND_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');

const webDir = fileURLToPath(new URL('../..', import.meta.url));

/** `${IIFUND_ARTIFACTS_DIR:-../test-artifacts}`, relative paths taken from web/. */
export async function artifactsDir() {
  const configured = process.env.IIFUND_ARTIFACTS_DIR || '../test-artifacts';
  const dir = isAbsolute(configured) ? configured : resolve(webDir, configured);
  await mkdir(dir, { recursive: true });
  return dir;
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'iifund-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records console errors and uncaught page errors. `allow` holds predicates for the few console
 * errors the browser itself prints for an expected HTTP error status (Chromium logs "Failed to
 * load resource: … status of 501" for any fetch answered ≥ 400, whatever the page does with it).
 * Match the status number, not the reason phrase after it (servers word 422 differently).
 */
export function watchErrors(page) {
  const errors = [];
  const allowed = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const entry = { text: message.text(), url: message.location().url ?? '' };
    if (allowed.some((allow) => allow(entry))) return;
    errors.push(`console.error: ${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
  return {
    errors,
    allow(predicate) {
      allowed.push(predicate);
    },
  };
}

/**
 * What every test file's `before` does: make sure a server answers at baseUrl (one clear failure
 * rather than a browser timeout in each test), start Chromium and watch its page for errors.
 */
export async function openBrowserPage() {
  const health = await fetch(`${baseUrl}/api/health`).catch((error) => error);
  assert.ok(
    health instanceof Response,
    `no server answers at ${baseUrl} (set IIFUND_BASE_URL): ${health?.cause?.message ?? health}`,
  );
  const browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return { browser, page, watcher: watchErrors(page) };
}
