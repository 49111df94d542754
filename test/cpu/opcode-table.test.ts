// The opcode table is the one source of lengths and cycles: every opcode must run in its table cycles and
// move PC by its table length (when no page is crossed and no branch is taken).
import { describe, expect, it } from 'vitest';
import { INSTRUCTION_SET } from '../../src/cpu/instruction-set.js';
import { stepOnce, type Setup } from './harness.js';

/** Flags that make each branch NOT taken. */
const BRANCH_NOT_TAKEN: Record<string, Setup> = {
  BPL: { n: true },
  BMI: {},
  BVC: { v: true },
  BVS: {},
  BCC: { c: true },
  BCS: {},
  BNE: { z: true },
  BEQ: {},
};

/** Instructions that set PC themselves, with where they go from this test's setup. */
const CONTROL_FLOW: Record<string, number> = {
  JMP: 0x3010, // JMP $3010 and JMP ($3010) → $3010 (the pointer holds $3010 too)
  JSR: 0x3010,
  RTS: 0x0203, // pulls $0202 from the prepared stack, adds one
  RTI: 0x0202,
  BRK: 0x0400,
};

function setupFor(mnemonic: string): Setup {
  return {
    ...BRANCH_NOT_TAKEN[mnemonic],
    sp: mnemonic === 'RTS' || mnemonic === 'RTI' ? 0xfa : 0xfd,
    memory: {
      0x10: 0x00, // zero-page pointer used by (zp,X) and (zp),Y → $3000
      0x11: 0x30,
      0x3010: 0x10, // JMP ($3010) reads $3010 from here
      0x3011: 0x30,
      0x01fb: 0x20, // RTI pulls P…
      0x01fc: 0x02, // …then $0202 (RTS pulls $0202 from $01FB/$01FC)
      0x01fd: 0x02,
      0xfffe: 0x00, // BRK → $0400
      0xffff: 0x04,
    },
  };
}

describe('every opcode runs in its table cycles and length', () => {
  const runnable = INSTRUCTION_SET.filter((info) => info.opcodeClass !== 'jam');

  it('covers the 151 documented opcodes and 93 undocumented ones', () => {
    expect(runnable.filter((info) => info.documented)).toHaveLength(151);
    expect(runnable.filter((info) => !info.documented)).toHaveLength(93);
  });

  for (const info of runnable) {
    const name = `$${info.opcode.toString(16).padStart(2, '0')} ${info.mnemonic} ${info.mode}`;
    it(name, () => {
      const setup = setupFor(info.mnemonic);
      // RTS pulls low then high from $01FB/$01FC when SP = $FA; RTI pulls P first.
      if (info.mnemonic === 'RTS') setup.memory = { ...setup.memory, 0x01fb: 0x02, 0x01fc: 0x02 };
      const { cycles, cpu } = stepOnce([info.opcode, 0x10, 0x30], setup);
      expect(cycles).toBe(info.cycles);
      expect(cpu.pc).toBe(CONTROL_FLOW[info.mnemonic] ?? 0x0200 + info.length);
      expect(cpu.instructions).toBe(1);
      expect(cpu.jammed).toBe(false);
    });
  }
});
