/**
 * A whole computer around the Cpu, built from a {@link MachineDescription}: memory regions, devices at their
 * base addresses with their interrupt wiring, the console, and a run loop that hands the CPU long slices
 * ending exactly where a device has something to do next.
 *
 * Speed comes from staying out of the CPU's way. RAM is the CPU's own `memory` array; only pages holding
 * devices (or ROM, mirrors and unmapped space, for writes) are flagged in `readHooks`/`writeHooks`, so only
 * they go through {@link Machine.bus}. Devices that act on their own (timers, serial lines, the random byte)
 * are scheduled events: `run` asks the CPU for as many cycles as remain until the next one, services it, and
 * goes on. Under the default preset nothing runs per instruction; easy6502 switches the CPU to its
 * instrumented loop to refresh $FE every step.
 *
 * Invariant: whenever `run` or `step` returns, every event due at or before `cpu.cycles` has been serviced.
 * That makes runs independent of how a caller slices them, so a debugger replaying from a snapshot sees the
 * same random bytes, timer interrupts and console input at the same instructions.
 */
import type { RegistersAndCycles } from '../cpu/registers.js';
import { Cpu } from '../cpu/cpu.js';
import { wasmCoreAvailable } from '../cpu/engine/wasm-core.js';
import type { CpuOptions, PeriodicPoke, StopReason } from '../cpu/cpu.js';
import type { Bus } from '../cpu/bus.js';
import type { ConsoleIo } from './io.js';
import { silentIo } from './io.js';
import { AddressSpace, Kind } from './address-space.js';
import type { MappedRange } from './address-space.js';
import { ConsoleChannel } from './console-channel.js';
import type { ConsoleChannelState } from './console-channel.js';
import type { MachineDescription } from './description.js';
import { buildDevices } from './device-factory.js';
import type { BuiltDevices } from './device-factory.js';
import type { Device } from './devices/device.js';
import type { Hd44780, Hd44780State } from './devices/lcd-hd44780.js';
import { RandomByte, pressKey } from './devices/easy6502-inputs.js';
import type { RandomState } from './devices/easy6502-inputs.js';
import { PRESETS, RANDOM_REFRESH_CYCLES } from './presets.js';
import { RANDOM_BYTE } from './memory-map.js';
import { hexWord } from '../shared/hex.js';
import type { PresetName } from './presets.js';

/**
 * Why {@link Machine.run} returned. `budget`: the cycles asked for have passed and nothing else happened.
 * `exit`: the program wrote to the exit port. `paused`: {@link Machine.pause} was called (by a hook or a
 * device's host). `input-ended`: stdin has ended, the program took all of it and then went quiet (machines
 * whose console cannot tell the program so). The rest come straight from the CPU.
 */
export type MachineStopReason = 'budget' | 'exit' | 'paused' | 'input-ended' | 'brk' | 'trap' | 'jam' | 'undocumented' | 'breakpoint';

export interface MachineStop {
  readonly reason: MachineStopReason;
  /** The instruction the stop is about: the BRK, the trapping jump, the JAM, the exit-port store, or PC. */
  readonly address: number;
  /** The value written to the exit port (reason `exit` only). */
  readonly exitCode?: number;
}

export interface MachineOptions {
  /** A preset by name (default: `default`); ignored when `description` is given. */
  readonly preset?: PresetName;
  /** The machine to build (a preset's or a machine file's description). */
  readonly description?: MachineDescription;
  /** Where console output goes and input comes from; default: no input, output thrown away. */
  readonly io?: ConsoleIo;
  /**
   * Merged over the machine's defaults, which differ from the bare chip's: BRK stops the run (`brk: 'stop'`)
   * and jumps or branches to themselves end it (`detectTraps: true`), because that is how programs end.
   */
  readonly cpuOptions?: CpuOptions;
  /** Seed of the random byte at $FE; the same seed gives the same bytes. */
  readonly randomSeed?: number;
  /** The CPU's clock in Hz, for devices that count time (serial baud rates, LCD delays); default 1 MHz. */
  readonly clockHz?: number;
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
  readonly console: ConsoleChannelState;
  /** Each device's own state, in the description's order. */
  readonly devices: readonly unknown[];
  readonly lcds: readonly Hd44780State[];
  /** Which devices hold their NMI output asserted (one bit per device), so a restore makes no false edge. */
  readonly nmiLevels: number;
  readonly random: RandomState;
}

