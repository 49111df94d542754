/**
 * The 6502 as an object (the NMOS chip unless a variant is asked for: variants.ts): its registers, its cycle
 * counter, the memory it sees and the hooks machines and debuggers use. The instructions themselves run in
 * execute.ts; this file is the chip's outside: reset, the interrupt pins, step and run.
 */
import type { Bus } from './bus.js';
import { runChecked } from './engine/checked-loop.js';
import type { BusCycle } from './engine/cycle-log.js';
import { ENGINES, type Engine } from './engine/loops.js';
import { Flag } from './flags.js';
import { resetSequence } from './interrupts.js';
import { ramBus } from './memory.js';
import type { CpuCore } from './cores.js';
import { VARIANTS, type CpuVariant } from './variants.js';
import { warmUpLeanLoop } from './engine/warm-up.js';
import { WasmCore } from './engine/wasm-core.js';

/** The variants whose lean loop has been warmed up in this process (see engine/warm-up.ts). */
const warmedUp = new Set<CpuVariant>();

export type { BusCycle } from './engine/cycle-log.js';

/** Why run() returned. */
export type StopReason = 'budget' | 'stop-requested' | 'brk' | 'jam' | 'trap' | 'undocumented' | 'breakpoint';

export interface CpuOptions {
  /** 'execute' (the real chip, default) or 'stop': teaching mode, stop BEFORE an undocumented opcode. */
  undocumented?: 'execute' | 'stop';
  /** 'interrupt' (the real chip, default) or 'stop': end run() with 'brk', PC left at the BRK. */
  brk?: 'interrupt' | 'stop';
  /** true: a JMP to its own address or a branch to itself ends run() with 'trap' (default false). */
  detectTraps?: boolean;
  /**
   * Which loop runs the CPU when no per-instruction check is needed: 'js' (the generated TypeScript lean loop,
   * default) or 'wasm' (the same loop compiled to WebAssembly, with memory and hook tables in its memory).
   */
  core?: CpuCore;
  /** Which member of the family: '6502' (NMOS, default), '65c02' (WDC W65C02S) or '2a03' (the NES's). */
  variant?: CpuVariant;
}

/**
 * A byte a machine rewrites at every multiple of `period` cycles (the default preset's random byte at $FE).
 * The wasm core's lean loop makes these writes itself, so a long run is not cut into slices at each of them
 * (issue 16); see Cpu.makesPeriodicPokes.
 */
export interface PeriodicPoke {
  readonly address: number;
  readonly period: number;
  /** The cycle of the next write; run() moves it on as it writes. */
  next: number;
  /** Fills `values` with the coming values, in order, without using them up. */
  peek(values: Uint8Array): void;
  /** The first `count` coming values were written: use them up. */
  take(count: number): void;
}

/**
 * The counters start as a non-integer so V8 stores them as doubles from the first instance on. Started
 * as small integers, they would change representation after 2^30 cycles (about two seconds of running),
 * and that change throws away the optimized loop and makes later field accesses polymorphic. The
 * constructor sets them to 0 straight away.
 */
const DOUBLE_FIELD = 0.5;

/**
 * The most cycles one call of the lean loop runs; run() makes as many calls as its budget needs. A call
 * that started before V8 finished optimizing the loop keeps running the slow code until it returns (or
 * V8 compiles the loop a second time, for on-stack replacement, into code ~35% slower), so short calls
 * let a long run switch to the optimized loop within ~0.1 ms of it being ready. Each call costs well
 * under a microsecond, against ~200 µs of work.
 */
const LEAN_CHUNK_CYCLES = 100_000;

const DEFAULT_OPTIONS: Required<CpuOptions> = {
  undocumented: 'execute',
  brk: 'interrupt',
  detectTraps: false,
  core: 'js',
  variant: '6502',
};

export class Cpu {
  /** Accumulator, index registers, stack pointer (an offset into page $01) and program counter. */
  a = 0;
  x = 0;
  y = 0;
  sp = 0xfd;
  pc = 0;
  /** Status NV-BDIZC as kept in the register: bit 5 reads 1, B reads 0 (see flags.ts). */
  p: number = Flag.Unused | Flag.InterruptDisable;
  /** Running total of clock cycles (a double: it never wraps). */
  cycles = DOUBLE_FIELD;
  /** Running total of executed instructions (interrupt entries are not instructions). */
  instructions = DOUBLE_FIELD;

