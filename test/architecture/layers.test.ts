// The import rule of docs/architecture.md, checked over the real import graph of src/: a file imports only its
// own folder, src/shared/ and folders of lower layers. Also: the README's layout names every folder there is.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/helpers.js';

/** Each folder of src/ and its layer (docs/architecture.md's table); src/shared is open to every layer. */
const LAYERS: Readonly<Record<string, number>> = {
  shared: 0,
  cpu: 1,
  machine: 2,
  asm: 3,
  debugger: 4,
  tour: 5,
  tui: 6,
  cli: 7,
  web: 7,
  conformance: 7,
};

const SOURCE_ROOT = join(REPO_ROOT, 'src');

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return /\.(ts|mts)$/.test(entry.name) ? [path] : [];
  });
}

/** The top folder of src/ a path is in (`src/cpu/engine/x.ts` → `cpu`); undefined outside src/. */
function layerFolder(path: string): string | undefined {
  const inside = relative(SOURCE_ROOT, path);
  if (inside.startsWith('..')) return undefined;
  return inside.split(sep)[0];
}

interface ImportEdge {
  readonly file: string;
  readonly specifier: string;
  readonly from: string;
  readonly to: string;
}

/** Every relative import of every file in src/ that lands in another folder of src/. */
function crossFolderImports(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of typeScriptFiles(SOURCE_ROOT)) {
    const from = layerFolder(file)!;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue; // packages and node: built-ins
      const to = layerFolder(resolve(dirname(file), specifier));
      if (to === undefined || to === from) continue;
      edges.push({ file: relative(REPO_ROOT, file), specifier, from, to });
    }
  }
  return edges;
}

describe('the import rule (docs/architecture.md)', () => {
  const edges = crossFolderImports();

  it('sees the real graph: the layers do import each other', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.some((edge) => edge.from === 'debugger' && edge.to === 'cpu')).toBe(true);
  });

  it('gives every folder of src/ a layer', () => {
    const folders = readdirSync(SOURCE_ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.filter((folder) => LAYERS[folder] === undefined)).toEqual([]);
  });

  it('has no import from a layer to one at or above it (src/shared aside)', () => {
    const broken = edges
      .filter((edge) => edge.to !== 'shared' && !(LAYERS[edge.to]! < LAYERS[edge.from]!))
      .map((edge) => `${edge.file} imports '${edge.specifier}' (${edge.from} → ${edge.to})`);
    expect(broken).toEqual([]);
  });

  it('src/shared imports nothing of moth', () => {
    expect(edges.filter((edge) => edge.from === 'shared')).toEqual([]);
  });
});

describe("the README's layout", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const layout = readme.slice(readme.indexOf('## Layout'));

  it('names every folder of src/ and every top-level folder', () => {
    const sourceFolders = readdirSync(SOURCE_ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `src/${entry.name}/`);
    const topFolders = readdirSync(REPO_ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !['node_modules', 'dist', 'src'].includes(entry.name))
      .map((entry) => `${entry.name}/`);
    const missing = [...sourceFolders, ...topFolders].filter((folder) => !layout.includes(folder) && !layout.includes(folder.slice(0, -1)));
    expect(missing).toEqual([]);
  });
});
