/**
 * What every one of the 256 opcodes is: mnemonic, addressing mode, length, cycle count, and what it does to
 * memory, the stack and the flow of control. The CPU, the assembler, the disassembler, the explainer, the
 * debugger and the tests all read this one table, so nothing else restates one of these facts. (Facts from
 * the NMOS 6502 data sheets and the public single-step test vectors; undocumented opcodes use the names
 * most assemblers know.)
 */
import { MODES } from './addressing-modes.js';
import { FLAG_MASK, type FlagLetter } from './flags.js';
import { hex } from '../shared/hex.js';

export type AddressingMode =
  | 'implied' //            CLC        nothing to fetch
  | 'accumulator' //        ASL A      works on A itself
  | 'immediate' //          LDA #$10   the operand is the next byte
  | 'zeroPage' //           LDA $10    an address in page 0 (one byte)
  | 'zeroPageX' //          LDA $10,X  ... plus X, wrapping inside page 0
  | 'zeroPageY' //          LDX $10,Y  ... plus Y, wrapping inside page 0
  | 'absolute' //           LDA $1234  a full 16-bit address
  | 'absoluteX' //          LDA $1234,X
  | 'absoluteY' //          LDA $1234,Y
  | 'indirect' //           JMP ($1234)   only JMP; the address is read from memory
  | 'indexedIndirectX' //   LDA ($10,X)   pointer at zero page $10+X
  | 'indirectIndexedY' //   LDA ($10),Y   pointer at zero page $10, then plus Y
  | 'relative' //           BNE label  a signed offset from the next instruction
  // added by the 65C02
  | 'zeroPageIndirect' //   LDA ($10)     pointer at zero page $10, no index
  | 'absoluteIndexedIndirect' // JMP ($1234,X)  pointer at $1234+X
  | 'zeroPageRelative'; //  BBR0 $10,label  a zero-page byte to test, then a branch offset

/** A bit number, as the 65C02's bit instructions name it (RMB3 clears bit 3). */
type Bit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Mnemonic =
  // documented
  | 'ADC' | 'AND' | 'ASL' | 'BCC' | 'BCS' | 'BEQ' | 'BIT' | 'BMI' | 'BNE' | 'BPL' | 'BRK' | 'BVC' | 'BVS'
  | 'CLC' | 'CLD' | 'CLI' | 'CLV' | 'CMP' | 'CPX' | 'CPY' | 'DEC' | 'DEX' | 'DEY' | 'EOR' | 'INC' | 'INX'
  | 'INY' | 'JMP' | 'JSR' | 'LDA' | 'LDX' | 'LDY' | 'LSR' | 'NOP' | 'ORA' | 'PHA' | 'PHP' | 'PLA' | 'PLP'
  | 'ROL' | 'ROR' | 'RTI' | 'RTS' | 'SBC' | 'SEC' | 'SED' | 'SEI' | 'STA' | 'STX' | 'STY' | 'TAX' | 'TAY'
  | 'TSX' | 'TXA' | 'TXS' | 'TYA'
  // undocumented NMOS opcodes
  | 'SLO' | 'RLA' | 'SRE' | 'RRA' | 'SAX' | 'LAX' | 'DCP' | 'ISC' | 'ANC' | 'ALR' | 'ARR' | 'SBX'
  | 'ANE' | 'LXA' | 'LAS' | 'TAS' | 'SHA' | 'SHX' | 'SHY' | 'JAM'
  // added by the 65C02 (WDC W65C02S)
  | 'BRA' | 'PHX' | 'PHY' | 'PLX' | 'PLY' | 'STZ' | 'TRB' | 'TSB' | 'WAI' | 'STP'
  | `RMB${Bit}` | `SMB${Bit}` | `BBR${Bit}` | `BBS${Bit}`;

