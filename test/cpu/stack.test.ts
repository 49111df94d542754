// The stack at $0100–$01FF: pushes and pulls, the B bit on pushed status bytes, JSR/RTS, SP wrap-around.
import { describe, expect, it } from 'vitest';
import { makeCpu, stepOnce } from './harness.js';

describe('PHA and PLA', () => {
  it('PHA writes A at $0100+SP, then SP moves down; 3 cycles', () => {
    const { cycles, changes } = stepOnce([0x48], { a: 0x42, sp: 0xfd }); // PHA
    expect(cycles).toBe(3);
    expect(changes).toEqual({ sp: 0xfc, pc: 0x0201, memory: { 0x01fd: 0x42 } });
  });

  it('PLA moves SP up, then reads; sets N and Z; 4 cycles', () => {
    const { cycles, changes } = stepOnce([0x68], { sp: 0xfc, memory: { 0x01fd: 0x80 } }); // PLA
    expect(cycles).toBe(4);
    expect(changes).toEqual({ a: 0x80, sp: 0xfd, pc: 0x0201, n: true });
  });

  it('SP wraps from $00 to $FF on a push, staying in page 1', () => {
    const { changes } = stepOnce([0x48], { a: 0x11, sp: 0x00 }); // PHA
    expect(changes).toEqual({ sp: 0xff, pc: 0x0201, memory: { 0x0100: 0x11 } });
  });

  it('SP wraps from $FF to $00 on a pull', () => {
    const { changes } = stepOnce([0x68], { sp: 0xff, memory: { 0x0100: 0x22 } }); // PLA
    expect(changes).toEqual({ a: 0x22, sp: 0x00, pc: 0x0201 });
  });
});

describe('PHP and PLP: B and bit 5 exist only on the stack', () => {
  it('PHP pushes P with B = 1 and bit 5 = 1; the register is unchanged', () => {
    const { cycles, changes, cpu } = stepOnce([0x08], { c: true, n: true }); // PHP
    expect(cycles).toBe(3);
    expect(changes).toEqual({ sp: 0xfc, pc: 0x0201, memory: { 0x01fd: 0b1011_0001 } });
    expect(cpu.p & 0x30).toBe(0x20); // in the register: bit 5 = 1, B = 0
  });

  it('PLP takes every flag but keeps bit 5 = 1 and B = 0 in the register; 4 cycles', () => {
    const { cycles, changes, cpu } = stepOnce([0x28], { sp: 0xfc, memory: { 0x01fd: 0xff } }); // PLP
    expect(cycles).toBe(4);
    expect(changes).toEqual({ sp: 0xfd, pc: 0x0201, n: true, v: true, d: true, i: true, z: true, c: true });
    expect(cpu.p).toBe(0xef);
  });

  it('PLP of a byte with bit 5 clear still reads bit 5 = 1', () => {
    const { cpu } = stepOnce([0x28], { sp: 0xfc, memory: { 0x01fd: 0x00 } }); // PLP
    expect(cpu.p).toBe(0x20);
  });
});

describe('JSR and RTS', () => {
  it('JSR pushes the address of its own last byte, then jumps; 6 cycles', () => {
    const { cycles, changes } = stepOnce([0x20, 0x00, 0x40]); // JSR $4000
    expect(cycles).toBe(6);
    expect(changes).toEqual({ sp: 0xfb, pc: 0x4000, memory: { 0x01fd: 0x02, 0x01fc: 0x02 } }); // $0202 pushed
  });

  it('RTS pulls that address and adds one; 6 cycles', () => {
    const { cycles, changes } = stepOnce([0x60], { sp: 0xfb, memory: { 0x01fc: 0x02, 0x01fd: 0x02 } }); // RTS
    expect(cycles).toBe(6);
    expect(changes).toEqual({ sp: 0xfd, pc: 0x0203 });
  });

  it('a subroutine call and return comes back to the next instruction', () => {
    // $0200 JSR $0300 / $0203 NOP ... $0300 RTS
    const cpu = makeCpu([0x20, 0x00, 0x03, 0xea], { memory: { 0x0300: 0x60 } });
    expect(cpu.step() + cpu.step()).toBe(12);
    expect(cpu.pc).toBe(0x0203);
    expect(cpu.sp).toBe(0xfd);
  });

  it('pushes wrap around the stack page', () => {
    const { changes } = stepOnce([0x20, 0x00, 0x40], { sp: 0x00 }); // JSR $4000 with SP = $00
    expect(changes).toEqual({ sp: 0xfe, pc: 0x4000, memory: { 0x0100: 0x02, 0x01ff: 0x02 } });
  });
});