/** An assembler result as far as loading goes (the machine layer does not import the assembler). */
export interface LoadableProgram {
  readonly image: { readonly start: number; readonly bytes: Uint8Array } | undefined;
}

export const DEFAULT_CLOCK_HZ = 1_000_000;

export class Machine {
  readonly cpu: Cpu;
  readonly description: MachineDescription;
  /** The bus the CPU uses for hooked pages (and everyone else may use for side-effect-free `peek`). */
  readonly bus: Bus;
  /** The console line: replayable input, output count, line ends. */
  readonly console: ConsoleChannel;
  readonly addressSpace: AddressSpace;
  /** The devices in the description's order (undefined where a description entry has no bus registers). */
  readonly devices: readonly (Device | undefined)[];
  /** Character LCDs hanging on VIA ports, for views and the text shown after a run. */
  readonly lcds: readonly Hd44780[];
  readonly random: RandomByte;

  private readonly built: BuiltDevices;
  /** Devices with events of their own, checked when sizing run slices. */
  private readonly eventDevices: readonly Device[];
  private hook: InstructionHook | undefined;
  private wantInstrumented = false;
  private nextRandomCycle = Infinity;
  /** The periodic random byte as a CPU core writes it (default preset only; see run()). */
  private readonly randomPoke: PeriodicPoke | undefined;
  private pauseRequested = false;
  private nmiLevels = 0;
  private restoring = false;

  constructor(options: MachineOptions = {}) {
    const description = options.description ?? PRESETS[options.preset ?? 'default'];
    this.description = description;
    // The WebAssembly core runs the program wherever no per-instruction check is needed (cpu.ts run()).
    const variant = options.cpuOptions?.variant ?? description.cpu;
    this.cpu = new Cpu({ brk: 'stop', detectTraps: true, core: wasmCoreAvailable(variant) ? 'wasm' : 'js', variant, ...options.cpuOptions });
    const cpu = this.cpu;
    const clock = (): number => cpu.cycles;
    const consoleIo = options.io ?? silentIo();
    this.console = new ConsoleChannel(
      description.console.device === undefined ? silentIo() : consoleIo,
      clock,
      description.console,
      options.replayableInput ?? true,
    );
    this.built = buildDevices(description, {
      clock,
      cpuHz: options.clockHz ?? DEFAULT_CLOCK_HZ,
      channel: this.console,
      requestStop: () => cpu.requestStop(),
      reschedule: () => cpu.requestStop(), // the slice in progress was sized for the old schedule: end it
      setIrq: (slot, asserted) => {
        const bit = 1 << slot;
        cpu.irqLine = asserted ? cpu.irqLine | bit : cpu.irqLine & ~bit;
      },
      setNmi: (slot, asserted) => {
        const bit = 1 << slot;
        const was = (this.nmiLevels & bit) !== 0;
        this.nmiLevels = asserted ? this.nmiLevels | bit : this.nmiLevels & ~bit;
        if (asserted && !was && !this.restoring) cpu.nmi();
      },
    });
    this.devices = this.built.devices;
    this.lcds = this.built.lcds;
    this.eventDevices = this.built.devices.filter((device): device is Device => device?.nextEventCycle !== undefined);
    const ranges: MappedRange[] = [];
    description.devices.forEach((entry, slot) => {
      const device = this.built.devices[slot];
      if (device !== undefined && entry.base !== undefined) ranges.push({ slot, name: entry.name, base: entry.base, size: device.size });
    });
    this.addressSpace = new AddressSpace(description.regions, ranges);
    this.addressSpace.prepare(cpu.memory);
    cpu.readHooks.set(this.addressSpace.readPages);
    cpu.writeHooks.set(this.addressSpace.writePages);
    this.random = new RandomByte(options.randomSeed);
    const random = this.random;
    this.randomPoke = description.randomByte !== 'periodic' ? undefined : {
      address: RANDOM_BYTE,
      period: RANDOM_REFRESH_CYCLES,
      next: Infinity,
      peek: (values) => random.peek(values),
      take: (count) => random.take(count),
    };
    this.bus = this.createBus();
    cpu.bus = this.bus;
    this.updateInstrumentation();
    this.scheduleRandom();
  }

