// Every opcode of the 65C02's table has its own plain-words sentence, run on the 65C02 (moth run --explain
// --cpu 65c02 and the debugger's explain line), and the new instructions say exactly what they did.
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { VARIANTS } from '../../src/cpu/variants.js';
import { explain } from '../../src/debugger/explain.js';
import { finishExplain, prepareExplain, type CpuSnapshot } from '../../src/debugger/explain-capture.js';
import { DebugSession } from '../../src/debugger/session.js';
import { hex } from '../../src/shared/hex.js';
import { handProgram } from './helpers/program.js';

const CMOS = VARIANTS['65c02'].rows;

/** Runs `bytes` at $0600 on a 65C02 set up as given, and explains the step as the debugger does. */
function explainRun(bytes: readonly number[], setup: Partial<Pick<Cpu, 'a' | 'x' | 'y' | 'sp' | 'p'>> = {}, memory: Record<number, number> = {}): string {
  const cpu = new Cpu({ variant: '65c02' });
  cpu.memory.set([0x00, 0x30], 0x10); // a pointer at $10 to $3000
  cpu.memory.set([0x40, 0x30], 0x15); // and one at $15 to $3040
  cpu.memory.fill(0x5a, 0x3000, 0x3100);
  cpu.memory.set(bytes, 0x0600);
  for (const [address, value] of Object.entries(memory)) cpu.memory[Number(address)] = value;
  Object.assign(cpu, { a: 0x3c, x: 0x05, y: 0x07, sp: 0xfd, pc: 0x0600, p: 0x25, ...setup });
  const snapshot = (): CpuSnapshot => ({ a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, cycles: cpu.cycles });
  const peek = (address: number): number => cpu.memory[address]!;
  const pending = prepareExplain(peek, snapshot(), '65c02');
  cpu.step();
  return explain(finishExplain(pending, snapshot(), peek));
}

