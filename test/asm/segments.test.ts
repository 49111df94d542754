/** Segments and .org: placement the way ld65 does it with moth's linker config, and overlaps. */

import { describe, expect, it } from 'vitest';
import { assembleOk, errorsOf, hexOf } from './helpers.js';

describe('segments', () => {
  it('places RODATA and DATA after CODE, whatever the source order', () => {
    const result = assembleOk('.segment "DATA"\nd: .byte 3\n.segment "RODATA"\nr: .byte 2\n.segment "CODE"\n lda r\n lda d');
    expect(hexOf(result)).toBe('AD 06 06 AD 07 06 02 03');
    expect(result.segments).toEqual([
      { name: 'CODE', start: 0x0600, size: 6 },
      { name: 'DATA', start: 0x0607, size: 1 },
      { name: 'RODATA', start: 0x0606, size: 1 },
    ]);
  });
  it('continues a segment where it left off', () => {
    expect(hexOf(assembleOk('nop\n.rodata\n.byte 1\n.code\ninx'))).toBe('EA E8 01');
  });
  it('reserves ZEROPAGE from $00 with zero-page addressing and puts no bytes in the image', () => {
    const result = assembleOk('.zeropage\ncounter: .res 1\npointer: .res 2\n.code\n inc counter\n sta (pointer),y');
    expect(result.symbols.get('pointer')?.value).toBe(1);
    expect(result.image?.start).toBe(0x0600);
    expect(hexOf(result)).toBe('E6 00 91 01');
  });
  it('refuses data in BSS', () => {
    expect(errorsOf('.bss\n.byte 1')[0]).toBe('segment BSS holds no bytes in the program image');
  });
});

describe('.org and *=', () => {
  it('.org changes the addresses labels get, not where the bytes go (ca65)', () => {
    const result = assembleOk('.org $0600\nnop\n.org $0200\nhere: jmp here\n.org $0604\nthere: nop');
    expect(result.image?.start).toBe(0x0600);
    expect(hexOf(result)).toBe('EA 4C 00 02 EA');
    expect(result.symbols.get('here')?.value).toBe(0x0200);
    expect(result.symbols.get('there')?.value).toBe(0x0604);
    expect(result.diagnostics).toEqual([]);
  });
  it('a first .org before any byte sets where the image starts', () => {
    const result = assembleOk('value = 3\n.org $8000\nnop');
    expect(result.image?.start).toBe(0x8000);
  });
  it('warns when a .org leaves a gap it will not fill, and names *= for placing', () => {
    const result = assembleOk('.org $8000\nreset: jmp reset\n.org $FFFC\n.word reset');
    expect(hexOf(result)).toBe('4C 00 80 00 80');
    const warning = result.diagnostics.find((diagnostic) => diagnostic.severity === 'warning');
    expect(warning?.message).toBe(".org $FFFC only changes the addresses the labels below get: their bytes still follow the ones before, at $8003 (ca65's .org)");
    expect(warning?.hint).toContain("write '*= $FFFC'");
  });
  it('*= places the bytes at the address; the image spans every address written, gaps are $00 (easy6502)', () => {
    const result = assembleOk('*= $0600\nnop\n*= $0604\nnop');
    expect(result.image?.start).toBe(0x0600);
    expect(hexOf(result)).toBe('EA 00 00 00 EA');
  });
  it('*= under .feature pc_assignment is ca65\'s .org', () => {
    const result = assembleOk('.feature pc_assignment\n* = $0600\nnop\n* = $0604\nnop');
    expect(hexOf(result)).toBe('EA EA');
  });
  it('a .org after placed bytes follows them', () => {
    expect(hexOf(assembleOk('*= $0600\nnop\n*= $0700\nnop\n.org $0200\nnop'))).toBe('EA 00*255 EA EA'.replace('00*255', Array(255).fill('00').join(' ')));
  });
  it('reports bytes written twice', () => {
    expect(errorsOf('*= $0600\nnop\nnop\n*= $0601\nnop')[0]).toBe('the bytes at $0601 were already written by an earlier line');
  });
  it('reports a program running past $FFFF', () => {
    expect(errorsOf('.org $FFFE\nlda $1234')[0]).toContain('past $FFFF');
  });
  it('needs a known address', () => {
    expect(errorsOf('.org later\nlater = $0700')[0]).toContain('must be known when this line is reached');
  });
  it('aligns to a power of two with $00 or a fill byte', () => {
    expect(hexOf(assembleOk('nop\n.align 4\nnop\n.align 4, $ff\nnop'))).toBe('EA 00 00 00 EA FF FF FF EA');
  });
});

describe('values inside segments placed after layout', () => {
  it('accepts a difference of two labels of the same segment where a value is needed at once, like ca65', () => {
    const result = assembleOk('.rodata\nstart: .byte 1,2,3\nfinish:\n.res finish - start, $ee\n.if finish - start = 3\n.byte $aa\n.endif\n.code\nlda start');
    expect(hexOf(result)).toBe('AD 03 06 01 02 03 EE EE EE AA');
  });
  it('still refuses a lone label of such a segment there, and says why', () => {
    expect(errorsOf('.data\nhere: .byte 0\n.res here')[0]).toContain('placed only after the whole program is laid out');
  });
});