  /** The preset or file this machine was built from (kept under its old name for callers that read `preset`). */
  get preset(): MachineDescription {
    return this.description;
  }

  /**
   * Copies bytes into memory at `address` (no device sees them). Throws an AddressSpaceError naming the
   * addresses when they do not fit or would cover unmapped space; returns warnings for bytes over device
   * registers (see AddressSpace.load).
   */
  load(bytes: Uint8Array, address: number): string[] {
    return this.addressSpace.load(this.cpu.memory, bytes, address, (slot) => this.describeDevice(slot));
  }

  /** Loads an assembled program's image; returns its start address, or undefined when it has no bytes. Warnings (bytes over device registers) are added to `warnings`. */
  loadAssembly(program: LoadableProgram, warnings: string[] = []): number | undefined {
    if (program.image === undefined) return undefined;
    warnings.push(...this.load(program.image.bytes, program.image.start));
    return program.image.start;
  }

  /**
   * The reset line: registers as the chip leaves them (PC from $FFFC, or the machine's fixed start), devices
   * to power-on, the random generator re-seeded. RAM is kept. `start` then overrides PC.
   */
  reset(start?: number): void {
    for (const device of this.devices) device?.reset();
    for (const lcd of this.lcds) lcd.reset();
    this.random.reset();
    this.cpu.reset();
    const rule = this.description.reset;
    const begin = start ?? (rule.kind === 'address' ? rule.address : undefined);
    if (begin !== undefined) this.cpu.pc = begin & 0xffff;
    if (this.description.randomByte !== 'none') this.random.refresh(this.cpu.memory);
    this.scheduleRandom();
    this.pauseRequested = false;
  }

  /** Runs until `maxCycles` more cycles have passed (then reason `budget`) or something stops the program. */
  run(maxCycles: number): MachineStop {
    const cpu = this.cpu;
    const end = cpu.cycles + maxCycles;
    this.pauseRequested = false;
    for (;;) {
      const now = cpu.cycles;
      if (now >= end) return { reason: 'budget', address: cpu.pc };
      // The periodic random byte: written by the CPU core itself where it can (Cpu.periodicPoke), so the run
      // is not cut into 4,096-cycle slices; otherwise the slice ends there and serviceEvents writes it.
      const poke = this.randomPoke !== undefined && cpu.makesPeriodicPokes ? this.randomPoke : undefined;
      const sliceEnd = Math.min(end, poke === undefined ? this.nextEventCycle() : this.nextEventCycle(false));
      let reason: StopReason = 'budget';
      if (sliceEnd > now) {
        if (poke !== undefined) {
          poke.next = this.nextRandomCycle;
          cpu.periodicPoke = poke;
        }
        reason = cpu.run(sliceEnd - now);
        if (poke !== undefined) {
          this.nextRandomCycle = poke.next;
          cpu.periodicPoke = undefined;
        }
      }
      const stop = this.serviceEvents() ?? this.interpret(reason, end);
      if (stop !== undefined) return stop;
    }
  }

  /** Executes one instruction (or the CPU's entry into an interrupt). Reason `budget` means nothing special happened. */
  step(): MachineStop {
    return this.run(1);
  }

  /**
   * The cycle of the next scheduled device event (a timer running out, a serial byte due, the default
   * preset's random-byte refresh, the idle stop after the input ended), or Infinity. A caller that slices
   * runs itself can end its slices there; it need not, since `run` services events wherever they fall.
   */
  nextEventCycle(withRandomRefresh = true): number {
    let next = withRandomRefresh ? this.nextRandomCycle : Infinity;
    for (const device of this.eventDevices) next = Math.min(next, device.nextEventCycle!());
    return Math.min(next, this.idleStopCycle());
  }

