// prettyJsonPieces gives, piece by piece, exactly the text JSON.stringify(value, null, 2) gives (moth asm --map).
import { describe, expect, it } from 'vitest';
import { prettyJsonPieces } from '../../src/cli/pretty-json.js';

describe('prettyJsonPieces', () => {
  it('joins to what JSON.stringify(value, null, 2) writes, with a final newline', () => {
    const values: Record<string, unknown>[] = [
      { file: 'a.s', start: 1536, length: 3, symbols: [{ name: 'p0::p1', value: 1536, kind: 'label' }], debugMap: [] },
      { nested: { deep: [1, [2, 3], { x: 'y\n"z"' }] }, empty: {}, list: [undefined, null, 'q'], skipped: undefined },
      {},
    ];
    for (const value of values) expect([...prettyJsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2) + '\n');
  });

  it('gives each element of a top-level array as its own piece', () => {
    const pieces = [...prettyJsonPieces({ symbols: Array.from({ length: 1000 }, (_, index) => ({ index })) })];
    expect(pieces.length).toBeGreaterThanOrEqual(1000);
  });
});
