#!/usr/bin/env node
// Browser test of `factsheet serve`: edits a sheet's file while a page is open in
// Debian's chromium (driven by playwright-core) and watches the page follow.
//
// Usage:
//   node tests/tools/live.mjs URL FILE EDITED BROKEN ORIGINAL
//
//   URL       the preview's address (http://127.0.0.1:PORT/)
//   FILE      the fact file to edit in place
//   EDITED    a file whose text replaces FILE's: a figure's value changed
//   BROKEN    a file whose text replaces FILE's: invalid
//   ORIGINAL  the file's original text, written back last
//   --expect TEXT  text the edited page must show (repeatable: all must appear)
//
// stdout: JSON {"edit_ms": N, "overlay": ["path:line:col", ...], "overlay_ms": N,
//               "fix_ms": N, "reloads": N}
//   reloads counts full page loads after the first: 0 means no manual (or script) reload.
// exit: 0 done, 2 harness failure (bad arguments, browser failed, a step timed out).

import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const STEP_MS = 20_000;

function fail(msg) {
  process.stderr.write(`live.mjs: ${msg}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const expect = [];
while (args.includes('--expect')) {
  const at = args.indexOf('--expect');
  expect.push(args[at + 1]);
  args.splice(at, 2);
}
if (args.length !== 5 || expect.length === 0) fail('usage: URL FILE EDITED BROKEN ORIGINAL --expect TEXT');
const [url, file, edited, broken, original] = args;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
}).catch((e) => fail(`cannot start chromium: ${e.message}`));

try {
  const page = await browser.newPage();
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.goto(url, { waitUntil: 'load' });
  // The reload script has connected once the event stream answered.
  await page.waitForTimeout(300);

  const timed = async (text, condition, arg) => {
    const started = performance.now();
    writeFileSync(file, readFileSync(text));
    await page.waitForFunction(condition, arg, { timeout: STEP_MS, polling: 'raf' });
    return Math.round(performance.now() - started);
  };

  const edit_ms = await timed(edited, (want) => want.every((t) => document.body.innerText.includes(t)), expect);
  const overlay_ms = await timed(broken, () => document.getElementById('factsheet-overlay') !== null);
  const overlay = await page.$$eval('#factsheet-overlay code.place', (els) => els.map((e) => e.textContent));
  const fix_ms = await timed(original, () => document.getElementById('factsheet-overlay') === null);
  process.stdout.write(JSON.stringify({ edit_ms, overlay, overlay_ms, fix_ms, reloads: loads - 1 }) + '\n');
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
