/** Turns bytes back into ca65-compatible assembly text, reading every opcode's meaning from the shared instruction table. */

import { MODES, branchTarget } from '../cpu/addressing-modes.js';
import { CPU_VARIANTS, VARIANTS, type CpuVariant } from '../cpu/variants.js';
import { hex } from '../shared/hex.js';
import {
  CA65_SPELLING,
  opcodesFor,
  type AddressingMode,
  type InstructionInfo,
  type Mnemonic,
} from '../cpu/instruction-set.js';

/** One decoded instruction (or a `.byte` line for bytes that have no spelling which assembles back to them). */
export interface DisassembledInstruction {
  /** ca65 text such as `LDA $0200,X`, `BNE loop` or `.byte $80, $12 ; NOP #$12`; assembles back to `bytes`. */
  readonly text: string;
  /**
   * The instruction spelled out even when `text` has to be a `.byte` line (`SBC #$05` for $EB $05): for
   * traces and panes that show what the CPU does rather than source to assemble.
   */
  readonly instructionText: string;
  /** Bytes this line covers (the opcode's full length, even when shown as `.byte`). */
  readonly length: number;
  readonly bytes: readonly number[];
  /** The table's mnemonic (`LDA`, `SBX`, ...), also for opcodes shown as `.byte`. */
  readonly mnemonic: Mnemonic;
  readonly mode: AddressingMode;
  readonly opcode: number;
  /** The operand as a number: the immediate value, the address, or for branches the destination. */
  readonly operand?: number;
  /** Where control may go: branch destination, or the address of JMP abs / JSR. */
  readonly target?: number;
  /** True when the text is a `.byte` line because no instruction text would assemble back to these bytes. */
  readonly asBytes: boolean;
}

/** One line of a block disassembly. */
export interface DisassemblyLine {
  readonly address: number;
  readonly bytes: readonly number[];
  readonly text: string;
  /** Undefined for the `.byte` line of a trailing incomplete instruction. */
  readonly instruction?: DisassembledInstruction;
}

/** The zero-page twin of each absolute mode: when it exists, a small absolute operand needs `a:` to stay absolute. */
const ZERO_PAGE_TWIN: Partial<Record<AddressingMode, AddressingMode>> = {
  absolute: 'zeroPage',
  absoluteX: 'zeroPageX',
  absoluteY: 'zeroPageY',
};

/**
 * Names ca65 cannot take as a symbol in an operand: registers and instruction names (it rejects `jmp nop`),
 * of every variant, since a 65C02 source reserves `STZ` and `BRA` too.
 */
const RESERVED_NAMES = new Set([
  'A', 'X', 'Y', 'S',
  ...CPU_VARIANTS.flatMap((variant) => VARIANTS[variant].rows.map((info) => info.mnemonic.toUpperCase())),
  ...Object.values(CA65_SPELLING).map((name) => name.toUpperCase()),
]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * True for the opcodes whose `mnemonic operand` text assembles back to that very opcode. ca65 and moth both
 * take the first row of opcodesFor (documented first, then table order); checked against ca65 by hand and in
 * test/asm/disassembler.test.ts. The two ca65 spellings above name exactly one opcode each.
 * Worked out once per opcode, because traces disassemble every executed instruction.
 */
function uniqueSpellings(rows: readonly InstructionInfo[]): readonly boolean[] {
  return rows.map((info) => opcodesFor(info.mnemonic, info.mode, rows)[0]?.opcode === info.opcode && info.opcodeClass !== 'reserved');
}

/** True for the absolute-mode opcodes whose mnemonic also has the zero-page twin mode, so small operands need `a:`. */
function zeroPageTwins(rows: readonly InstructionInfo[]): readonly boolean[] {
  return rows.map((info) => {
    const twin = ZERO_PAGE_TWIN[info.mode];
    return twin !== undefined && opcodesFor(info.mnemonic, twin, rows).length > 0;
  });
}

/** What the disassembler knows of each CPU variant's table, worked out once. */
interface Decoder {
  readonly rows: readonly InstructionInfo[];
  readonly hasUniqueSpelling: readonly boolean[];
  readonly hasZeroPageTwin: readonly boolean[];
}

const DECODERS: Readonly<Record<CpuVariant, Decoder>> = Object.fromEntries(
  CPU_VARIANTS.map((variant) => {
    const rows = VARIANTS[variant].rows;
    return [variant, { rows, hasUniqueSpelling: uniqueSpellings(rows), hasZeroPageTwin: zeroPageTwins(rows) }];
  }),
) as Record<CpuVariant, Decoder>;

/** True for a name ca65 and moth resolve in an operand: an identifier that is not a register or instruction name. */
export function isUsableSymbolName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_NAMES.has(name.toUpperCase());
}

/** A symbol name safe to put in an operand. */
function usableName(symbols: ReadonlyMap<number, string> | undefined, value: number): string | undefined {
  const name = symbols?.get(value);
  return name !== undefined && isUsableSymbolName(name) ? name : undefined;
}

/**
 * What `moth disasm --source` asks beyond the spelling traces use: text that must assemble back to the
 * same bytes under a given `.setcpu`, with names some of which are defined later in the source.
 */
export interface SourceSpelling {
  /** Spell the NMOS undocumented opcodes (the source says `.setcpu "6502X"`); false: they become `.byte` lines. */
  readonly undocumented: boolean;
  /**
   * Names defined by the code itself (labels, label-relative equates). ca65 takes the zero-page form for such a
   * name only when it already knows the value, so a zero-page operand naming one is written `z:name`.
   */
  readonly codeNames: ReadonlySet<string>;
}

