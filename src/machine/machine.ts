/**
 * A whole computer around the Cpu: 64 KiB of RAM, the device page at $F000–$F0FF, and a run loop that
 * hands the CPU long slices ending exactly where a device has something to do next.
 *
 * Speed comes from staying out of the CPU's way. RAM is the CPU's own `memory` array; only page $F0 is
 * flagged in `readHooks`/`writeHooks`, so only device registers go through {@link Machine.bus}. Devices that
 * act on their own (the timer, the random byte) are scheduled events: `run` asks the CPU for as many cycles
 * as remain until the next one, services it, and goes on. Under the default preset nothing runs per
 * instruction; the easy6502 preset switches the CPU to its instrumented loop to refresh $FE every step.
 *
 * Invariant: whenever `run` or `step` returns, every event due at or before `cpu.cycles` has been serviced.
 * That makes runs independent of how a caller slices them, so a debugger replaying from a snapshot sees the
 * same random bytes, timer interrupts and console input at the same instructions.
 */
import type { RegistersAndCycles } from '../cpu/registers.js';
import { Cpu } from '../cpu/cpu.js';
import { wasmCoreAvailable } from '../cpu/engine/wasm-core.js';
import type { CpuOptions, StopReason } from '../cpu/cpu.js';
import type { Bus } from '../cpu/bus.js';
import type { ConsoleIo } from './io.js';
import { silentIo } from './io.js';
import { ConsoleDevice } from './devices/console.js';
import type { ConsoleState } from './devices/console.js';
import { ExitPortDevice } from './devices/exit-port.js';
import type { ExitPortState } from './devices/exit-port.js';
import { TIMER_IRQ_BIT, TimerDevice } from './devices/timer.js';
import type { TimerState } from './devices/timer.js';
import { RandomByte, pressKey } from './devices/easy6502-inputs.js';
import type { RandomState } from './devices/easy6502-inputs.js';
import {
  CONSOLE_IN,
  CONSOLE_OUT,
  CONSOLE_STATUS,
  EXIT_PORT,
  IO_PAGE,
  TIMER_PERIOD_LOW,
  TIMER_STATUS,
} from './memory-map.js';
import { PRESETS, RANDOM_REFRESH_CYCLES } from './presets.js';
import type { MachinePreset, PresetName } from './presets.js';

/**
 * Why {@link Machine.run} returned. `budget`: the cycles asked for have passed and nothing else happened.
 * `exit`: the program wrote to the exit port. `paused`: {@link Machine.pause} was called (by a hook or a
 * device's host). The rest come straight from the CPU.
 */
export type MachineStopReason = 'budget' | 'exit' | 'paused' | 'brk' | 'trap' | 'jam' | 'undocumented' | 'breakpoint';

export interface MachineStop {
  readonly reason: MachineStopReason;
  /** The instruction the stop is about: the BRK, the trapping jump, the JAM, the exit-port store, or PC. */
  readonly address: number;
  /** The value written to the exit port (reason `exit` only). */
  readonly exitCode?: number;
}

export interface MachineOptions {
  readonly preset?: PresetName;
  /** Where console output goes and input comes from; default: no input, output thrown away. */
  readonly io?: ConsoleIo;
  /**
   * Merged over the machine's defaults, which differ from the bare chip's: BRK stops the run (`brk: 'stop'`)
   * and jumps or branches to themselves end it (`detectTraps: true`), because that is how programs end.
   */
  readonly cpuOptions?: CpuOptions;
  /** Seed of the random byte at $FE; the same seed gives the same bytes. */
  readonly randomSeed?: number;
  /**
   * Keep every console input byte so a rewound machine reads it again (default true, what a debugger
   * needs). `moth run` never rewinds and passes false, so endless input (`yes | moth run …`) costs no memory.
   */
  readonly replayableInput?: boolean;
}

/** Called before each instruction while instrumented; returning true stops the run with reason `breakpoint`. */
export type InstructionHook = (cpu: Cpu) => boolean;

/** Everything needed to put the machine back exactly where it was: structured-clone-able plain data. */
export interface MachineState {
  readonly cpu: RegistersAndCycles & {
    readonly instructions: number;
    readonly jammed: boolean;
    readonly irqLine: number;
    readonly instructionStart: number;
    /** An NMI edge not yet taken, and the one-instruction IRQ delay after CLI/PLP: both shape what runs next. */
    readonly nmiPending: boolean;
    readonly irqDelayed: boolean;
  };
  readonly memory: Uint8Array;
  readonly console: ConsoleState;
  readonly timer: TimerState;
  readonly exitPort: ExitPortState;
  readonly random: RandomState;
}

