// Bundles the compiled command line (dist/src/cli/main.js) and everything `moth run` needs into one script,
// dist/src/cli/main.bundle.js, plus V8's code cache for it, dist/src/cli/main.bundle.cache. bin/moth.js loads
// the two: Node 20 then reads one file instead of ~45 modules (commander's CommonJS files included) and skips
// parsing and compiling what the cache holds. Run after `tsc -p tsconfig.build.json` (npm run build does both).
//
// Only the run path goes in. The assembler and the asm command go in a second bundle, dist/src/cli/asm.bundle.js
// (with its own cache), which bin/moth.js reads only when they are imported (bin/bundles.js lists such bundles).
// The other commands (disasm, debug, tour, demo), the trace and explain code and the TUI stay where tsc put
// them: their dynamic imports are kept as imports of the compiled files, so a plain run never parses them. Packages other than commander (chalk, blessed) stay in node_modules.
// Modules both sides use (errors.ts, hex.ts…) therefore exist twice in such a process; that is harmless because
// they keep no state, and UserError's `instanceof` recognises either copy.
//
// The bundle is a classic script, not an ES module, because Node 20 can give a code cache only to scripts
// (vm.Script). It is one function expression that bin/moth.js calls with what a module would have had:
//   (function (module, require, mothBundleUrl, mothImport) { … })
// `import.meta.url` becomes mothBundleUrl, and each `import(x)` becomes mothImport(x), which bin/moth.js
// answers with a real import() relative to the bundle (a vm.Script cannot import by itself without an
// experimental Node option).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'dist/src/cli/main.js');
const bundleFile = resolve(root, 'dist/src/cli/main.bundle.js');

const require = createRequire(import.meta.url);
/** The other bundles (bin/bundles.js): the assembler's, with the modules each holds as the main bundle names them. */
const { EXTRA_BUNDLES } = require('../bin/bundles.js');
const cliFolder = dirname(bundleFile);

/** Dynamic imports the main bundle holds: the run command (what this bundle is for). */
const MAIN_LAZY = new Set([resolve(root, 'dist/src/cli/commands/run.js')]);

/** An import of `absolute` as written from the bundle's folder ('./commands/asm.js', '../asm/index.js'). */
function fromBundle(absolute) {
  const path = relative(dirname(bundleFile), absolute).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Keeps relative dynamic imports of modules not in `lazyInside` out of the bundle, as imports relative to it. */
function keepOutsideTheBundle(lazyInside) {
  return {
    name: 'keep-outside-the-bundle',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\.?\// }, (args) => {
        const absolute = resolve(args.resolveDir, args.path);
        const lazyElsewhere = args.kind === 'dynamic-import' && !lazyInside.has(absolute);
        if (lazyElsewhere) return { path: fromBundle(absolute), external: true };
        return undefined;
      });
    },
  };
}

/**
 * Bundles `entry` (a file, or `{ contents }` source read from dist/src/cli) into `outFile` as the function
 * expression bin/moth.js calls. Its cache, from an earlier build, is deleted first: V8 checks only the length.
 */
async function bundle(entry, outFile, lazyInside) {
  rmSync(outFile.replace(/\.js$/, '.cache'), { force: true });
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: cliFolder, sourcefile: 'bundle-entry.js' } }),
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['chalk', 'blessed'],
    plugins: [keepOutsideTheBundle(lazyInside)],
    define: { 'import.meta.url': 'mothBundleUrl' },
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text.replace(/\bimport\((?=["'])/g, 'mothImport(');
  if (/\bimport\(/.test(code)) throw new Error('bundle-cli: an import() that is not a plain string was left in the bundle');
  if (/\brequire\(["']\./.test(code)) throw new Error('bundle-cli: a static import of a file outside the bundle (it would be a require of an ES module)');
  // Written whole under a name of its own, then renamed: a moth starting meanwhile never reads half a bundle.
  const partial = `${outFile}.${process.pid}.partial`;
  writeFileSync(partial, `(function (module, require, mothBundleUrl, mothImport) {\n${code}\n})\n`);
  renameSync(partial, outFile);
}

// The main bundle never holds the other bundles' modules: its imports of them stay imports (bin/moth.js answers them).
await bundle(entry, bundleFile, MAIN_LAZY);
for (const extra of EXTRA_BUNDLES) {
  // The entry gathers the modules as `modules[specifier]`, the way bin/moth.js looks them up.
  const lines = extra.modules.map((specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`);
  const table = extra.modules.map((specifier, index) => `${JSON.stringify(specifier)}: m${index}`).join(', ');
  const lazyInside = new Set(extra.modules.map((specifier) => resolve(cliFolder, specifier)));
  await bundle({ contents: `${lines.join('\n')}\nexport const modules = { ${table} };\n` }, resolve(cliFolder, `${extra.name}.bundle.js`), lazyInside);
}

// The wasm cores as plain .wasm files beside the bundles, from the same build: bin/moth.js compiles the 6502's
// before it loads the main bundle (src/cli/wasm-early.ts says why), which needs the bytes without the bundle.
const { WASM_CORES } = await import(pathToFileURL(resolve(root, 'dist/src/cpu/engine/wasm-core.generated.js')).href);
for (const [variant, base64] of Object.entries(WASM_CORES)) {
  const wasmFile = resolve(cliFolder, `core-${variant}.wasm`);
  const partial = `${wasmFile}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(base64, 'base64'));
  renameSync(partial, wasmFile);
}

// Each cache holds what V8 compiled by the end of a short run of programs/hello.s: the run path, not only the
// top level, and the assembler that run uses. A cache that does not suit the node that later runs moth (another version or flags) is rejected
// by V8 and the bundle is compiled as usual, so this is only ever a speed-up.
const cacheRun = spawnSync(process.execPath, [resolve(root, 'bin/moth.js'), 'run', resolve(root, 'programs/hello.s'), '--quiet'], {
  env: { ...process.env, MOTH_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (cacheRun.status !== 0) throw new Error(`bundle-cli: the run that writes the code cache failed (exit ${cacheRun.status})`);
