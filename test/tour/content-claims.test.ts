// Claims the teaching text makes about moth's own programs, checked against those programs: bytes a lesson
// note names are the bytes the next instruction assembles to, and what the tour says about its files holds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import { hexDigits } from '../../src/shared/hex.js';
import { REPO_ROOT } from '../cli/helpers.js';

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.s') ? [path] : [];
  });
}

const PROGRAMS = sourcesUnder(join(REPO_ROOT, 'programs'));
/** `(8D 10 00)`: machine code written out in a comment. */
const BYTES_IN_PARENTHESES = /\(((?:[0-9A-F]{2} )*[0-9A-F]{2})\)/g;

describe('lesson notes that spell out machine code', () => {
  const claims = PROGRAMS.flatMap((path) => {
    const lines = readFileSync(path, 'utf8').split('\n');
    return lines.flatMap((text, index) =>
      text.trimStart().startsWith(';;') ? [...text.matchAll(BYTES_IN_PARENTHESES)].map((match) => ({ path, line: index + 1, bytes: match[1]! })) : [],
    );
  });

  it('exist (so this test checks something)', () => {
    expect(claims.length).toBeGreaterThan(0);
  });

  it.each(claims.map((claim) => [`${relative(REPO_ROOT, claim.path)}:${claim.line}`, claim] as const))(
    '%s names the bytes of the next instruction',
    (_, claim) => {
      const result = assemble(readFileSync(claim.path, 'utf8'), { fileName: claim.path });
      expect(result.ok).toBe(true);
      const next = result.debugMap
        .filter((entry) => entry.location.line > claim.line)
        .sort((a, b) => a.location.line - b.location.line)[0]!;
      const offset = next.address - result.image!.start;
      const actual = [...result.image!.bytes.subarray(offset, offset + next.length)].map((byte) => hexDigits(byte));
      expect(actual.join(' ')).toBe(claim.bytes);
    },
  );
});

describe('what the tour says about its files', () => {
  const chapters = readdirSync(join(REPO_ROOT, 'docs', 'tour')).filter((name) => /^\d\d-.*\.md$/.test(name));

  it('where the `; expect:` lines of the answer files are', () => {
    let checked = 0;
    for (const chapter of chapters) {
      const text = readFileSync(join(REPO_ROOT, 'docs', 'tour', chapter), 'utf8');
      const claim = /Each answer file (starts|ends) with `; expect:` lines/.exec(text);
      if (claim === null) continue;
      for (const link of text.matchAll(/\]\(\.\.\/\.\.\/(programs\/[^)]+\/exercises\/[^)]+\.s)\)/g)) {
        const lines = readFileSync(join(REPO_ROOT, link[1]!), 'utf8').trimEnd().split('\n');
        const firstCode = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith(';'));
        const expectLines = lines.map((line, index) => (line.startsWith('; expect:') ? index : -1)).filter((index) => index >= 0);
        expect(expectLines.length).toBeGreaterThan(0);
        if (claim[1] === 'starts') expect(Math.max(...expectLines)).toBeLessThan(firstCode);
        else expect(Math.min(...expectLines)).toBeGreaterThan(lines.length - 1 - expectLines.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('which register a transfer leaves alone (`On TYA, A changes and Y does not`)', () => {
    let checked = 0;
    for (const chapter of chapters) {
      const text = readFileSync(join(REPO_ROOT, 'docs', 'tour', chapter), 'utf8');
      for (const match of text.matchAll(/On `T([AXYS])([AXYS])`, ([AXYS]) changes and ([AXYS]) does not/g)) {
        const [, from, to, changes, stays] = match;
        expect([changes, stays]).toEqual([to, from]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