function operandText(
  info: InstructionInfo,
  operand: number,
  symbols: ReadonlyMap<number, string> | undefined,
  decoder: Decoder,
  target: number | undefined,
  codeNames: ReadonlySet<string> | undefined,
): string {
  const mode = info.mode;
  const zeroPageName = (): string => usableName(symbols, operand) ?? hex(operand, 2);
  // Only the direct zero-page modes have an absolute twin to fall into; the indirect ones are zero page or nothing.
  const directZeroPage = (): string => {
    const name = usableName(symbols, operand);
    if (name === undefined) return hex(operand, 2);
    return codeNames?.has(name) === true ? `z:${name}` : name;
  };
  const wordName = (): string => {
    const name = usableName(symbols, operand);
    // A value below $100 would be assembled in zero page if the instruction has that mode; `a:` forbids it.
    const forceAbsolute = operand < 0x100 && decoder.hasZeroPageTwin[info.opcode]!;
    return (forceAbsolute ? 'a:' : '') + (name ?? hex(operand, 4));
  };
  if (mode === 'zeroPageRelative') {
    return MODES[mode].write(zeroPageName(), usableName(symbols, target!) ?? hex(target!, 4));
  }
  const text =
    mode === 'immediate'
      ? hex(operand, 2)
      : mode === 'indirect' || mode === 'relative' || mode === 'absoluteIndexedIndirect'
        ? (usableName(symbols, operand) ?? hex(operand, 4))
        : mode === 'zeroPage' || mode === 'zeroPageX' || mode === 'zeroPageY'
          ? directZeroPage()
          : MODES[mode].operandBytes === 1
            ? zeroPageName()
            : wordName();
  return MODES[mode].write(text);
}

function byteDirective(bytes: readonly number[]): string {
  return '.byte ' + bytes.map((value) => hex(value, 2)).join(', ');
}

/** True when a branch's destination is only reached by wrapping around $FFFF, which assemblers refuse to compute. */
function branchWraps(start: number, length: number, offset: number): boolean {
  const destination = start + length + (offset < 0x80 ? offset : offset - 0x100);
  return destination < 0 || destination > 0xffff;
}

/**
 * Decodes the instruction at `address`. `read` is called for the opcode and its operand bytes only,
 * and addresses wrap at $FFFF the way the CPU's program counter does. With `source`, the text is for a
 * source file (see SourceSpelling): undocumented opcodes and wrapping branches may become `.byte` lines.
 */
export function disassembleOne(
  read: (address: number) => number,
  address: number,
  symbols?: ReadonlyMap<number, string>,
  variant: CpuVariant = '6502',
  source?: SourceSpelling,
): DisassembledInstruction {
  const decoder = DECODERS[variant];
  const start = address & 0xffff;
  const opcode = read(start) & 0xff;
  const info = decoder.rows[opcode]!;
  const bytes = [opcode];
  for (let index = 1; index < info.length; index++) bytes.push(read((start + index) & 0xffff) & 0xff);

  let operand: number | undefined;
  let target: number | undefined;
  if (info.length === 2) operand = bytes[1]!;
  if (info.length === 3) operand = bytes[1]! | (bytes[2]! << 8);
  if (info.mode === 'relative' && operand !== undefined) {
    // The offset counts from the byte after the branch, and the sum wraps around the 64 KiB space.
    operand = branchTarget(start, operand);
    target = operand;
  } else if (info.mode === 'zeroPageRelative') {
    operand = bytes[1]!;
    target = branchTarget(start, bytes[2]!, 3);
  } else if (info.mode === 'absolute' && (info.mnemonic === 'JMP' || info.mnemonic === 'JSR')) {
    target = operand;
  }

  const spelling = CA65_SPELLING[info.mnemonic] ?? info.mnemonic;
  const instructionText = (spelling + ' ' + operandText(info, operand ?? 0, symbols, decoder, target, source?.codeNames)).trimEnd();
  const refusedBySource =
    source !== undefined &&
    ((!source.undocumented && !info.documented) ||
      (info.mode === 'relative' && branchWraps(start, 2, bytes[1]!)) ||
      (info.mode === 'zeroPageRelative' && branchWraps(start, 3, bytes[2]!)));
  const asBytes = !decoder.hasUniqueSpelling[opcode]! || refusedBySource;
  const text = asBytes ? `${byteDirective(bytes)} ; ${instructionText}` : instructionText;
  const result: DisassembledInstruction = {
    text,
    instructionText,
    length: info.length,
    bytes,
    mnemonic: info.mnemonic,
    mode: info.mode,
    opcode,
    asBytes,
    ...(operand === undefined ? {} : { operand }),
    ...(target === undefined ? {} : { target }),
  };
  return result;
}

/**
 * Disassembles a block loaded at `origin`, one line per instruction. An instruction cut off by the end
 * of the block becomes a `.byte` line rather than borrowing bytes that are not there.
 */
export function disassemble(
  bytes: ArrayLike<number>,
  origin: number,
  symbols?: ReadonlyMap<number, string>,
  variant: CpuVariant = '6502',
  source?: SourceSpelling,
): DisassemblyLine[] {
  const lines: DisassemblyLine[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const address = (origin + offset) & 0xffff;
    const length = VARIANTS[variant].rows[bytes[offset]! & 0xff]!.length;
    if (offset + length > bytes.length) {
      const rest = Array.from({ length: bytes.length - offset }, (_, index) => bytes[offset + index]! & 0xff);
      lines.push({ address, bytes: rest, text: byteDirective(rest) });
      break;
    }
    const base = offset;
    // Reads are relative to the block, so a block that runs past $FFFF still decodes from its own bytes.
    const instruction = disassembleOne((at) => bytes[base + ((at - address) & 0xffff)]! & 0xff, address, symbols, variant, source);
    lines.push({ address, bytes: instruction.bytes, text: instruction.text, instruction });
    offset += length;
  }
  return lines;
}
