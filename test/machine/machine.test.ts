// The machine around the CPU: devices on page $F0, the ways a run stops, and RAM staying plain RAM.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine/machine.js';
import type { MachineOptions } from '../../src/machine/machine.js';
import { scriptedIo } from '../../src/machine/io.js';

/** A machine with `bytes` loaded at $0600 and PC there. */
function machineWith(bytes: number[], options: MachineOptions = {}): Machine {
  const machine = new Machine(options);
  machine.load(Uint8Array.from(bytes), 0x0600);
  machine.reset(0x0600);
  return machine;
}

describe('console device', () => {
  it('prints every byte written to $F001', () => {
    const io = scriptedIo();
    const machine = machineWith(
      [
        0xa9, 0x48, //       LDA #'H'
        0x8d, 0x01, 0xf0, // STA $F001
        0xa9, 0x69, //       LDA #'i'
        0x8d, 0x01, 0xf0, // STA $F001
        0x00, //             BRK
      ],
      { io },
    );
    const stop = machine.run(1000);
    expect(io.text()).toBe('Hi');
    expect(stop).toEqual({ reason: 'brk', address: 0x060a });
  });

  it('reads the next input byte from $F004, then $00 once the input is used up', () => {
    const io = scriptedIo('AB');
    const machine = machineWith(
      [
        0xad, 0x04, 0xf0, // LDA $F004
        0x85, 0x10, //       STA $10
        0xad, 0x04, 0xf0, // LDA $F004
        0x85, 0x11, //       STA $11
        0xad, 0x04, 0xf0, // LDA $F004
        0x85, 0x12, //       STA $12
        0x00, //             BRK
      ],
      { io },
    );
    machine.run(1000);
    expect([machine.peek(0x10), machine.peek(0x11), machine.peek(0x12)]).toEqual([0x41, 0x42, 0x00]);
  });

  it('reports input waiting (bit 0) and input ended (bit 7) at $F005', () => {
    const io = scriptedIo('Z', { ended: true });
    const machine = machineWith(
      [
        0xad, 0x05, 0xf0, // LDA $F005   ; a byte is waiting
        0x85, 0x10, //       STA $10
        0xad, 0x04, 0xf0, // LDA $F004   ; take it
        0xad, 0x05, 0xf0, // LDA $F005   ; nothing left, and the input has ended
        0x85, 0x11, //       STA $11
        0x00, //             BRK
      ],
      { io },
    );
    machine.run(1000);
    expect(machine.peek(0x10)).toBe(0x01);
    expect(machine.peek(0x11)).toBe(0x80);
  });

  it('peek at $F004 shows the waiting byte without consuming it', () => {
    const io = scriptedIo('QR');
    const machine = machineWith(
      [
        0xad, 0x05, 0xf0, // LDA $F005   ; asks the host: 'Q' is now waiting
        0xea, //             NOP         ; (the test peeks here)
        0xad, 0x04, 0xf0, // LDA $F004
        0x85, 0x10, //       STA $10
        0x00, //             BRK
      ],
      { io },
    );
    machine.step();
    expect(machine.peek(0xf004)).toBe(0x51);
    expect(machine.peek(0xf004)).toBe(0x51);
    machine.run(1000);
    expect(machine.peek(0x10)).toBe(0x51);
  });
});

describe('stops', () => {
  it('BRK stops the run by default, PC left at the BRK', () => {
    const machine = machineWith([0xea, 0x00]); // NOP / BRK
    expect(machine.run(1000)).toEqual({ reason: 'brk', address: 0x0601 });
    expect(machine.cpu.pc).toBe(0x0601);
  });

  it('BRK is a real interrupt through $FFFE with brk: interrupt', () => {
    const machine = machineWith([0x00, 0xff], { cpuOptions: { brk: 'interrupt' } }); // BRK #$FF
    machine.load(Uint8Array.from([0x00, 0x07]), 0xfffe); // IRQ/BRK vector → $0700
    machine.load(Uint8Array.from([0xa9, 0x05, 0x8d, 0x0f, 0xf0]), 0x0700); // LDA #5 / STA $F00F
    expect(machine.run(1000)).toEqual({ reason: 'exit', address: 0x0702, exitCode: 5 });
  });

  it('a write to the exit port $F00F stops the run with that exit code', () => {
    const machine = machineWith([0xa9, 0x2a, 0x8d, 0x0f, 0xf0, 0xea, 0x00]); // LDA #42 / STA $F00F / NOP / BRK
    expect(machine.run(1000)).toEqual({ reason: 'exit', address: 0x0602, exitCode: 42 });
    expect(machine.cpu.pc).toBe(0x0605); // the store finished; nothing after it ran
  });

  it('a JMP to itself is a trap at the JMP', () => {
    const machine = machineWith([0xea, 0x4c, 0x01, 0x06]); // NOP / here: JMP here
    expect(machine.run(1000)).toEqual({ reason: 'trap', address: 0x0601 });
  });

  it('a branch to itself is a trap at the branch', () => {
    const machine = machineWith([0xa9, 0x00, 0xf0, 0xfe]); // LDA #0 / here: BEQ here
    expect(machine.run(1000)).toEqual({ reason: 'trap', address: 0x0602 });
  });

  it('a JAM opcode halts the CPU', () => {
    const machine = machineWith([0xea, 0x02]); // NOP / JAM
    expect(machine.run(1000)).toEqual({ reason: 'jam', address: 0x0601 });
    expect(machine.cpu.jammed).toBe(true);
  });

  it('an endless loop that is not a trap runs out of budget, having used at least the cycles asked for', () => {
    const machine = machineWith([0xe8, 0x4c, 0x00, 0x06]); // loop: INX / JMP loop
    const before = machine.cpu.cycles;
    const stop = machine.run(10_000);
    expect(stop.reason).toBe('budget');
    expect(machine.cpu.cycles - before).toBeGreaterThanOrEqual(10_000);
    expect(machine.cpu.cycles - before).toBeLessThan(10_000 + 7);
  });

  it('pause() from an instruction hook stops the run at the next instruction', () => {
    const machine = machineWith([0xe8, 0x4c, 0x00, 0x06]); // loop: INX / JMP loop
    let seen = 0;
    machine.setInstructionHook(() => {
      if (++seen === 5) machine.pause();
      return false;
    });
    expect(machine.run(1_000_000).reason).toBe('paused');
    expect(machine.cpu.instructions).toBeLessThanOrEqual(5);
  });
});