/**
 * documented: one of the 151 opcodes in the data sheet.
 * undocumented: behaves the same on every NMOS chip (LAX, DCP, the extra NOPs, $EB SBC, ...).
 * unstable: depends on the individual chip, its temperature or the RDY line (ANE, LXA, SHA, ...).
 * jam: halts the processor until reset.
 * reserved: an opcode the 65C02 leaves unused, a NOP of fixed length and timing by design.
 */
export type OpcodeClass = 'documented' | 'undocumented' | 'unstable' | 'jam' | 'reserved';

/**
 * What an instruction does with the byte at its effective address: only reads it, only writes it, or reads
 * it, changes it and writes it back (read-modify-write). Modes without a memory operand ignore this.
 */
export type MemoryAccess = 'read' | 'write' | 'modify';

/** A conditional branch: taken when `flag` is set (`whenSet`) or clear (`!whenSet`). */
export interface BranchCondition {
  readonly flag: FlagLetter;
  readonly mask: number;
  readonly whenSet: boolean;
}

export interface InstructionInfo {
  readonly opcode: number;
  readonly mnemonic: Mnemonic;
  readonly mode: AddressingMode;
  readonly access: MemoryAccess;
  /** Whether it pushes onto the stack (PHA, PHP, JSR, BRK) or pulls from it (PLA, PLP, RTS, RTI). */
  readonly stack: 'push' | 'pull' | undefined;
  /** For conditional branches, the flag they test. */
  readonly branch: BranchCondition | undefined;
  /** Bytes including the opcode: 1, 2 or 3, fixed by the mode. */
  readonly length: number;
  /** Cycles before the page-crossing and branch penalties. */
  readonly cycles: number;
  /** Indexed reads pay one more cycle when the index carries into the high byte. */
  readonly pageCrossAddsCycle: boolean;
  readonly opcodeClass: OpcodeClass;
  readonly documented: boolean;
}

/** Instructions that write their memory operand without reading it. */
const WRITES: ReadonlySet<Mnemonic> = new Set<Mnemonic>(['STA', 'STX', 'STY', 'SAX', 'SHA', 'SHX', 'SHY', 'TAS', 'STZ']);
/** Read-modify-write instructions: read the byte, change it, write it back. */
const MODIFIES: ReadonlySet<Mnemonic> = new Set<Mnemonic>([
  'ASL', 'LSR', 'ROL', 'ROR', 'INC', 'DEC', 'SLO', 'RLA', 'SRE', 'RRA', 'DCP', 'ISC', 'TRB', 'TSB',
  ...([0, 1, 2, 3, 4, 5, 6, 7] as const).flatMap((bit) => [`RMB${bit}`, `SMB${bit}`] as const),
]);
const PUSHES: ReadonlySet<Mnemonic> = new Set<Mnemonic>(['PHA', 'PHP', 'JSR', 'BRK', 'PHX', 'PHY']);
const PULLS: ReadonlySet<Mnemonic> = new Set<Mnemonic>(['PLA', 'PLP', 'RTS', 'RTI', 'PLX', 'PLY']);

/** The eight conditional branches and the flag each one tests. */
const BRANCHES: Partial<Record<Mnemonic, readonly [FlagLetter, boolean]>> = {
  BPL: ['N', false],
  BMI: ['N', true],
  BVC: ['V', false],
  BVS: ['V', true],
  BCC: ['C', false],
  BCS: ['C', true],
  BNE: ['Z', false],
  BEQ: ['Z', true],
};

/** The branch that tests the same flag the other way (BEQ ↔ BNE), for code that jumps around a far target. */
export function oppositeBranch(mnemonic: Mnemonic): Mnemonic | undefined {
  const condition = BRANCHES[mnemonic];
  if (condition === undefined) return undefined;
  const [flag, whenSet] = condition;
  return (Object.keys(BRANCHES) as Mnemonic[]).find((other) => BRANCHES[other]![0] === flag && BRANCHES[other]![1] !== whenSet);
}

/** Whether a conditional branch is taken with status byte `p`. */
export function branchTaken(condition: BranchCondition, p: number): boolean {
  return ((p & condition.mask) !== 0) === condition.whenSet;
}

