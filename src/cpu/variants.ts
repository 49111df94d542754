/**
 * The CPU family: the NMOS 6502, the CMOS WDC W65C02S and the NES's Ricoh 2A03, each described by what it
 * changes. A variant's opcode table is built from the NMOS table (instruction-set.ts) by replacing rows, never
 * by copying it; its behaviour differs only where execute.ts and its helpers ask `cpu.cmos` or
 * `cpu.decimalMode`, which the generator folds into a loop of its own per variant (docs/cpu.md).
 * (Facts from WDC's W65C02S data sheet and the public single-step vectors for the 65C02.)
 */
import {
  INSTRUCTION_SET,
  PAGE,
  entry,
  indexByOpcode,
  teachingStops,
  type InstructionInfo,
  type Mnemonic,
} from './instruction-set.js';

/** The names `--cpu` takes. */
export type CpuVariant = '6502' | '65c02' | '2a03';

export const CPU_VARIANTS: readonly CpuVariant[] = ['6502', '65c02', '2a03'];

/** Everything that differs from one member of the family to the next. */
export interface Variant {
  readonly name: CpuVariant;
  /** The chip's name in sentences. */
  readonly title: string;
  /** One line on what sets it apart. */
  readonly summary: string;
  /** The CMOS 65C02's behaviour: new opcodes, fixed bugs, reserved opcodes as NOPs, a read where NMOS writes. */
  readonly cmos: boolean;
  /** Whether the D flag switches ADC and SBC to decimal (the 2A03 keeps the flag but lost the circuit). */
  readonly decimalMode: boolean;
  /** The opcode table, indexed by opcode. */
  readonly rows: readonly InstructionInfo[];
  /** Base cycles by opcode, for the run loops. */
  readonly baseCycles: Uint8Array;
  /** 1 for the opcodes teaching mode stops before. */
  readonly teachingStops: Uint8Array;
  /** What the chip puts on the bus in the cycles its data sheet calls internal (the cycle log reads these). */
  readonly bus: BusPattern;
}

/**
 * Where the members of the family differ on the bus in cycles that do no useful work: what the cycle log
 * (engine/cycle-log.ts) shows, and what a device on the bus would see. The registers and memory a program
 * ends with never depend on these. (NMOS: the data sheets and "64doc"; 65C02: WDC's data sheet and the
 * single-step vectors' bus lists.)
 */
export interface BusPattern {
  /**
   * The cycle an index spends carrying into the address's high byte (a read crossing a page; every indexed
   * store and read-modify-write that the table does not mark as paying for the carry only): `unfixed` reads
   * the address before its high byte is fixed, which may be a device the program never meant to touch;
   * `lastByte` reads the instruction's last byte again, which is harmless.
   */
  readonly indexCarry: 'unfixed' | 'lastByte';
  /** Read-modify-write's middle cycle: `writeBack` writes the byte it read back unchanged; `reread` reads it again. */
  readonly modifyMiddle: 'writeBack' | 'reread';
  /**
   * JMP (abs): `pageWrap` takes the high byte from the start of the pointer's page when the pointer ends in $FF
   * (the NMOS bug); `carry` takes it from the next byte and reads that byte once more while the carry settles.
   */
  readonly indirectJump: 'pageWrap' | 'carry';
  /**
   * Decimal ADC and SBC: undefined when they take no extra cycle; otherwise the extra cycle reads the operand's
   * address again, and for an immediate operand (no address) this fixed address per mnemonic.
   */
  readonly decimalCycle: Readonly<Partial<Record<Mnemonic, number>>> | undefined;
}

const NMOS_BUS: BusPattern = { indexCarry: 'unfixed', modifyMiddle: 'writeBack', indirectJump: 'pageWrap', decimalCycle: undefined };

/** The W65C02S: the fixes that made it safe next to devices (no stray reads or writes), and the decimal cycle. */
const CMOS_BUS: BusPattern = {
  indexCarry: 'lastByte',
  modifyMiddle: 'reread',
  indirectJump: 'carry',
  // An immediate ADC's extra cycle reads $7F and SBC's $B8: what every vector shows; moth does the same.
  decimalCycle: { ADC: 0x7f, SBC: 0xb8 },
};

