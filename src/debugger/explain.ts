/**
 * Says in one plain-words sentence what the instruction just executed did, with the actual values.
 *
 * Its input is the plain data explain-capture.ts collects around a step ({@link ExplainInput}): the opcode,
 * its operand bytes, where it sat, the registers before and after, and optionally the effective address,
 * the byte read there before the step and the byte written there, plus symbols for labels:
 *
 *   explain(finishExplain(pending, after, peek)); // 'ADC #$10: A = $05 + $10 + C(0) = $15; Z=0 N=0 V=0 C=0'
 *
 * Whatever is missing is worked out from the registers where that is possible; nothing here reads memory,
 * so explaining never disturbs a device. It returns a string and never prints. Notes on device addresses
 * come from the machine (machine/address-notes.ts).
 *
 * Every one of the 256 opcodes has an explanation on every CPU variant: documented ones in full (the 65C02's
 * new instructions too), undocumented ones briefly (their usual names and what they combine), JAM as the halt
 * it is, and the 65C02's reserved opcodes as the NOPs of fixed length they are. The input's `variant` picks the
 * table that names the opcode.
 */

import { MODES, branchTarget, effectiveAddress } from '../cpu/addressing-modes.js';
import { FLAG_MASK, formatStatus, statusPushedByHardware, statusPushedBySoftware, type FlagLetter } from '../cpu/flags.js';
import { Vector } from '../cpu/interrupts.js';
import type { AddressingMode, InstructionInfo, Mnemonic } from '../cpu/instruction-set.js';
import { VARIANTS } from '../cpu/variants.js';
import { addressNote } from '../machine/address-notes.js';
import { hex, hexWord } from '../shared/hex.js';
import type { CpuSnapshot, ExplainInput } from './explain-capture.js';
import { bitBranch, bitBranchTarget, changeBit, reserved, testAndChangeBits } from './explain-65c02.js';
import { STACK_BASE } from '../cpu/stack.js';

/** The row of the table of the CPU that ran the instruction. */
function rowOf(input: Pick<ExplainInput, 'opcode' | 'variant'>): InstructionInfo {
  return VARIANTS[input.variant ?? '6502'].rows[input.opcode & 0xff]!;
}

/** The operand as an assembler would write it: `#$10`, `$0200,X`, `($10),Y`, `loop`, `$10, loop`. */
export function formatOperand(input: Pick<ExplainInput, 'opcode' | 'operandBytes' | 'address' | 'symbols' | 'variant'>): string {
  const info = rowOf(input);
  const low = input.operandBytes[0] ?? 0;
  const word = low | ((input.operandBytes[1] ?? 0) << 8);
  const name = (address: number, digits: number): string => input.symbols?.get(address) ?? hex(address, digits);
  const mode = info.mode;
  if (mode === 'zeroPageRelative') return MODES[mode].write(name(low, 2), name(bitBranchTarget(input.address, input.operandBytes[1] ?? 0), 4));
  const text =
    mode === 'immediate'
      ? hex(low)
      : mode === 'relative'
        ? name(branchTarget(input.address, low), 4)
        : MODES[mode].operandBytes === 1
          ? name(low, 2)
          : name(word, 4);
  return MODES[mode].write(text);
}

/**
 * One sentence for an interrupt entry — a step in which the CPU took IRQ or NMI instead of executing an
 * instruction: what it pushed, where, and where it went. `before` and `after` are the registers around the
 * entry; `symbols` names the handler.
 */
export function explainInterrupt(
  kind: 'IRQ' | 'NMI',
  before: CpuSnapshot,
  after: CpuSnapshot,
  symbols?: ReadonlyMap<number, string>,
): string {
  const vector = kind === 'NMI' ? Vector.Nmi : Vector.Irq;
  const why =
    kind === 'NMI'
      ? 'the NMI pin was pulled (I cannot mask it)'
      : 'a device holds the IRQ line and I=0';
  const handler = symbols?.get(after.pc);
  const target = handler === undefined ? hexWord(after.pc) : `${handler} (${hexWord(after.pc)})`;
  const pushedStatus = hex(statusPushedByHardware(before.p));
  return (
    `${kind} taken: ${why}, so the CPU pushed PC (${hexWord(before.pc)}) and P as ${pushedStatus} (B clear) ` +
    `at ${stackAddress(before.sp)}–${stackAddress((before.sp - 2) & 0xff)}, SP ${hex(before.sp)} → ${hex(after.sp)}, ` +
    `set I, and jumped through the vector at ${hexWord(vector)} to ${target}; RTI will come back to ${hexWord(before.pc)}`
  );
}