interface Extras {
  readonly pageCrossAddsCycle?: boolean;
  readonly opcodeClass?: OpcodeClass;
}

/** One row of the table; the variants' tables (variants.ts) are built with it too. */
export function entry(opcode: number, mnemonic: Mnemonic, mode: AddressingMode, cycles: number, extras: Extras = {}): InstructionInfo {
  const opcodeClass = extras.opcodeClass ?? 'documented';
  const branch = BRANCHES[mnemonic];
  return {
    opcode,
    mnemonic,
    mode,
    access: WRITES.has(mnemonic) ? 'write' : MODIFIES.has(mnemonic) ? 'modify' : 'read',
    stack: PUSHES.has(mnemonic) ? 'push' : PULLS.has(mnemonic) ? 'pull' : undefined,
    branch: branch === undefined ? undefined : { flag: branch[0], mask: FLAG_MASK[branch[0]], whenSet: branch[1] },
    length: 1 + MODES[mode].operandBytes,
    cycles,
    pageCrossAddsCycle: extras.pageCrossAddsCycle ?? false,
    opcodeClass,
    documented: opcodeClass === 'documented',
  };
}

export const PAGE: Extras = { pageCrossAddsCycle: true };
const UNDOC: Extras = { opcodeClass: 'undocumented' };
const UNDOC_PAGE: Extras = { opcodeClass: 'undocumented', pageCrossAddsCycle: true };
const UNSTABLE: Extras = { opcodeClass: 'unstable' };
const JAM: Extras = { opcodeClass: 'jam' };

