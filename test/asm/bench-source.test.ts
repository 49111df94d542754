/** The speed benchmark's generated program must stay a valid program, or its timing would measure error paths. */

import { describe, expect, it } from 'vitest';
import { generateSource } from '../../bench/assemble.js';
import { assemble } from '../../src/asm/index.js';

describe('bench/assemble.ts source', () => {
  it('generates about the asked number of lines, and they assemble without a diagnostic', () => {
    const source = generateSource(10_000);
    const lines = source.split('\n').length - 1;
    expect(Math.abs(lines - 10_000)).toBeLessThan(20);
    const result = assemble(source, { fileName: 'generated.s' });
    expect(result.diagnostics).toEqual([]);
    expect(result.image?.bytes.length).toBe(6000);
  });
  it('stays inside 64 KiB at 100,000 lines', () => {
    const result = assemble(generateSource(100_000), { fileName: 'generated.s' });
    expect(result.ok).toBe(true);
    expect(result.image!.start + result.image!.bytes.length).toBeLessThanOrEqual(0x10000);
  });
});
