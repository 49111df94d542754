// Bundles the compiled command line (dist/src/cli/main.js) and everything `moth run` needs into one file,
// dist/src/cli/main.bundle.js, which bin/moth.js loads: Node 20 then reads one module instead of ~45 (commander's
// CommonJS files included), which takes ~25 ms off every `moth run`.
//
// Only the run path goes in. The other commands (asm, disasm, debug, tour, demo), the assembler, the trace and
// explain code and the TUI stay where tsc put them: their dynamic imports are kept as imports of the compiled
// files, so a plain run never parses them. Packages other than commander (chalk, blessed) stay in node_modules.
//
// Run after `tsc -p tsconfig.build.json` (npm run build does both).
import { build } from 'esbuild';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'dist/src/cli/main.js');
const outfile = resolve(root, 'dist/src/cli/main.bundle.js');

/** Dynamic imports that are bundled: the run command (what this bundle is for). */
const BUNDLED_LAZY = new Set([resolve(root, 'dist/src/cli/commands/run.js')]);

/**
 * Modules loaded from their compiled file, never copied into the bundle, because the commands outside the
 * bundle import them too and there must be one copy: main.ts recognises a UserError with `instanceof`.
 */
const SHARED_WITH_UNBUNDLED = new Set([resolve(root, 'dist/src/cli/errors.js')]);

/** An import of `absolute` as written from the bundle's folder ('./commands/asm.js', '../asm/index.js'). */
function fromBundle(absolute) {
  const path = relative(dirname(outfile), absolute).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

const keepOutsideTheBundle = {
  name: 'keep-outside-the-bundle',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.?\// }, (args) => {
      const absolute = resolve(args.resolveDir, args.path);
      const lazyElsewhere = args.kind === 'dynamic-import' && !BUNDLED_LAZY.has(absolute);
      if (lazyElsewhere || SHARED_WITH_UNBUNDLED.has(absolute)) return { path: fromBundle(absolute), external: true };
      return undefined;
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['chalk', 'blessed'],
  plugins: [keepOutsideTheBundle],
  // commander is CommonJS and calls require('node:events') and friends; an ES module has no `require`.
  banner: { js: "import { createRequire as mothCreateRequire } from 'node:module';\nconst require = mothCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
