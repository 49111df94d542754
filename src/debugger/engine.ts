/**
 * The forward engine of a debug session: runs the machine towards a goal (a number of instructions, a
 * cycle limit, a target address, the end of a subroutine) and says why it stopped, as cheaply as the goal
 * allows. Free runs use the CPU's lean loop whenever nothing needs a per-instruction look; breakpoints run
 * as BRK patches on the lean loop, or switch on the instrumented loop when they cannot be patched;
 * watchpoints wrap only the bus pages they cover (debug-bus.ts). Replays and reverse-search segments
 * (time-travel.ts) run through here too, so every way forward executes the program the same way.
 */
import type { Cpu, CpuOptions } from '../cpu/cpu.js';
import { VARIANTS } from '../cpu/variants.js';
import { interruptDue } from '../cpu/interrupts.js';
import type { Machine, MachineStop } from '../machine/machine.js';
import type { BreakpointTable } from './breakpoints.js';
import type { EvaluationContext } from './conditions.js';
import { DebugBus } from './debug-bus.js';
import type { DebugEvent, MemoryAccess, StopReason } from './events.js';
import type { OutsideInput } from './history.js';
import type { ProgramView } from './program-view.js';
import type { BreakOn } from './session-types.js';
import type { TimeTravel } from './time-travel.js';
import { traceLine } from './trace.js';

/** What a forward run is after; `execute` stops at the first of these or at anything else that stops it. */
export interface Goal {
  /** Stop (reason `step`) when the instruction count reaches this. */
  readonly instructionLimit: number;
  /** Stop when the cycle count reaches this (reason `limit`, or undefined for a slice). */
  readonly cycleLimit: number;
  readonly limitReason: 'limit' | 'slice';
  /** Stop before executing at any of these addresses (`until`, `run to`, step over's return). */
  readonly targets?: ReadonlySet<number>;
  /** With `targets`: stop there only when SP is at least this (step over: back in the caller's frame). */
  readonly targetMinSp?: number;
  /** Step out: stop after an RTS/RTI executed with SP at least this. */
  readonly finishSp?: number;
}

/** The switches a face flips on the session, read by the engine on every run. */
export interface EngineSettings {
  /** Emit a trace event per executed instruction (slower: runs the instrumented loop). */
  trace: boolean;
  /** Breakpoints at instruction starts run as BRK patches on the lean loop (see DebugSession.patchBreakpoints). */
  patchBreakpoints: boolean;
  readonly breakOn: BreakOn;
}

/** A breakpoint or watchpoint hit a reverse search found: the moment it stops at, and why. */
export interface SearchHit {
  readonly instructions: number;
  readonly cycles: number;
  readonly reason: StopReason;
}

/** What a reverse search collects while it re-runs one stretch of history. */
interface Search {
  /** 1 at enabled breakpoint addresses. */
  readonly flags: Uint8Array;
  /** Breakpoints patched in as BRKs, or undefined when the instrumented loop checks every instruction. */
  readonly patches: number[] | undefined;
  /** Hits before this cycle count count (the end of the stretch being re-run). */
  end: number;
  hits: SearchHit[];
  /** A watchpoint hit waiting for its instruction to finish (the moment it stops at is right after it). */
  pendingWatch: StopReason | undefined;
  undo: () => void;
}

/** Everything the engine works with, owned by the session. */
export interface EngineParts {
  readonly machine: Machine;
  readonly table: BreakpointTable;
  readonly timeTravel: TimeTravel;
  readonly view: ProgramView;
  readonly settings: EngineSettings;
  readonly context: EvaluationContext;
  readonly emit: (event: DebugEvent) => void;
}

// Opcodes step out looks at; local constants because they run per instruction.
const RTS = 0x60;
const RTI = 0x40;

