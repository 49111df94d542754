// `.define` expands as ca65 expands it (issue 12): a body is expanded where it is defined (names defined by
// then), and again where it is used (names defined later); a definition that would expand into itself is one
// located error, never a hang or a stack overflow, and no error comes twice.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.js';

function bytesOf(source: string): number[] {
  const result = assemble(source, { fileName: 'define.s' });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return [...result.image!.bytes];
}

function errorsOf(source: string): [string, number | undefined, number | undefined][] {
  return assemble(source, { fileName: 'define.s' })
    .diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    .map((error) => [error.message, error.location?.line, error.location?.column]);
}

describe('.define expands recursively', () => {
  it('a body naming a .define made later (ca65: lda #TWO is A9 02)', () => {
    expect(bytesOf('.define TWO ONE+ONE\n.define ONE 1\n  lda #TWO\n')).toEqual([0xa9, 0x02]);
  });

  it('with parameters, through another .define with parameters (ca65: lda #A2(3) is A9 05)', () => {
    expect(bytesOf('.define ONE 1\n.define ADD(p,q) p+q+ONE\n.define A2(p) ADD(p,ONE)\n  lda #A2(3)\n')).toEqual([0xa9, 0x05]);
  });

  it('a .define used in a later .define keeps the value it had then (ca65: A9 01 after ONE is redefined as 2)', () => {
    expect(bytesOf('.define ONE 1\n.define RA ONE\n.undefine ONE\n.define ONE 2\n  lda #RA\n')).toEqual([0xa9, 0x01]);
  });

  it('an argument that is itself a .define call', () => {
    expect(bytesOf('.define INC1(v) v+1\n  lda #INC1(INC1(1))\n')).toEqual([0xa9, 0x03]);
  });

  it('a chain of 20,000 defines, each naming the next one defined after it, without a stack overflow', () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => `.define D${index} D${index + 1}`);
    expect(bytesOf([...lines, '.define D20000 7', '  lda #D0'].join('\n'))).toEqual([0xa9, 0x07]);
  });
});

describe('.define that would expand into itself', () => {
  it('.define RA RB / .define RB RA is one error, where RB is defined (as ca65), and lda #RA adds none', () => {
    const found = errorsOf('.define RA RB\n.define RB RA\n  lda #RA\n');
    expect(found).toHaveLength(1);
    expect(found[0]!.slice(1)).toEqual([2, 12]);
    expect(found[0]![0]).toMatch(/'RB'.*itself/);
  });

  it('.define SELF SELF+1 is one located error', () => {
    const found = errorsOf('.define SELF SELF+1\n  lda #SELF\n');
    expect(found).toHaveLength(1);
    expect(found[0]!.slice(1)).toEqual([1, 14]);
  });

  it('a define that doubles at each of 40 levels stops with one error instead of filling memory', () => {
    const lines = Array.from({ length: 40 }, (_, index) => `.define G${index} G${index + 1} G${index + 1}`);
    const found = errorsOf([...lines, '.define G40 1', '  .byte G0'].join('\n'));
    expect(found).toHaveLength(1);
    expect(found[0]![0]).toMatch(/too long|more than/);
  });
});
