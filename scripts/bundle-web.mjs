// Builds the web face into one static folder, dist/web/: index.html, moth.css and moth.js (one classic script,
// so the page also works opened from file://, where browsers refuse module scripts and workers). esbuild reads
// the TypeScript in src/ directly; the programs and tour pages the page offers are bundled in as text through
// a generated module, `moth:content`, since a page opened from file:// cannot fetch files. The browser platform
// makes the build fail if anything the page uses imports Node.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/web');

/** Every file under `folder` ending in `extension`, as repository-relative paths with forward slashes. */
function filesUnder(folder, extension) {
  const found = [];
  for (const entry of readdirSync(resolve(root, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, extension));
    else if (entry.name.endsWith(extension)) found.push(path.split(sep).join('/'));
  }
  return found.sort();
}

function texts(paths) {
  return Object.fromEntries(paths.map((path) => [path, readFileSync(resolve(root, path), 'utf8')]));
}

const content = {
  name: 'moth-content',
  setup(bundler) {
    bundler.onResolve({ filter: /^moth:content$/ }, () => ({ path: 'content', namespace: 'moth' }));
    bundler.onLoad({ filter: /.*/, namespace: 'moth' }, () => ({
      contents: [
        `export const PROGRAMS = ${JSON.stringify(texts(filesUnder('programs', '.s')))};`,
        `export const TOUR_DOCS = ${JSON.stringify(texts(filesUnder('docs/tour', '.md')))};`,
      ].join('\n'),
      loader: 'js',
      watchFiles: [...filesUnder('programs', '.s'), ...filesUnder('docs/tour', '.md')].map((path) => resolve(root, path)),
    }));
  },
};

// Built beside the old folder and swapped in whole, so `moth web` never serves half a build.
const partial = `${out}.${process.pid}.partial`;
rmSync(partial, { recursive: true, force: true });
mkdirSync(partial, { recursive: true });
await build({
  entryPoints: [resolve(root, 'src/web/main.ts')],
  bundle: true,
  outfile: join(partial, 'moth.js'),
  platform: 'browser',
  format: 'iife',
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  minify: true,
  legalComments: 'linked',
  plugins: [content],
  logLevel: 'warning',
});
copyFileSync(resolve(root, 'src/web/index.html'), join(partial, 'index.html'));
copyFileSync(resolve(root, 'src/web/style.css'), join(partial, 'moth.css'));
rmSync(out, { recursive: true, force: true });
renameSync(partial, out);

const size = statSync(join(out, 'moth.js')).size;
if (process.env.MOTH_QUIET_BUILD === undefined) console.log(`web: ${relative(process.cwd(), out)}/ (moth.js ${(size / 1024).toFixed(0)} KiB)`);