describe('memory map', () => {
  it('RAM outside page $F0 is plain memory, and only page $F0 is hooked', () => {
    const machine = new Machine();
    const hooked = [...machine.cpu.readHooks.keys()].filter((page) => machine.cpu.readHooks[page] === 1);
    expect(hooked).toEqual([0xf0]);
    expect([...machine.cpu.writeHooks.keys()].filter((page) => machine.cpu.writeHooks[page] === 1)).toEqual([0xf0]);
  });

  it('addresses on page $F0 between device registers are RAM: peek shows the bytes the CPU executes there', () => {
    // Before machines were data, peek gave 0 here, so a trace showed code at $F0xx as BRK while the CPU ran it.
    const machine = machineWith([0xa9, 0x77, 0x8d, 0x20, 0xf0, 0xad, 0x20, 0xf0, 0x85, 0x10, 0x00]); // STA/LDA $F020
    machine.poke(0x10, 0xff);
    machine.run(1000);
    expect(machine.peek(0x10)).toBe(0x77);
    machine.load(Uint8Array.from([0xe8, 0x00]), 0xf020); // INX; BRK
    expect(machine.peek(0xf020)).toBe(0xe8);
    machine.reset(0xf020);
    machine.run(100);
    expect(machine.cpu.x).toBe(1);
  });

  it('the display is plain RAM at $0200–$05FF', () => {
    const machine = machineWith([0xa9, 0x05, 0x8d, 0x00, 0x02, 0x8d, 0xff, 0x05, 0x00]); // LDA #5 / STA $0200 / STA $05FF
    machine.run(1000);
    expect(machine.peek(0x0200)).toBe(5);
    expect(machine.peek(0x05ff)).toBe(5);
  });

  it('pressKey puts the key code at $FF', () => {
    const machine = new Machine();
    machine.pressKey(0x77);
    expect(machine.peek(0xff)).toBe(0x77);
  });

  it('load refuses bytes that would run past $FFFF', () => {
    const machine = new Machine();
    expect(() => machine.load(new Uint8Array(16), 0xfff8)).toThrow(RangeError);
  });

  it('reset without a start address takes PC from the reset vector', () => {
    const machine = new Machine();
    machine.load(Uint8Array.from([0x34, 0x12]), 0xfffc);
    machine.reset();
    expect(machine.cpu.pc).toBe(0x1234);
  });
});

describe('random byte at $FE', () => {
  const spin = [0xe8, 0x4c, 0x00, 0x06]; // loop: INX / JMP loop

  it('the default machine refreshes it at fixed cycle boundaries, whatever the slicing', () => {
    const sliced = machineWith(spin);
    const whole = machineWith(spin);
    const seen = new Set<number>();
    for (let slice = 0; slice < 200; slice++) {
      sliced.run(997);
      seen.add(sliced.peek(0xfe));
    }
    whole.run(sliced.cpu.cycles - whole.cpu.cycles);
    expect(whole.cpu.cycles).toBe(sliced.cpu.cycles);
    expect(whole.peek(0xfe)).toBe(sliced.peek(0xfe));
    expect(seen.size).toBeGreaterThan(20); // 200,000 cycles: about 48 refreshes
  });

  it('the easy6502 preset gives a fresh byte before every instruction', () => {
    const machine = machineWith(
      [0xa5, 0xfe, 0x85, 0x10, 0xa5, 0xfe, 0x85, 0x11, 0xa5, 0xfe, 0x85, 0x12, 0x00], // LDA $FE / STA $10 … ×3
      { preset: 'easy6502' },
    );
    machine.run(1000);
    const values = [machine.peek(0x10), machine.peek(0x11), machine.peek(0x12)];
    expect(new Set(values).size).toBe(3);
  });

  it('the same seed gives the same bytes', () => {
    const first = machineWith(spin, { preset: 'easy6502', randomSeed: 7 });
    const second = machineWith(spin, { preset: 'easy6502', randomSeed: 7 });
    first.run(500);
    second.run(500);
    expect(first.peek(0xfe)).toBe(second.peek(0xfe));
  });
});
