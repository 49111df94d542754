/** Proves moth assembles like the real tool: every program and fixture must give ca65+ld65's bytes exactly. */

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import { assembleFileWithCa65, ca65Available } from '../helpers/ca65.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixturesDir = join(repoRoot, 'test/fixtures/asm');
const easy6502Dir = join(fixturesDir, 'easy6502');

/** Every `.s` file below `dir`, skipping `exclude` (the easy6502 fixtures, which ca65 cannot read). */
function sourcesUnder(dir: string, exclude?: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((entry) => join(dir, entry))
    .filter((path) => path.endsWith('.s') && (exclude === undefined || !path.startsWith(exclude + '/')))
    .sort();
}

/** Assembles a file with moth, reading includes relative to the including file, as ca65 does. */
function assembleWithMoth(path: string) {
  return assemble(readFileSync(path, 'utf8'), {
    fileName: path,
    resolveFile: (includePath, fromFile, kind) => {
      try {
        const contents = readFileSync(resolve(dirname(fromFile), includePath));
        return kind === 'binary' ? new Uint8Array(contents) : contents.toString('utf8');
      } catch {
        return undefined;
      }
    },
  });
}

/** The address a source says it starts at: its first `.org` when nothing is emitted before it, else $0600. */
function expectedStart(source: string): number {
  for (const rawLine of source.split('\n')) {
    const line = rawLine.replace(/\r$/, '').replace(/;.*$/, '').trim();
    if (line === '' || /^\w+\s*:?=/.test(line) || /^\.(setcpu|include)\b/i.test(line)) continue;
    const org = /^\.org\s+\$([0-9a-f]+)$/i.exec(line);
    return org ? parseInt(org[1]!, 16) : 0x0600;
  }
  return 0x0600;
}

function hexBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (value) => value.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** The first differing offset, for a failure message a person can act on. */
function firstDifference(ours: Uint8Array, theirs: Uint8Array): string {
  const length = Math.max(ours.length, theirs.length);
  for (let offset = 0; offset < length; offset++) {
    if (ours[offset] !== theirs[offset]) {
      return `first difference at offset ${offset}: moth ${hexBytes(ours.subarray(offset, offset + 8))} | ca65 ${hexBytes(theirs.subarray(offset, offset + 8))} (lengths ${ours.length} and ${theirs.length})`;
    }
  }
  return 'identical';
}

const differentialSources = [...sourcesUnder(join(repoRoot, 'programs')), ...sourcesUnder(fixturesDir, easy6502Dir)];

if (!ca65Available) {
  console.warn('ca65-differential: SKIPPED — ca65/ld65 not found on PATH (install cc65; CI does).');
}

describe.skipIf(!ca65Available)('moth and ca65+ld65 produce identical bytes', () => {
  it('has sources to compare', () => {
    expect(differentialSources.length).toBeGreaterThan(10);
  });

  it.each(differentialSources.map((path) => [relative(repoRoot, path), path]))('%s', (_, path) => {
    const reference = assembleFileWithCa65(path);
    if (!reference.ok) throw new Error(`ca65 rejects ${path}; sources here must be ca65-compatible:\n${reference.errors}`);
    const result = assembleWithMoth(path);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    const ours = result.image?.bytes ?? new Uint8Array(0);
    expect(firstDifference(ours, reference.bytes)).toBe('identical');
    expect(result.image?.start).toBe(expectedStart(readFileSync(path, 'utf8')));
  });
});

describe('easy6502-only sources match their expected bytes', () => {
  const sources = sourcesUnder(easy6502Dir);

  it('has easy6502 sources', () => {
    expect(sources.length).toBeGreaterThan(0);
  });

  it.each(sources.map((path) => [relative(repoRoot, path), path]))('%s', (_, path) => {
    const source = readFileSync(path, 'utf8');
    const expectedBytes = [...source.matchAll(/^; expect-bytes:(.*)$/gm)].map((match) => match[1]!.trim()).join(' ');
    const startMatch = /^; expect-start: \$([0-9a-f]+)$/im.exec(source);
    const result = assembleWithMoth(path);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(hexBytes(result.image?.bytes ?? [])).toBe(expectedBytes);
    if (startMatch) expect(result.image?.start).toBe(parseInt(startMatch[1]!, 16));
  });
});