export class ForwardEngine {
  private readonly machine: Machine;
  private readonly cpu: Cpu;
  private readonly table: BreakpointTable;
  private readonly timeTravel: TimeTravel;
  private readonly view: ProgramView;
  private readonly settings: EngineSettings;
  private readonly context: EvaluationContext;
  private readonly emit: (event: DebugEvent) => void;
  readonly bus: DebugBus;
  /** The CPU options the program runs with; a run may change brk/undocumented and puts them back. */
  readonly baseOptions: Required<CpuOptions>;

  // Per-instruction hook state (see `beforeInstruction`).
  private goal: Goal | undefined;
  private hookInstruction = -1;
  private hookPc = -1;
  private hookStop: StopReason | undefined;
  private returnExecuted = false;
  private previousOpcode = -1;
  private previousSp = -1;
  private previousPc = -1;
  /** Set by the watch bus when an access triggers a watchpoint. */
  private watchStop: StopReason | undefined;
  private search: Search | undefined;
  private flagsVersion = -1;
  private flagTargets: ReadonlySet<number> | undefined;
  private installedHook: ((cpu: Cpu) => boolean) | undefined;
  private installedInstrumented = false;

  constructor(parts: EngineParts) {
    this.machine = parts.machine;
    this.cpu = parts.machine.cpu;
    this.table = parts.table;
    this.timeTravel = parts.timeTravel;
    this.view = parts.view;
    this.settings = parts.settings;
    this.context = parts.context;
    this.emit = parts.emit;
    this.baseOptions = { ...this.cpu.options };
    this.bus = new DebugBus(parts.machine, parts.table, (address, access, value, previous) =>
      this.watchAccess(address, access, value, previous),
    );
  }

  /**
   * Runs forward towards `goal`. Returns why it stopped, or undefined when a slice simply used its cycles.
   * `skipFirst`: the instruction at PC runs without breakpoint checks (a command resumes from a stop there).
   */
  execute(goal: Goal, skipFirst = true): StopReason | undefined {
    const cpu = this.cpu;
    const machine = this.machine;
    const { breakOn } = this.settings;
    const startCycles = cpu.cycles;
    this.goal = goal;
    this.hookStop = undefined;
    this.watchStop = undefined;
    if (skipFirst) {
      // A new command; a later slice of the same free run keeps what the hook has seen (an RTS just executed).
      this.returnExecuted = false;
      this.hookInstruction = -1;
      this.previousOpcode = -1;
    }
    const perInstruction = this.settings.trace || breakOn.stack || goal.finishSp !== undefined;
    const checked = perInstruction || this.table.hasEnabledBreakpoints || goal.targets !== undefined;
    this.syncBreakpointFlags(goal.targets);
    // Breakpoints cost least as patched-in BRKs on the lean loop; the instrumented loop is the fallback.
    const patches = perInstruction || !checked ? undefined : this.patchableAddresses(goal.targets);
    const instrumented = checked && patches === undefined;
    // Runs whose first instruction the CPU would not check must end at machine events (see `budget`).
    const chunked = instrumented || breakOn.undocumented;
    this.configureMachine(perInstruction ? this.hook : instrumented ? this.breakpointHook : undefined, instrumented);
    const restoreBus = this.bus.install(patches ?? []);
    cpu.options.brk = breakOn.brk ? 'stop' : this.baseOptions.brk;
    cpu.options.undocumented = breakOn.undocumented ? 'stop' : this.baseOptions.undocumented;
    try {
      let skip = skipFirst;
      for (;;) {
        if (cpu.instructions >= goal.instructionLimit) return { kind: 'step' };
        if (cpu.cycles >= goal.cycleLimit) {
          return goal.limitReason === 'slice' ? undefined : { kind: 'limit', cycles: cpu.cycles - startCycles };
        }
        this.timeTravel.checkpointIfDue();
        // Where an interrupt entry comes first, the instruction at PC is not next: nothing to check yet, and
        // the entry runs alone, so the handler's first instruction is checked next round (a run never checks
        // its own first instruction, which that one would be).
        const entry = checked && interruptDue(cpu) !== undefined;
        if (!skip && !entry) {
          const stop = this.checkBeforeInstruction(goal, checked, perInstruction);
          if (stop !== undefined) return stop;
        }
        this.checkedAt = cpu.cycles;
        let stop: MachineStop;
        if (entry) {
          stop = machine.run(1);
        } else if (skip || (checked && cpu.breakpoints[cpu.pc] !== 0)) {
          stop = this.executeOne(skip);
        } else if (patches !== undefined) {
          stop = this.bus.runPatched(patches, this.budget(goal, chunked));
        } else {
          stop = machine.run(this.budget(goal, chunked));
        }
        skip = false;
        this.timeTravel.reached();
        // Re-running an old timeline: its inputs, at their moments. Before a stop is interpreted too, since
        // the state at a moment includes the inputs given there (a step ending in a trap stop still gets them).
        this.timeTravel.applyDueInputs();
        const reason = this.interpret(stop);
        if (reason !== undefined) return reason;
      }
    } finally {
      restoreBus();
      // The hook and the instrumented flag stay as they are until the next run wants otherwise (replays and
      // reverse searches set their own), so a face's run of slices does not rebuild them every slice.
      cpu.options.brk = this.baseOptions.brk;
      cpu.options.undocumented = this.baseOptions.undocumented;
      this.goal = undefined;
    }
  }