/** One sentence describing the executed instruction; see the top of this file. */
export function explain(input: ExplainInput): string {
  const info = rowOf(input);
  const operand = formatOperand(input);
  const head = operand === '' ? info.mnemonic : `${info.mnemonic} ${operand}`;
  const context = new Context(input, info);
  const body = info.documented ? documented(context) : info.opcodeClass === 'reserved' ? reserved(context) : undocumented(context);
  return `${head}: ${body}`;
}

/** The pieces every sentence is built from, worked out once per call. */
export class Context {
  readonly before: CpuSnapshot;
  readonly after: CpuSnapshot;
  readonly mode: AddressingMode;
  readonly mnemonic: Mnemonic;
  readonly address: number | undefined;

  constructor(
    readonly input: ExplainInput,
    readonly info: InstructionInfo,
  ) {
    this.before = input.before;
    this.after = input.after;
    this.mode = info.mode;
    this.mnemonic = info.mnemonic;
    this.address = input.effectiveAddress ?? effectiveAddress(info.mode, input.operandBytes, input.before);
  }

  get immediate(): number {
    return this.input.operandBytes[0] ?? 0;
  }

  /** The flag as 0 or 1, before or after the step. */
  flag(name: FlagLetter, when: 'before' | 'after' = 'after'): number {
    const p = when === 'before' ? this.before.p : this.after.p;
    return p & FLAG_MASK[name] ? 1 : 0;
  }

  /** `Z=0 N=1` for the flags named, in the order given, with their values after the step. */
  flags(...names: FlagLetter[]): string {
    return names.map((name) => `${name}=${this.flag(name)}`).join(' ');
  }

  /**
   * How the effective address came about — `$0200 + X($05) = $0205`, `pointer at $10 → $0300 + Y($05) = $0305`
   * — followed by what lives there when it is not plain RAM: `$F001 (console out: prints "H")`.
   */
  where(): string {
    const note = this.address === undefined ? undefined : addressNote(this.address, this.info.access, this.stored());
    return note === undefined ? this.addressArithmetic() : `${this.addressArithmetic()} (${note})`;
  }


  /** The byte a store or read-modify-write left at the address, when known. */
  private stored(): number | undefined {
    switch (this.mnemonic) {
      case 'STA':
        return this.before.a;
      case 'STX':
        return this.before.x;
      case 'STY':
        return this.before.y;
      case 'STZ':
        return 0;
      default:
        return this.input.valueWritten;
    }
  }

  private addressArithmetic(): string {
    const low = this.input.operandBytes[0] ?? 0;
    const word = low | ((this.input.operandBytes[1] ?? 0) << 8);
    const target = this.address;
    const ea = target === undefined ? 'an address read from the pointer' : hexWord(target);
    const x = `X(${hex(this.before.x)})`;
    const y = `Y(${hex(this.before.y)})`;
    switch (this.mode) {
      case 'zeroPage':
      case 'zeroPageRelative':
        return hex(low);
      case 'zeroPageX':
        return `${hex(low)} + ${x} = ${hex((low + this.before.x) & 0xff)}${low + this.before.x > 0xff ? ' (wrapped in page 0)' : ''}`;
      case 'zeroPageY':
        return `${hex(low)} + ${y} = ${hex((low + this.before.y) & 0xff)}${low + this.before.y > 0xff ? ' (wrapped in page 0)' : ''}`;
      case 'absolute':
        return hexWord(word);
      case 'absoluteX':
        return `${hexWord(word)} + ${x} = ${hexWord((word + this.before.x) & 0xffff)}`;
      case 'absoluteY':
        return `${hexWord(word)} + ${y} = ${hexWord((word + this.before.y) & 0xffff)}`;
      case 'indexedIndirectX':
        return `pointer at ${hex(low)} + ${x} = ${hex((low + this.before.x) & 0xff)} → ${ea}`;
      case 'indirectIndexedY': {
        if (target === undefined) return `pointer at ${hex(low)}, plus ${y}`;
        const base = (target - this.before.y) & 0xffff;
        return `pointer at ${hex(low)} → ${hexWord(base)} + ${y} = ${ea}`;
      }
      case 'zeroPageIndirect':
        return `pointer at ${hex(low)} → ${ea}`;
      default:
        return ea;
    }
  }

