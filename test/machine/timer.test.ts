// The timer device: registers, IRQ on time to the instruction, and a program waiting for its interrupt.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine/machine.js';

/**
 * Main program at $0600: start a timer with the given period and IRQ enabled, CLI, then count in X forever
 * (INX / JMP loop, not a trap). The handler at $0700 increments $10, acknowledges the timer and returns.
 */
function timerProgram(period: number): Machine {
  const machine = new Machine();
  machine.load(
    Uint8Array.from([
      0xa9, period & 0xff, //        LDA #<period
      0x8d, 0x10, 0xf0, //           STA $F010
      0xa9, period >> 8, //          LDA #>period
      0x8d, 0x11, 0xf0, //           STA $F011
      0xa9, 0x03, //                 LDA #%11      ; run, raise IRQ
      0x8d, 0x12, 0xf0, //           STA $F012
      0x58, //                       CLI
      0xe8, //                 loop: INX
      0x4c, 0x10, 0x06, //           JMP loop
    ]),
    0x0600,
  );
  machine.load(
    Uint8Array.from([
      0xe6, 0x10, //                 INC $10
      0x8d, 0x13, 0xf0, //           STA $F013     ; acknowledge: releases IRQ
      0x40, //                       RTI
    ]),
    0x0700,
  );
  machine.load(Uint8Array.from([0x00, 0x07]), 0xfffe);
  machine.reset(0x0600);
  return machine;
}

describe('timer', () => {
  it('reads back its period and control, and shows a pending period in the status register', () => {
    const machine = new Machine();
    machine.load(Uint8Array.from([0xa9, 0x34, 0x8d, 0x10, 0xf0, 0xa9, 0x12, 0x8d, 0x11, 0xf0, 0xa9, 0x01, 0x8d, 0x12, 0xf0, 0x00]), 0x0600);
    machine.reset(0x0600);
    machine.run(100);
    expect(machine.peek(0xf010)).toBe(0x34);
    expect(machine.peek(0xf011)).toBe(0x12);
    expect(machine.peek(0xf012)).toBe(0x01);
    expect(machine.peek(0xf013)).toBe(0x00);
  });

  it('raises IRQ once per period: 10 interrupts in ten periods', () => {
    const machine = timerProgram(1000);
    machine.run(10_000 + 50);
    expect(machine.peek(0x10)).toBe(10);
  });

  it('is cycle-exact whatever the slicing: one long run equals one instruction at a time', () => {
    const whole = timerProgram(300);
    const stepped = timerProgram(300);
    whole.run(20_000);
    while (stepped.cpu.cycles < whole.cpu.cycles) stepped.step();
    expect(stepped.cpu.cycles).toBe(whole.cpu.cycles);
    expect(stepped.cpu.instructions).toBe(whole.cpu.instructions);
    expect(stepped.saveState()).toEqual(whole.saveState());
  });

  it('enters the handler at the first instruction boundary at or after the period ends', () => {
    const machine = timerProgram(500);
    const entries: number[] = [];
    let armedAt = -1;
    machine.setInstructionHook((cpu) => {
      if (armedAt < 0 && cpu.pc === 0x060f) armedAt = cpu.cycles; // CLI: the STA $F012 before it started the count
      if (cpu.pc === 0x0700) entries.push(cpu.cycles);
      return false;
    });
    machine.run(2_000);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    // The count started when STA $F012 wrote (its last cycle); INX (2) + JMP (3) make 5-cycle steps, and
    // the IRQ entry takes 7, so each handler starts at most 5 + 7 cycles after its period ended.
    entries.forEach((cycle, index) => {
      const due = armedAt + 500 * (index + 1);
      expect(cycle).toBeGreaterThanOrEqual(due);
      expect(cycle - due).toBeLessThanOrEqual(5 + 7 + 4);
    });
  });

  it('a JMP to itself with the timer armed is waiting for the interrupt, not a trap', () => {
    const machine = new Machine();
    machine.load(
      Uint8Array.from([
        0xa9, 0x00, 0x8d, 0x10, 0xf0, // LDA #0 / STA $F010
        0xa9, 0x01, 0x8d, 0x11, 0xf0, // LDA #1 / STA $F011    ; period $0100
        0xa9, 0x03, 0x8d, 0x12, 0xf0, // LDA #3 / STA $F012
        0x58, //                         CLI
        0x4c, 0x10, 0x06, //       wait: JMP wait
      ]),
      0x0600,
    );
    machine.load(Uint8Array.from([0xa9, 0x07, 0x8d, 0x0f, 0xf0]), 0x0700); // handler: LDA #7 / STA $F00F
    machine.load(Uint8Array.from([0x00, 0x07]), 0xfffe);
    machine.reset(0x0600);
    const stop = machine.run(100_000);
    expect(stop).toEqual({ reason: 'exit', address: 0x0702, exitCode: 7 });
  });

  it('a JMP to itself with interrupts disabled is still a trap', () => {
    const machine = new Machine();
    machine.load(Uint8Array.from([0xa9, 0x03, 0x8d, 0x12, 0xf0, 0x4c, 0x05, 0x06]), 0x0600); // timer on, I still set
    machine.reset(0x0600);
    expect(machine.run(100_000)).toEqual({ reason: 'trap', address: 0x0605 });
  });
});

describe('nextEventCycle', () => {
  it('is the earlier of the timer and the random-byte refresh', () => {
    const machine = new Machine();
    machine.reset(0x0600);
    expect(machine.nextEventCycle()).toBe(4096); // only the random byte is scheduled
    machine.load(Uint8Array.from([0xa9, 0x64, 0x8d, 0x10, 0xf0, 0xa9, 0x00, 0x8d, 0x11, 0xf0, 0xa9, 0x01, 0x8d, 0x12, 0xf0]), 0x0600);
    machine.run(20); // period 100, timer started by the STA $F012 that ends at cycle 25
    expect(machine.nextEventCycle()).toBe(125);
  });

  it('has no random-byte event under the easy6502 preset', () => {
    const machine = new Machine({ preset: 'easy6502' });
    machine.reset(0x0600);
    expect(machine.nextEventCycle()).toBe(Infinity);
  });
});
