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
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
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
function readCache(bundleModifiedAt) {
  if (writeCache || modifiedAt(cacheFile) < bundleModifiedAt) return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined; // a build removed it just now
  }
}

/** Runs the bundle's top level; resolves to its exports and the compiled script (for writing the cache). */
async function loadBundle() {
  // V8 checks only that a cache was made for a source of the same length, so a cache must never be paired with
  // another build's bundle. A build running meanwhile (the tree is shared) changes the bundle's time: then the
  // cache read may be the other build's, and the bundle is compiled without it.
  const bundleModifiedAt = modifiedAt(bundleFile);
  const cache = readCache(bundleModifiedAt);
  const source = readFileSync(bundleFile, 'utf8');
  const cachedData = modifiedAt(bundleFile) === bundleModifiedAt ? cache : undefined;
  const script = new Script(source, { filename: bundleFile, cachedData });
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
  if (writeCache && script !== undefined) {
    // Written whole under another name, then renamed: a moth starting meanwhile never reads half a cache.
    writeFileSync(`${cacheFile}.partial`, script.createCachedData());
    renameSync(`${cacheFile}.partial`, cacheFile);
  }
}

start().catch((error) => {
  console.error(`moth: internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 70;
});
