#!/usr/bin/env node
// Layout check of local HTML files at a given viewport, in Debian's chromium driven by
// playwright-core: does anything scroll sideways, and is the figures' evidence on screen?
//
// Usage:
//   node tests/tools/phone.mjs [--viewport WIDTHxHEIGHT] [--screenshot DIR] FILE.html...
//
// stdout: a JSON array, one object per file:
//   {"file": "...", "scrollWidth": N, "clientWidth": N,
//    "wide": ["selector", ...],        // elements whose right edge passes clientWidth
//    "evidence": {"rows": N, "visible": N}}  // "All figures" rows, and those whose
//                                            // "Reported as" cell is displayed on screen
// exit: 0 measured (the caller judges), 2 harness failure.

import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { resolve, basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fail = (msg) => { process.stderr.write(`phone.mjs: ${msg}\n`); process.exit(2); };
const args = process.argv.slice(2);
let viewport = { width: 390, height: 844 };
let shots = null;
const files = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--viewport') {
    const m = /^(\d+)x(\d+)$/.exec(args[i + 1] || '');
    if (!m) fail('--viewport WIDTHxHEIGHT');
    viewport = { width: Number(m[1]), height: Number(m[2]) };
    i += 1;
  } else if (args[i] === '--screenshot') {
    shots = args[i + 1];
    i += 1;
  } else {
    files.push(args[i]);
  }
}
if (files.length === 0) fail('usage: [--viewport WxH] [--screenshot DIR] FILE.html...');
for (const f of files) if (!existsSync(f)) fail(`no such file: ${f}`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
}).catch((e) => fail(`cannot start chromium: ${e.message}`));
const out = [];
try {
  const context = await browser.newContext({ viewport });
  // Only the file itself: a page that needs the network is broken, not slow.
  await context.route(/^(?!file:|data:|blob:)/, (route) => route.abort());
  const page = await context.newPage();
  for (const file of files) {
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    const found = await page.evaluate(() => {
      const root = document.documentElement;
      const width = root.clientWidth;
      const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
        + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5 && wide.length < 20) wide.push(name(el));
      }
      // A figure's row has its id; a note's row under it carries no evidence of its own.
      const rows = [...document.querySelectorAll('#figures tbody tr[id]')];
      const visible = rows.filter((tr) => {
        const cell = tr.querySelector('td.excerpts');
        if (!cell) return false;
        const box = cell.getBoundingClientRect();
        return getComputedStyle(cell).display !== 'none' && box.width > 0
          && box.left >= 0 && box.right <= width + 0.5;
      }).length;
      return { scrollWidth: root.scrollWidth, clientWidth: width, wide,
               evidence: { rows: rows.length, visible } };
    });
    if (shots) await page.screenshot({ path: join(shots, `${basename(file)}-${viewport.width}.png`), fullPage: true });
    out.push({ file, ...found });
  }
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