  /** The byte read: the immediate operand, the given `valueRead`, or undefined. */
  get read(): number | undefined {
    if (this.mode === 'immediate') return this.immediate;
    return this.input.valueRead;
  }

  /**
   * `$10` for immediates, `$0E (from $0200 + X($05) = $0205)` for memory: the brackets keep the address
   * arithmetic apart from the sum the byte takes part in.
   */
  operandPhrase(value: number | undefined): string {
    const shown = value === undefined ? '?' : hex(value);
    return this.mode === 'immediate' ? shown : `${shown} (from ${this.where()})`;
  }

  /** Old and new byte of a read-modify-write; one can be derived from the other when only one was given. */
  readModifyWrite(forward: (value: number) => number, backward: (value: number) => number): { old: number; now: number } {
    const { valueRead, valueWritten } = this.input;
    if (valueRead !== undefined && valueWritten !== undefined) return { old: valueRead, now: valueWritten };
    if (valueRead !== undefined) return { old: valueRead, now: forward(valueRead) };
    if (valueWritten !== undefined) return { old: backward(valueWritten), now: valueWritten };
    return { old: 0, now: forward(0) };
  }

}

function documented(c: Context): string {
  const { before, after } = c;
  // The conditional branches are known by the flag the table gives them, not by a list of names here.
  if (c.info.branch !== undefined) return branch(c);
  switch (c.mnemonic) {
    case 'LDA':
    case 'LDX':
    case 'LDY': {
      const register = c.mnemonic[2] as 'A' | 'X' | 'Y';
      const value = registerValue(after, register);
      const source = c.mode === 'immediate' ? hex(value) : `${hex(value)} from ${c.where()}`;
      return `${register} ← ${source}; ${c.flags('Z', 'N')}`;
    }
    case 'STA':
    case 'STX':
    case 'STY': {
      const register = c.mnemonic[2] as 'A' | 'X' | 'Y';
      return `${c.where()} ← ${register}(${hex(registerValue(before, register))})`;
    }
    case 'TAX':
    case 'TAY':
    case 'TXA':
    case 'TYA': {
      const from = c.mnemonic[1] as 'A' | 'X' | 'Y';
      const to = c.mnemonic[2] as 'A' | 'X' | 'Y';
      return `${to} = ${from} = ${hex(registerValue(after, to))}; ${c.flags('Z', 'N')}`;
    }
    case 'TSX':
      return `X = SP = ${hex(after.x)}; ${c.flags('Z', 'N')}`;
    case 'TXS':
      return `SP = X = ${hex(after.sp)} (flags unchanged)`;
    case 'PHA':
    case 'PHX':
    case 'PHY': {
      const register = c.mnemonic[2] as 'A' | 'X' | 'Y';
      const saved = c.mnemonic === 'PHA' ? '' : ` (the 65C02 pushes ${register} itself; the NMOS chip had to go through A)`;
      return `pushes ${register}(${hex(registerValue(before, register))}) to ${stackAddress(before.sp)}; SP ${hex(before.sp)} → ${hex(after.sp)}${saved}`;
    }
    case 'PHP':
      return `pushes P as ${hex(statusPushedBySoftware(before.p))} (B and bit 5 set on the stack) to ${stackAddress(before.sp)}; SP ${hex(before.sp)} → ${hex(after.sp)}`;
    case 'PLA':
    case 'PLX':
    case 'PLY': {
      const register = c.mnemonic[2] as 'A' | 'X' | 'Y';
      return `${register} ← ${hex(registerValue(after, register))} pulled from ${stackAddress(after.sp)}; SP ${hex(before.sp)} → ${hex(after.sp)}; ${c.flags('Z', 'N')}`;
    }
    case 'STZ':
      return `${c.where()} ← 0 (STZ stores zero without tying up a register; flags unchanged)`;
    case 'TSB':
    case 'TRB':
      return testAndChangeBits(c);
    case 'PLP':
      return `P ← ${hex(after.p)} pulled from ${stackAddress(after.sp)}; SP ${hex(before.sp)} → ${hex(after.sp)}; flags now ${formatStatus(after.p)}`;
    case 'AND':
    case 'ORA':
    case 'EOR': {
      const word = c.mnemonic === 'AND' ? 'AND' : c.mnemonic === 'ORA' ? 'OR' : 'XOR';
      return `A = ${hex(before.a)} ${word} ${c.operandPhrase(c.read)} = ${hex(after.a)}; ${c.flags('Z', 'N')}`;
    }
    case 'BIT': {
      const value = c.read;
      if (c.mode === 'immediate') {
        return `A(${hex(before.a)}) AND #${hex(c.immediate)} = ${hex(before.a & c.immediate)} → Z=${c.flag('Z')}; BIT # changes only Z (N and V stay ${c.flag('N')} and ${c.flag('V')}: the bits of a constant would tell nothing)`;
      }
      const shown = value === undefined ? '?' : hex(value);
      const anded = value === undefined ? '?' : hex(before.a & value);
      return `A(${hex(before.a)}) AND ${c.operandPhrase(value)} = ${anded} → Z=${c.flag('Z')}; N=${c.flag('N')} V=${c.flag('V')} copied from bits 7 and 6 of ${shown}`;
    }
    case 'ADC':
      return adc(c, c.read);
    case 'SBC':
      return sbc(c, c.read);
    case 'CMP':
    case 'CPX':
    case 'CPY':
      return compare(c, c.mnemonic === 'CMP' ? 'A' : c.mnemonic === 'CPX' ? 'X' : 'Y', c.read);
    case 'INX':
    case 'INY':
    case 'DEX':
    case 'DEY': {
      const register = c.mnemonic[2] as 'X' | 'Y';
      const sign = c.mnemonic[0] === 'I' ? '+' : '-';
      const old = registerValue(before, register);
      const now = registerValue(after, register);
      return `${register} = ${hex(old)} ${sign} 1 = ${hex(now)}${wrapNote(old, sign)}; ${c.flags('Z', 'N')}`;
    }
    case 'INC':
    case 'DEC': {
      const sign = c.mnemonic === 'INC' ? '+' : '-';
      if (c.mode === 'accumulator') {
        const longWay = sign === '+' ? 'CLC and ADC #1' : 'SEC and SBC #1';
        return `A = ${hex(before.a)} ${sign} 1 = ${hex(after.a)}${wrapNote(before.a, sign)} (the 65C02's ${c.mnemonic} A: no ${longWay}, and C is left alone); ${c.flags('Z', 'N')}`;
      }
      const delta = sign === '+' ? 1 : -1;
      const { old, now } = c.readModifyWrite((value) => (value + delta) & 0xff, (value) => (value - delta) & 0xff);
      return `the byte at ${c.where()} becomes ${hex(old)} ${sign} 1 = ${hex(now)}${wrapNote(old, sign)}; ${c.flags('Z', 'N')}`;
    }
    case 'ASL':
    case 'LSR':
    case 'ROL':
    case 'ROR':
      return shift(c);
    case 'JMP':
      if (c.mode === 'absoluteIndexedIndirect') {
        const base = (c.input.operandBytes[0] ?? 0) | ((c.input.operandBytes[1] ?? 0) << 8);
        return `PC = ${hexWord(after.pc)}, the address stored at ${hexWord(base)} + X(${hex(before.x)}) = ${hexWord(c.address ?? 0)} (a jump table: X picks the entry)`;
      }
      return c.mode === 'indirect'
        ? `PC = ${hexWord(after.pc)}, the address stored at ${hexWord(c.address ?? 0)}`
        : `PC = ${hexWord(after.pc)}`;
    case 'JSR': {
      const returnMinusOne = (c.input.address + 2) & 0xffff;
      return `pushes the return address minus one (${hexWord(returnMinusOne)}) at ${stackAddress(before.sp)} and ${stackAddress((before.sp - 1) & 0xff)}; SP ${hex(before.sp)} → ${hex(after.sp)}; PC = ${hexWord(after.pc)}`;
    }
    case 'RTS':
      return `pulls ${hexWord((after.pc - 1) & 0xffff)} from the stack, SP ${hex(before.sp)} → ${hex(after.sp)}; PC = ${hexWord((after.pc - 1) & 0xffff)} + 1 = ${hexWord(after.pc)}`;
    case 'RTI':
      return `pulls P = ${hex(after.p)} and PC = ${hexWord(after.pc)} from the stack, SP ${hex(before.sp)} → ${hex(after.sp)}; back to the interrupted program`;
    case 'BRK':
      return brk(c);
    case 'BRA':
      return `always taken (no flag to test) → ${hexWord(branchTarget(c.input.address, c.input.operandBytes[0] ?? 0))}`;
    case 'WAI':
      return 'waits: no instruction runs until an IRQ or NMI arrives (an IRQ wakes it even with I=1; with I=1 it then carries on after WAI)';
    case 'STP':
      return 'stops the clock: nothing more runs until the chip is reset'; 
    case 'CLC':
      return 'C = 0 (carry cleared, ready for ADC)';
    case 'SEC':
      return 'C = 1 (carry set, ready for SBC)';
    case 'CLI':
      return 'I = 0 (IRQ interrupts allowed)';
    case 'SEI':
      return 'I = 1 (IRQ interrupts masked; NMI still gets through)';
    case 'CLD':
      return 'D = 0 (ADC and SBC work in binary)';
    case 'SED':
      return 'D = 1 (ADC and SBC work in decimal, two digits per byte)';
    case 'CLV':
      return 'V = 0 (overflow cleared)';
    case 'NOP':
      return `does nothing for ${after.cycles - before.cycles} cycles`;
    default:
      if (c.mode === 'zeroPageRelative') return bitBranch(c);
      if (/^[RS]MB\d$/.test(c.mnemonic)) return changeBit(c);
      // Every documented mnemonic is handled above; an undocumented one reaching here is a table change.
      return undocumented(c);
  }
}