  /** 64 KiB of plain RAM: the fast path for every page not flagged in the hooks (in the wasm memory with that core). */
  readonly memory: Uint8Array;
  /** The bus for flagged pages (devices, ROM, watchpoints). */
  bus: Bus;
  /** 256 page flags: 1 = data reads of that page go through bus.read. */
  readonly readHooks: Uint8Array;
  /** 256 page flags: 1 = writes to that page go through bus.write. */
  readonly writeHooks: Uint8Array;
  /** The WebAssembly core when options.core is 'wasm' (see wasm-core.ts). */
  private readonly wasm: WasmCore | undefined;
  /** 65536 address flags, honoured only while `instrumented` is true. */
  readonly breakpoints: Uint8Array = new Uint8Array(0x10000);
  /** false: run() uses the lean loop; true: it checks breakpoints and calls onInstruction. */
  instrumented = false;
  /** Called before each instruction while instrumented; returning true stops run() with 'breakpoint'. */
  onInstruction: ((cpu: Cpu) => boolean) | undefined = undefined;

  /**
   * Per-cycle bus activity, for conformance tests and lessons: while this is an array, run() goes through
   * the checked loop and appends one [address, value, 'read' | 'write'] per clock cycle, dummy reads and
   * writes included (see engine/cycle-log.ts). Slow; leave undefined for normal running.
   */
  cycleLog: BusCycle[] | undefined = undefined;

  /**
   * A periodic write run() makes itself when makesPeriodicPokes is true: each write due when an instruction
   * ends (or when the run stops) is made then. Otherwise the caller stops its runs at `next` and writes.
   */
  periodicPoke: PeriodicPoke | undefined = undefined;

  /** Why the last run() returned. */
  stopReason: StopReason = 'budget';
  /** Address of the instruction executing, or the last one executed. */
  instructionStart = 0;
  /** A JAM opcode (or the 65C02's STP) halted the chip; only reset() starts it again. */
  jammed = false;
  /** The 65C02's WAI: no instruction runs until IRQ or NMI is asserted (time still passes). */
  waiting = false;
  options: Required<CpuOptions>;

  // --- The variant, fixed at construction. execute.ts and its helpers read these; the generated loop of each
  // variant has them folded in as constants (scripts/generate-loops.ts), so they cost the NMOS loop nothing.
  readonly variant: CpuVariant;
  /** The CMOS 65C02's behaviour (variants.ts). */
  readonly cmos: boolean;
  /** Whether D switches ADC and SBC to decimal (not on the 2A03). */
  readonly decimalMode: boolean;
  /** Base cycles by opcode for this variant. */
  readonly baseCycles: Uint8Array;
  /** 1 for the opcodes teaching mode stops before, on this variant. */
  readonly teachingStops: Uint8Array;
  /** @internal This variant's generated loops. */
  readonly engine: Engine;

  // --- Between-instruction events. The run loop compares `cycles < runLimit` once per instruction and
  // nothing else; anything that needs attention (NMI, IRQ, a stop request) drops runLimit so the loop
  // falls out to its slow path. That keeps interrupts free when none are happening.
  /**
   * @internal The lean loop runs while cycles < runLimit. Starts as -Infinity, a double, so V8 never has
   * to change this field's representation later (that would make every Cpu access polymorphic).
   */
  runLimit = -Infinity;
  /** @internal An NMI edge arrived and has not been taken yet. */
  nmiPending = false;
  /** @internal CLI/PLP cleared I with IRQ asserted: the chip runs one more instruction before taking it. */
  irqDelayed = false;
  /**
   * @internal Set by the run loop while that one more instruction is next (irqDelayed was just used up): a
   * run that stops before it (a BRK that stops, a breakpoint) sets irqDelayed again, so stopping changes nothing.
   */
  irqHeldBack = false;
  /** @internal requestStop() was called and no run() has returned for it yet. */
  stopRequested = false;
  private irqLevel = 0;

  constructor(options: CpuOptions = {}, bus?: Bus) {
    this.cycles = 0;
    this.instructions = 0;
    this.options = { ...DEFAULT_OPTIONS, ...options };
    const variant = VARIANTS[this.options.variant];
    this.variant = variant.name;
    this.cmos = variant.cmos;
    this.decimalMode = variant.decimalMode;
    this.baseCycles = variant.baseCycles;
    this.teachingStops = variant.teachingStops;
    this.engine = ENGINES[variant.name];
    this.wasm = this.options.core === 'wasm' ? new WasmCore(this) : undefined;
    this.memory = this.wasm?.memory ?? new Uint8Array(0x10000);
    this.readHooks = this.wasm?.readHooks ?? new Uint8Array(256);
    this.writeHooks = this.wasm?.writeHooks ?? new Uint8Array(256);
    this.bus = bus ?? ramBus(this.memory);
    // Only the TypeScript lean loop needs warming; a wasm Cpu runs it only with zero page hooked (see usesWasm).
    if (this.wasm === undefined) this.warmUpLeanLoop();
  }