/** Every opcode, grouped by instruction. Branches add 1 cycle when taken and 1 more across a page. */
export const NMOS_ROWS: readonly InstructionInfo[] = [
  // Load and store
  entry(0xa9, 'LDA', 'immediate', 2), entry(0xa5, 'LDA', 'zeroPage', 3), entry(0xb5, 'LDA', 'zeroPageX', 4),
  entry(0xad, 'LDA', 'absolute', 4), entry(0xbd, 'LDA', 'absoluteX', 4, PAGE), entry(0xb9, 'LDA', 'absoluteY', 4, PAGE),
  entry(0xa1, 'LDA', 'indexedIndirectX', 6), entry(0xb1, 'LDA', 'indirectIndexedY', 5, PAGE),
  entry(0xa2, 'LDX', 'immediate', 2), entry(0xa6, 'LDX', 'zeroPage', 3), entry(0xb6, 'LDX', 'zeroPageY', 4),
  entry(0xae, 'LDX', 'absolute', 4), entry(0xbe, 'LDX', 'absoluteY', 4, PAGE),
  entry(0xa0, 'LDY', 'immediate', 2), entry(0xa4, 'LDY', 'zeroPage', 3), entry(0xb4, 'LDY', 'zeroPageX', 4),
  entry(0xac, 'LDY', 'absolute', 4), entry(0xbc, 'LDY', 'absoluteX', 4, PAGE),
  entry(0x85, 'STA', 'zeroPage', 3), entry(0x95, 'STA', 'zeroPageX', 4), entry(0x8d, 'STA', 'absolute', 4),
  entry(0x9d, 'STA', 'absoluteX', 5), entry(0x99, 'STA', 'absoluteY', 5),
  entry(0x81, 'STA', 'indexedIndirectX', 6), entry(0x91, 'STA', 'indirectIndexedY', 6),
  entry(0x86, 'STX', 'zeroPage', 3), entry(0x96, 'STX', 'zeroPageY', 4), entry(0x8e, 'STX', 'absolute', 4),
  entry(0x84, 'STY', 'zeroPage', 3), entry(0x94, 'STY', 'zeroPageX', 4), entry(0x8c, 'STY', 'absolute', 4),

  // Register transfers
  entry(0xaa, 'TAX', 'implied', 2), entry(0xa8, 'TAY', 'implied', 2), entry(0x8a, 'TXA', 'implied', 2),
  entry(0x98, 'TYA', 'implied', 2), entry(0xba, 'TSX', 'implied', 2), entry(0x9a, 'TXS', 'implied', 2),

  // Stack
  entry(0x48, 'PHA', 'implied', 3), entry(0x08, 'PHP', 'implied', 3),
  entry(0x68, 'PLA', 'implied', 4), entry(0x28, 'PLP', 'implied', 4),

  // Logic
  entry(0x29, 'AND', 'immediate', 2), entry(0x25, 'AND', 'zeroPage', 3), entry(0x35, 'AND', 'zeroPageX', 4),
  entry(0x2d, 'AND', 'absolute', 4), entry(0x3d, 'AND', 'absoluteX', 4, PAGE), entry(0x39, 'AND', 'absoluteY', 4, PAGE),
  entry(0x21, 'AND', 'indexedIndirectX', 6), entry(0x31, 'AND', 'indirectIndexedY', 5, PAGE),
  entry(0x09, 'ORA', 'immediate', 2), entry(0x05, 'ORA', 'zeroPage', 3), entry(0x15, 'ORA', 'zeroPageX', 4),
  entry(0x0d, 'ORA', 'absolute', 4), entry(0x1d, 'ORA', 'absoluteX', 4, PAGE), entry(0x19, 'ORA', 'absoluteY', 4, PAGE),
  entry(0x01, 'ORA', 'indexedIndirectX', 6), entry(0x11, 'ORA', 'indirectIndexedY', 5, PAGE),
  entry(0x49, 'EOR', 'immediate', 2), entry(0x45, 'EOR', 'zeroPage', 3), entry(0x55, 'EOR', 'zeroPageX', 4),
  entry(0x4d, 'EOR', 'absolute', 4), entry(0x5d, 'EOR', 'absoluteX', 4, PAGE), entry(0x59, 'EOR', 'absoluteY', 4, PAGE),
  entry(0x41, 'EOR', 'indexedIndirectX', 6), entry(0x51, 'EOR', 'indirectIndexedY', 5, PAGE),
  entry(0x24, 'BIT', 'zeroPage', 3), entry(0x2c, 'BIT', 'absolute', 4),

  // Arithmetic
  entry(0x69, 'ADC', 'immediate', 2), entry(0x65, 'ADC', 'zeroPage', 3), entry(0x75, 'ADC', 'zeroPageX', 4),
  entry(0x6d, 'ADC', 'absolute', 4), entry(0x7d, 'ADC', 'absoluteX', 4, PAGE), entry(0x79, 'ADC', 'absoluteY', 4, PAGE),
  entry(0x61, 'ADC', 'indexedIndirectX', 6), entry(0x71, 'ADC', 'indirectIndexedY', 5, PAGE),
  entry(0xe9, 'SBC', 'immediate', 2), entry(0xe5, 'SBC', 'zeroPage', 3), entry(0xf5, 'SBC', 'zeroPageX', 4),
  entry(0xed, 'SBC', 'absolute', 4), entry(0xfd, 'SBC', 'absoluteX', 4, PAGE), entry(0xf9, 'SBC', 'absoluteY', 4, PAGE),
  entry(0xe1, 'SBC', 'indexedIndirectX', 6), entry(0xf1, 'SBC', 'indirectIndexedY', 5, PAGE),
  entry(0xc9, 'CMP', 'immediate', 2), entry(0xc5, 'CMP', 'zeroPage', 3), entry(0xd5, 'CMP', 'zeroPageX', 4),
  entry(0xcd, 'CMP', 'absolute', 4), entry(0xdd, 'CMP', 'absoluteX', 4, PAGE), entry(0xd9, 'CMP', 'absoluteY', 4, PAGE),
  entry(0xc1, 'CMP', 'indexedIndirectX', 6), entry(0xd1, 'CMP', 'indirectIndexedY', 5, PAGE),
  entry(0xe0, 'CPX', 'immediate', 2), entry(0xe4, 'CPX', 'zeroPage', 3), entry(0xec, 'CPX', 'absolute', 4),
  entry(0xc0, 'CPY', 'immediate', 2), entry(0xc4, 'CPY', 'zeroPage', 3), entry(0xcc, 'CPY', 'absolute', 4),

  // Increments and decrements
  entry(0xe6, 'INC', 'zeroPage', 5), entry(0xf6, 'INC', 'zeroPageX', 6),
  entry(0xee, 'INC', 'absolute', 6), entry(0xfe, 'INC', 'absoluteX', 7),
  entry(0xe8, 'INX', 'implied', 2), entry(0xc8, 'INY', 'implied', 2),
  entry(0xc6, 'DEC', 'zeroPage', 5), entry(0xd6, 'DEC', 'zeroPageX', 6),
  entry(0xce, 'DEC', 'absolute', 6), entry(0xde, 'DEC', 'absoluteX', 7),
  entry(0xca, 'DEX', 'implied', 2), entry(0x88, 'DEY', 'implied', 2),

  // Shifts and rotates
  entry(0x0a, 'ASL', 'accumulator', 2), entry(0x06, 'ASL', 'zeroPage', 5), entry(0x16, 'ASL', 'zeroPageX', 6),
  entry(0x0e, 'ASL', 'absolute', 6), entry(0x1e, 'ASL', 'absoluteX', 7),
  entry(0x4a, 'LSR', 'accumulator', 2), entry(0x46, 'LSR', 'zeroPage', 5), entry(0x56, 'LSR', 'zeroPageX', 6),
  entry(0x4e, 'LSR', 'absolute', 6), entry(0x5e, 'LSR', 'absoluteX', 7),
  entry(0x2a, 'ROL', 'accumulator', 2), entry(0x26, 'ROL', 'zeroPage', 5), entry(0x36, 'ROL', 'zeroPageX', 6),
  entry(0x2e, 'ROL', 'absolute', 6), entry(0x3e, 'ROL', 'absoluteX', 7),
  entry(0x6a, 'ROR', 'accumulator', 2), entry(0x66, 'ROR', 'zeroPage', 5), entry(0x76, 'ROR', 'zeroPageX', 6),
  entry(0x6e, 'ROR', 'absolute', 6), entry(0x7e, 'ROR', 'absoluteX', 7),

  // Jumps and calls
  entry(0x4c, 'JMP', 'absolute', 3), entry(0x6c, 'JMP', 'indirect', 5),
  entry(0x20, 'JSR', 'absolute', 6), entry(0x60, 'RTS', 'implied', 6),

  // Branches
  entry(0x90, 'BCC', 'relative', 2), entry(0xb0, 'BCS', 'relative', 2), entry(0xf0, 'BEQ', 'relative', 2),
  entry(0x30, 'BMI', 'relative', 2), entry(0xd0, 'BNE', 'relative', 2), entry(0x10, 'BPL', 'relative', 2),
  entry(0x50, 'BVC', 'relative', 2), entry(0x70, 'BVS', 'relative', 2),

  // Status flag changes
  entry(0x18, 'CLC', 'implied', 2), entry(0xd8, 'CLD', 'implied', 2), entry(0x58, 'CLI', 'implied', 2),
  entry(0xb8, 'CLV', 'implied', 2), entry(0x38, 'SEC', 'implied', 2), entry(0xf8, 'SED', 'implied', 2),
  entry(0x78, 'SEI', 'implied', 2),

  // System
  entry(0x00, 'BRK', 'implied', 7), entry(0xea, 'NOP', 'implied', 2), entry(0x40, 'RTI', 'implied', 6),

  // Undocumented: read-modify-write combined with an ALU operation
  entry(0x07, 'SLO', 'zeroPage', 5, UNDOC), entry(0x17, 'SLO', 'zeroPageX', 6, UNDOC), entry(0x0f, 'SLO', 'absolute', 6, UNDOC),
  entry(0x1f, 'SLO', 'absoluteX', 7, UNDOC), entry(0x1b, 'SLO', 'absoluteY', 7, UNDOC),
  entry(0x03, 'SLO', 'indexedIndirectX', 8, UNDOC), entry(0x13, 'SLO', 'indirectIndexedY', 8, UNDOC),
  entry(0x27, 'RLA', 'zeroPage', 5, UNDOC), entry(0x37, 'RLA', 'zeroPageX', 6, UNDOC), entry(0x2f, 'RLA', 'absolute', 6, UNDOC),
  entry(0x3f, 'RLA', 'absoluteX', 7, UNDOC), entry(0x3b, 'RLA', 'absoluteY', 7, UNDOC),
  entry(0x23, 'RLA', 'indexedIndirectX', 8, UNDOC), entry(0x33, 'RLA', 'indirectIndexedY', 8, UNDOC),
  entry(0x47, 'SRE', 'zeroPage', 5, UNDOC), entry(0x57, 'SRE', 'zeroPageX', 6, UNDOC), entry(0x4f, 'SRE', 'absolute', 6, UNDOC),
  entry(0x5f, 'SRE', 'absoluteX', 7, UNDOC), entry(0x5b, 'SRE', 'absoluteY', 7, UNDOC),
  entry(0x43, 'SRE', 'indexedIndirectX', 8, UNDOC), entry(0x53, 'SRE', 'indirectIndexedY', 8, UNDOC),
  entry(0x67, 'RRA', 'zeroPage', 5, UNDOC), entry(0x77, 'RRA', 'zeroPageX', 6, UNDOC), entry(0x6f, 'RRA', 'absolute', 6, UNDOC),
  entry(0x7f, 'RRA', 'absoluteX', 7, UNDOC), entry(0x7b, 'RRA', 'absoluteY', 7, UNDOC),
  entry(0x63, 'RRA', 'indexedIndirectX', 8, UNDOC), entry(0x73, 'RRA', 'indirectIndexedY', 8, UNDOC),
  entry(0xc7, 'DCP', 'zeroPage', 5, UNDOC), entry(0xd7, 'DCP', 'zeroPageX', 6, UNDOC), entry(0xcf, 'DCP', 'absolute', 6, UNDOC),
  entry(0xdf, 'DCP', 'absoluteX', 7, UNDOC), entry(0xdb, 'DCP', 'absoluteY', 7, UNDOC),
  entry(0xc3, 'DCP', 'indexedIndirectX', 8, UNDOC), entry(0xd3, 'DCP', 'indirectIndexedY', 8, UNDOC),
  entry(0xe7, 'ISC', 'zeroPage', 5, UNDOC), entry(0xf7, 'ISC', 'zeroPageX', 6, UNDOC), entry(0xef, 'ISC', 'absolute', 6, UNDOC),
  entry(0xff, 'ISC', 'absoluteX', 7, UNDOC), entry(0xfb, 'ISC', 'absoluteY', 7, UNDOC),
  entry(0xe3, 'ISC', 'indexedIndirectX', 8, UNDOC), entry(0xf3, 'ISC', 'indirectIndexedY', 8, UNDOC),

  // Undocumented: loads and stores of A and X together
  entry(0xa7, 'LAX', 'zeroPage', 3, UNDOC), entry(0xb7, 'LAX', 'zeroPageY', 4, UNDOC), entry(0xaf, 'LAX', 'absolute', 4, UNDOC),
  entry(0xbf, 'LAX', 'absoluteY', 4, UNDOC_PAGE), entry(0xa3, 'LAX', 'indexedIndirectX', 6, UNDOC),
  entry(0xb3, 'LAX', 'indirectIndexedY', 5, UNDOC_PAGE),
  entry(0x87, 'SAX', 'zeroPage', 3, UNDOC), entry(0x97, 'SAX', 'zeroPageY', 4, UNDOC), entry(0x8f, 'SAX', 'absolute', 4, UNDOC),
  entry(0x83, 'SAX', 'indexedIndirectX', 6, UNDOC),

  // Undocumented: immediate ALU combinations
  entry(0x0b, 'ANC', 'immediate', 2, UNDOC), entry(0x2b, 'ANC', 'immediate', 2, UNDOC),
  entry(0x4b, 'ALR', 'immediate', 2, UNDOC), entry(0x6b, 'ARR', 'immediate', 2, UNDOC),
  entry(0xcb, 'SBX', 'immediate', 2, UNDOC), entry(0xeb, 'SBC', 'immediate', 2, UNDOC),
  entry(0xbb, 'LAS', 'absoluteY', 4, UNDOC_PAGE),

  // Undocumented and unstable: results depend on the chip
  entry(0x8b, 'ANE', 'immediate', 2, UNSTABLE), entry(0xab, 'LXA', 'immediate', 2, UNSTABLE),
  entry(0x93, 'SHA', 'indirectIndexedY', 6, UNSTABLE), entry(0x9f, 'SHA', 'absoluteY', 5, UNSTABLE),
  entry(0x9b, 'TAS', 'absoluteY', 5, UNSTABLE), entry(0x9c, 'SHY', 'absoluteX', 5, UNSTABLE),
  entry(0x9e, 'SHX', 'absoluteY', 5, UNSTABLE),

  // Undocumented NOPs of one, two and three bytes (the reads still happen)
  entry(0x1a, 'NOP', 'implied', 2, UNDOC), entry(0x3a, 'NOP', 'implied', 2, UNDOC), entry(0x5a, 'NOP', 'implied', 2, UNDOC),
  entry(0x7a, 'NOP', 'implied', 2, UNDOC), entry(0xda, 'NOP', 'implied', 2, UNDOC), entry(0xfa, 'NOP', 'implied', 2, UNDOC),
  entry(0x80, 'NOP', 'immediate', 2, UNDOC), entry(0x82, 'NOP', 'immediate', 2, UNDOC), entry(0x89, 'NOP', 'immediate', 2, UNDOC),
  entry(0xc2, 'NOP', 'immediate', 2, UNDOC), entry(0xe2, 'NOP', 'immediate', 2, UNDOC),
  entry(0x04, 'NOP', 'zeroPage', 3, UNDOC), entry(0x44, 'NOP', 'zeroPage', 3, UNDOC), entry(0x64, 'NOP', 'zeroPage', 3, UNDOC),
  entry(0x14, 'NOP', 'zeroPageX', 4, UNDOC), entry(0x34, 'NOP', 'zeroPageX', 4, UNDOC), entry(0x54, 'NOP', 'zeroPageX', 4, UNDOC),
  entry(0x74, 'NOP', 'zeroPageX', 4, UNDOC), entry(0xd4, 'NOP', 'zeroPageX', 4, UNDOC), entry(0xf4, 'NOP', 'zeroPageX', 4, UNDOC),
  entry(0x0c, 'NOP', 'absolute', 4, UNDOC),
  entry(0x1c, 'NOP', 'absoluteX', 4, UNDOC_PAGE), entry(0x3c, 'NOP', 'absoluteX', 4, UNDOC_PAGE),
  entry(0x5c, 'NOP', 'absoluteX', 4, UNDOC_PAGE), entry(0x7c, 'NOP', 'absoluteX', 4, UNDOC_PAGE),
  entry(0xdc, 'NOP', 'absoluteX', 4, UNDOC_PAGE), entry(0xfc, 'NOP', 'absoluteX', 4, UNDOC_PAGE),

  // Undocumented: JAM (also called KIL or HLT) stops the processor until reset
  ...[0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2].map((opcode) =>
    entry(opcode, 'JAM', 'implied', 2, JAM),
  ),
];