  /** Ends the current run at the next instruction with reason `paused` (call it from a hook or an I/O callback). */
  pause(): void {
    this.pauseRequested = true;
    this.cpu.requestStop();
  }

  /** A byte as a debugger sees it: memory, or what a device register would read, without side effects. */
  peek(address: number): number {
    return this.bus.peek(address & 0xffff);
  }

  /** Writes a byte as a debugger does: straight into memory (and its mirrors), no device reacts. */
  poke(address: number, value: number): void {
    this.addressSpace.store(this.cpu.memory, address & 0xffff, value & 0xff);
  }

  /**
   * What answers at `address` on a machine described region by region: a device (`via (via6522)`), `ROM`,
   * `RAM`, `mirror` or `unmapped`; undefined on moth's own machine, whose memory map (memory-map.ts) names it.
   */
  regionName(address: number): string | undefined {
    if (this.description === PRESETS.default || this.description === PRESETS.easy6502) return undefined;
    const at = address & 0xffff;
    const slot = this.addressSpace.slot[at]!;
    if (this.addressSpace.kind[at] === Kind.Device && slot >= 0) {
      const entry = this.description.devices[slot]!;
      return `${entry.name} (${entry.type})`;
    }
    // Later regions win where they overlap (the description's rule), so look from the end.
    const region = [...this.description.regions].reverse().find((candidate) => at >= candidate.start && at <= candidate.end);
    if (region === undefined) return 'RAM';
    return region.kind === 'ram' ? 'RAM' : region.kind === 'rom' ? 'ROM' : region.kind;
  }

