// Undocumented NMOS opcodes: the stable combinations, the extra NOPs, the unstable ones as the test vectors
// model them, and teaching mode, which stops before any of them.
import { describe, expect, it } from 'vitest';
import { makeCpu, stepOnce } from './harness.js';

describe('loads and stores of A and X together', () => {
  it('LAX loads A and X at once', () => {
    const { cycles, changes } = stepOnce([0xa7, 0x10], { memory: { 0x10: 0x80 } }); // LAX $10
    expect(cycles).toBe(3);
    expect(changes).toEqual({ a: 0x80, x: 0x80, pc: 0x0202, n: true });
  });

  it('LAX abs,Y pays for a page crossing', () => {
    expect(stepOnce([0xbf, 0xff, 0x20], { y: 1, memory: { 0x2100: 0x01 } }).cycles).toBe(5); // LAX $20FF,Y
  });

  it('SAX stores A AND X, touching no flags', () => {
    const { cycles, changes } = stepOnce([0x87, 0x10], { a: 0xf0, x: 0x3c }); // SAX $10
    expect(cycles).toBe(3);
    expect(changes).toEqual({ pc: 0x0202, memory: { 0x10: 0x30 } });
  });
});

describe('read-modify-write combinations', () => {
  it('SLO: ASL memory, then ORA it into A', () => {
    const { cycles, changes } = stepOnce([0x07, 0x10], { a: 0x01, memory: { 0x10: 0x81 } }); // SLO $10
    expect(cycles).toBe(5);
    expect(changes).toEqual({ a: 0x03, pc: 0x0202, c: true, memory: { 0x10: 0x02 } });
  });

  it('RLA: ROL memory, then AND it into A', () => {
    const { changes } = stepOnce([0x27, 0x10], { a: 0x0f, c: true, memory: { 0x10: 0x81 } }); // RLA $10
    expect(changes).toEqual({ a: 0x03, pc: 0x0202, memory: { 0x10: 0x03 } }); // C stays set (from bit 7)
  });

  it('SRE: LSR memory, then EOR it into A', () => {
    const { changes } = stepOnce([0x47, 0x10], { a: 0xff, memory: { 0x10: 0x03 } }); // SRE $10
    expect(changes).toEqual({ a: 0xfe, pc: 0x0202, c: true, n: true, memory: { 0x10: 0x01 } });
  });

  it('RRA: ROR memory, then ADC it, using the carry the ROR produced', () => {
    const { changes } = stepOnce([0x67, 0x10], { a: 0x10, memory: { 0x10: 0x03 } }); // RRA $10
    expect(changes).toEqual({ a: 0x12, pc: 0x0202, memory: { 0x10: 0x01 } }); // $10 + $01 + C(1)
  });

  it('DCP: DEC memory, then CMP it with A', () => {
    const { cycles, changes } = stepOnce([0xc7, 0x10], { a: 0x41, memory: { 0x10: 0x42 } }); // DCP $10
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x0202, z: true, c: true, memory: { 0x10: 0x41 } });
  });

  it('ISC: INC memory, then SBC it from A', () => {
    const { changes } = stepOnce([0xe7, 0x10], { a: 0x50, c: true, memory: { 0x10: 0x0f } }); // ISC $10
    expect(changes).toEqual({ a: 0x40, pc: 0x0202, memory: { 0x10: 0x10 } });
  });

  it('the (zp),Y forms always take 8 cycles', () => {
    expect(stepOnce([0xd3, 0x10], { memory: { 0x10: 0x00, 0x11: 0x30 } }).cycles).toBe(8); // DCP ($10),Y
  });
});

describe('immediate combinations', () => {
  it('ANC: AND, then C copies N', () => {
    expect(stepOnce([0x0b, 0x80], { a: 0xff }).changes).toEqual({ a: 0x80, pc: 0x0202, n: true, c: true }); // ANC #$80
    expect(stepOnce([0x2b, 0x01], { a: 0xff }).changes).toEqual({ a: 0x01, pc: 0x0202 }); // ANC #$01 ($2B twin)
  });

  it('ALR: AND, then LSR A', () => {
    expect(stepOnce([0x4b, 0x03], { a: 0xff }).changes).toEqual({ a: 0x01, pc: 0x0202, c: true }); // ALR #$03
  });

  it('ARR: AND, then ROR A; C from bit 6, V from bit 6 XOR bit 5', () => {
    // $FF AND $C0 = $C0, ROR with C=1 gives $E0: bit 6 = 1 → C, bit 6 XOR bit 5 = 0 → V clear.
    expect(stepOnce([0x6b, 0xc0], { a: 0xff, c: true }).changes).toEqual({ a: 0xe0, pc: 0x0202, n: true }); // ARR #$C0
    // $40 ROR (C=0) = $20: bit 6 = 0, bit 5 = 1 → V set, C clear.
    expect(stepOnce([0x6b, 0x40], { a: 0xff }).changes).toEqual({ a: 0x20, pc: 0x0202, v: true }); // ARR #$40
  });

  it('ARR in decimal mode fixes up each digit of the AND result', () => {
    // $99 AND $FF = $99; ROR (C=0) = $4C; low digit 9 > 5 → $42; high digit $90 > $50 → $A2, C set.
    const { changes } = stepOnce([0x6b, 0xff], { a: 0x99, d: true }); // ARR #$FF
    expect(changes).toEqual({ a: 0xa2, pc: 0x0202, c: true, v: true });
  });

  it('SBX: X = (A AND X) - operand, C as in CMP', () => {
    expect(stepOnce([0xcb, 0x01], { a: 0x0f, x: 0x03 }).changes).toEqual({ x: 0x02, pc: 0x0202, c: true }); // SBX #$01
  });

  it('$EB is SBC #, the same as $E9', () => {
    expect(stepOnce([0xeb, 0x10], { a: 0x50, c: true }).changes).toEqual({ a: 0x40, pc: 0x0202 }); // SBC #$10 ($EB)
  });

  it('LAS: A = X = SP = memory AND SP', () => {
    const { cycles, changes } = stepOnce([0xbb, 0x00, 0x30], { sp: 0xf0, memory: { 0x3000: 0x3f } }); // LAS $3000,Y
    expect(cycles).toBe(4);
    expect(changes).toEqual({ a: 0x30, x: 0x30, sp: 0x30, pc: 0x0203 });
  });
});