function registerValue(snapshot: CpuSnapshot, register: 'A' | 'X' | 'Y'): number {
  return register === 'A' ? snapshot.a : register === 'X' ? snapshot.x : snapshot.y;
}

function stackAddress(sp: number): string {
  return hexWord(STACK_BASE | (sp & 0xff));
}

function wrapNote(old: number, sign: '+' | '-'): string {
  if (sign === '+' && old === 0xff) return ' (wraps around)';
  if (sign === '-' && old === 0x00) return ' (wraps around)';
  return '';
}

function adc(c: Context, operand: number | undefined): string {
  const { before, after } = c;
  const carryIn = c.flag('C', 'before');
  // In binary mode the operand follows from the registers, so a caller without memory access still gets a number.
  const value = operand ?? (c.flag('D', 'before') ? undefined : (after.a - before.a - carryIn) & 0xff);
  const decimal = c.flag('D', 'before') ? ' (decimal mode: digits added in BCD)' : '';
  return `A = ${hex(before.a)} + ${c.operandPhrase(value)} + C(${carryIn}) = ${hex(after.a)}${decimal}; ${c.flags('Z', 'N', 'V', 'C')}${arithmeticNotes(c, '+')}`;
}

function sbc(c: Context, operand: number | undefined): string {
  const { before, after } = c;
  const carryIn = c.flag('C', 'before');
  const value = operand ?? (c.flag('D', 'before') ? undefined : (before.a - after.a - (1 - carryIn)) & 0xff);
  const decimal = c.flag('D', 'before') ? ' (decimal mode: digits subtracted in BCD)' : '';
  return `A = ${hex(before.a)} - ${c.operandPhrase(value)} - (1 - C(${carryIn})) = ${hex(after.a)}${decimal}; ${c.flags('Z', 'N', 'V', 'C')}${arithmeticNotes(c, '-')}`;
}

