#!/usr/bin/env node
// A shim into the compiled command line, so `npm link` and `npx moth` work after `npm run build`.
//
// It runs the one-file bundle the build makes (scripts/bundle-cli.mjs says why and how) with V8's code cache
// from the build, which starts `moth run` faster than loading the ~45 modules tsc writes; the assembler comes
// the same way from a second bundle (bundles.js), read only when a command imports it. When a bundle is
// missing or older than tsc's output (someone ran tsc alone), it loads tsc's output instead. For `moth run` on
// the default machine it first starts compiling the 6502 wasm core (compileWasmCoreEarly below).
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
const compiledFile = join(cliFolder, 'main.js');
const { EXTRA_BUNDLES } = require('./bundles.js');
/** Set by the build: after the run, save what V8 compiled as each loaded bundle's code cache. */
const writeCache = process.env.MOTH_WRITE_CODE_CACHE === '1';

function modifiedAt(file) {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/** A bundle's script file and its code cache's, by name ('main', 'asm'). */
function bundleFiles(name) {
  return { bundleFile: join(cliFolder, `${name}.bundle.js`), cacheFile: join(cliFolder, `${name}.bundle.cache`) };
}

/** The bundle's code cache, unless it is missing or older than the bundle (then it belongs to another build). */
function readCache(cacheFile, bundleModifiedAt) {
  if (writeCache || modifiedAt(cacheFile) < bundleModifiedAt) return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined; // a build removed it just now
  }
}

/** Bundles run so far, for saving their caches after a cache-writing run. */
const loadedBundles = [];

/**
 * Runs a bundle's top level; returns its exports. `bundleModifiedAt` is the bundle's modification time as
 * the caller found it when it chose the bundle.
 */
function loadBundle(name, bundleModifiedAt) {
  const { bundleFile, cacheFile } = bundleFiles(name);
  // V8 checks only that a cache was made for a source of the same length, so a cache must never be paired with
  // another build's bundle. A build running meanwhile (the tree is shared) changes the bundle's time: then the
  // cache read may be the other build's, and the bundle is compiled without it.
  const cache = readCache(cacheFile, bundleModifiedAt);
  const source = readFileSync(bundleFile, 'utf8');
  const unchanged = modifiedAt(bundleFile) === bundleModifiedAt;
  const script = new Script(source, { filename: bundleFile, cachedData: unchanged ? cache : undefined });
  const bundleUrl = pathToFileURL(bundleFile);
  const module = { exports: {} };
  script.runInThisContext()(module, createRequire(bundleFile), bundleUrl.href, (specifier) => importFromBundle(specifier, bundleUrl));
  loadedBundles.push({ bundleFile, cacheFile, script, bundleModifiedAt: unchanged ? bundleModifiedAt : undefined });
  return module.exports;
}

/** Exports of the extra bundles loaded so far, by bundle name. */
const extraExports = new Map();

/**
 * A bundle's `import(specifier)`: from an extra bundle that holds the module (if it is built and not older
 * than tsc's output), else the real import of tsc's output beside the bundle.
 */
function importFromBundle(specifier, bundleUrl) {
  const extra = EXTRA_BUNDLES.find((bundle) => bundle.modules.includes(specifier));
  if (extra !== undefined) {
    let exports = extraExports.get(extra.name);
    if (exports === undefined) {
      const bundleAt = modifiedAt(bundleFiles(extra.name).bundleFile);
      if (bundleAt >= 0 && bundleAt >= modifiedAt(compiledFile)) {
        exports = loadBundle(extra.name, bundleAt);
        extraExports.set(extra.name, exports);
      }
    }
    const namespace = exports?.modules?.[specifier];
    if (namespace !== undefined) return Promise.resolve(namespace);
  }
  return import(specifier.startsWith('.') ? new URL(specifier, bundleUrl).href : specifier);
}

/** Saves what V8 compiled for a bundle as its cache, unless another build has replaced the bundle since. */
function saveCache({ bundleFile, cacheFile, script, bundleModifiedAt }) {
  if (bundleModifiedAt === undefined || modifiedAt(bundleFile) !== bundleModifiedAt) return;
  // Written whole under a name of its own, then renamed: a moth starting meanwhile never reads half a cache.
  const partial = `${cacheFile}.${process.pid}.partial`;
  writeFileSync(partial, script.createCachedData());
  renameSync(partial, cacheFile);
}

/**
 * The value of `--name value` or `--name=value` in the arguments, or undefined (commander parses them properly
 * later; this only decides whether to start a compile early).
 */
function optionValue(args, name) {
  for (let index = 0; index < args.length; index++) {
    if (args[index] === name) return args[index + 1];
    if (args[index].startsWith(`${name}=`)) return args[index].slice(name.length + 1);
  }
  return undefined;
}

/**
 * `moth run` of a program on moth's default machine runs the 6502 wasm core: compile its module now and call
 * its loop for no cycles, with V8 told to optimize at once (src/cli/wasm-early.ts says why and does the same
 * inside the CLI), so the optimizing compile runs in the background while the bundle loads. Returns the
 * module, or undefined when the run may need another core or variant, or the build's copy is missing or older
 * than tsc's output.
 */
function compileWasmCoreEarly(args, compiledAt) {
  if (args[0] !== 'run' || optionValue(args, '--core') === 'js') return undefined;
  if (optionValue(args, '--cpu') !== undefined || optionValue(args, '--machine') !== undefined) return undefined;
  const wasmFile = join(cliFolder, 'core-6502.wasm');
  if (typeof WebAssembly !== 'object' || modifiedAt(wasmFile) < compiledAt) return undefined;
  const { setFlagsFromString } = require('node:v8');
  setFlagsFromString('--no-wasm-dynamic-tiering');
  try {
    const module = new WebAssembly.Module(readFileSync(wasmFile));
    const scratch = new WebAssembly.Instance(module, { moth: { read: () => 0, write: () => undefined } });
    scratch.exports.run(0);
    return module;
  } catch {
    return undefined; // the CLI compiles its own, or falls back to the TypeScript loop
  } finally {
    setFlagsFromString('--wasm-dynamic-tiering');
  }
}

async function start() {
  const bundleAt = modifiedAt(bundleFiles('main').bundleFile);
  const compiledAt = modifiedAt(compiledFile);
  if (bundleAt < 0 && compiledAt < 0) {
    console.error(`moth: not built yet; run \`npm run build\` in ${join(__dirname, '..')}`);
    process.exitCode = 1;
    return;
  }
  if (bundleAt >= compiledAt) {
    const early = writeCache ? undefined : compileWasmCoreEarly(process.argv.slice(2), compiledAt);
    const { main, adoptCompiledWasmCore } = loadBundle('main', bundleAt);
    if (early !== undefined) adoptCompiledWasmCore('6502', early);
    process.exitCode = await main(process.argv);
    if (writeCache) for (const bundle of loadedBundles) saveCache(bundle);
  } else {
    const { main } = await import(pathToFileURL(compiledFile).href);
    process.exitCode = await main(process.argv);
  }
}

start().catch((error) => {
  console.error(`moth: internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 70;
});
