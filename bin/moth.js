#!/usr/bin/env node
// A shim into the compiled command line, so `npm link` and `npx moth` work after `npm run build`.
// It loads the one-file bundle the build makes (scripts/bundle-cli.mjs: starting up is ~25 ms faster than with
// the ~45 modules tsc writes), unless the bundle is missing or older than tsc's output (tsc was run alone),
// in which case it loads tsc's output directly.
import { statSync } from 'node:fs';

const bundle = new URL('../dist/src/cli/main.bundle.js', import.meta.url);
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);

function modifiedAt(url) {
  return statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

const { main } = await import((modifiedAt(bundle) >= modifiedAt(compiled) ? bundle : compiled).href);

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`moth: internal error: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = 70; },
);