/** An assembler result as far as loading goes (the machine layer does not import the assembler). */
export interface LoadableProgram {
  readonly image: { readonly start: number; readonly bytes: Uint8Array } | undefined;
}

const MEMORY_SIZE = 0x10000;

export class Machine {
  readonly cpu: Cpu;
  readonly preset: MachinePreset;
  /** The bus the CPU uses for page $F0 (and everyone else may use for side-effect-free `peek`). */
  readonly bus: Bus;
  readonly console: ConsoleDevice;
  readonly timer: TimerDevice;
  readonly exitPort: ExitPortDevice;
  readonly random: RandomByte;

  private hook: InstructionHook | undefined;
  private wantInstrumented = false;
  private nextRandomCycle = Infinity;
  private rescheduleRequested = false;
  private pauseRequested = false;

  constructor(options: MachineOptions = {}) {
    this.preset = PRESETS[options.preset ?? 'default'];
    // The WebAssembly core runs the program wherever no per-instruction check is needed (cpu.ts run()).
    this.cpu = new Cpu({ brk: 'stop', detectTraps: true, core: wasmCoreAvailable() ? 'wasm' : 'js', ...options.cpuOptions });
    const cpu = this.cpu;
    this.console = new ConsoleDevice(options.io ?? silentIo(), () => cpu.cycles, options.replayableInput ?? true);
    this.exitPort = new ExitPortDevice(() => cpu.requestStop());
    this.timer = new TimerDevice({
      clock: () => cpu.cycles,
      setIrq: (asserted) => {
        cpu.irqLine = asserted ? cpu.irqLine | TIMER_IRQ_BIT : cpu.irqLine & ~TIMER_IRQ_BIT;
      },
      reschedule: () => {
        // The slice in progress was sized for the old schedule; end it so run() sizes the next one.
        this.rescheduleRequested = true;
        cpu.requestStop();
      },
    });
    this.random = new RandomByte(options.randomSeed);
    this.bus = this.createBus();
    cpu.bus = this.bus;
    cpu.readHooks[IO_PAGE] = 1;
    cpu.writeHooks[IO_PAGE] = 1;
    this.updateInstrumentation();
    this.scheduleRandom();
  }

  /** Copies bytes into RAM at `address` (no device sees them). Throws RangeError when they do not fit. */
  load(bytes: Uint8Array, address: number): void {
    if (!Number.isInteger(address) || address < 0 || address + bytes.length > MEMORY_SIZE) {
      throw new RangeError(`${bytes.length} bytes do not fit at address ${address}`);
    }
    this.cpu.memory.set(bytes, address);
  }

  /** Loads an assembled program's image; returns its start address, or undefined when it has no bytes. */
  loadAssembly(program: LoadableProgram): number | undefined {
    if (program.image === undefined) return undefined;
    this.load(program.image.bytes, program.image.start);
    return program.image.start;
  }

  /**
   * The reset line: registers as the chip leaves them (PC from $FFFC), devices to power-on, the random
   * generator re-seeded. RAM is kept. `start` then overrides PC, for programs without a reset vector.
   */
  reset(start?: number): void {
    this.timer.reset();
    this.exitPort.reset();
    this.console.reset();
    this.random.reset();
    this.cpu.reset();
    if (start !== undefined) this.cpu.pc = start & 0xffff;
    this.random.refresh(this.cpu.memory);
    this.scheduleRandom();
    this.pauseRequested = false;
    this.rescheduleRequested = false;
  }

  /** Runs until `maxCycles` more cycles have passed (then reason `budget`) or something stops the program. */
  run(maxCycles: number): MachineStop {
    const cpu = this.cpu;
    const end = cpu.cycles + maxCycles;
    this.pauseRequested = false;
    for (;;) {
      const now = cpu.cycles;
      if (now >= end) return { reason: 'budget', address: cpu.pc };
      const sliceEnd = Math.min(end, this.nextEventCycle());
      const reason = cpu.run(sliceEnd - now);
      this.serviceEvents();
      const stop = this.interpret(reason, end);
      if (stop !== undefined) return stop;
    }
  }

