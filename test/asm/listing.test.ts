/** The listing (like `ca65 -l`), the symbol file (like `ld65 -Ln`) and the debug map. */

import { describe, expect, it } from 'vitest';
import { addressesForLine, lookupSource } from '../../src/asm/index.js';
import { assembleOk } from './helpers.js';

describe('listing', () => {
  it('shows address, include depth, up to four bytes and the source line', () => {
    const result = assembleOk('.org $0600\nstart: lda #$01\n  .byte 1, 2, 3, 4, 5, 6\nvalue = 3');
    expect(result.listing.split('\n')).toEqual([
      '000600  1               .org $0600',
      '000600  1  A9 01        start: lda #$01',
      '000602  1  01 02 03 04    .byte 1, 2, 3, 4, 5, 6',
      '000606  1  05 06',
      '000608  1               value = 3',
      '',
    ]);
  });
  it('shows the bytes of code a ca65 .org relabelled (stored after the rest, listed at the address it runs at)', () => {
    const result = assembleOk('.org $0600\nnop\n.org $0200\nlda #$01\n*= $0700\nrts');
    expect(result.listing.split('\n')).toEqual([
      '000600  1               .org $0600',
      '000600  1  EA           nop',
      '000200  1               .org $0200',
      '000200  1  A9 01        lda #$01',
      '000700  1               *= $0700',
      '000700  1  60           rts',
      '',
    ]);
  });
  it('shows reserved space as xx, like ca65', () => {
    expect(assembleOk('.res 2').listing).toBe('000600  1  xx xx        .res 2\n');
  });
  it('marks included lines with depth 2', () => {
    const result = assembleOk('.include "a.inc"', { resolveFile: () => 'nop' });
    expect(result.listing).toContain('000600  2  EA           nop');
  });
});

describe('symbol file', () => {
  it('lists symbols by value in VICE label format', () => {
    const result = assembleOk('zp = $10\nstart: nop\nend: rts');
    expect(result.symbolFile).toBe('al 000010 .zp\nal 000600 .start\nal 000601 .end\n');
  });
});

describe('debug map', () => {
  const source = ['.macro pair', '  nop', '  inx', '.endmacro', 'start: lda #1', '  pair', '  .byte 1, 2', 'loop: jmp loop'].join('\n');

  it('has one entry per line that emitted bytes, sorted by address, with the column of the statement', () => {
    const result = assembleOk(source);
    expect(result.debugMap.map((entry) => [entry.address, entry.length, entry.location.line, entry.location.column])).toEqual([
      [0x0600, 2, 5, 8],
      [0x0602, 1, 2, 3],
      [0x0603, 1, 3, 3],
      [0x0604, 2, 7, 3],
      [0x0606, 3, 8, 7],
    ]);
  });
  it('traces macro bytes to both the body line and the call site', () => {
    const result = assembleOk(source);
    const entry = lookupSource(result.debugMap, 0x0603)!;
    expect(entry.location).toEqual({ file: 'test.s', line: 3, column: 3 });
    expect(entry.macroCall).toEqual({ file: 'test.s', line: 6, column: 3 });
  });
  it('finds the line of any byte inside an instruction, and nothing outside the program', () => {
    const result = assembleOk(source);
    expect(lookupSource(result.debugMap, 0x0607)?.location.line).toBe(8);
    expect(lookupSource(result.debugMap, 0x0609)).toBeUndefined();
    expect(lookupSource(result.debugMap, 0x0100)).toBeUndefined();
  });
  it('gives the addresses of a line, including every line of a macro call', () => {
    const result = assembleOk(source);
    expect(addressesForLine(result.debugMap, 'test.s', 5)).toEqual([0x0600]);
    expect(addressesForLine(result.debugMap, 'test.s', 6)).toEqual([0x0602, 0x0603]);
    expect(addressesForLine(result.debugMap, 'test.s', 1)).toEqual([]);
  });
});