/** Why C and V came out as they did, said only when they are set (the interesting case). */
function arithmeticNotes(c: Context, sign: '+' | '-'): string {
  const notes: string[] = [];
  if (sign === '+' && c.flag('C')) notes.push('C=1: the sum passed $FF, so a 1 carries into the next byte');
  if (sign === '-' && !c.flag('C')) notes.push('C=0: the operand was bigger, so this subtraction borrowed');
  if (c.flag('V')) notes.push('V=1: as signed numbers the result does not fit in -128..127');
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}

function compare(c: Context, register: 'A' | 'X' | 'Y', operand: number | undefined): string {
  const mine = registerValue(c.before, register);
  // Without the operand byte, Z and C still tell the story; the difference is shown only when known.
  const difference = operand === undefined ? '?' : hex((mine - operand) & 0xff);
  const equal = c.flag('Z') ? 'Z=1 (equal)' : 'Z=0 (not equal)';
  const order = c.flag('C') ? `C=1 (${register} ≥ operand)` : `C=0 (${register} < operand)`;
  const negative = c.flag('N') ? ', N=1 (bit 7 of the difference)' : '';
  return `${register} (${hex(mine)}) - ${c.operandPhrase(operand)} = ${difference} → ${equal}, ${order}${negative}`;
}

function shift(c: Context): string {
  const { before, after } = c;
  const onA = c.mode === 'accumulator';
  const carryIn = c.flag('C', 'before');
  const forward = (value: number): number => shiftValue(c.mnemonic, value, carryIn);
  const { old, now } = onA
    ? { old: before.a, now: after.a }
    : c.readModifyWrite(forward, (value) => unshiftGuess(c.mnemonic, value, c.flag('C')));
  const target = onA ? 'A =' : `the byte at ${c.where()} becomes`;
  const flags = c.flags('Z', 'N', 'C');
  switch (c.mnemonic) {
    case 'ASL':
      return `${target} ${hex(old)} << 1 = ${hex(now)}, old bit 7 (${(old >> 7) & 1}) → C; ${flags}`;
    case 'LSR':
      return `${target} ${hex(old)} >> 1 = ${hex(now)}, old bit 0 (${old & 1}) → C; ${flags}`;
    case 'ROL':
      return `${target} (${hex(old)} << 1) + C(${carryIn}) = ${hex(now)}, old bit 7 (${(old >> 7) & 1}) → C; ${flags}`;
    default:
      return `${target} C(${carryIn}) into bit 7, ${hex(old)} >> 1 = ${hex(now)}, old bit 0 (${old & 1}) → C; ${flags}`;
  }
}