  /** `execute` for commands, whose goals always end in a stop. */
  executeToStop(goal: Goal): StopReason {
    return this.execute(goal) ?? { kind: 'limit', cycles: 0 };
  }

  /** Sets the machine up for a replay: the lean loop, no checks, no trap detection, undocumented opcodes run. */
  beginReplay(): void {
    const cpu = this.cpu;
    this.configureMachine(undefined, false);
    this.savedDetectTraps = cpu.options.detectTraps;
    cpu.options.detectTraps = false;
    cpu.options.undocumented = 'execute'; // the timeline went past them
  }

  endReplay(): void {
    this.cpu.options.detectTraps = this.savedDetectTraps;
    this.cpu.options.undocumented = this.baseOptions.undocumented;
  }

  private savedDetectTraps = false;
  /** The cycle count at which execute last checked the instruction at PC itself (see breakpointInsideRun). */
  private checkedAt = -1;

  /**
   * Prepares reverse-search runs: breakpoints alone are patched in as BRKs (a stop per hit); watchpoints need
   * to know which instruction made an access, so the instrumented loop's hook checks breakpoints then.
   */
  beginSearch(): void {
    const cpu = this.cpu;
    const flags = new Uint8Array(0x10000);
    this.table.markAddresses(flags);
    cpu.breakpoints.fill(0);
    this.flagsVersion = -1;
    const patches = this.table.hasEnabledWatchpoints ? undefined : this.patchableAddresses(undefined);
    this.beginReplay();
    this.configureMachine(patches === undefined ? this.hook : undefined, false);
    const restoreBus = this.bus.install(patches ?? []);
    this.search = { flags, patches, end: 0, hits: [], pendingWatch: undefined, undo: restoreBus };
    this.hookInstruction = -1;
  }

  /** One run of a reverse search, at most `budget` cycles; hits before cycle `end` are collected. */
  searchRun(budget: number, end: number): void {
    const search = this.search!;
    const cpu = this.cpu;
    search.end = end;
    if (search.patches === undefined) {
      this.machine.run(budget);
    } else if (search.flags[cpu.pc] !== 0 && interruptDue(cpu) === undefined) {
      this.searchBreakpoint(cpu);
      this.machine.run(1); // the real instruction: no patches are in outside runPatched
    } else {
      this.bus.runPatched(search.patches, budget);
    }
    if (search.pendingWatch !== undefined) {
      if (cpu.cycles < end) search.hits.push({ instructions: cpu.instructions, cycles: cpu.cycles, reason: search.pendingWatch });
      search.pendingWatch = undefined;
    }
  }

