// The browser-test harness: starts the real `verbund` server with the built web app against a
// fresh SQLite database holding the data set, and drives Debian's Chromium through
// playwright-core (which downloads no browser of its own).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);

/** Where screenshots go; the closing note of a change describes them. */
export const screenshotDir = process.env.VERBUND_SCREENSHOTS ?? path.join(root, 'target', 'screenshots');

/** The `verbund` binary the tests run. */
export function binary() {
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(root, process.env.CARGO_TARGET_DIR)
    : path.join(root, 'target');
  return process.env.VERBUND_BIN ?? path.join(targetDir, 'debug', 'verbund');
}

/**
 * Starts the server on a free port with the demo accounts (and `args` for `verbund serve`,
 * e.g. `['--production']`), on a fresh SQLite database or on `databaseUrl`; resolves with its
 * base URL, the accounts' passwords (by name: `demo-admin`, `demo-editor`, `demo-viewer`) and
 * a stop function.
 */
export async function startServer({ args = [], databaseUrl } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbund-browser-'));
  const child = spawn(binary(), ['serve', '--seed', '--demo', '--listen', '127.0.0.1:0', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl ?? `sqlite://${path.join(dir, 'verbund.db')}?mode=rwc`,
      VERBUND_WEB_DIR: path.join(root, 'frontend', 'dist'),
      RUST_LOG: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /running at (http:\/\/[^/\s]+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  // The passwords are printed before the address, each on a line `  demo-name   password`.
  const passwords = {};
  for (const [, name, password] of seen.matchAll(/^\s+(demo-\w+)\s+(\S+)$/gm)) {
    passwords[name] = password;
  }
  for (const name of ['demo-admin', 'demo-editor', 'demo-viewer']) {
    if (!passwords[name]) throw new Error(`no password for ${name} in: ${seen}`);
  }
  return {
    baseUrl,
    passwords,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium with a fresh profile, in `locale` (German by default). */
export async function launchBrowser({ locale = 'de-DE' } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'verbund-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale,
    // Staff and the server count days in Germany: so does the browser, whatever the zone of
    // the machine the tests run on (between 23:00 and 24:00 UTC the days differ).
    timezoneId: 'Europe/Berlin',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // What the pages' Content-Security-Policy refused (the browser reports it on the console).
  const cspViolations = [];
  const watch = (page) =>
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    cspViolations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core in the page; resolves with the serious and critical violations. axe is
 * evaluated through the browser's debugging protocol: the page's Content-Security-Policy
 * rightly refuses a script element the test would add. */
export async function seriousViolations(page) {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot as `name.png`. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Waits until `done()` holds, for 10 s at most, looking every 50 ms; then fails, naming
 * `what` and what `detail()` tells of the state.
 */
export async function until(done, what, detail = () => '') {
  const end = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within 10 s ${detail()}`.trim());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
