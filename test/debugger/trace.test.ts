// The trace formatter: one nestest-style line per instruction, state before it runs.
import { describe, expect, it } from 'vitest';
import { flagLetters, formatInterruptLine, formatTraceLine, traceLine } from '../../src/debugger/trace.js';

const registers = { a: 0x12, x: 0x34, y: 0x56, sp: 0xfd, pc: 0x0600, p: 0xa5, cycles: 1234 };

describe('trace lines', () => {
  it('show address, bytes, disassembly, registers, flags and cycles in fixed columns', () => {
    const line = formatTraceLine({ address: 0x0600, bytes: [0xbd, 0x0e, 0x06], text: 'LDA $060E,X', registers });
    expect(line).toBe('0600  BD 0E 06  LDA $060E,X               A:12 X:34 Y:56 P:A5 SP:FD Nv-bdIzC CYC:1234');
  });

  it('decode the instruction at PC through peek, with labels', () => {
    const memory = new Uint8Array(0x10000);
    memory.set([0xd0, 0xfe], 0x0600); // BNE *
    const line = traceLine((address) => memory[address]!, registers, new Map([[0x0600, 'wait']]));
    expect(line.startsWith('0600  D0 FE     BNE wait')).toBe(true);
  });

  it('name each flag, capital when set', () => {
    expect(flagLetters(0x00)).toBe('nv-bdizc');
    expect(flagLetters(0xff)).toBe('NV-BDIZC');
    expect(flagLetters(0x24)).toBe('nv-bdIzc');
  });

  it('mark an interrupt entry, which has no instruction of its own', () => {
    expect(formatInterruptLine('IRQ', { ...registers, pc: 0x0700 })).toMatch(/^----  IRQ taken: PC and P pushed, jump to 0700 +A:12/);
  });
});
