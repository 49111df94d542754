// Specifies the condition language of breakpoints, `print` and `set`: registers, flags, labels, memory and C precedence.
import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression, isReservedName } from '../../src/debugger/conditions.js';
import type { EvaluationContext } from '../../src/debugger/conditions.js';

function contextWith(registers: Partial<EvaluationContext['state']>, memory: Record<number, number> = {}): EvaluationContext {
  return {
    state: { a: 0, x: 0, y: 0, sp: 0xfd, pc: 0x0600, p: 0x20, ...registers },
    peek: (address) => memory[address] ?? 0,
  };
}

const labels = new Map([
  ['loop', 0x0610],
  ['pointer', 0x1234],
]);
const lookup = (name: string): number | undefined => labels.get(name);

function value(text: string, context = contextWith({})): number {
  const result = evaluateExpression(text, context, lookup);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('condition expressions', () => {
  it('read registers by name in any case', () => {
    const context = contextWith({ a: 0x10, x: 3, y: 7, sp: 0xf0, pc: 0x0612, p: 0x21 });
    expect(value('A', context)).toBe(0x10);
    expect(value('x', context)).toBe(3);
    expect(value('Y + 1', context)).toBe(8);
    expect(value('sp', context)).toBe(0xf0);
    expect(value('PC', context)).toBe(0x0612);
    expect(value('P', context)).toBe(0x21);
  });

  it('read each flag as 1 or 0 from P', () => {
    const context = contextWith({ p: 0x80 | 0x01 });
    expect(value('N', context)).toBe(1);
    expect(value('C == 1', context)).toBe(1);
    expect(value('Z', context)).toBe(0);
    expect(value('V', context)).toBe(0);
  });

  it('combine comparisons with && and || (the documented example)', () => {
    expect(value('A == $10 && X > 3', contextWith({ a: 0x10, x: 4 }))).toBe(1);
    expect(value('A == $10 && X > 3', contextWith({ a: 0x10, x: 3 }))).toBe(0);
    expect(value('A == 1 || X == 2', contextWith({ a: 0, x: 2 }))).toBe(1);
  });

  it('read memory with [address] without side effects', () => {
    const context = contextWith({ x: 2 }, { 0x0200: 5, 0x0202: 9 });
    expect(value('[$0200] != 0', context)).toBe(1);
    expect(value('[$0200 + X]', context)).toBe(9);
  });

  it('resolve labels when compiled and take low/high bytes with < and >', () => {
    expect(value('loop')).toBe(0x0610);
    expect(value('loop + 2')).toBe(0x0612);
    expect(value('<pointer')).toBe(0x34);
    expect(value('>pointer')).toBe(0x12);
  });

  it('follow C precedence: * before +, + before <<, comparison before &&', () => {
    expect(value('2 + 3 * 4')).toBe(14);
    expect(value('(2 + 3) * 4')).toBe(20);
    expect(value('1 + 1 << 2')).toBe(8);
    expect(value('1 < 2 == 1')).toBe(1);
  });

  it('tell % the remainder operator from %binary numbers', () => {
    expect(value('%101')).toBe(5);
    expect(value('7 % 4')).toBe(3);
    expect(value('X % 2', contextWith({ x: 5 }))).toBe(1);
  });

  it('accept character literals', () => {
    expect(value("A == 'H'", contextWith({ a: 72 }))).toBe(1);
  });

  it('divide by zero gives 0 rather than Infinity', () => {
    expect(value('5 / 0')).toBe(0);
  });

  it('report unknown names and bad syntax as errors with a column', () => {
    expect(compileExpression('A == missing', lookup)).toEqual({
      ok: false,
      error: 'unknown name "missing" at column 6 (not a register, flag or label)',
    });
    const unclosed = compileExpression('[$0200', lookup);
    expect(unclosed.ok).toBe(false);
    expect(!unclosed.ok && unclosed.error).toMatch(/expected "\]"/);
    expect(compileExpression('A ==', lookup).ok).toBe(false);
    expect(compileExpression('A # 2', lookup)).toEqual({ ok: false, error: 'unexpected "#" at column 3' });
    expect(compileExpression('   ', lookup)).toEqual({ ok: false, error: 'empty expression' });
  });

  it('compiles once and reads the live state on every evaluation', () => {
    const compiled = compileExpression('A > 3', lookup);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const registers = { a: 1, x: 0, y: 0, sp: 0, pc: 0, p: 0 };
    const context = { state: registers, peek: () => 0 };
    expect(compiled.value(context)).toBe(0);
    registers.a = 4;
    expect(compiled.value(context)).toBe(1);
  });

  it('knows which names are registers or flags', () => {
    expect(isReservedName('sp')).toBe(true);
    expect(isReservedName('c')).toBe(true);
    expect(isReservedName('loop')).toBe(false);
  });
});
