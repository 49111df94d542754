// Bundles the compiled command line (dist/src/cli/main.js) and everything `moth run` needs into one script,
// dist/src/cli/main.bundle.js, plus V8's code cache for it, dist/src/cli/main.bundle.cache. bin/moth.js loads
// the two: Node 20 then reads one file instead of ~45 modules (commander's CommonJS files included) and skips
// parsing and compiling what the cache holds. Run after `tsc -p tsconfig.build.json` (npm run build does both).
//
// Only the run path goes in. The other commands (asm, disasm, debug, tour, demo), the assembler, the trace and
// explain code and the TUI stay where tsc put them: their dynamic imports are kept as imports of the compiled
// files, so a plain run never parses them. Packages other than commander (chalk, blessed) stay in node_modules.
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
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'dist/src/cli/main.js');
const bundleFile = resolve(root, 'dist/src/cli/main.bundle.js');
const cacheFile = resolve(root, 'dist/src/cli/main.bundle.cache');

/** Dynamic imports that are bundled: the run command (what this bundle is for). */
const BUNDLED_LAZY = new Set([resolve(root, 'dist/src/cli/commands/run.js')]);

/** An import of `absolute` as written from the bundle's folder ('./commands/asm.js', '../asm/index.js'). */
function fromBundle(absolute) {
  const path = relative(dirname(bundleFile), absolute).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

const keepOutsideTheBundle = {
  name: 'keep-outside-the-bundle',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.?\// }, (args) => {
      const absolute = resolve(args.resolveDir, args.path);
      const lazyElsewhere = args.kind === 'dynamic-import' && !BUNDLED_LAZY.has(absolute);
      if (lazyElsewhere) return { path: fromBundle(absolute), external: true };
      return undefined;
    });
  },
};

// A cache left from an earlier build must never meet the new bundle: V8 checks only the source's length.
rmSync(cacheFile, { force: true });

const result = await build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['chalk', 'blessed'],
  plugins: [keepOutsideTheBundle],
  define: { 'import.meta.url': 'mothBundleUrl' },
  logLevel: 'warning',
});
const code = result.outputFiles[0].text.replace(/\bimport\((?=["'])/g, 'mothImport(');
if (/\bimport\(/.test(code)) throw new Error('bundle-cli: an import() that is not a plain string was left in the bundle');
if (/\brequire\(["']\./.test(code)) throw new Error('bundle-cli: a static import of a file outside the bundle (it would be a require of an ES module)');
// Written whole under a name of its own, then renamed: a moth starting meanwhile never reads half a bundle.
const partial = `${bundleFile}.${process.pid}.partial`;
writeFileSync(partial, `(function (module, require, mothBundleUrl, mothImport) {\n${code}\n})\n`);
renameSync(partial, bundleFile);

// The cache holds what V8 compiled by the end of a short run of programs/hello.s: the run path, not only the
// top level. A cache that does not suit the node that later runs moth (another version or flags) is rejected
// by V8 and the bundle is compiled as usual, so this is only ever a speed-up.
const cacheRun = spawnSync(process.execPath, [resolve(root, 'bin/moth.js'), 'run', resolve(root, 'programs/hello.s'), '--quiet'], {
  env: { ...process.env, MOTH_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (cacheRun.status !== 0) throw new Error(`bundle-cli: the run that writes the code cache failed (exit ${cacheRun.status})`);
