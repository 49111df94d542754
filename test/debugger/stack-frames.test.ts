// Checks that the stack is read as the pushes that made it: return addresses marked only where a JSR, BRK or interrupt left one, never from the middle of another frame.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assemble } from '../../src/asm/index.js';
import { DebugSession, type DebugProgram } from '../../src/debugger/session.js';
import { readStack } from '../../src/debugger/stack-frames.js';

function sessionFor(file: string): DebugSession {
  const result = assemble(readFileSync(file, 'utf8'), { fileName: file });
  expect(result.ok).toBe(true);
  return new DebugSession(result as unknown as DebugProgram);
}

describe('stack frames', () => {
  it('tour 5 after six steps: one return address, not a second one made of its high byte (was `$01FB 06 ↩ $0607`)', () => {
    const session = sessionFor('programs/05-stack/subroutines.s');
    session.stepInto(6);
    const marked = session.stack().filter((entry) => entry.returnAddress !== undefined);
    for (const entry of marked) {
      // The JSR that pushed it sits 3 bytes before the return address.
      expect(session.readMemory((entry.returnAddress! - 3) & 0xffff, 1)[0]).toBe(0x20);
    }
    const addresses = marked.map((entry) => entry.address);
    // Two frames never share a byte.
    for (let index = 1; index < addresses.length; index++) expect(addresses[index]! - addresses[index - 1]!).toBeGreaterThanOrEqual(2);
  });

  it('a pushed byte pair that only looks like an address is not a frame when no JSR starts an instruction there', () => {
    const memory = new Uint8Array(0x10000);
    memory.set([0x20, 0x00, 0x07], 0x0600); // JSR $0700 at $0600: returns to $0603, pushes $0602
    memory[0x01fe] = 0x02;
    memory[0x01ff] = 0x06;
    memory[0x01fc] = 0x01; // PHA'd $01 and $06 make $0601, and $05FF holds $20 by chance
    memory[0x01fd] = 0x06;
    memory[0x05ff] = 0x20;
    const starts = new Set([0x0600, 0x0603]);
    const entries = readStack(0xfb, { peek: (address) => memory[address]!, isInstructionStart: (address) => starts.has(address), routineName: () => 'print' });
    expect(entries.map((entry) => [entry.address, entry.returnAddress])).toEqual([
      [0x01fc, undefined],
      [0x01fd, undefined],
      [0x01fe, 0x0603],
      [0x01ff, undefined],
    ]);
    expect(entries[2]!.label).toBe('print');
  });

  it('marks a BRK frame (status, then the address RTI returns to) and an interrupt frame', () => {
    const memory = new Uint8Array(0x10000);
    memory[0x0610] = 0x00; // BRK at $0610 pushes $0612
    memory.set([0x34, 0x12, 0x06], 0x01fd); // status with B set, then $0612
    const starts = new Set([0x0610, 0x0700]);
    const brk = readStack(0xfc, { peek: (address) => memory[address]!, isInstructionStart: (address) => starts.has(address), routineName: () => undefined });
    expect(brk.map((entry) => entry.returnAddress)).toEqual([undefined, 0x0612, undefined]);
    expect(brk[1]!.label).toBe('BRK');
    memory.set([0x24, 0x00, 0x07], 0x01fd); // an IRQ taken before the instruction at $0700
    const irq = readStack(0xfc, { peek: (address) => memory[address]!, isInstructionStart: (address) => starts.has(address), routineName: () => undefined });
    expect(irq[1]).toMatchObject({ returnAddress: 0x0700, label: 'interrupt' });
  });
});
