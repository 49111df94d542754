// RESET, IRQ (a level, masked by I), NMI (an edge), BRK and RTI: vectors, pushed bytes and cycles.
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { Flag } from '../../src/cpu/flags.js';
import { changesBetween, makeCpu, snapshot, stepOnce } from './harness.js';

const IRQ_HANDLER = 0x0400;
const NMI_HANDLER = 0x0500;
const vectors = { 0xfffe: 0x00, 0xffff: 0x04, 0xfffa: 0x00, 0xfffb: 0x05 };

describe('RESET', () => {
  it('sets SP to $FD and I, loads PC from $FFFC, takes 7 cycles and un-jams the chip', () => {
    const cpu = new Cpu();
    cpu.memory[0xfffc] = 0x00;
    cpu.memory[0xfffd] = 0x06;
    cpu.sp = 0x12;
    cpu.p = Flag.Unused;
    cpu.jammed = true;
    cpu.reset();
    expect(cpu.pc).toBe(0x0600);
    expect(cpu.sp).toBe(0xfd);
    expect(cpu.p & Flag.InterruptDisable).toBe(Flag.InterruptDisable);
    expect(cpu.cycles).toBe(7);
    expect(cpu.jammed).toBe(false);
  });

  it('forgets a pending NMI and a pending stop request', () => {
    const cpu = new Cpu();
    cpu.memory[0xfffd] = 0x02; // RESET → $0200, where a NOP waits
    cpu.memory[0x0200] = 0xea;
    cpu.nmi();
    cpu.requestStop();
    cpu.reset();
    expect(cpu.run(2)).toBe('budget');
    expect(cpu.pc).toBe(0x0201);
  });
});

describe('IRQ', () => {
  it('is taken before the next instruction when I is clear: 7 cycles, PC and P (B = 0) pushed', () => {
    const cpu = makeCpu([0xea], { c: true, memory: vectors }); // NOP, not executed yet
    const before = snapshot(cpu);
    cpu.irqLine = 1;
    expect(cpu.step()).toBe(7);
    expect(changesBetween(before, snapshot(cpu))).toEqual({
      pc: IRQ_HANDLER,
      sp: 0xfa,
      i: true,
      memory: { 0x01fd: 0x02, 0x01fb: 0b0010_0001 }, // return to $0200 ($01FC gets $00, as it was); P with B = 0, bit 5 = 1
    });
    expect(cpu.instructions).toBe(0); // an interrupt entry is not an instruction
  });

  it('is ignored while I is set', () => {
    const cpu = makeCpu([0xea], { i: true, memory: vectors }); // NOP
    cpu.irqLine = 1;
    expect(cpu.step()).toBe(2);
    expect(cpu.pc).toBe(0x0201);
  });

  it('is a level: while the line stays asserted the handler is entered again after RTI', () => {
    const cpu = makeCpu([0xea], { memory: { ...vectors, [IRQ_HANDLER]: 0x40 } }); // handler: RTI
    cpu.irqLine = 0b10; // one device's bit
    cpu.step(); // IRQ entry
    cpu.step(); // RTI back to $0200 with I clear
    expect(cpu.pc).toBe(0x0200);
    cpu.step(); // the line is still asserted: in again
    expect(cpu.pc).toBe(IRQ_HANDLER);
    cpu.step(); // RTI
    cpu.irqLine = 0;
    expect(cpu.step()).toBe(2); // now the NOP runs
    expect(cpu.pc).toBe(0x0201);
  });

  it('after CLI, one more instruction runs before the IRQ is taken (the chip polled before CLI finished)', () => {
    const cpu = makeCpu([0x58, 0xe8, 0xe8], { i: true, memory: vectors }); // CLI / INX / INX
    cpu.irqLine = 1;
    cpu.step(); // CLI
    cpu.step(); // INX still runs
    expect(cpu.x).toBe(1);
    cpu.step(); // now the IRQ
    expect(cpu.pc).toBe(IRQ_HANDLER);
    expect(cpu.x).toBe(1);
  });

  it('is taken inside a long run() as soon as a device raises the line', () => {
    const cpu = makeCpu([0xe8, 0x4c, 0x00, 0x02], { memory: { ...vectors, [IRQ_HANDLER]: 0x02 } }); // loop: INX / JMP loop
    cpu.run(100);
    cpu.irqLine = 1;
    expect(cpu.run(1000)).toBe('jam'); // the handler is a JAM opcode, so we know we got there
    expect(cpu.pc).toBe(IRQ_HANDLER);
  });
});

describe('NMI', () => {
  it('is taken even with I set, through $FFFA, pushing B = 0', () => {
    const cpu = makeCpu([0xea], { i: true, memory: vectors });
    cpu.nmi();
    expect(cpu.step()).toBe(7);
    expect(cpu.pc).toBe(NMI_HANDLER);
    expect(cpu.memory[0x01fb]).toBe(0b0010_0100); // B = 0, bit 5 = 1, I as it was
  });

  it('is an edge: one call, one entry', () => {
    const cpu = makeCpu([0xea], { memory: { ...vectors, [NMI_HANDLER]: 0xea } });
    cpu.nmi();
    cpu.step(); // entry
    expect(cpu.step()).toBe(2); // the handler's NOP, no second entry
    expect(cpu.pc).toBe(NMI_HANDLER + 1);
  });

  it('wins over a pending IRQ', () => {
    const cpu = makeCpu([0xea], { memory: vectors });
    cpu.irqLine = 1;
    cpu.nmi();
    cpu.step();
    expect(cpu.pc).toBe(NMI_HANDLER);
  });
});

describe('BRK and RTI', () => {
  it('BRK pushes its address + 2 and P with B = 1, sets I, jumps through $FFFE; 7 cycles', () => {
    const { cycles, changes } = stepOnce([0x00, 0xff], { d: true, memory: vectors }); // BRK (signature byte $FF)
    expect(cycles).toBe(7);
    expect(changes).toEqual({
      pc: IRQ_HANDLER,
      sp: 0xfa,
      i: true, // D stays set: the NMOS chip does not clear it
      memory: { 0x01fd: 0x02, 0x01fc: 0x02, 0x01fb: 0b0011_1000 }, // return to $0202; B = 1, bit 5 = 1, D
    });
  });

  it('RTI pulls P (dropping B) and then PC, with no +1; 6 cycles', () => {
    const memory = { 0x01fb: 0b1111_0011, 0x01fc: 0x34, 0x01fd: 0x12 };
    const { cycles, changes, cpu } = stepOnce([0x40], { sp: 0xfa, i: true, memory }); // RTI
    expect(cycles).toBe(6);
    expect(changes).toEqual({ pc: 0x1234, sp: 0xfd, n: true, v: true, z: true, c: true, i: false });
    expect(cpu.p & 0x30).toBe(0x20);
  });

  it('BRK then RTI returns past the signature byte', () => {
    const cpu = makeCpu([0x00, 0x00, 0xe8], { memory: { ...vectors, [IRQ_HANDLER]: 0x40 } }); // BRK / .byte 0 / INX
    cpu.step(); // BRK
    cpu.step(); // RTI
    expect(cpu.pc).toBe(0x0202);
    expect(cpu.p & Flag.InterruptDisable).toBe(0);
  });
});