/** The 65C02's new timing for opcodes the NMOS chip documents. */
const CMOS_RETIMED: readonly InstructionInfo[] = [
  // JMP ($xxFF) reads its high byte from the next page, as written; fixing the bug cost a cycle.
  entry(0x6c, 'JMP', 'indirect', 6),
  // Shifts and rotates on abs,X pay the index's extra cycle only when it crosses a page (INC and DEC always do).
  entry(0x1e, 'ASL', 'absoluteX', 6, PAGE),
  entry(0x3e, 'ROL', 'absoluteX', 6, PAGE),
  entry(0x5e, 'LSR', 'absoluteX', 6, PAGE),
  entry(0x7e, 'ROR', 'absoluteX', 6, PAGE),
];

const BITS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The instructions and modes the 65C02 adds, in opcodes the NMOS chip left undocumented. */
const CMOS_ADDED: readonly InstructionInfo[] = [
  entry(0x80, 'BRA', 'relative', 2), // always taken: 3 cycles, 4 across a page
  entry(0x89, 'BIT', 'immediate', 2), entry(0x34, 'BIT', 'zeroPageX', 4), entry(0x3c, 'BIT', 'absoluteX', 4, PAGE),
  entry(0x1a, 'INC', 'accumulator', 2), entry(0x3a, 'DEC', 'accumulator', 2),
  entry(0xda, 'PHX', 'implied', 3), entry(0x5a, 'PHY', 'implied', 3),
  entry(0xfa, 'PLX', 'implied', 4), entry(0x7a, 'PLY', 'implied', 4),
  entry(0x64, 'STZ', 'zeroPage', 3), entry(0x74, 'STZ', 'zeroPageX', 4),
  entry(0x9c, 'STZ', 'absolute', 4), entry(0x9e, 'STZ', 'absoluteX', 5),
  entry(0x04, 'TSB', 'zeroPage', 5), entry(0x0c, 'TSB', 'absolute', 6),
  entry(0x14, 'TRB', 'zeroPage', 5), entry(0x1c, 'TRB', 'absolute', 6),
  entry(0x7c, 'JMP', 'absoluteIndexedIndirect', 6),
  // The (zp) mode: (zp),Y without the Y
  entry(0x12, 'ORA', 'zeroPageIndirect', 5), entry(0x32, 'AND', 'zeroPageIndirect', 5),
  entry(0x52, 'EOR', 'zeroPageIndirect', 5), entry(0x72, 'ADC', 'zeroPageIndirect', 5),
  entry(0x92, 'STA', 'zeroPageIndirect', 5), entry(0xb2, 'LDA', 'zeroPageIndirect', 5),
  entry(0xd2, 'CMP', 'zeroPageIndirect', 5), entry(0xf2, 'SBC', 'zeroPageIndirect', 5),
  // WDC's two ways to stop the clock
  entry(0xcb, 'WAI', 'implied', 3), entry(0xdb, 'STP', 'implied', 3),
  // The bit instructions (first in Rockwell's chips): reset or set bit n of a zero-page byte, or branch on it.
  // BBR/BBS take 5 cycles, one more when the branch is taken and another across a page.
  ...BITS.flatMap((bit) => [
    entry(0x07 + bit * 0x10, `RMB${bit}`, 'zeroPage', 5),
    entry(0x87 + bit * 0x10, `SMB${bit}`, 'zeroPage', 5),
    entry(0x0f + bit * 0x10, `BBR${bit}`, 'zeroPageRelative', 5),
    entry(0x8f + bit * 0x10, `BBS${bit}`, 'zeroPageRelative', 5),
  ]),
];

const RESERVED = { opcodeClass: 'reserved' } as const;

/**
 * The opcodes the 65C02 leaves unused: NOPs whose length and timing are part of the design (the data sheet
 * lists them), so code written for a later chip at least skips the right number of bytes.
 */
