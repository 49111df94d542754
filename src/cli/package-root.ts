/** Finds moth's own folder (where package.json and programs/ live) from the running file, built or not. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
}

/** The package folder with a trailing slash, or undefined if moth is installed in some unexpected shape. */
export function packageRoot(): URL | undefined {
  // This file is src/cli/package-root.ts or dist/src/cli/package-root.js.
  for (const relative of ['../../', '../../../']) {
    const root = new URL(relative, import.meta.url);
    const data = readPackageJson(root);
    if (data?.name === 'moth') return root;
  }
  return undefined;
}

export function packageVersion(): string {
  const root = packageRoot();
  return (root && readPackageJson(root)?.version) ?? 'unknown';
}

/** A path inside the package, e.g. `programs/hello.s`, or undefined when the package folder is not found. */
export function packagePath(relative: string): string | undefined {
  const root = packageRoot();
  return root === undefined ? undefined : fileURLToPath(new URL(relative, root));
}

function readPackageJson(root: URL): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}