/** What the explainer says when it has nothing particular to say: the fallbacks for an unknown opcode. */
const GENERIC = /undocumented|opcode \$[0-9A-F]{2}$|\?|undefined|NaN|\[object/;

describe('every 65C02 opcode, run on the 65C02', () => {
  it.each(CMOS.map((info) => [hex(info.opcode), info.opcode] as const))('opcode %s has its own sentence', (_name, opcode) => {
    const info = CMOS[opcode]!;
    const sentence = explainRun([opcode, 0x10, 0x30]);
    expect(sentence.startsWith(`${info.mnemonic}`), sentence).toBe(true);
    expect(sentence, sentence).not.toMatch(GENERIC);
    if (info.opcodeClass === 'reserved') expect(sentence).toMatch(/^NOP.*: reserved opcode \$[0-9A-F]{2}: the 65C02 runs it as a NOP that skips/);
    else if (info.mnemonic !== 'NOP') expect(sentence).not.toMatch(/reserved|does nothing/);
  });

  it('each new mnemonic reads differently from its neighbours (no shared catch-all)', () => {
    const added = CMOS.filter((info) => info.documented && info !== VARIANTS['6502'].rows[info.opcode]);
    const sentences = new Set(added.map((info) => explainRun([info.opcode, 0x10, 0x30])));
    expect(sentences.size).toBe(added.length);
  });
});

describe('the 65C02’s instructions in plain words', () => {
  it('BRA, PHX, PLY, STZ', () => {
    expect(explainRun([0x80, 0x10])).toBe('BRA $0612: always taken (no flag to test) → $0612');
    expect(explainRun([0xda])).toBe('PHX: pushes X($05) to $01FD; SP $FD → $FC (the 65C02 pushes X itself; the NMOS chip had to go through A)');
    expect(explainRun([0x7a], { sp: 0xfc }, { 0x01fd: 0x80 })).toBe('PLY: Y ← $80 pulled from $01FD; SP $FC → $FD; Z=0 N=1');
    expect(explainRun([0x9c, 0x10, 0x30])).toBe('STZ $3010: $3010 ← 0 (STZ stores zero without tying up a register; flags unchanged)');
  });

  it('TSB and TRB: Z from A AND the byte, then A’s bits set or cleared', () => {
    expect(explainRun([0x04, 0x20], { a: 0x03 }, { 0x20: 0x06 })).toBe(
      "TSB $20: Z=0 from A($03) AND $06 = $02; the byte at $20 becomes $06 OR A = $07 (A's 1 bits set)",
    );
    expect(explainRun([0x14, 0x20], { a: 0x03 }, { 0x20: 0x06 })).toBe(
      "TRB $20: Z=0 from A($03) AND $06 = $02; the byte at $20 becomes $06 AND NOT A = $04 (A's 1 bits cleared)",
    );
  });

  it('INC A and DEC A, LDA (zp), BIT # (only Z), JMP (abs,X)', () => {
    expect(explainRun([0x1a])).toBe("INC A: A = $3C + 1 = $3D (the 65C02's INC A: no CLC and ADC #1, and C is left alone); Z=0 N=0");
    expect(explainRun([0x3a], { a: 0 })).toBe("DEC A: A = $00 - 1 = $FF (wraps around) (the 65C02's DEC A: no SEC and SBC #1, and C is left alone); Z=0 N=1");
    expect(explainRun([0xb2, 0x10])).toBe('LDA ($10): A ← $5A from pointer at $10 → $3000; Z=0 N=0');
    expect(explainRun([0x89, 0xc0], { a: 0x3c, p: 0x25 })).toBe(
      'BIT #$C0: A($3C) AND #$C0 = $00 → Z=1; BIT # changes only Z (N and V stay 0 and 0: the bits of a constant would tell nothing)',
    );
    expect(explainRun([0x7c, 0x00, 0x31], {}, { 0x3105: 0x00, 0x3106: 0x40 })).toBe(
      'JMP ($3100,X): PC = $4000, the address stored at $3100 + X($05) = $3105 (a jump table: X picks the entry)',
    );
  });

  it('RMB/SMB and BBR/BBS name the bit, the byte and where the branch went', () => {
    expect(explainRun([0xb7, 0x20], {}, { 0x20: 0x01 })).toBe('SMB3 $20: sets bit 3 of the byte at $20: $01 → $09 (flags unchanged)');
    expect(explainRun([0x07, 0x20], {}, { 0x20: 0x0f })).toBe('RMB0 $20: clears bit 0 of the byte at $20: $0F → $0E (flags unchanged)');
    expect(explainRun([0x8f, 0x20, 0x10], {}, { 0x20: 0x01 })).toBe('BBS0 $20, $0613: bit 0 of the byte at $20 ($01) is 1, so the branch is taken → $0613');
    expect(explainRun([0x0f, 0x20, 0x10], {}, { 0x20: 0x01 })).toBe('BBR0 $20, $0613: bit 0 of the byte at $20 ($01) is 1, so the branch is not taken; carry on at $0603');
  });

  it('WAI, STP and a reserved NOP', () => {
    expect(explainRun([0xcb])).toMatch(/^WAI: waits: no instruction runs until an IRQ or NMI arrives/);
    expect(explainRun([0xdb])).toBe('STP: stops the clock: nothing more runs until the chip is reset');
    expect(explainRun([0x5c, 0x00, 0x30])).toBe('NOP $3000: reserved opcode $5C: the 65C02 runs it as a NOP that skips 3 bytes in 8 cycles; nothing changes');
  });

  it('the debugger’s explain line on a 65C02 session reads the 65C02 table', () => {
    const session = new DebugSession(handProgram({ lines: [[0xa2, 0x42], [0xda]] }), { cpuOptions: { variant: '65c02' } });
    session.stepInto();
    session.stepInto();
    expect(session.lastStep?.explanation).toBe('PHX: pushes X($42) to $01FD; SP $FD → $FC (the 65C02 pushes X itself; the NMOS chip had to go through A)');
  });
});