function cmosReservedNop(opcode: number): InstructionInfo {
  if ([0x02, 0x22, 0x42, 0x62, 0x82, 0xc2, 0xe2].includes(opcode)) return entry(opcode, 'NOP', 'immediate', 2, RESERVED);
  if (opcode === 0x44) return entry(opcode, 'NOP', 'zeroPage', 3, RESERVED);
  if ([0x54, 0xd4, 0xf4].includes(opcode)) return entry(opcode, 'NOP', 'zeroPageX', 4, RESERVED);
  if (opcode === 0x5c) return entry(opcode, 'NOP', 'absolute', 8, RESERVED); // a W65C02S measured on hardware
  if (opcode === 0xdc || opcode === 0xfc) return entry(opcode, 'NOP', 'absolute', 4, RESERVED);
  return entry(opcode, 'NOP', 'implied', 1, RESERVED); // the $x3 and $xB columns: one byte, one cycle
}

/** The NMOS table with `changes` put in place of the rows they name. */
function derive(base: readonly InstructionInfo[], changes: readonly InstructionInfo[]): readonly InstructionInfo[] {
  const rows = [...base];
  for (const change of changes) rows[change.opcode] = change;
  return indexByOpcode(rows);
}

/** The 65C02: the documented NMOS rows, retimed where it changed them, its additions, reserved NOPs elsewhere. */
function cmosRows(): readonly InstructionInfo[] {
  const documented = INSTRUCTION_SET.map((info) => (info.documented ? info : cmosReservedNop(info.opcode)));
  return derive(documented, [...CMOS_RETIMED, ...CMOS_ADDED]);
}

function variant(fields: Omit<Variant, 'baseCycles' | 'teachingStops'>): Variant {
  return {
    ...fields,
    baseCycles: Uint8Array.from(fields.rows, (info) => info.cycles),
    teachingStops: teachingStops(fields.rows),
  };
}

export const VARIANTS: Readonly<Record<CpuVariant, Variant>> = {
  '6502': variant({
    name: '6502',
    title: 'NMOS 6502',
    summary: 'the original MOS 6502: 151 documented opcodes, the undocumented ones as the chip runs them',
    cmos: false,
    decimalMode: true,
    rows: INSTRUCTION_SET,
    bus: NMOS_BUS,
  }),
  '65c02': variant({
    name: '65c02',
    title: 'WDC 65C02',
    summary: 'the CMOS W65C02S: new instructions, the NMOS bugs fixed, unused opcodes as NOPs',
    cmos: true,
    decimalMode: true,
    rows: cmosRows(),
    bus: CMOS_BUS,
  }),
  '2a03': variant({
    name: '2a03',
    title: 'Ricoh 2A03',
    summary: "the NES's CPU: an NMOS 6502 whose D flag no longer switches ADC and SBC to decimal",
    cmos: false,
    decimalMode: false,
    rows: INSTRUCTION_SET,
    bus: NMOS_BUS,
  }),
};

/** The variant `--cpu` names (case does not matter), or undefined. */
export function variantNamed(text: string): CpuVariant | undefined {
  const lower = text.toLowerCase();
  return CPU_VARIANTS.find((name) => name === lower);
}

/**
 * When `opcode` is an undocumented or jamming opcode on `variant` but an instruction on another member of the
 * family, that instruction and the variant to run it on: what teaching mode tells a learner who ran 65C02
 * code on the NMOS chip ("PHX is a 65C02 instruction; run with --cpu 65c02").
 */
export function instructionOnAnotherVariant(
  variant: CpuVariant,
  opcode: number,
): { readonly mnemonic: Mnemonic; readonly variant: CpuVariant } | undefined {
  if (VARIANTS[variant].rows[opcode & 0xff]!.documented) return undefined;
  for (const other of CPU_VARIANTS) {
    const info = VARIANTS[other].rows[opcode & 0xff]!;
    if (other !== variant && info.documented) return { mnemonic: info.mnemonic, variant: other };
  }
  return undefined;
}
