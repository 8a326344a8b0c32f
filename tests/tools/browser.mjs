// What the layout tools share: their arguments and Debian's chromium, launched headless.
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// Stop with a harness failure (exit 2), naming the tool.
export const failer = (tool) => (msg) => {
  process.stderr.write(`${tool}: ${msg}\n`);
  process.exit(2);
};

// [--viewport WIDTHxHEIGHT] [--screenshot PATH] REST...: the viewport, the path, the rest.
export function parseArgs(argv, viewport, fail) {
  let shot = null;
  const rest = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--viewport') {
      const m = /^(\d+)x(\d+)$/.exec(argv[i + 1] || '');
      if (!m) fail('--viewport WIDTHxHEIGHT');
      viewport = { width: Number(m[1]), height: Number(m[2]) };
      i += 1;
    } else if (argv[i] === '--screenshot') {
      shot = argv[i + 1];
      i += 1;
    } else {
      rest.push(argv[i]);
    }
  }
  return { viewport, shot, rest };
}

// Chromium with no network of its own (no background requests on this closed machine).
export function launch(fail) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run'],
  }).catch((e) => fail(`cannot start chromium: ${e.message}`));
}
