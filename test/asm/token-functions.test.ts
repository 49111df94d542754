/** ca65's token and pseudo-functions beyond what the differential fixture token-functions.s checks: errors, .time, .define parameters, skipped branches. */

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import { assembleOk, bytesOf, errorsOf } from './helpers.js';

describe('token functions', () => {
  it('builds names and strings', () => {
    const result = assembleOk('.ident(.concat("lo", "op")): jmp loop\n.byte .strlen(.concat("ab", .string(loop)))');
    expect(result.symbols.get('loop')?.value).toBe(0x0600);
    expect(bytesOf('.byte .sprintf("%03d", 7)')).toBe('30 30 37');
  });
  it('applies a macro body\'s functions at each expansion, with that call\'s arguments', () => {
    const source = '.macro first arg\n.byte .tcount({arg}), .match(.left(1, {arg}), #)\n.endmacro\nfirst #1\nfirst {$10,x}';
    expect(bytesOf(source)).toBe('02 01 03 00');
  });
  it('leaves a skipped .if branch alone, even when a function there would fail', () => {
    expect(bytesOf('.if 0\n.byte .left(9, {1})\n.endif\n.byte 1')).toBe('01');
  });
  it('says what is wrong with a call, at the call', () => {
    const result = assemble('  .byte .left(4, {1, 2})', { fileName: 'test.s' });
    const error = result.diagnostics[0]!;
    expect(error.message).toBe('.left: count 4 is outside 0..3, the length of the token list');
    expect(error.location?.column).toBe(9);
    expect(errorsOf('.byte .sprintf("%d %d", 1)')[0]).toContain('needs more arguments');
    expect(errorsOf('.byte .sprintf("%d", 1, 2)')[0]).toContain('1 argument more');
    expect(errorsOf('.byte .concat("a", 1)')[0]).toBe('.concat needs a string in double quotes here');
    expect(errorsOf('.byte .left(n, {1})\nn = 1')[0]).toBe('this argument of .left must be a constant known here');
    expect(errorsOf('.byte .mid(1, 1')[0]).toBe("'(' of .mid is never closed");
  });
  it('.time is the time the caller gives (0 unless told), so an assembly depends only on its inputs', () => {
    expect(bytesOf('.dword .time')).toBe('00 00 00 00');
    expect(assembleOk('.dword .time', { time: 0x12345678 }).image?.bytes).toEqual(new Uint8Array([0x78, 0x56, 0x34, 0x12]));
  });
});

describe('.define with parameters', () => {
  it('substitutes arguments, with or without parentheses, as ca65 does', () => {
    expect(bytesOf('.define SUM(p1, p2) p1 + p2\n.byte SUM(1, 2), SUM 3, 4')).toBe('03 07');
    expect(bytesOf('.define PAIR(first, second) first, second\n.byte PAIR(1, (2 + 3))')).toBe('01 05');
  });
  it('reports a wrong number of arguments and register names as parameters', () => {
    expect(errorsOf('.define SUM(p1, p2) p1 + p2\n.byte SUM(1)')[0]).toBe('SUM takes 2 arguments, found 1');
    expect(errorsOf('.define BAD(x) x')[0]).toBe("'x' is a register name, which ca65 does not take as a parameter");
  });
  it('keeps a plain .define whose body starts with a parenthesis after a space', () => {
    expect(bytesOf('.define VALUE (1 + 2)\n.byte VALUE')).toBe('03');
  });
});

describe('ca65 functions and directives moth does not follow are refused by name', () => {
  it.each([
    ['.byte .referenced(foo)', "moth does not support ca65's .referenced: whether a name was used, which moth does not track"],
    ['.byte .asize', "moth does not support ca65's .asize: the 65816 accumulator size"],
    ['.byte .cpu', "moth does not support ca65's .cpu: the CPU as a number (.ismnemonic(name) tells whether an instruction is there)"],
    ['.union', "moth does not support ca65's .union"],
    ['.a16', '.a16 sets a 65816 register size; moth assembles for the 6502'],
  ])('%s', (source, message) => {
    expect(errorsOf(source)).toEqual([message]);
  });
});
