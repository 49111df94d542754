/**
 * The "pushed by" record of the stack page: for each of its 256 bytes, which step of the CPU last wrote it —
 * a JSR's return address, a BRK's or an interrupt entry's frame (return address and status), or a plain byte
 * (PHA, PHP, a store) — so the stack pane marks a return address only where one was really pushed.
 *
 * How it knows, at full speed: the session routes every write to page 1 through `wrap`'s bus (a page flag,
 * so instructions that touch no stack cost nothing; both CPU cores sync their registers before a bus call).
 * At each write the CPU's instruction count, cycle count and instruction start tell which step is writing:
 * the instruction at `instructionStart` when it writes exactly there (a push at SP, a store or
 * read-modify-write at its effective address) and has not written all its bytes yet, otherwise an interrupt
 * entry (which pushes three bytes between two instructions). A write no rule explains (an unstable
 * undocumented store) is recorded as unknown, never guessed. The record is part of the machine's saved state
 * (`StackTrackingMachine`), so checkpoints, step back and reverse execution restore it with the memory.
 */
import type { Bus } from '../cpu/bus.js';
import { effectiveAddress } from '../cpu/addressing-modes.js';
import type { Cpu } from '../cpu/cpu.js';
import { VARIANTS } from '../cpu/variants.js';
import { Machine } from '../machine/machine.js';
import type { MachineOptions, MachineState } from '../machine/machine.js';
import { STACK_BASE } from '../cpu/stack.js';

/** What a stack byte is, as far as the record knows. */
export type PushedKind = 'none' | 'data' | 'return-low' | 'return-high' | 'status' | 'unknown';
/** Which step pushed a frame byte. */
export type FrameOrigin = 'JSR' | 'BRK' | 'interrupt';

const KINDS: readonly PushedKind[] = ['none', 'data', 'return-low', 'return-high', 'status', 'unknown'];
const NONE = 0;
const DATA = 1;
const RETURN_LOW = 2;
const RETURN_HIGH = 3;
const STATUS = 4;
const UNKNOWN = 5;
const ORIGINS: readonly (FrameOrigin | undefined)[] = [undefined, 'JSR', 'BRK', 'interrupt'];
const JSR = 1;
const BRK = 2;
const INTERRUPT = 3;
/** The bytes a three-byte frame (BRK, interrupt) pushes, in order: return high, return low, status. */
const FRAME_BYTES = [RETURN_HIGH, RETURN_LOW, STATUS] as const;

/** One stack byte as recorded. */
export interface PushedByte {
  readonly kind: PushedKind;
  readonly origin: FrameOrigin | undefined;
  /** Frames are numbered as they are pushed: the bytes of one frame share the number. */
  readonly frame: number;
  /** The byte as written (a later write that bypassed the CPU, e.g. a debugger edit, makes memory differ). */
  readonly value: number;
  /** The JSR's or BRK's own address for their frames; the writing instruction's for data. */
  readonly by: number;
}

/** The record as saved with a checkpoint. */
export interface StackPushesState {
  readonly bytes: Uint8Array;
}

/** Bytes per slot in the saved form: kind, origin, value, `by` (2), frame number (4). */
const SAVED = 9;

export class StackPushes {
  private readonly kind = new Uint8Array(256);
  private readonly origin = new Uint8Array(256);
  private readonly value = new Uint8Array(256);
  private readonly by = new Uint16Array(256);
  private readonly frame = new Uint32Array(256);
  private frames = 0;
  // The step whose writes are coming in: its instruction and cycle counts, what it is, writes so far and expected.
  private stepInstructions = -1;
  private stepCycles = -1;
  private stepOrigin = 0;
  private stepKind = 0;
  private stepBy = 0;
  private stepWrites = 0;
  private stepExpected = 0;
  /** A store or read-modify-write writes one address only; -1 for pushes, which move down the stack. */
  private stepAddress = -1;
  /** The instruction (by count) whose writes are all accounted for: a further write with its count is an interrupt entry. */
  private doneInstruction = -1;

  constructor(private readonly cpu: Cpu) {}

  /** A bus that records page-1 writes, then passes everything to `inner`. */
  wrap(inner: Bus): Bus {
    return {
      read: (address) => inner.read(address),
      write: (address, value) => {
        if ((address & 0xff00) === STACK_BASE) this.record(address & 0xff, value, inner);
        inner.write(address, value);
      },
      peek: (address) => inner.peek(address),
    };
  }

  /** The record of one slot ($0100 + slot). */
  at(slot: number): PushedByte {
    const index = slot & 0xff;
    return {
      kind: KINDS[this.kind[index]!]!,
      origin: ORIGINS[this.origin[index]!],
      frame: this.frame[index]!,
      value: this.value[index]!,
      by: this.by[index]!,
    };
  }

  /** Nothing pushed yet: the state a program starts in. */
  clear(): void {
    this.kind.fill(NONE);
    this.origin.fill(0);
    this.value.fill(0);
    this.by.fill(0);
    this.frame.fill(0);
    this.frames = 0;
    this.betweenSteps();
  }

  save(): StackPushesState {
    const bytes = new Uint8Array(256 * SAVED + 4);
    const view = new DataView(bytes.buffer);
    for (let slot = 0; slot < 256; slot++) {
      const at = slot * SAVED;
      bytes[at] = this.kind[slot]!;
      bytes[at + 1] = this.origin[slot]!;
      bytes[at + 2] = this.value[slot]!;
      view.setUint16(at + 3, this.by[slot]!);
      view.setUint32(at + 5, this.frame[slot]!);
    }
    view.setUint32(256 * SAVED, this.frames);
    return { bytes };
  }

