// saveState/restoreState: a debugger rewinding must see exactly the same run again, input and random bytes included.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine/machine.js';
import { scriptedIo } from '../../src/machine/io.js';

/**
 * Echo with noise: reads the console ($F004), adds the random byte $FE, prints the sum, and stores it in a
 * ring at $0300,X, forever (the budget ends it). Input, output, memory and randomness all take part.
 */
const NOISY_ECHO = [
  0xad, 0x04, 0xf0, //  loop: LDA $F004
  0x18, //                    CLC
  0x65, 0xfe, //              ADC $FE
  0x8d, 0x01, 0xf0, //        STA $F001
  0x9d, 0x00, 0x03, //        STA $0300,X
  0xe8, //                    INX
  0x4c, 0x00, 0x06, //        JMP loop
];

function noisyEcho(preset: 'default' | 'easy6502') {
  const io = scriptedIo('the quick brown fox jumps over the lazy dog');
  const machine = new Machine({ io, preset });
  machine.load(Uint8Array.from(NOISY_ECHO), 0x0600);
  machine.reset(0x0600);
  return { machine, io };
}

describe.each(['default', 'easy6502'] as const)('save and restore (%s preset)', (preset) => {
  it('replays the same instructions, output and memory after a restore', () => {
    const { machine, io } = noisyEcho(preset);
    machine.run(300); // mid-input: the replay must take the rest of the input from the console's log
    const saved = machine.saveState();
    const outputAtSave = io.output.length;

    machine.run(20_000);
    const firstRun = { state: machine.saveState(), output: io.output.slice(outputAtSave) };

    machine.restoreState(saved);
    io.output.length = outputAtSave; // what a debugger's console view does on rewind
    machine.run(20_000);
    expect(io.output.slice(outputAtSave)).toEqual(firstRun.output);
    expect(machine.saveState()).toEqual(firstRun.state);
  });

  it('a snapshot is a copy: running on does not change it', () => {
    const { machine } = noisyEcho(preset);
    machine.run(1_000);
    const saved = machine.saveState();
    const memoryCopy = saved.memory.slice();
    machine.run(10_000);
    expect(saved.memory).toEqual(memoryCopy);
  });

  it('restores registers, counters and the console position', () => {
    const { machine } = noisyEcho(preset);
    machine.run(2_000);
    const saved = machine.saveState();
    machine.run(5_000);
    machine.restoreState(saved);
    const cpu = machine.cpu;
    expect({ a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p }).toEqual({
      a: saved.cpu.a,
      x: saved.cpu.x,
      y: saved.cpu.y,
      sp: saved.cpu.sp,
      pc: saved.cpu.pc,
      p: saved.cpu.p,
    });
    expect(cpu.cycles).toBe(saved.cpu.cycles);
    expect(cpu.instructions).toBe(saved.cpu.instructions);
    expect(machine.console.saveState()).toEqual(saved.console);
  });
});

describe('save and restore around interrupts', () => {
  it('keeps the one-instruction IRQ delay after CLI, so a replay takes the IRQ at the same instruction', () => {
    const machine = new Machine();
    machine.load(
      Uint8Array.from([
        0xa9, 0x01, 0x8d, 0x10, 0xf0, // LDA #1 / STA $F010     ; period 1: fires at once
        0xa9, 0x00, 0x8d, 0x11, 0xf0, // LDA #0 / STA $F011
        0xa9, 0x03, 0x8d, 0x12, 0xf0, // LDA #3 / STA $F012
        0xea, //                         NOP                    ; the timer fires: IRQ asserted, still masked
        0x58, //                         CLI                    ; I clears, but the IRQ waits one instruction
        0xe8, //                         INX                    ; runs before the IRQ is taken
        0xe8, //                         INX
        0x00,
      ]),
      0x0600,
    );
    machine.load(Uint8Array.from([0x8d, 0x13, 0xf0, 0x86, 0x10, 0x00]), 0x0700); // STA $F013 / STX $10 / BRK
    machine.load(Uint8Array.from([0x00, 0x07]), 0xfffe);
    machine.reset(0x0600);
    while (machine.cpu.pc !== 0x0611) machine.step(); // just after CLI
    expect(machine.cpu.irqDelayed).toBe(true);
    const saved = machine.saveState();
    machine.run(1000);
    const first = machine.peek(0x10);
    machine.restoreState(saved);
    machine.poke(0x10, 0xff);
    machine.run(1000);
    expect(first).toBe(1); // one INX ran between CLI and the interrupt
    expect(machine.peek(0x10)).toBe(first);
  });
});