/** The rows in opcode order, checking that every opcode has exactly one. */
export function indexByOpcode(rows: readonly InstructionInfo[]): readonly InstructionInfo[] {
  const table: InstructionInfo[] = [];
  for (const row of rows) {
    if (table[row.opcode]) throw new Error(`opcode ${hex(row.opcode)} is listed twice`);
    table[row.opcode] = row;
  }
  for (let opcode = 0; opcode < 256; opcode++) {
    if (!table[opcode]) throw new Error(`opcode ${hex(opcode)} is missing`);
  }
  return table;
}

/** The NMOS 6502's table, indexed by opcode: `INSTRUCTION_SET[0xa9]` is LDA immediate. variants.ts has the others. */
export const INSTRUCTION_SET: readonly InstructionInfo[] = indexByOpcode(NMOS_ROWS);

/** The row for an opcode (0–255). */
export function instructionInfo(opcode: number): InstructionInfo {
  return INSTRUCTION_SET[opcode & 0xff]!;
}

/** Base cycles by opcode, as a typed array the run loop can index without a bounds-checked object load. */
export const BASE_CYCLES: Uint8Array = Uint8Array.from(INSTRUCTION_SET, (info) => info.cycles);

/**
 * The opcodes teaching mode stops before, for any table (1 = stop): every opcode outside the data sheet that
 * does not halt the chip (JAM still jams). Each variant's (variants.ts) is what the checked loop and the debugger read.
 */
