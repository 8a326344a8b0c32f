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

import { existsSync } from 'node:fs';
import { failer, launch, parseArgs } from './browser.mjs';
import { resolve, basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fail = failer('phone.mjs');
const { viewport, shot: shots, rest: files } = parseArgs(
  process.argv.slice(2), { width: 390, height: 844 }, fail);
if (files.length === 0) fail('usage: [--viewport WxH] [--screenshot DIR] FILE.html...');
for (const f of files) if (!existsSync(f)) fail(`no such file: ${f}`);

const browser = await launch(fail);
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
