// The one start rule (machine/program-start.ts) that moth run, moth debug and the debug session share: PC and what BRK does.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine/machine.js';
import { startProgram } from '../../src/machine/program-start.js';

function machineWith(chunks: readonly { at: number; bytes: readonly number[] }[]): Machine {
  const machine = new Machine();
  for (const chunk of chunks) machine.load(Uint8Array.from(chunk.bytes), chunk.at);
  return machine;
}

describe('startProgram', () => {
  it('starts where the program was loaded when memory holds no reset vector, and BRK then stops the run', () => {
    const machine = machineWith([{ at: 0x0600, bytes: [0xea, 0x00] }]);
    startProgram(machine, 0x0600);
    expect(machine.cpu.pc).toBe(0x0600);
    expect(machine.cpu.options.brk).toBe('stop');
  });

  it('follows the reset vector when the program sets one, and an explicit start over both', () => {
    const chunks = [{ at: 0x0600, bytes: [0xea] }, { at: 0xfffc, bytes: [0x00, 0x07] }];
    const byVector = machineWith(chunks);
    startProgram(byVector, 0x0600);
    expect(byVector.cpu.pc).toBe(0x0700);
    const explicit = machineWith(chunks);
    startProgram(explicit, 0x0600, { start: 0x0601 });
    expect(explicit.cpu.pc).toBe(0x0601);
  });

  it('makes BRK a real interrupt when the program sets its own IRQ/BRK vector, or when asked', () => {
    const own = machineWith([{ at: 0x0600, bytes: [0x00] }, { at: 0xfffe, bytes: [0x00, 0x07] }]);
    startProgram(own, 0x0600);
    expect(own.cpu.options.brk).toBe('interrupt');
    const asked = machineWith([{ at: 0x0600, bytes: [0x00] }]);
    startProgram(asked, 0x0600, { brkVector: true });
    expect(asked.cpu.options.brk).toBe('interrupt');
  });
});
