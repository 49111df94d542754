/**
 * What each addressing mode is, as data: how many operand bytes follow the opcode, how an assembler writes it,
 * what people call it, and which address it leads to. The assembler, the disassembler, the explainer and the
 * conformance index all read this one table; addressing.ts is the same knowledge as the running chip uses it.
 */
import type { AddressingMode } from './instruction-set.js';

/** The facts of one mode. */
export interface ModeFacts {
  /** Bytes after the opcode. */
  readonly operandBytes: 0 | 1 | 2;
  /** Its name in sentences: `zero page,X`. */
  readonly name: string;
  /** How it is written, for "LDX takes: ..." hints: `zp,X`. */
  readonly spelling: string;
  /** The three-letter name the single-step vectors' index uses: `zpx`. */
  readonly shortName: string;
  /** The operand as ca65 writes it around the address or value text: `$10` → `$10,X` (BBR/BBS: `$10, label`). */
  readonly write: (operand: string, target?: string) => string;
}

export const MODES: Readonly<Record<AddressingMode, ModeFacts>> = {
  implied: { operandBytes: 0, name: 'implied', spelling: '(no operand)', shortName: 'imp', write: () => '' },
  accumulator: { operandBytes: 0, name: 'accumulator', spelling: 'A', shortName: 'acc', write: () => 'A' },
  immediate: { operandBytes: 1, name: 'immediate', spelling: '#value', shortName: 'imm', write: (operand) => `#${operand}` },
  zeroPage: { operandBytes: 1, name: 'zero page', spelling: 'zp', shortName: 'zp', write: (operand) => operand },
  zeroPageX: { operandBytes: 1, name: 'zero page,X', spelling: 'zp,X', shortName: 'zpx', write: (operand) => `${operand},X` },
  zeroPageY: { operandBytes: 1, name: 'zero page,Y', spelling: 'zp,Y', shortName: 'zpy', write: (operand) => `${operand},Y` },
  absolute: { operandBytes: 2, name: 'absolute', spelling: 'addr', shortName: 'abs', write: (operand) => operand },
  absoluteX: { operandBytes: 2, name: 'absolute,X', spelling: 'addr,X', shortName: 'abx', write: (operand) => `${operand},X` },
  absoluteY: { operandBytes: 2, name: 'absolute,Y', spelling: 'addr,Y', shortName: 'aby', write: (operand) => `${operand},Y` },
  indirect: { operandBytes: 2, name: 'indirect (addr)', spelling: '(addr)', shortName: 'ind', write: (operand) => `(${operand})` },
  indexedIndirectX: { operandBytes: 1, name: '(zp,X)', spelling: '(zp,X)', shortName: 'izx', write: (operand) => `(${operand},X)` },
  indirectIndexedY: { operandBytes: 1, name: '(zp),Y', spelling: '(zp),Y', shortName: 'izy', write: (operand) => `(${operand}),Y` },
  relative: { operandBytes: 1, name: 'relative', spelling: 'label', shortName: 'rel', write: (operand) => operand },
  zeroPageIndirect: { operandBytes: 1, name: '(zp)', spelling: '(zp)', shortName: 'izp', write: (operand) => `(${operand})` },
  absoluteIndexedIndirect: {
    operandBytes: 2,
    name: '(addr,X)',
    spelling: '(addr,X)',
    shortName: 'iax',
    write: (operand) => `(${operand},X)`,
  },
  zeroPageRelative: {
    operandBytes: 2,
    name: 'zero page and relative',
    spelling: 'zp, label',
    shortName: 'zprel',
    write: (operand, target) => `${operand}, ${target ?? '?'}`,
  },
};

/** Every mode, in the table's order (the order hints list them in). */
export const ALL_MODES: readonly AddressingMode[] = Object.keys(MODES) as AddressingMode[];

/** Reads a byte without side effects (a Bus's `peek`). */
export type Peek = (address: number) => number;

/**
 * The address a memory operand refers to, from the operand bytes and the index registers as they were before
 * the instruction. Pointer modes need `peek` to read the pointer; without it they give undefined. JMP (addr)
 * and JMP (addr,X) give the pointer's own address; BBR/BBS the zero-page byte they test. Relative, implied, immediate and accumulator modes have no memory operand.
 */
export function effectiveAddress(
  mode: AddressingMode,
  operandBytes: readonly number[],
  registers: { readonly x: number; readonly y: number },
  peek?: Peek,
): number | undefined {
  const low = operandBytes[0] ?? 0;
  const word = low | ((operandBytes[1] ?? 0) << 8);
  switch (mode) {
    case 'zeroPage':
    case 'zeroPageRelative':
      return low;
    case 'zeroPageX':
      return (low + registers.x) & 0xff;
    case 'zeroPageY':
      return (low + registers.y) & 0xff;
    case 'absolute':
    case 'indirect':
      return word;
    case 'absoluteX':
    case 'absoluteIndexedIndirect':
      return (word + registers.x) & 0xffff;
    case 'absoluteY':
      return (word + registers.y) & 0xffff;
    case 'indexedIndirectX': {
      if (!peek) return undefined;
      const pointer = (low + registers.x) & 0xff;
      return peek(pointer) | (peek((pointer + 1) & 0xff) << 8);
    }
    case 'zeroPageIndirect':
      if (!peek) return undefined;
      return peek(low) | (peek((low + 1) & 0xff) << 8);
    case 'indirectIndexedY': {
      if (!peek) return undefined;
      const base = peek(low) | (peek((low + 1) & 0xff) << 8);
      return (base + registers.y) & 0xffff;
    }
    default:
      return undefined;
  }
}

/**
 * Where a branch at `address` with offset byte `offset` lands: the next instruction plus the signed offset
 * (`length` 3 for the 65C02's BBR/BBS, whose offset follows a zero-page byte).
 */
export function branchTarget(address: number, offset: number, length = 2): number {
  const signed = offset < 0x80 ? offset : offset - 0x100;
  return (address + length + signed) & 0xffff;
}