function shiftValue(mnemonic: Mnemonic, value: number, carryIn: number): number {
  switch (mnemonic) {
    case 'ASL':
    case 'SLO':
      return (value << 1) & 0xff;
    case 'LSR':
    case 'SRE':
      return value >> 1;
    case 'ROL':
    case 'RLA':
      return ((value << 1) | carryIn) & 0xff;
    default:
      return (value >> 1) | (carryIn << 7);
  }
}

/** The byte before a shift, from the byte after and the carry out (exact: the carry holds the lost bit). */
function unshiftGuess(mnemonic: Mnemonic, value: number, carryOut: number): number {
  switch (mnemonic) {
    case 'ASL':
    case 'ROL':
    case 'SLO':
    case 'RLA':
      return (value >> 1) | (carryOut << 7);
    default:
      return ((value << 1) & 0xff) | carryOut;
  }
}

function branch(c: Context): string {
  const condition = c.info.branch!;
  const flagName = condition.flag;
  const wanted = condition.whenSet ? 1 : 0;
  const value = c.flag(flagName, 'before');
  const target = branchTarget(c.input.address, c.input.operandBytes[0] ?? 0);
  if (value === wanted) {
    const loops = target === c.input.address ? ' (a branch to itself: the program waits here forever)' : '';
    return `${flagName}=${value} so the branch is taken → ${hexWord(target)}${loops}`;
  }
  return `${flagName}=${value} so the branch is not taken; carry on at ${hexWord((c.input.address + 2) & 0xffff)}`;
}

function brk(c: Context): string {
  const { before, after } = c;
  if (((before.sp - after.sp) & 0xff) === 3) {
    const pushed = (c.input.address + 2) & 0xffff;
    return `pushes ${hexWord(pushed)} and P as ${hex(statusPushedBySoftware(before.p))} (B set), sets I, and jumps through the vector at ${hexWord(Vector.Irq)} to ${hexWord(after.pc)}`;
  }
  return 'a software break: the run stops here (moth treats BRK as "program finished" unless --brk-vector is on)';
}