export function teachingStops(rows: readonly InstructionInfo[]): Uint8Array {
  return Uint8Array.from(rows, (info) => (info.opcodeClass === 'undocumented' || info.opcodeClass === 'unstable' || info.opcodeClass === 'reserved' ? 1 : 0));
}

/**
 * ca65's spellings (`.setcpu "6502X"`) for the two undocumented opcodes it names differently from this table:
 * $CB is `AXS #` and $AB is `LAX #`. Every other table name is also ca65's.
 */
export const CA65_SPELLING: Partial<Record<Mnemonic, string>> = { SBX: 'AXS', LXA: 'LAX' };

/**
 * Which of two opcodes with the same mnemonic and mode an assembler emits: a documented opcode before an
 * undocumented twin, else the lower opcode (as ca65 picks: NOP # is $80, SBC # is $E9). Negative: `first` wins.
 */
function preferredFirst(first: InstructionInfo, second: InstructionInfo): number {
  return Number(second.documented) - Number(first.documented) || first.opcode - second.opcode;
}

/** Every opcode of a mnemonic in a mode, the one an assembler emits first (of `rows`, the NMOS table unless given). */
export function opcodesFor(mnemonic: Mnemonic, mode: AddressingMode, rows: readonly InstructionInfo[] = INSTRUCTION_SET): InstructionInfo[] {
  return rows.filter((info) => info.mnemonic === mnemonic && info.mode === mode).sort(preferredFirst);
}

