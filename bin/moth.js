#!/usr/bin/env node
// A shim into the compiled command line, so `npm link` and `npx moth` work after `npm run build`.
//
// It runs the one-file bundle the build makes (scripts/bundle-cli.mjs says why and how) with V8's code cache
// from the build, which starts `moth run` faster than loading the ~45 modules tsc writes. When the bundle is
// missing or older than tsc's output (someone ran tsc alone), it loads tsc's output instead.
//
// This file is CommonJS (bin/package.json says so): an ES module entry point would start Node's ES module
// loader and wrap each built-in it imports, ~3 ms a run that a plain `require` does not pay.
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const cliFolder = join(__dirname, '..', 'dist', 'src', 'cli');
const bundleFile = join(cliFolder, 'main.bundle.js');
const cacheFile = join(cliFolder, 'main.bundle.cache');
const compiledFile = join(cliFolder, 'main.js');
/** Set by the build: after the run, save what V8 compiled as the bundle's code cache. */
const writeCache = process.env.MOTH_WRITE_CODE_CACHE === '1';

function modifiedAt(file) {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/** The bundle's code cache, unless it is missing or older than the bundle (then it belongs to another build). */
function readCache() {
  if (writeCache || modifiedAt(cacheFile) < modifiedAt(bundleFile)) return undefined;
  return readFileSync(cacheFile);
}

/** Runs the bundle's top level; resolves to its exports and the compiled script (for writing the cache). */
async function loadBundle() {
  const script = new Script(readFileSync(bundleFile, 'utf8'), { filename: bundleFile, cachedData: readCache() });
  const bundleUrl = pathToFileURL(bundleFile);
  const importFromBundle = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, bundleUrl).href : specifier);
  const module = { exports: {} };
  script.runInThisContext()(module, createRequire(bundleFile), bundleUrl.href, importFromBundle);
  return { main: module.exports.main, script };
}

async function start() {
  const useBundle = modifiedAt(bundleFile) >= modifiedAt(compiledFile);
  const { main, script } = useBundle ? await loadBundle() : await import(pathToFileURL(compiledFile).href);
  process.exitCode = await main(process.argv);
  if (writeCache && script !== undefined) writeFileSync(cacheFile, script.createCachedData());
}

start().catch((error) => {
  console.error(`moth: internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 70;
});