/** Undocumented opcodes: what they combine, with the values where that is cheap to say. */
function undocumented(c: Context): string {
  const { before, after } = c;
  const note = c.info.opcodeClass === 'unstable' ? 'unstable undocumented opcode' : 'undocumented';
  const flags = (...names: FlagLetter[]): string => c.flags(...names);
  switch (c.mnemonic) {
    case 'JAM':
      return 'undocumented JAM: the processor locks up and only a reset brings it back';
    case 'NOP':
      return `${note} NOP: ${c.mode === 'implied' ? 'does nothing' : `reads ${c.mode === 'immediate' ? 'its operand' : c.where()} and ignores it`} (${after.cycles - before.cycles} cycles)`;
    case 'SBC':
      return `${note} copy of SBC #: ${sbc(c, c.read)}`;
    case 'LAX':
      return `${note}, LDA and LDX at once: A = X ← ${hex(after.a)}${c.mode === 'immediate' ? '' : ` from ${c.where()}`}; ${flags('Z', 'N')}`;
    case 'SAX':
      return `${note}: ${c.where()} ← A(${hex(before.a)}) AND X(${hex(before.x)}) = ${hex(before.a & before.x)} (flags unchanged)`;
    case 'SLO':
    case 'RLA':
    case 'SRE':
    case 'RRA':
    case 'DCP':
    case 'ISC': {
      const pairs: Partial<Record<Mnemonic, string>> = {
        SLO: 'ASL the byte, then ORA it into A',
        RLA: 'ROL the byte, then AND it into A',
        SRE: 'LSR the byte, then EOR it into A',
        RRA: 'ROR the byte, then ADC it to A',
        DCP: 'DEC the byte, then CMP A with it',
        ISC: 'INC the byte, then SBC it from A',
      };
      const carryIn = c.flag('C', 'before');
      const forward =
        c.mnemonic === 'DCP'
          ? (value: number): number => (value - 1) & 0xff
          : c.mnemonic === 'ISC'
            ? (value: number): number => (value + 1) & 0xff
            : (value: number): number => shiftValue(c.mnemonic, value, carryIn);
      const { old, now } = c.readModifyWrite(forward, (value) => value);
      return `${note}, ${pairs[c.mnemonic]}: the byte at ${c.where()} ${hex(old)} → ${hex(now)}, A ${hex(before.a)} → ${hex(after.a)}; ${flags('Z', 'N', 'C')}`;
    }
    case 'ANC':
      return `${note}: A = ${hex(before.a)} AND ${hex(c.immediate)} = ${hex(after.a)}, then C copies N; ${flags('Z', 'N', 'C')}`;
    case 'ALR':
      return `${note}, AND then LSR A: (${hex(before.a)} AND ${hex(c.immediate)}) >> 1 = ${hex(after.a)}; ${flags('Z', 'N', 'C')}`;
    case 'ARR':
      return `${note}, AND then ROR A with odd flags: A = ${hex(after.a)}; ${flags('Z', 'N', 'V', 'C')}`;
    case 'SBX':
      return `${note}: X = (A(${hex(before.a)}) AND X(${hex(before.x)})) - ${hex(c.immediate)} = ${hex(after.x)}; ${flags('Z', 'N', 'C')}`;
    case 'ANE':
      return `${note}: A = (A OR a chip-dependent constant) AND X AND ${hex(c.immediate)} = ${hex(after.a)}; ${flags('Z', 'N')}`;
    case 'LXA':
      return `${note}: A = X = (A OR a chip-dependent constant) AND ${hex(c.immediate)} = ${hex(after.a)}; ${flags('Z', 'N')}`;
    case 'LAS':
      return `${note}: A = X = SP = ${c.where()} AND SP = ${hex(after.a)}; ${flags('Z', 'N')}`;
    case 'TAS':
      return `${note}: SP = A AND X = ${hex(after.sp)}, then stores SP AND (high byte + 1) at ${c.where()}`;
    case 'SHA':
      return `${note}: stores A AND X AND (high byte + 1) at ${c.where()}`;
    case 'SHX':
      return `${note}: stores X AND (high byte + 1) at ${c.where()}`;
    case 'SHY':
      return `${note}: stores Y AND (high byte + 1) at ${c.where()}`;
    default:
      return `${note} opcode ${hex(c.input.opcode)}`;
  }
}