  /** Executes one instruction (or the CPU's entry into an interrupt). Reason `budget` means nothing special happened. */
  step(): MachineStop {
    return this.run(1);
  }

  /**
   * The cycle of the next scheduled device event (a timer period ending, the default preset's random-byte
   * refresh), or Infinity. A caller that slices runs itself can end its slices there; it need not, since
   * `run` services events wherever they fall.
   */
  nextEventCycle(): number {
    return Math.min(this.timer.nextEventCycle(), this.nextRandomCycle);
  }

  /** Ends the current run at the next instruction with reason `paused` (call it from a hook or an I/O callback). */
  pause(): void {
    this.pauseRequested = true;
    this.cpu.requestStop();
  }

  /** A byte as a debugger sees it: RAM, or what a device register would read, without side effects. */
  peek(address: number): number {
    return this.bus.peek(address & 0xffff);
  }

  /** Writes a byte as a debugger does: straight into RAM, no device reacts. */
  poke(address: number, value: number): void {
    this.cpu.memory[address & 0xffff] = value & 0xff;
  }

  /** easy6502's keyboard: the key's code appears at $FF. */
  pressKey(code: number): void {
    pressKey(this.cpu.memory, code);
  }

  /**
   * Installs (or removes) a function called before every instruction, e.g. a debugger's breakpoint check.
   * Use this rather than setting `cpu.onInstruction`: the easy6502 preset needs that slot for its random byte.
   */
  setInstructionHook(hook: InstructionHook | undefined): void {
    this.hook = hook;
    this.updateInstrumentation();
  }

  /** True: the CPU runs its instrumented loop (breakpoints honoured, hook called) even without a hook. */
  get instrumented(): boolean {
    return this.cpu.instrumented;
  }

  set instrumented(on: boolean) {
    this.wantInstrumented = on;
    this.updateInstrumentation();
  }

  saveState(): MachineState {
    const cpu = this.cpu;
    return {
      cpu: {
        a: cpu.a,
        x: cpu.x,
        y: cpu.y,
        sp: cpu.sp,
        pc: cpu.pc,
        p: cpu.p,
        cycles: cpu.cycles,
        instructions: cpu.instructions,
        jammed: cpu.jammed,
        irqLine: cpu.irqLine,
        instructionStart: cpu.instructionStart,
        nmiPending: cpu.nmiPending,
        irqDelayed: cpu.irqDelayed,
      },
      memory: cpu.memory.slice(),
      console: this.console.saveState(),
      timer: this.timer.saveState(),
      exitPort: this.exitPort.saveState(),
      random: this.random.saveState(),
    };
  }

  restoreState(state: MachineState): void {
    const cpu = this.cpu;
    const registers = state.cpu;
    cpu.memory.set(state.memory);
    this.console.restoreState(state.console);
    this.timer.restoreState(state.timer);
    this.exitPort.restoreState(state.exitPort);
    this.random.restoreState(state.random);
    cpu.a = registers.a;
    cpu.x = registers.x;
    cpu.y = registers.y;
    cpu.sp = registers.sp;
    cpu.pc = registers.pc;
    cpu.p = registers.p;
    cpu.cycles = registers.cycles;
    cpu.instructions = registers.instructions;
    cpu.jammed = registers.jammed;
    cpu.irqLine = registers.irqLine;
    cpu.instructionStart = registers.instructionStart;
    cpu.nmiPending = registers.nmiPending;
    cpu.irqDelayed = registers.irqDelayed;
    if (cpu.nmiPending || cpu.irqDelayed) cpu.runLimit = -Infinity; // as cpu.nmi() does: look before the next instruction
    this.scheduleRandom();
    this.pauseRequested = false;
    this.rescheduleRequested = false;
  }