  /** The hits found since the last call, oldest first. */
  takeHits(): SearchHit[] {
    const search = this.search!;
    const hits = search.hits;
    search.hits = [];
    return hits;
  }

  finishSearch(): void {
    const search = this.search;
    this.search = undefined;
    if (search === undefined) return;
    search.undo();
    this.endReplay();
  }

  /** Applies an outside input to the machine (the recording is time-travel.ts's business). */
  apply(input: OutsideInput): void {
    switch (input.kind) {
      case 'key':
        this.machine.pressKey(input.code);
        break;
      case 'nmi':
        this.cpu.nmi();
        break;
      case 'memory':
        input.bytes.forEach((byte, index) => this.machine.poke(input.address + index, byte));
        break;
      case 'register':
        this.cpu[input.name] = input.value;
        break;
    }
  }

  /**
   * Sets the machine's hook and instrumented flag only when they change: the machine builds a new closure each
   * time (the easy6502 preset wraps the hook), and a new closure per run would make V8 re-optimize the CPU loop.
   */
  configureMachine(hook: ((cpu: Cpu) => boolean) | undefined, instrumented: boolean): void {
    if (hook !== this.installedHook) {
      this.machine.setInstructionHook(hook);
      this.installedHook = hook;
    }
    if (instrumented !== this.installedInstrumented) {
      this.machine.instrumented = instrumented;
      this.installedInstrumented = instrumented;
    }
  }

  /** How many cycles the next `machine.run` may take without overshooting a limit, a checkpoint or an input. */
  private budget(goal: Goal, checked: boolean): number {
    const cpu = this.cpu;
    let budget = goal.cycleLimit - cpu.cycles;
    const history = this.timeTravel.history;
    const newest = history.newest;
    if (newest !== undefined && cpu.cycles >= newest.cycles) {
      budget = Math.min(budget, Math.max(1, newest.cycles + history.options.spacingCycles - cpu.cycles));
    }
    const input = this.timeTravel.nextInputCycles();
    if (input !== undefined) budget = Math.min(budget, Math.max(1, input - cpu.cycles));
    // Every instruction takes at least 2 cycles, so this many cycles cannot run past the instruction limit.
    if (Number.isFinite(goal.instructionLimit)) budget = Math.min(budget, 2 * (goal.instructionLimit - cpu.instructions));
    if (checked) {
      // The CPU skips its checks on the first instruction of every run() call, and the machine splits a run
      // at its device events; ending each run at the next event keeps it to one run() whose first
      // instruction `execute` has already checked itself.
      budget = Math.min(budget, this.nextMachineEvent() - cpu.cycles);
    }
    return Math.max(1, budget);
  }

  /** The cycle of the machine's next scheduled device event (a timer, a serial line, the default preset's random byte). */
  private nextMachineEvent(): number {
    return this.machine.nextEventCycle();
  }

  /**
   * The breakpoint addresses (and run targets) as a list to patch with BRK, or undefined when one of them
   * could be an operand byte of some instruction (patching it would change what that instruction reads):
   * safe are addresses where the debug map puts an instruction or data line, and addresses outside the
   * loaded image.
   */
  private patchableAddresses(targets: ReadonlySet<number> | undefined): number[] | undefined {
    if (!this.settings.patchBreakpoints) return undefined;
    // easy6502's machine runs its per-instruction hook (the random byte) anyway, so patches would save nothing;
    // and a patch is found only after that hook ran, so $FE at the stop would differ from a checked stop's.
    if (this.machine.description.randomByte === 'instruction') return undefined;
    const addresses = new Set<number>(targets ?? []);
    for (const breakpoint of this.table.breakpoints) {
      if (breakpoint.enabled) for (const address of breakpoint.addresses) addresses.add(address);
    }
    for (const address of addresses) {
      if (this.view.inImage(address) && this.view.lineStarts[address] === 0) return undefined;
    }
    return [...addresses];
  }

