#!/usr/bin/env node
// Where the preview's panels sit: does anything cover the sheet's title?
//
// Usage:   node tests/tools/overlay.mjs [--viewport WIDTHxHEIGHT] [--screenshot FILE] URL
// stdout:  JSON {"title": {top, bottom, left, right}, "titleOnTop": bool,
//                "errors": bool, "warnings": bool, "badge": bool, "scrollWidth": N,
//                "clientWidth": N}
//   titleOnTop: the element at the title's centre is the title (or inside it), so no
//   panel or badge covers it.
// exit:    0 measured, 2 harness failure.

import { failer, launch, parseArgs } from './browser.mjs';

const fail = failer('overlay.mjs');
const { viewport, shot, rest } = parseArgs(process.argv.slice(2), { width: 1280, height: 900 },
                                           fail);
const url = rest[0];
if (!url) fail('usage: [--viewport WxH] [--screenshot FILE] URL');
const browser = await launch(fail);
try {
  const page = await browser.newPage({ viewport });
  await page.goto(url, { waitUntil: 'load' });
  const found = await page.evaluate(() => {
    const title = document.querySelector('h1');
    if (!title) return null;
    const box = title.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      title: { top: box.top, bottom: box.bottom, left: box.left, right: box.right },
      titleOnTop: hit !== null && (hit === title || title.contains(hit)),
      errors: document.getElementById('factsheet-overlay') !== null,
      warnings: document.getElementById('factsheet-warnings') !== null,
      badge: document.getElementById('factsheet-badge') !== null,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    };
  });
  if (!found) fail('the page has no h1');
  if (shot) await page.screenshot({ path: shot });
  process.stdout.write(JSON.stringify(found) + '\n');
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
