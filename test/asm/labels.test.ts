/** Labels and constants: global labels, cheap locals, unnamed labels, forward references and the zero-page rule. */

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import { assembleOk, bytesOf, errorsOf, hexOf } from './helpers.js';

describe('global labels and constants', () => {
  it('gives a label the address of the next byte', () => {
    const result = assembleOk('start: nop\nloop: jmp loop');
    expect(result.symbols.get('start')).toMatchObject({ value: 0x0600, kind: 'label' });
    expect(result.symbols.get('loop')).toMatchObject({ value: 0x0601, kind: 'label' });
    expect(hexOf(result)).toBe('EA 4C 01 06');
  });
  it('accepts = and := for constants, and .set for a value that changes', () => {
    const result = assembleOk('a1 = 5\na2 := 6\ncount .set 1\n.byte count\ncount .set count + 1\n.byte count, a1, a2');
    expect(hexOf(result)).toBe('01 02 05 06');
    expect(result.symbols.get('a1')).toMatchObject({ value: 5, kind: 'constant' });
  });
  it('treats symbol names as case-sensitive and mnemonics as not', () => {
    expect(bytesOf('Value = 1\nvalue = 2\nLDA #Value\nlda #value')).toBe('A9 01 A9 02');
  });
  it('resolves a constant defined from a later label', () => {
    expect(bytesOf('size = finish - begin\nbegin: .byte size\nnop\nfinish:')).toBe('02 EA');
  });
  it('reports a label defined twice and points at the first definition', () => {
    const result = assemble('here: nop\nhere: nop', { fileName: 'test.s' });
    const error = result.diagnostics.find((diagnostic) => diagnostic.severity === 'error')!;
    expect(error.message).toBe("'here' is already defined");
    expect(error.notes?.[0]?.location).toEqual({ file: 'test.s', line: 1, column: 1 });
  });
  it('reports a constant defined in terms of itself, once', () => {
    expect(errorsOf('a1 = b1\nb1 = a1\n.byte a1')).toEqual(["'a1' is defined in terms of itself"]);
  });
});

describe('cheap local labels', () => {
  it('scopes @names between two normal labels', () => {
    const source = 'first:\n@loop: dex\n bne @loop\nsecond:\n@loop: dey\n bne @loop';
    const result = assembleOk(source);
    expect(hexOf(result)).toBe('CA D0 FD 88 D0 FD');
    expect(result.symbols.get('first@loop')).toMatchObject({ value: 0x0600, kind: 'local' });
    expect(result.symbols.get('second@loop')).toMatchObject({ value: 0x0603 });
  });
  it('does not see a local of another scope', () => {
    const errors = errorsOf('first:\n@done: rts\nsecond:\n jmp @done');
    expect(errors).toEqual(["undefined local label '@done'"]);
  });
  it('lets a constant assignment leave the scope alone', () => {
    expect(bytesOf('main:\n@here: nop\nvalue = 3\n jmp @here')).toBe('EA 4C 00 06');
  });
});

describe('unnamed labels', () => {
  it('finds the previous and next unnamed label', () => {
    expect(bytesOf(': inx\n bne :-\n beq :+\n nop\n: nop')).toBe('E8 D0 FD F0 01 EA EA');
  });
  it('counts :++ and :-- across several labels', () => {
    expect(bytesOf(': nop\n: nop\n jmp :--\n jmp :++\n: nop\n: nop')).toBe('EA EA 4C 00 06 4C 09 06 EA EA');
  });
  it('lets a reference on the label line mean that line', () => {
    expect(bytesOf(': jmp :-')).toBe('4C 00 06');
  });
  it('explains a reference with no label to find', () => {
    expect(errorsOf(' bne :+')).toEqual(['there is no unnamed label after this line']);
    expect(errorsOf(' bne :-')).toEqual(['there is no unnamed label before this line']);
  });
});

describe('the zero-page rule', () => {
  it('uses zero page for a known value that fits', () => {
    expect(bytesOf('zp = $10\nlda zp\nlda zp,x\nldx zp,y')).toBe('A5 10 B5 10 B6 10');
  });
  it('keeps absolute for a value above $FF', () => {
    expect(bytesOf('lda $0100')).toBe('AD 00 01');
  });
  it('gives a forward reference the absolute form even when it turns out to fit, and warns', () => {
    const result = assemble('lda later\nlater = $20', { fileName: 'test.s' });
    expect(result.ok).toBe(true);
    expect(hexOf(result)).toBe('AD 20 00');
    const warning = result.diagnostics.find((diagnostic) => diagnostic.severity === 'warning')!;
    expect(warning.message).toContain("'later'");
    expect(warning.hint).toContain('z:later');
  });
  it('does not warn when the forward reference is really absolute', () => {
    const result = assemble('jsr sub\nsub: rts', { fileName: 'test.s' });
    expect(result.diagnostics).toEqual([]);
  });
  it('obeys z: and a:', () => {
    expect(bytesOf('lda z:later\nlda a:$10\nlater = $30')).toBe('A5 30 AD 10 00');
  });
  it('uses the only mode there is: STX zp,Y for a forward reference', () => {
    expect(bytesOf('stx later,y\nlater = $40')).toBe('96 40');
  });
  it('labels in a zero-page .org get zero-page addressing', () => {
    expect(hexOf(assembleOk('.org $10\nhere: nop\nlda here'))).toBe('EA A5 10');
  });
});

describe('easy6502 spellings', () => {
  it('accepts define, dcb and *=', () => {
    const result = assembleOk('define sysRandom $fe\n*=$0700\nlda sysRandom\ndcb 1,2');
    expect(result.image?.start).toBe(0x0700);
    expect(hexOf(result)).toBe('A5 FE 01 02');
  });
});