  /** One instruction with the breakpoint at PC passed over (teaching-mode stops too when `explicit`). */
  private executeOne(explicit: boolean): MachineStop {
    const cpu = this.cpu;
    const pc = cpu.pc;
    const flag = cpu.breakpoints[pc]!;
    cpu.breakpoints[pc] = 0;
    const brk = cpu.options.brk;
    const undocumented = cpu.options.undocumented;
    if (explicit) {
      cpu.options.brk = this.baseOptions.brk;
      cpu.options.undocumented = this.baseOptions.undocumented;
    }
    try {
      return this.machine.run(1);
    } finally {
      cpu.breakpoints[pc] = flag;
      cpu.options.brk = brk;
      cpu.options.undocumented = undocumented;
    }
  }

  /** Keeps the CPU's breakpoint flags equal to the enabled breakpoints plus this run's targets. */
  private syncBreakpointFlags(targets: ReadonlySet<number> | undefined): void {
    if (this.flagsVersion === this.table.layoutVersion && this.flagTargets === targets && targets === undefined) return;
    const flags = this.cpu.breakpoints;
    flags.fill(0);
    this.table.markAddresses(flags);
    if (targets !== undefined) for (const address of targets) flags[address] = 1;
    this.flagsVersion = targets === undefined ? this.table.layoutVersion : -1;
    this.flagTargets = targets;
  }

  /** Everything that stops the machine before the instruction at PC: hook stops, targets, breakpoints, teaching stops. */
  private checkBeforeInstruction(goal: Goal, checked: boolean, perInstruction: boolean): StopReason | undefined {
    const cpu = this.cpu;
    const { breakOn } = this.settings;
    if (perInstruction) {
      this.beforeInstruction(cpu);
      if (this.hookStop !== undefined) return this.hookStop;
    }
    const pc = cpu.pc;
    if (goal.targets?.has(pc) && (goal.targetMinSp === undefined || cpu.sp >= goal.targetMinSp)) {
      return { kind: 'run-to', address: pc };
    }
    if (checked && cpu.breakpoints[pc] !== 0) {
      const version = this.table.version;
      const hit = this.table.breakpointHit(pc, this.context, cpu.cycles);
      // Only a counted hit changes what a breakpoints pane shows; a false condition changes nothing.
      if (this.table.version !== version) this.emit({ type: 'breakpoints' });
      if (hit !== undefined) return { kind: 'breakpoint', id: hit.id, address: pc };
    }
    const opcode = cpu.memory[pc]!;
    if (breakOn.undocumented && VARIANTS[cpu.variant].teachingStops[opcode] !== 0) return { kind: 'undocumented', address: pc, opcode };
    if (breakOn.brk && opcode === 0x00) return { kind: 'brk', address: pc };
    return undefined;
  }

  /** The per-instruction hook: trace, stack wrap check, step out. Idempotent per instruction. */
  private readonly hook = (cpu: Cpu): boolean => {
    this.beforeInstruction(cpu);
    return this.hookStop !== undefined || this.breakpointInsideRun(cpu);
  };

  /** The hook of checked runs: only {@link breakpointInsideRun}. */
  private readonly breakpointHook = (cpu: Cpu): boolean => this.breakpointInsideRun(cpu);

  /**
   * The CPU never checks the first instruction of its run() for a breakpoint (a resumed command must move
   * on); but one machine run calls the CPU again after each device event, so the first instruction of such a
   * call (a timer interrupt's handler, say) would go unchecked. Asked before every instruction (for others
   * the CPU's own check comes first): at a breakpoint execute did not check itself, pause, so execute's loop
   * checks it (condition, hit count) and stops or goes on.
   */
  private breakpointInsideRun(cpu: Cpu): boolean {
    if (this.search !== undefined || this.goal === undefined) return false;
    if (cpu.breakpoints[cpu.pc] === 0 || cpu.cycles === this.checkedAt) return false;
    this.machine.pause();
    return true;
  }