describe('unstable opcodes, as the single-step vectors model them', () => {
  it('ANE: A = (A OR $EE) AND X AND operand', () => {
    expect(stepOnce([0x8b, 0xff], { a: 0x01, x: 0xff }).changes).toEqual({ a: 0xef, pc: 0x0202, n: true }); // ANE #$FF
  });

  it('LXA: A = X = (A OR $EE) AND operand', () => {
    expect(stepOnce([0xab, 0x0f], { a: 0x00 }).changes).toEqual({ a: 0x0e, x: 0x0e, pc: 0x0202 }); // LXA #$0F
  });

  it('SHX stores X AND (high byte of the base + 1)', () => {
    const { cycles, changes } = stepOnce([0x9e, 0x00, 0x30], { x: 0xff, y: 0x01 }); // SHX $3000,Y
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x0203, memory: { 0x3001: 0x31 } });
  });

  it('SHY across a page: the stored value also becomes the high byte of the address', () => {
    const { changes } = stepOnce([0x9c, 0xff, 0x30], { x: 0x01, y: 0x0f }); // SHY $30FF,X
    expect(changes).toEqual({ pc: 0x0203, memory: { 0x0100: 0x01 } }); // value $0F AND $31 = $01, written at $0100
  });

  it('SHA stores A AND X AND (high + 1); TAS also puts A AND X in SP', () => {
    expect(stepOnce([0x9f, 0x00, 0x30], { a: 0xf3, x: 0x3f }).changes).toEqual({ pc: 0x0203, memory: { 0x3000: 0x31 } }); // SHA $3000,Y
    expect(stepOnce([0x9b, 0x00, 0x30], { a: 0xf3, x: 0x3f }).changes).toEqual({
      sp: 0x33,
      pc: 0x0203,
      memory: { 0x3000: 0x31 },
    }); // TAS $3000,Y
  });
});

describe('NOPs of every size', () => {
  it('skip their operand bytes in the table cycles', () => {
    expect(stepOnce([0x1a])).toMatchObject({ cycles: 2, changes: { pc: 0x0201 } }); // NOP (1 byte)
    expect(stepOnce([0x80, 0x12])).toMatchObject({ cycles: 2, changes: { pc: 0x0202 } }); // NOP #$12
    expect(stepOnce([0x04, 0x12])).toMatchObject({ cycles: 3, changes: { pc: 0x0202 } }); // NOP $12
    expect(stepOnce([0x14, 0x12])).toMatchObject({ cycles: 4, changes: { pc: 0x0202 } }); // NOP $12,X
    expect(stepOnce([0x0c, 0x34, 0x12])).toMatchObject({ cycles: 4, changes: { pc: 0x0203 } }); // NOP $1234
    expect(stepOnce([0x1c, 0xff, 0x12], { x: 1 })).toMatchObject({ cycles: 5, changes: { pc: 0x0203 } }); // NOP $12FF,X
  });

  it('still read their address, so a device would notice', () => {
    const cpu = makeCpu([0x0c, 0x05, 0xf0]); // NOP $F005
    const reads: number[] = [];
    cpu.readHooks[0xf0] = 1;
    cpu.bus = { read: (address) => (reads.push(address), 0), write: () => {}, peek: () => 0 };
    cpu.step();
    expect(reads).toEqual([0xf005]);
  });
});

describe("teaching mode (options.undocumented = 'stop')", () => {
  it('stops before an undocumented opcode, leaving everything as it was', () => {
    const cpu = makeCpu([0xe8, 0xa7, 0x10], { options: { undocumented: 'stop' } }); // INX / LAX $10
    expect(cpu.run(100)).toBe('undocumented');
    expect(cpu.pc).toBe(0x0201);
    expect(cpu.instructionStart).toBe(0x0201);
    expect(cpu.x).toBe(1);
    expect(cpu.a).toBe(0);
    expect(cpu.stopReason).toBe('undocumented');
  });

  it('executes undocumented opcodes by default, as the real chip does', () => {
    const cpu = makeCpu([0xa7, 0x10], { memory: { 0x10: 0x42 } }); // LAX $10
    cpu.step();
    expect(cpu.x).toBe(0x42);
  });
});
