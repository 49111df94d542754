/**
 * Capture for explanations: the state around one executed instruction — its bytes, the registers before
 * and after, the address it used and the bytes found there before and after — as plain data. explain.ts
 * turns it into a sentence; keeping the two apart lets any face capture a step without loading the words.
 *
 *   const pending = prepareExplain(peek, snapshot);           // before the step
 *   machine.step();
 *   const input = finishExplain(pending, snapshotAfter, peek); // after it: an ExplainInput for explain()
 *
 * Only side-effect-free peeks are used, so capturing never disturbs a device.
 */
import type { RegistersAndCycles } from '../cpu/registers.js';
import { effectiveAddress, type Peek } from '../cpu/addressing-modes.js';
import { VARIANTS, type CpuVariant } from '../cpu/variants.js';

/** The registers at one moment. `p` is the status byte NV-BDIZC; cycles is the running total. */
export type CpuSnapshot = RegistersAndCycles;

/** Everything {@link explain} needs about one executed instruction. */
export interface ExplainInput {
  readonly opcode: number;
  /** The 0, 1 or 2 bytes after the opcode, low byte first. */
  readonly operandBytes: readonly number[];
  /** Where the opcode sat (normally `before.pc`). */
  readonly address: number;
  readonly before: CpuSnapshot;
  readonly after: CpuSnapshot;
  /** The address the instruction read or wrote; computed from the registers when not given (not for pointers). */
  readonly effectiveAddress?: number;
  /** The byte at the effective address before the step (the operand of loads, ALU ops and read-modify-write). */
  readonly valueRead?: number;
  /** The byte at the effective address after the step (stores and read-modify-write). */
  readonly valueWritten?: number;
  /** Address → label, so operands read `BNE loop` rather than `BNE $0612`. */
  readonly symbols?: ReadonlyMap<number, string>;
  /** The CPU that ran it, whose table names the opcode (default: the NMOS 6502). */
  readonly variant?: CpuVariant;
}

/** What {@link prepareExplain} captured before the step; complete it with {@link finishExplain}. */
export interface PendingExplain {
  readonly opcode: number;
  readonly operandBytes: readonly number[];
  readonly address: number;
  readonly before: CpuSnapshot;
  readonly effectiveAddress: number | undefined;
  readonly valueRead: number | undefined;
  readonly variant: CpuVariant;
}

/** Before the step: reads the instruction bytes (as `variant`'s table lays them out), its effective address and the byte found there. */
export function prepareExplain(peek: Peek, before: CpuSnapshot, variant: CpuVariant = '6502'): PendingExplain {
  const opcode = peek(before.pc) & 0xff;
  const info = VARIANTS[variant].rows[opcode]!;
  const operandBytes: number[] = [];
  for (let index = 1; index < info.length; index++) operandBytes.push(peek((before.pc + index) & 0xffff) & 0xff);
  const address = effectiveAddress(info.mode, operandBytes, before, peek);
  const pointerOnly = info.mode === 'indirect' || info.mode === 'absoluteIndexedIndirect';
  const valueRead = address === undefined || pointerOnly ? undefined : peek(address) & 0xff;
  return { opcode, operandBytes, address: before.pc, before, effectiveAddress: address, valueRead, variant };
}

/** After the step: adds the new registers and the byte now at the effective address. */
export function finishExplain(pending: PendingExplain, after: CpuSnapshot, peek: Peek): ExplainInput {
  const written = pending.effectiveAddress === undefined ? undefined : peek(pending.effectiveAddress) & 0xff;
  return {
    opcode: pending.opcode,
    operandBytes: pending.operandBytes,
    address: pending.address,
    before: pending.before,
    after,
    variant: pending.variant,
    ...(pending.effectiveAddress === undefined ? {} : { effectiveAddress: pending.effectiveAddress }),
    ...(pending.valueRead === undefined ? {} : { valueRead: pending.valueRead }),
    ...(written === undefined ? {} : { valueWritten: written }),
  };
}

