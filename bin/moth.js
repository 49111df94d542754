#!/usr/bin/env node
// A shim into the compiled command line, so `npm link` and `npx moth` work after `npm run build`.
//
// It runs the one-file bundle the build makes (scripts/bundle-cli.mjs says why and how) with V8's code cache
// from the build, which starts `moth run` faster than loading the ~45 modules tsc writes. When the bundle is
// missing or older than tsc's output (someone ran tsc alone), it loads tsc's output instead.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundleUrl = new URL('../dist/src/cli/main.bundle.js', import.meta.url);
const cacheUrl = new URL('../dist/src/cli/main.bundle.cache', import.meta.url);
const compiledUrl = new URL('../dist/src/cli/main.js', import.meta.url);
/** Set by the build: after the run, save what V8 compiled as the bundle's code cache. */
const writeCache = process.env.MOTH_WRITE_CODE_CACHE === '1';

function modifiedAt(url) {
  return statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/** The bundle's code cache, unless it is missing or older than the bundle (then it belongs to another build). */
function readCache() {
  if (writeCache || modifiedAt(cacheUrl) < modifiedAt(bundleUrl)) return undefined;
  return readFileSync(cacheUrl);
}

function loadBundle() {
  const script = new Script(readFileSync(bundleUrl, 'utf8'), { filename: fileURLToPath(bundleUrl), cachedData: readCache() });
  const module = { exports: {} };
  const importFromBundle = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, bundleUrl).href : specifier);
  script.runInThisContext()(module, createRequire(bundleUrl), bundleUrl.href, importFromBundle);
  return { main: module.exports.main, script };
}

const { main, script } = modifiedAt(bundleUrl) >= modifiedAt(compiledUrl) ? loadBundle() : await import(compiledUrl.href);

main(process.argv).then(
  (code) => {
    process.exitCode = code;
    if (writeCache && script !== undefined) writeFileSync(cacheUrl, script.createCachedData());
  },
  (error) => { console.error(`moth: internal error: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = 70; },
);
