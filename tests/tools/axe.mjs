#!/usr/bin/env node
// Accessibility check of one local HTML file with axe-core, run inside
// Debian's chromium (/usr/bin/chromium) driven by playwright-core.
//
// Usage:
//   node tests/tools/axe.mjs [--viewport WIDTHxHEIGHT] FILE.html
//
//   --viewport  page size in CSS pixels, default 1280x900
//               (e.g. 390x844 for a phone-sized check)
//
// stdout: a JSON array of violations, `[]` when there are none:
//   [{"id": "image-alt", "impact": "critical", "help": "...",
//     "nodes": ["img", "#logo"]}, ...]
//   Each entry of "nodes" is the CSS selector of one failing element
//   (selectors for elements inside iframes / shadow roots are joined
//   with " >>> ").
// stderr: a human-readable summary (and diagnostics on failure).
// exit:   0 no violations, 1 violations found, 2 harness failure
//         (bad arguments, file missing, browser or axe failed to run).
//
// Rules: axe runOnly tags wcag2a, wcag2aa, wcag21a, wcag21aa. Results
// axe marks "incomplete" (needs manual review) are not reported.
// Requests to anything other than file:, data: or blob: URLs are
// blocked, so a page that needs the network shows up as broken rather
// than hanging the check.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TIMEOUT_MS = 60_000;

function fail(msg) {
  process.stderr.write(`axe.mjs: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  let viewport = { width: 1280, height: 900 };
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--viewport' || a.startsWith('--viewport=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const m = /^(\d+)x(\d+)$/.exec(v ?? '');
      if (!m) fail(`bad --viewport value ${JSON.stringify(v)}; want WIDTHxHEIGHT`);
      viewport = { width: Number(m[1]), height: Number(m[2]) };
    } else if (a === '-h' || a === '--help') {
      process.stderr.write('usage: node tests/tools/axe.mjs [--viewport WxH] FILE.html\n');
      process.exit(2);
    } else if (a.startsWith('--')) {
      fail(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1) fail('expected exactly one FILE.html argument');
  return { file: files[0], viewport };
}

const { file, viewport } = parseArgs(process.argv.slice(2));
const path = resolve(file);
if (!existsSync(path) || !statSync(path).isFile()) fail(`no such file: ${path}`);
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} not found (apt-get install chromium)`);

let axePath;
try {
  const require = createRequire(import.meta.url);
  axePath = join(dirname(require.resolve('axe-core/package.json')), 'axe.min.js');
} catch (e) {
  fail(`axe-core not installed (run npm ci in tests/tools): ${e.message}`);
}

const watchdog = setTimeout(() => fail(`timed out after ${TIMEOUT_MS / 1000}s`), TIMEOUT_MS + 15_000);
watchdog.unref();

let browser;
let code = 2;
try {
  // playwright gives the browser a fresh temporary --user-data-dir of
  // its own and removes it on close.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: TIMEOUT_MS,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const blocked = new Set();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/i.test(url)) return route.continue();
    blocked.add(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  const resp = await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  if (resp && !resp.ok()) throw new Error(`loading ${path} gave status ${resp.status()}`);
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(
    async (tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    }),
    TAGS,
  );

  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => (Array.isArray(n.target) ? n.target.flat(Infinity).join(' >>> ') : String(n.target))),
  }));
  process.stdout.write(JSON.stringify(violations, null, 2) + '\n');

  const where = `${file} @ ${viewport.width}x${viewport.height}, axe-core ${results.testEngine.version}`;
  if (violations.length === 0) {
    process.stderr.write(`axe: no violations (${where})\n`);
  } else {
    process.stderr.write(`axe: ${violations.length} violation(s) (${where})\n`);
    for (const v of violations) {
      process.stderr.write(`  [${v.impact}] ${v.id}: ${v.help}\n`);
      for (const n of v.nodes) process.stderr.write(`      ${n}\n`);
    }
  }
  for (const u of blocked) process.stderr.write(`axe: note: blocked network request ${u}\n`);
  for (const e of pageErrors) process.stderr.write(`axe: note: page script error: ${e}\n`);
  code = violations.length === 0 ? 0 : 1;
} catch (e) {
  process.stderr.write(`axe.mjs: harness failure: ${e && e.stack ? e.stack : e}\n`);
  code = 2;
} finally {
  if (browser) await browser.close().catch(() => {});
}
process.exit(code);