/** JSR's opcode ($20), read from the table: the debugger finds calls by it (step over, stack frames). */
export const JSR_OPCODE: number = opcodesFor('JSR', 'absolute')[0]!.opcode;

/** Mnemonic (upper case, ca65 spellings included) → mode → the opcode an assembler emits. */
export type OpcodeIndex = ReadonlyMap<string, ReadonlyMap<AddressingMode, InstructionInfo>>;

/** The assembler's view of the table: the opcodes `include` accepts, the preferred one per mnemonic and mode. */
export function opcodeIndex(include: (info: InstructionInfo) => boolean, rows: readonly InstructionInfo[] = INSTRUCTION_SET): OpcodeIndex {
  const index = new Map<string, Map<AddressingMode, InstructionInfo>>();
  const add = (mnemonic: string, info: InstructionInfo): void => {
    let modes = index.get(mnemonic);
    if (!modes) index.set(mnemonic, (modes = new Map()));
    const existing = modes.get(info.mode);
    if (!existing || preferredFirst(info, existing) < 0) modes.set(info.mode, info);
  };
  for (const info of rows) {
    if (!include(info)) continue;
    add(info.mnemonic, info);
    const alias = CA65_SPELLING[info.mnemonic];
    if (alias !== undefined) add(alias, info);
  }
  return index;
}