  restore(state: StackPushesState): void {
    const view = new DataView(state.bytes.buffer, state.bytes.byteOffset, state.bytes.byteLength);
    for (let slot = 0; slot < 256; slot++) {
      const at = slot * SAVED;
      this.kind[slot] = state.bytes[at]!;
      this.origin[slot] = state.bytes[at + 1]!;
      this.value[slot] = state.bytes[at + 2]!;
      this.by[slot] = view.getUint16(at + 3);
      this.frame[slot] = view.getUint32(at + 5);
    }
    this.frames = view.getUint32(256 * SAVED);
    this.betweenSteps();
  }

  /** The machine is between two steps (just restored or reset): the last instruction's writes are all done. */
  private betweenSteps(): void {
    this.stepInstructions = -1;
    this.stepCycles = -1;
    this.doneInstruction = this.cpu.instructions;
  }

  private record(slot: number, value: number, bus: Bus): void {
    const cpu = this.cpu;
    const instructions = cpu.instructions;
    const cycles = cpu.cycles;
    const continuing = instructions === this.stepInstructions && cycles === this.stepCycles && this.stepWrites < this.stepExpected
      && (this.stepAddress === -1 || this.stepAddress === (STACK_BASE | slot));
    if (!continuing) this.beginStep(STACK_BASE | slot, bus);
    const position = this.stepWrites++;
    if (this.stepWrites >= this.stepExpected && this.stepOrigin !== INTERRUPT) this.doneInstruction = instructions;
    let kind = this.stepKind;
    if (this.stepOrigin === JSR) kind = position === 0 ? RETURN_HIGH : RETURN_LOW;
    else if (this.stepOrigin !== 0) kind = FRAME_BYTES[position] ?? UNKNOWN;
    this.kind[slot] = kind;
    this.origin[slot] = this.stepOrigin;
    this.value[slot] = value;
    this.by[slot] = this.stepBy;
    this.frame[slot] = this.frames;
  }

  /** Works out which step makes this write: the instruction at instructionStart, or an interrupt entry. */
  private beginStep(address: number, bus: Bus): void {
    const cpu = this.cpu;
    this.stepInstructions = cpu.instructions;
    this.stepCycles = cpu.cycles;
    this.stepWrites = 0;
    this.stepAddress = -1;
    this.frames = (this.frames + 1) >>> 0;
    const start = cpu.instructionStart;
    const writes = cpu.instructions === this.doneInstruction ? { count: 0, origin: 0 } : this.instructionWrites(start, address, bus);
    this.stepBy = start;
    if (writes === undefined) {
      this.stepOrigin = 0;
      this.stepKind = UNKNOWN;
      this.stepExpected = 3;
    } else if (writes.count > 0) {
      this.stepOrigin = writes.origin;
      this.stepKind = DATA;
      this.stepExpected = writes.count;
      if (writes.store) this.stepAddress = address;
    } else {
      this.stepOrigin = INTERRUPT;
      this.stepKind = STATUS;
      this.stepExpected = 3;
      this.stepBy = cpu.pc;
    }
  }

  /**
   * How many stack-page writes the instruction at `start` makes, when it writes `address`: 0 when it does not
   * (so the write belongs to an interrupt entry), undefined when no rule can say (an unstable store).
   */
  private instructionWrites(start: number, address: number, bus: Bus): { readonly count: number; readonly origin: number; readonly store?: true } | undefined {
    const cpu = this.cpu;
    const info = VARIANTS[cpu.variant].rows[bus.peek(start)]!;
    const pushAddress = STACK_BASE | cpu.sp;
    switch (info.mnemonic) {
      case 'JSR':
        return { count: address === pushAddress ? 2 : 0, origin: JSR };
      case 'BRK':
        return { count: address === pushAddress ? 3 : 0, origin: BRK };
      case 'PHA':
      case 'PHP':
      case 'PHX':
      case 'PHY':
        return { count: address === pushAddress ? 1 : 0, origin: 0 };
    }
    if (info.access === 'read') return { count: 0, origin: 0 };
    const operands = [bus.peek((start + 1) & 0xffff), bus.peek((start + 2) & 0xffff)].slice(0, info.length - 1);
    const target = effectiveAddress(info.mode, operands, cpu, (at) => bus.peek(at));
    if (target === address) return { count: info.access === 'modify' && !cpu.cmos ? 2 : 1, origin: 0, store: true };
    // Unstable stores (SHA, SHX, SHY, TAS) write where their own rules say, not always at the effective address.
    return info.opcodeClass === 'unstable' ? undefined : { count: 0, origin: 0 };
  }
}

/** Saved machine state with the stack record alongside. */
interface TrackedState extends MachineState {
  readonly stackPushes?: StackPushesState;
}

/**
 * A machine whose stack page writes go through a StackPushes record, saved and restored with its state, so
 * time travel (which saves and restores the machine) keeps the record exact.
 */
export class StackTrackingMachine extends Machine {
  readonly stackPushes: StackPushes;

  constructor(options: MachineOptions) {
    super(options);
    const cpu = this.cpu;
    this.stackPushes = new StackPushes(cpu);
    cpu.bus = this.stackPushes.wrap(cpu.bus);
    cpu.writeHooks[0x01] = 1;
  }

  override saveState(): TrackedState {
    return { ...super.saveState(), stackPushes: this.stackPushes.save() };
  }

  override restoreState(state: TrackedState): void {
    super.restoreState(state);
    if (state.stackPushes === undefined) this.stackPushes.clear();
    else this.stackPushes.restore(state.stackPushes);
  }
}
