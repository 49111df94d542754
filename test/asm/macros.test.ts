/** Macros, .repeat and conditional assembly. */

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';
import { assembleOk, bytesOf, errorsOf } from './helpers.js';

describe('macros', () => {
  it('substitutes parameters', () => {
    expect(bytesOf('.macro store value, target\n lda #value\n sta target\n.endmacro\n store 1, $10\n store 2, $0200')).toBe(
      'A9 01 85 10 A9 02 8D 00 02',
    );
  });
  it('gives each expansion its own .local labels', () => {
    const source = '.macro wait\n .local again\n ldx #2\nagain: dex\n bne again\n.endmacro\n wait\n wait';
    expect(bytesOf(source)).toBe('A2 02 CA D0 FD A2 02 CA D0 FD');
  });
  it('passes an argument with commas inside braces', () => {
    expect(bytesOf('.macro twice op\n op\n op\n.endmacro\n twice {lda $10,x}')).toBe('B5 10 B5 10');
  });
  it('expands macros that call other macros', () => {
    expect(bytesOf('.macro one\n nop\n.endmacro\n.macro two\n one\n one\n.endmacro\n two')).toBe('EA EA');
  });
  it('leaves a missing argument blank, for .ifblank', () => {
    const source = '.macro maybe value\n.ifblank value\n nop\n.else\n lda #value\n.endif\n.endmacro\n maybe\n maybe 7';
    expect(bytesOf(source)).toBe('EA A9 07');
  });
  it('counts arguments with .paramcount and stops at .exitmacro', () => {
    const source = '.macro upto a1, a2\n.byte .paramcount\n.if .paramcount < 2\n.exitmacro\n.endif\n.byte a2\n.endmacro\n upto 1\n upto 1, 9';
    expect(bytesOf(source)).toBe('01 02 09');
  });
  it('stops a macro that calls itself forever', () => {
    const errors = errorsOf('.macro forever\n forever\n.endmacro\n forever');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('levels deep');
  });
  it('reports too many arguments', () => {
    expect(errorsOf('.macro one a1\n.endmacro\n one 1, 2')).toEqual(["macro 'one' takes 1 argument, got 2"]);
  });
  it('reports a macro that is never closed', () => {
    expect(errorsOf('.macro open\n nop')).toEqual(["'.macro' is never closed"]);
  });
  it('places an error inside an expansion on the body line and names the call site', () => {
    const result = assemble('.macro bad\n lda #$1234\n.endmacro\n bad', { fileName: 'test.s' });
    const error = result.diagnostics[0]!;
    expect(error.location).toEqual({ file: 'test.s', line: 2, column: 7 });
    expect(error.notes?.[0]).toEqual({ message: "in an expansion of macro 'bad' called here", location: { file: 'test.s', line: 4, column: 2 } });
  });
});

describe('.repeat', () => {
  it('repeats a body with a counter', () => {
    expect(bytesOf('.repeat 4, i\n.byte i * i\n.endrepeat')).toBe('00 01 04 09');
  });
});

describe('conditional assembly', () => {
  it('takes the first true branch of .if/.elseif/.else', () => {
    const source = (mode: number): string => `MODE = ${mode}\n.if MODE = 1\n.byte 1\n.elseif MODE = 2\n.byte 2\n.else\n.byte 3\n.endif`;
    expect(bytesOf(source(1))).toBe('01');
    expect(bytesOf(source(2))).toBe('02');
    expect(bytesOf(source(5))).toBe('03');
  });
  it('nests, and skips everything inside a false branch', () => {
    expect(bytesOf('.if 0\n.if 1\n.byte 1\n.endif\n bogus instruction\n.else\n.byte 2\n.endif')).toBe('02');
  });
  it('tests definitions with .ifdef and .ifndef', () => {
    expect(bytesOf('DEBUG = 1\n.ifdef DEBUG\n.byte 1\n.endif\n.ifndef DEBUG\n.byte 2\n.endif\n.ifndef OTHER\n.byte 3\n.endif')).toBe('01 03');
  });
  it('needs a condition known when the line is reached', () => {
    const errors = errorsOf('.if later\n.endif\nlater = 1');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'later' is not defined yet");
  });
  it('reports .else and .endif without .if, and an .if never closed', () => {
    expect(errorsOf('.else')).toEqual(["'.else' without a matching .if"]);
    expect(errorsOf('.endif')).toEqual(["'.endif' without a matching .if"]);
    expect(errorsOf('.if 1')).toEqual(["'.if' is never closed"]);
  });
  it('raises .error only when its branch is assembled', () => {
    expect(errorsOf('.if 0\n.error "not me"\n.endif\n.if 1\n.error "me"\n.endif')).toEqual(['me']);
  });
  it('checks .assert after layout, so it can use later labels', () => {
    expect(errorsOf('.assert finish - start = 2, error, "two bytes"\nstart: nop\nfinish:')).toEqual(['two bytes']);
    expect(assembleOk('.assert finish - start = 1, error, "one byte"\nstart: nop\nfinish:').ok).toBe(true);
  });
});

describe('a broken .macro or .repeat line', () => {
  it('skips its body instead of assembling it and reporting errors there', () => {
    expect(errorsOf('.macro\n bogus body line\n.endmacro\n nop')).toEqual(['.macro needs a name']);
    expect(errorsOf('.macro one\n.endmacro\n.macro one\n bogus\n.endmacro')).toEqual(["macro 'one' is already defined"]);
    expect(errorsOf('.repeat later\n bogus\n.endrepeat\nlater = 2')[0]).toContain('must be known');
    expect(errorsOf('.repeat later\n bogus\n.endrepeat\nlater = 2')).toHaveLength(1);
  });
});
