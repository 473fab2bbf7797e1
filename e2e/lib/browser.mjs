// The web app in a real browser: Debian's chromium driven by playwright-core (no browser
// download), the built app served by app/serve.mjs, and axe-core's accessibility check.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { WS_URL, withTimeout } from './chain.mjs';

export { freePort } from './gateway.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const APP_DIR = path.resolve(HERE, '../../app');
/** Where the tests save a screenshot of each main page (E2E_SCREENSHOTS overrides). */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS || path.join(APP_DIR, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Serves the built app (app/dist) on `port` for the node under test and `gateway`; resolves
 * with `{ url, stop(), log() }` once it answers.
 */
export async function serveApp({ port, gateway }) {
  if (!existsSync(path.join(APP_DIR, 'dist/index.html'))) {
    throw new Error('the web app is not built: run `npm run build` in app/ (scripts/test.sh does)');
  }
  const child = spawn(process.execPath, [
    path.join(APP_DIR, 'serve.mjs'), '--listen', `127.0.0.1:${port}`, '--node', WS_URL, '--gateway', gateway,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/config.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app server did not answer:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    log: () => output,
    async stop() {
      child.kill('SIGTERM');
      await withTimeout(exited, 5_000, 'app server shutdown').catch(() => child.kill('SIGKILL'));
    },
  };
}

/** Launches headless chromium; every page logs its console errors into `errors`. */
export async function launchBrowser({ camera } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (scripts/setup.sh does) or set CHROMIUM`);
  }
  // `camera`: a Y4M video (lib/camera.mjs) the page sees as its webcam, allowed without asking.
  const cameraArgs = camera
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`]
    : [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...cameraArgs],
  });
  return browser;
}

let axeSource;

/** Runs axe-core's WCAG 2.1 A and AA rules on the page; returns the violations, described. */
export async function accessibilityViolations(page) {
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy refuses inline
  // scripts, and the check must not loosen it.
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations;
}

/** Saves a full-page screenshot as SCREENSHOTS/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