  /** Warms the TypeScript lean loop of this variant up, once per process (engine/warm-up.ts says why). */
  private warmUpLeanLoop(): void {
    if (warmedUp.has(this.variant)) return;
    warmedUp.add(this.variant); // first, so the scratch CPU below does not warm up again
    warmUpLeanLoop(new Cpu({ variant: this.variant }));
  }

  /** Level-sensitive IRQ: one bit per device, any bit set = asserted. Taken while I is clear. */
  get irqLine(): number {
    return this.irqLevel;
  }

  set irqLine(level: number) {
    this.irqLevel = level;
    if (level !== 0) this.runLimit = -Infinity; // look at it before the next instruction
  }

  /** RESET: SP=$FD, I set (and D clear on the 65C02), PC from $FFFC, 7 cycles. Clears a jam, a pending NMI and a pending stop request. */
  reset(): void {
    this.jammed = false;
    this.waiting = false;
    this.nmiPending = false;
    this.irqDelayed = false;
    this.stopRequested = false;
    resetSequence(this);
    this.instructionStart = this.pc;
  }

  /** An NMI edge: taken before the next instruction, whatever I says. */
  nmi(): void {
    this.nmiPending = true;
    this.runLimit = -Infinity;
  }

  /** Makes the current run() return 'stop-requested' before its next instruction (or the next run(), if none is running). */
  requestStop(): void {
    this.stopRequested = true;
    this.runLimit = -Infinity;
  }

  /**
   * Runs whole instructions until at least `budget` more cycles have passed or something stops it;
   * returns (and stores in stopReason) why. The lean loop (execute.ts runLean, as generated with its helpers
   * inlined) is used unless a debugger instrumented the CPU or teaching mode must stop before undocumented
   * opcodes (then the generated checked loop, which asks engine/checked-loop.ts before each instruction), or a
   * cycle log is kept (then engine/checked-loop.ts steps one instruction at a time).
   */
  run(budget: number): StopReason {
    if (this.cycleLog !== undefined) return runChecked(this, budget);
    if (!this.runsLean()) return this.engine.checked(this, budget);
    // Long runs go in chunks (see LEAN_CHUNK_CYCLES); stopping points are the same as one long call's.
    const end = this.cycles + budget;
    const wasm = this.usesWasm ? this.wasm : undefined;
    if (wasm === undefined && this.wasm !== undefined) this.warmUpLeanLoop();
    const lean = this.engine.lean;
    for (;;) {
      const chunk = Math.min(LEAN_CHUNK_CYCLES, end - this.cycles);
      const reason = wasm === undefined ? lean(this, chunk) : wasm.run(chunk);
      if (reason !== 'budget' || this.cycles >= end) return reason;
    }
  }

  /** Whether run() uses the lean loop (see run()). */
  private runsLean(): boolean {
    return this.cycleLog === undefined && !this.instrumented && this.options.undocumented !== 'stop';
  }

  /**
   * Whether run()'s lean loop is the wasm core: when the Cpu has one, unless zero page is hooked (a device or
   * a debugger's watchpoint there). The wasm loop calls out to TypeScript for every access to a hooked page,
   * and almost every program uses zero page all the time; there the TypeScript loop, whose bus calls V8 can
   * inline, is several times faster (docs/cpu.md). Both loops share this Cpu's memory, hooks and registers.
   */
  private get usesWasm(): boolean {
    return this.wasm !== undefined && (this.readHooks[0]! | this.writeHooks[0]!) === 0;
  }

  /** Whether run() makes periodicPoke's writes itself: on the wasm core's lean loop only. */
  get makesPeriodicPokes(): boolean {
    return this.usesWasm && this.runsLean();
  }

  /** Exactly one instruction, or one interrupt entry if one is due; returns the cycles it took (0 if stopped). */
  step(): number {
    const before = this.cycles;
    this.run(1);
    return this.cycles - before;
  }
}
