/** Expressions: number spellings, ca65 operator precedence, byte operators and evaluation errors. */

import { describe, expect, it } from 'vitest';
import { TokenCursor, evaluate, isParseProblem, parseExpression, type EvaluationContext } from '../../src/asm/expressions.js';
import { tokenizeLine } from '../../src/asm/lexer.js';
import { bytesOf, errorsOf } from './helpers.js';

/** Evaluates one expression with a few fixed symbols, the way the assembler's emit pass would. */
function value(text: string, symbols: Record<string, number> = {}): number | undefined {
  const cursor = new TokenCursor(tokenizeLine(text));
  const expression = parseExpression(cursor);
  if (isParseProblem(expression)) throw new Error(expression.message);
  expect(cursor.atEnd()).toBe(true);
  const context: EvaluationContext = {
    pc: 0x0600,
    symbolValue: (name) => symbols[name],
    localValue: () => undefined,
    unnamedValue: () => undefined,
    isDefined: (name) => name in symbols,
    divisionByZero: () => {},
  };
  return evaluate(expression, context);
}

describe('number spellings', () => {
  it('reads $hex, %binary, decimal and character constants', () => {
    expect(value('$FF')).toBe(255);
    expect(value('$abcd')).toBe(0xabcd);
    expect(value('%1010')).toBe(10);
    expect(value('1536')).toBe(1536);
    expect(value("'A'")).toBe(65);
  });
});

describe('ca65 precedence', () => {
  it('multiplies before adding', () => expect(value('1+2*3')).toBe(7));
  it('groups with parentheses', () => expect(value('(1+2)*3')).toBe(9));
  it('puts shifts and & on the multiplication level', () => {
    expect(value('2 + 3 << 1')).toBe(8); // 2 + (3 << 1)
    expect(value('1 | 6 & 3')).toBe(3); // 1 | (6 & 3)
  });
  it('puts | on the addition level and left-associates', () => {
    expect(value('10 - 2 - 3')).toBe(5);
    expect(value('$f0 | 1 + 1')).toBe(0xf2);
  });
  it('compares below arithmetic and gives 1 or 0', () => {
    expect(value('1 + 1 = 2')).toBe(1);
    expect(value('3 <> 3')).toBe(0);
    expect(value('2 <= 3')).toBe(1);
  });
  it('has boolean && above || and ! loosest of all', () => {
    expect(value('1 || 0 && 0')).toBe(1);
    expect(value('!0 && 0')).toBe(1); // ! applies to the whole `0 && 0`
    expect(value('1 .and 0 .or 1')).toBe(1);
  });
  it('reads the word operators .mod .shl .shr .bitand .bitor .bitxor', () => {
    expect(value('10 .mod 3')).toBe(1);
    expect(value('1 .shl 4 .bitor 1')).toBe(0x11);
    expect(value('$ff .bitand $0f .bitxor $01')).toBe(0x0e);
    expect(value('$80 .shr 7')).toBe(1);
  });
});

describe('byte operators', () => {
  it('takes the low, high and bank byte', () => {
    expect(value('<$123456')).toBe(0x56);
    expect(value('>$123456')).toBe(0x34);
    expect(value('^$123456')).toBe(0x12);
    expect(value('.lobyte($abcd)')).toBe(0xcd);
    expect(value('.hibyte($abcd)')).toBe(0xab);
    expect(value('.loword($12345678)')).toBe(0x5678);
    expect(value('.hiword($12345678)')).toBe(0x1234);
  });
  it('binds a unary operator tighter than a binary one', () => {
    expect(value('<$1234 + 1')).toBe(0x35);
    expect(value('-1 + 3')).toBe(2);
    expect(value('~0 & $ff')).toBe(0xff);
  });
});

describe('symbols, * and .defined', () => {
  it('reads symbols and the program counter', () => {
    expect(value('base + 2', { base: 0x10 })).toBe(0x12);
    expect(value('* + 3')).toBe(0x0603);
  });
  it('says "not known yet" for a missing symbol instead of guessing', () => {
    expect(value('later + 1')).toBeUndefined();
  });
  it('answers .defined', () => {
    expect(value('.defined(base)', { base: 1 })).toBe(1);
    expect(value('.defined(nothing)')).toBe(0);
  });
});

describe('in programs', () => {
  it('uses the same precedence for operands', () => {
    expect(bytesOf('lda #1 + 2 * 3\n.byte (1 + 2) * 3')).toBe('A9 07 09');
  });
  it('reports a division by zero once, at the divisor', () => {
    expect(errorsOf('.byte 1/0')).toEqual(['division by zero']);
    expect(errorsOf('.byte 5 .mod 0')).toEqual(['division by zero']);
  });
  it('reports a missing operand at the end of the line', () => {
    expect(errorsOf('value = 1 +')).toEqual(['expected an expression at the end of the line']);
  });
  it('reports an unclosed parenthesis', () => {
    expect(errorsOf('.byte (1 + 2')[0]).toContain("expected ')'");
  });
});

describe('64-bit arithmetic, as ca65 computes on a 64-bit host', () => {
  it('keeps bits past 32', () => {
    expect(value('1 << 40 >> 40')).toBe(1);
    expect(value('(2147483647 * 4) / 4')).toBe(2147483647);
    expect(value('2147483647 + 1 > 0')).toBe(1);
    expect(value('$80000000 >> 31')).toBe(1);
  });
  it('shifts right as unsigned 64-bit and shifts everything out for counts of 64 or more, or negative', () => {
    expect(value('<(-256 >> 60)')).toBe(0x0f);
    expect(value('~0 >> 63')).toBe(1);
    expect(value('1 << 64')).toBe(0);
    expect(value('3 >> 64')).toBe(0);
    expect(value('5 << -1')).toBe(0);
  });
  it('takes a shift count as a 32-bit int first, as ca65 does (found by the ca65 differential)', () => {
    expect(value('1 >> ~$FFFFFFFF')).toBe(1); // ~$FFFFFFFF is -$100000000: a count of 0
    expect(value('2 >> -4294967295 + 2147483647')).toBe(0x80000000); // the count -4294967295 is 1
  });
  it('divides truncating toward zero with the remainder taking the dividend sign', () => {
    expect(value('-7 / 2')).toBe(-3);
    expect(value('-7 .mod 2')).toBe(-1);
  });
  it('takes bytes of negative and huge values by their two\'s complement bits', () => {
    expect(value('<-1')).toBe(0xff);
    expect(value('>-2')).toBe(0xff);
    expect(value('<(1 << 62 | $5A)')).toBe(0x5a);
  });
  it('rejects $ and % numbers longer than 32 bits, as ca65 does', () => {
    expect(errorsOf('.byte <$100000000')).toEqual(['the number $100000000 does not fit in 32 bits']);
    expect(bytesOf('.byte <$FFFFFFFF')).toBe('FF');
  });
});
