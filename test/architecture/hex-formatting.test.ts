// One fact, one place: numbers are spelled in hex by src/shared/hex.ts alone. A `toString(16)` anywhere else in
// src/ is a second copy of that rule (upper case? padded? a dollar sign?) and fails here; use hex, hexDigits or
// hexWord instead. Generated files are made by scripts/ and are exempt.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/helpers.js';

const SOURCE_ROOT = join(REPO_ROOT, 'src');

/**
 * Files that may call toString(16) themselves, each with the reason. Keep it short: a new entry needs a reason
 * that the shared helpers cannot serve.
 */
const ALLOWED: ReadonlyMap<string, string> = new Map([
  ['src/shared/hex.ts', 'the one home of hex spelling'],
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** `file:line` of every toString(16) (or toString(0x10)) outside the allowed files. */
function handRolledHex(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SOURCE_ROOT)) {
    const name = relative(REPO_ROOT, file).split('\\').join('/');
    if (ALLOWED.has(name)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (/\.toString\(\s*(16|0x10)\s*\)/.test(line)) found.push(`${name}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('hex spelling has one home (src/shared/hex.ts)', () => {
  it('reads the real tree: the allowed file is there and does call toString(16)', () => {
    for (const name of ALLOWED.keys()) expect(readFileSync(join(REPO_ROOT, name), 'utf8')).toMatch(/\.toString\(16\)/);
    expect(sourceFiles(SOURCE_ROOT).length).toBeGreaterThan(100);
  });

  it('finds no toString(16) in src/ outside it (generated files aside)', () => {
    expect(handRolledHex()).toEqual([]);
  });
});