  /** The device named `name` in the description, if it has registers on the bus. */
  device(name: string): Device | undefined {
    const slot = this.description.devices.findIndex((entry) => entry.name === name);
    return slot < 0 ? undefined : this.devices[slot];
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
      devices: this.devices.map((device) => device?.saveState()),
      lcds: this.lcds.map((lcd) => lcd.saveState()),
      nmiLevels: this.nmiLevels,
      random: this.random.saveState(),
    };
  }

  restoreState(state: MachineState): void {
    const cpu = this.cpu;
    const registers = state.cpu;
    cpu.memory.set(state.memory);
    this.console.restoreState(state.console);
    this.restoring = true;
    try {
      this.devices.forEach((device, slot) => device?.restoreState(state.devices[slot]));
    } finally {
      this.restoring = false;
    }
    this.lcds.forEach((lcd, index) => lcd.restoreState(state.lcds[index]!));
    this.nmiLevels = state.nmiLevels;
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
  }

  /** "the 6551 'acia' at $5000-$5003": how load errors name a device. */
  private describeDevice(slot: number): string {
    const entry = this.description.devices[slot]!;
    const size = this.devices[slot]?.size ?? 1;
    const base = entry.base ?? 0;
    const range = size > 1 ? `${hexWord(base)}-${hexWord(base + size - 1)}` : hexWord(base);
    return `the ${entry.type} "${entry.name}" at ${range}`;
  }

  /** Turns a CPU stop into a machine stop, or undefined when the run should simply go on. */
  private interpret(reason: StopReason, end: number): MachineStop | undefined {
    const cpu = this.cpu;
    switch (reason) {
      case 'budget':
        return undefined;
      case 'stop-requested': {
        for (const exitPort of this.built.exitPorts) {
          const exitCode = exitPort.exitCode;
          if (exitCode === undefined) continue;
          exitPort.exitCode = undefined;
          return { reason: 'exit', address: cpu.instructionStart, exitCode };
        }
        if (this.pauseRequested) {
          this.pauseRequested = false;
          return { reason: 'paused', address: cpu.pc };
        }
        return undefined;
      }
      case 'trap':
        if (this.waitingForInterrupt()) {
          const afterWaiting = this.runUntilNextEvent(end);
          if (typeof afterWaiting !== 'string') return afterWaiting;
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
   * A jump to itself is a program waiting for an interrupt, not a finished one, when a device has an event
   * coming that may interrupt: one wired to NMI, or to IRQ with interrupts enabled (the timer example and
   * Ben Eater's `loop: jmp loop` do exactly this).
   */
  private waitingForInterrupt(): boolean {
    const interruptsEnabled = (this.cpu.p & 0x04) === 0; // the I flag
    return this.description.devices.some((entry, slot) => {
      const device = this.devices[slot];
      if (device?.nextEventCycle === undefined || !Number.isFinite(device.nextEventCycle())) return false;
      return entry.interrupt === 'nmi' || (entry.interrupt === 'irq' && interruptsEnabled);
    });
  }

  /** Keeps looping in place, with trap detection off, until the next scheduled event; exact to the cycle. */
  private runUntilNextEvent(end: number): StopReason | MachineStop {
    const cpu = this.cpu;
    const detect = cpu.options.detectTraps;
    cpu.options.detectTraps = false;
    try {
      const sliceEnd = Math.min(end, this.nextEventCycle());
      const reason = sliceEnd > cpu.cycles ? cpu.run(sliceEnd - cpu.cycles) : 'budget';
      return this.serviceEvents() ?? reason;
    } finally {
      cpu.options.detectTraps = detect;
    }
  }

  /** Services every device event due by now; a stop when the input has ended and the program went quiet. */
  private serviceEvents(): MachineStop | undefined {
    const now = this.cpu.cycles;
    for (const device of this.eventDevices) {
      if (now >= device.nextEventCycle!()) device.service!(now);
    }
    if (now >= this.nextRandomCycle) {
      this.random.refresh(this.cpu.memory);
      this.scheduleRandom();
    }
    if (now >= this.idleStopCycle()) return { reason: 'input-ended', address: this.cpu.pc };
    return undefined;
  }

  /** When the console's input is over and used up, the cycle at which a quiet program's run ends. */
  private idleStopCycle(): number {
    const idle = this.description.console.idleStopCycles;
    if (idle === undefined || !this.console.inputFinished()) return Infinity;
    return this.console.lastActivity() + idle;
  }

  /** The next refresh of $FE: the next multiple of the refresh period, so it depends on the cycle count only. */
  private scheduleRandom(): void {
    this.nextRandomCycle = this.description.randomByte === 'periodic'
      ? (Math.floor(this.cpu.cycles / RANDOM_REFRESH_CYCLES) + 1) * RANDOM_REFRESH_CYCLES
      : Infinity;
  }

  private updateInstrumentation(): void {
    const cpu = this.cpu;
    const hook = this.hook;
    const memory = cpu.memory;
    const random = this.random;
    if (this.description.randomByte === 'instruction') {
      cpu.onInstruction = hook === undefined
        ? () => {
            random.refreshBefore(memory, cpu.cycles);
            return false;
          }
        : (current) => {
            // The hook first: when it pauses the run (a debugger's breakpoint), the instruction does not run
            // yet, so $FE is refreshed when it does, as at any other stop.
            const stop = hook(current);
            if (!cpu.stopRequested) random.refreshBefore(memory, cpu.cycles);
            return stop;
          };
      cpu.instrumented = true;
    } else {
      cpu.onInstruction = hook;
      cpu.instrumented = hook !== undefined || this.wantInstrumented;
    }
  }

  private createBus(): Bus {
    const memory = this.cpu.memory;
    const space = this.addressSpace;
    const kinds = space.kind;
    const slots = space.slot;
    const offsets = space.offset;
    const devices = this.devices as readonly Device[];
    return {
      read(address: number): number {
        if (kinds[address] !== Kind.Device) return memory[address]!;
        return devices[slots[address]!]!.read(offsets[address]!) & 0xff;
      },
      write(address: number, value: number): void {
        switch (kinds[address]) {
          case Kind.Ram:
            space.store(memory, address, value);
            return;
          case Kind.Device:
            devices[slots[address]!]!.write(offsets[address]!, value);
            return;
          default:
            return; // ROM and unmapped space ignore writes
        }
      },
      peek(address: number): number {
        if (kinds[address] !== Kind.Device) return memory[address]!;
        return devices[slots[address]!]!.peek(offsets[address]!) & 0xff;
      },
    };
  }
}
