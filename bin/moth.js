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

/**
 * Runs the bundle's top level; returns its exports, the compiled script and the bundle's time as read.
 * `bundleModifiedAt` is the bundle's modification time as start() found it.
 */
function loadBundle(bundleModifiedAt) {
  // V8 checks only that a cache was made for a source of the same length, so a cache must never be paired with
  // another build's bundle. A build running meanwhile (the tree is shared) changes the bundle's time: then the
  // cache read may be the other build's, and the bundle is compiled without it.
  const cache = readCache(bundleModifiedAt);
  const source = readFileSync(bundleFile, 'utf8');
  const unchanged = modifiedAt(bundleFile) === bundleModifiedAt;
  const script = new Script(source, { filename: bundleFile, cachedData: unchanged ? cache : undefined });
  const bundleUrl = pathToFileURL(bundleFile);
  const importFromBundle = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, bundleUrl).href : specifier);
  const module = { exports: {} };
  script.runInThisContext()(module, createRequire(bundleFile), bundleUrl.href, importFromBundle);
  return { main: module.exports.main, script, bundleModifiedAt: unchanged ? bundleModifiedAt : undefined };
}

/** Saves what V8 compiled for the bundle as its cache, unless another build has replaced the bundle since. */
function saveCache(script, bundleModifiedAt) {
  if (bundleModifiedAt === undefined || modifiedAt(bundleFile) !== bundleModifiedAt) return;
  // Written whole under a name of its own, then renamed: a moth starting meanwhile never reads half a cache.
  const partial = `${cacheFile}.${process.pid}.partial`;
  writeFileSync(partial, script.createCachedData());
  renameSync(partial, cacheFile);
}

async function start() {
  const bundleAt = modifiedAt(bundleFile);
  const compiledAt = modifiedAt(compiledFile);
  if (bundleAt < 0 && compiledAt < 0) {
    console.error(`moth: not built yet; run \`npm run build\` in ${join(__dirname, '..')}`);
    process.exitCode = 1;
    return;
  }
  if (bundleAt >= compiledAt) {
    const { main, script, bundleModifiedAt } = loadBundle(bundleAt);
    process.exitCode = await main(process.argv);
    if (writeCache) saveCache(script, bundleModifiedAt);
  } else {
    const { main } = await import(pathToFileURL(compiledFile).href);
    process.exitCode = await main(process.argv);
  }
}

start().catch((error) => {
  console.error(`moth: internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 70;
});