  /** Turns a CPU stop into a machine stop, or undefined when the run should simply go on. */
  private interpret(reason: StopReason, end: number): MachineStop | undefined {
    const cpu = this.cpu;
    switch (reason) {
      case 'budget':
        return undefined;
      case 'stop-requested': {
        const exitCode = this.exitPort.exitCode;
        if (exitCode !== undefined) {
          this.exitPort.exitCode = undefined;
          return { reason: 'exit', address: cpu.instructionStart, exitCode };
        }
        if (this.pauseRequested) {
          this.pauseRequested = false;
          this.rescheduleRequested = false;
          return { reason: 'paused', address: cpu.pc };
        }
        this.rescheduleRequested = false;
        return undefined;
      }
      case 'trap':
        if (this.waitingForInterrupt()) {
          const afterWaiting = this.runUntilNextEvent(end);
          return afterWaiting === 'budget' ? undefined : this.interpret(afterWaiting, end);
        }
        return { reason: 'trap', address: cpu.instructionStart };
      case 'jam':
        return { reason: 'jam', address: cpu.instructionStart };
      case 'brk':
      case 'undocumented':
      case 'breakpoint':
        // These stop before the instruction executes, so PC is the instruction's address.
        return { reason, address: cpu.pc };
    }
  }

  /**
   * A jump to itself with interrupts enabled and the timer armed to raise IRQ is a program waiting for
   * its interrupt, not a finished one (the timer example does exactly this).
   */
  private waitingForInterrupt(): boolean {
    const interruptsEnabled = (this.cpu.p & 0x04) === 0; // the I flag
    return interruptsEnabled && this.timer.raisesIrq() && Number.isFinite(this.timer.nextEventCycle());
  }

  /** Keeps looping in place, with trap detection off, until the next scheduled event; exact to the cycle. */
  private runUntilNextEvent(end: number): StopReason {
    const cpu = this.cpu;
    const detect = cpu.options.detectTraps;
    cpu.options.detectTraps = false;
    try {
      const sliceEnd = Math.min(end, this.nextEventCycle());
      const reason = sliceEnd > cpu.cycles ? cpu.run(sliceEnd - cpu.cycles) : 'budget';
      this.serviceEvents();
      return reason;
    } finally {
      cpu.options.detectTraps = detect;
    }
  }

  private serviceEvents(): void {
    const now = this.cpu.cycles;
    if (now >= this.timer.nextEventCycle()) this.timer.service(now);
    if (now >= this.nextRandomCycle) {
      this.random.refresh(this.cpu.memory);
      this.scheduleRandom();
    }
  }

  /** The next refresh of $FE: the next multiple of the refresh period, so it depends on the cycle count only. */
  private scheduleRandom(): void {
    this.nextRandomCycle = this.preset.randomEveryInstruction
      ? Infinity
      : (Math.floor(this.cpu.cycles / RANDOM_REFRESH_CYCLES) + 1) * RANDOM_REFRESH_CYCLES;
  }

  private updateInstrumentation(): void {
    const cpu = this.cpu;
    const hook = this.hook;
    const memory = cpu.memory;
    const random = this.random;
    if (this.preset.randomEveryInstruction) {
      cpu.onInstruction = hook === undefined
        ? () => {
            random.refresh(memory);
            return false;
          }
        : (current) => {
            random.refresh(memory);
            return hook(current);
          };
      cpu.instrumented = true;
    } else {
      cpu.onInstruction = hook;
      cpu.instrumented = hook !== undefined || this.wantInstrumented;
    }
  }

  private createBus(): Bus {
    const memory = this.cpu.memory;
    const console = this.console;
    const timer = this.timer;
    const exitPort = this.exitPort;
    return {
      read(address: number): number {
        if (address >> 8 !== IO_PAGE) return memory[address]!;
        if (address === CONSOLE_IN || address === CONSOLE_STATUS) return console.read(address);
        if (address >= TIMER_PERIOD_LOW && address <= TIMER_STATUS) return timer.read(address);
        return 0; // unused device registers read as zero
      },
      write(address: number, value: number): void {
        if (address >> 8 !== IO_PAGE) {
          memory[address] = value;
          return;
        }
        if (address === CONSOLE_OUT) console.write(address, value);
        else if (address === EXIT_PORT) exitPort.write(address, value);
        else if (address >= TIMER_PERIOD_LOW && address <= TIMER_STATUS) timer.write(address, value);
      },
      peek(address: number): number {
        if (address >> 8 !== IO_PAGE) return memory[address]!;
        if (address === CONSOLE_IN || address === CONSOLE_STATUS) return console.peek(address);
        if (address >= TIMER_PERIOD_LOW && address <= TIMER_STATUS) return timer.peek(address);
        return 0;
      },
    };
  }
}
