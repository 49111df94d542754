// Measures the built web face: the size of dist/web/ (raw and gzip-compressed, as a static host would send
// it) and the time to interactive in Debian's chromium, opened from file:// and from `moth web`. Time to
// interactive here is from navigation start to the moment the app has built the editor, drawn the panes and
// shown the first diagnostics (the `moth-ready` mark main.ts sets). Run after `npm run build`:
//   node scripts/measure-web.mjs [runs]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'dist/web');
const runs = Number(process.argv[2] ?? 5);
const executablePath = process.env.MOTH_CHROMIUM ?? '/usr/bin/chromium';

console.log('dist/web/');
let total = 0;
let totalGzip = 0;
for (const name of readdirSync(site).sort()) {
  const bytes = readFileSync(join(site, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGzip += gzip;
  console.log(`  ${name.padEnd(12)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KiB  gzip ${(gzip / 1024).toFixed(1).padStart(6)} KiB`);
}
console.log(`  ${'total'.padEnd(12)} ${(total / 1024).toFixed(1).padStart(7)} KiB  gzip ${(totalGzip / 1024).toFixed(1).padStart(6)} KiB`);

const server = spawn(process.execPath, [join(root, 'bin/moth.js'), 'web', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolveUrl) => {
  let printed = '';
  server.stdout.on('data', (chunk) => {
    printed += chunk;
    const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed);
    if (match) resolveUrl(match[0]);
  });
});

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [label, address] of [['file://', pathToFileURL(join(site, 'index.html')).href], ['moth web', url]]) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext(); // a cold page each time: no cache, no storage
    const page = await context.newPage();
    await page.goto(address);
    await page.waitForSelector('body[data-ready="true"]');
    times.push(await page.evaluate(() => performance.getEntriesByName('moth-ready')[0].startTime));
    await context.close();
  }
  console.log(`time to interactive (${label}, ${runs} cold loads): median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms`);
}
await browser.close();
server.kill('SIGINT');