  private beforeInstruction(cpu: Cpu): void {
    if (this.hookInstruction === cpu.instructions && this.hookPc === cpu.pc) return;
    this.hookInstruction = cpu.instructions;
    this.hookPc = cpu.pc;
    if (this.hookStop !== undefined) return;
    if (this.search !== undefined) {
      this.searchBreakpoint(cpu);
      return;
    }
    const goal = this.goal;
    const { breakOn } = this.settings;
    if (this.returnExecuted) {
      this.hookStop = { kind: 'step' };
      return;
    }
    if (breakOn.stack && this.previousOpcode >= 0) {
      if (VARIANTS[cpu.variant].rows[this.previousOpcode]!.stack === 'push' && cpu.sp > this.previousSp) {
        this.hookStop = { kind: 'stack', direction: 'overflow', address: this.previousPc };
        return;
      }
      if (VARIANTS[cpu.variant].rows[this.previousOpcode]!.stack === 'pull' && cpu.sp < this.previousSp) {
        this.hookStop = { kind: 'stack', direction: 'underflow', address: this.previousPc };
        return;
      }
    }
    const opcode = cpu.memory[cpu.pc]!;
    this.previousOpcode = opcode;
    this.previousSp = cpu.sp;
    this.previousPc = cpu.pc;
    if (goal?.finishSp !== undefined && (opcode === RTS || opcode === RTI) && cpu.sp >= goal.finishSp) {
      this.returnExecuted = true;
    }
    if (this.settings.trace) {
      this.emit({ type: 'trace', line: traceLine((address) => this.machine.peek(address), cpu, this.view.labelsByAddress) });
    }
  }

  private searchBreakpoint(cpu: Cpu): void {
    const search = this.search!;
    if (search.flags[cpu.pc] === 0 || cpu.cycles >= search.end) return;
    for (const hit of this.table.breakpointsHitAt(cpu.pc, this.context)) {
      search.hits.push({ instructions: cpu.instructions, cycles: cpu.cycles, reason: { kind: 'breakpoint', id: hit.id, address: cpu.pc } });
    }
  }

  private watchAccess(address: number, access: MemoryAccess, value: number, previous: number | undefined): void {
    const search = this.search;
    const hit = this.table.watchpointHit(address, access, this.context, search === undefined);
    if (hit === undefined) return;
    const reason: StopReason = {
      kind: 'watchpoint',
      id: hit.id,
      address,
      access,
      value,
      ...(previous === undefined ? {} : { previous }),
    };
    if (search !== undefined) {
      // The moment it stops at is right after this instruction: the run pauses there (see searchRun).
      search.pendingWatch ??= reason;
      this.machine.pause();
      return;
    }
    if (this.watchStop === undefined) {
      this.watchStop = reason;
      this.machine.pause();
    }
  }

  /** Turns a machine stop into a session stop, or undefined when the run should go on. */
  private interpret(stop: MachineStop): StopReason | undefined {
    if (this.watchStop !== undefined) return this.watchStop;
    if (this.hookStop !== undefined && stop.reason !== 'exit') return this.hookStop;
    const cpu = this.cpu;
    switch (stop.reason) {
      case 'budget':
      case 'breakpoint': // the loop's own check decides at the top of the next round
      case 'paused':
        return undefined;
      case 'exit':
        return { kind: 'exit', code: stop.exitCode ?? 0 };
      case 'brk':
        return { kind: 'brk', address: stop.address };
      case 'undocumented':
        return { kind: 'undocumented', address: stop.address, opcode: cpu.memory[stop.address]! };
      case 'jam':
        return { kind: 'jam', address: stop.address, opcode: cpu.memory[stop.address]! };
      case 'trap':
        return { kind: 'trap', address: stop.address };
    }
  }
}
