// A tiny stand-in for DebugSession with the TUI's shape: four pretend instructions in a loop, so views and the app can be exercised without the real machine.
import type { CpuState, DebugEvent, DebugListener, RegisterName, SourceLocation, StopReason } from '../../../src/debugger/events.js';
import { changedRegisters } from '../../../src/debugger/events.js';
import type { BreakpointInfo, BreakpointTarget, DebugProgram, DisassemblyLine, Result, SliceResult, StackEntry, StepDetail, StopResult } from '../../../src/debugger/session.js';
import type { TuiSession } from '../../../src/tui/session-port.js';

export const FAKE_FILE = 'fake.s';
export const FAKE_SOURCE = [
  '; a pretend program for the TUI tests',
  'start:  lda #$01',
  '        sta $0200',
  '        inx',
  '        jmp start',
].join('\n');

interface FakeInstruction {
  readonly address: number;
  readonly line: number;
  readonly bytes: readonly number[];
  readonly text: string;
  readonly run: (state: Mutable<CpuState>, memory: Uint8Array) => number | undefined; // returns written address
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const PROGRAM: readonly FakeInstruction[] = [
  { address: 0x0600, line: 2, bytes: [0xa9, 0x01], text: 'LDA #$01', run: (s) => { s.a = 1; s.p = s.p & ~0x82; return undefined; } },
  { address: 0x0602, line: 3, bytes: [0x8d, 0x00, 0x02], text: 'STA $0200', run: (s, m) => { m[0x0200] = s.a; return 0x0200; } },
  { address: 0x0605, line: 4, bytes: [0xe8], text: 'INX', run: (s) => { s.x = (s.x + 1) & 0xff; s.p = (s.p & ~0x82) | (s.x === 0 ? 2 : 0) | (s.x & 0x80); return undefined; } },
  { address: 0x0606, line: 5, bytes: [0x4c, 0x00, 0x06], text: 'JMP start', run: () => undefined },
];

const NEXT_PC: Readonly<Record<number, number>> = { 0x0600: 0x0602, 0x0602: 0x0605, 0x0605: 0x0606, 0x0606: 0x0600 };

export class FakeSession implements TuiSession {
  private readonly listeners = new Set<DebugListener>();
  private current: Mutable<CpuState> = { a: 0, x: 0, y: 0, sp: 0xfd, pc: 0x0600, p: 0x24, cycles: 7, instructions: 0 };
  private past: { state: CpuState; memory: Uint8Array }[] = [];
  private memory: Uint8Array = new Uint8Array(0x10000);
  private lines = new Map<number, BreakpointInfo>();
  private nextId = 1;
  private isRunning = false;
  private pauseRequested = false;
  private runToTargets: readonly number[] = [];
  readonly breakOn = { brk: false, undocumented: false, stack: false };
  readonly variant = '6502' as const;
  output = '';

  outputTail(characters: number): string {
    return this.output.slice(-characters);
  }

  /** The LCD's lines, for machines with one (undefined: no LCD pane). */
  lcd: readonly string[] | undefined = undefined;
  lastStep: StepDetail | undefined;
  sentInput = '';

  constructor() {
    this.memory.set([0x48, 0x69], 0x0300);
  }

  on(listener: DebugListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: DebugEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  get state(): CpuState {
    return { ...this.current };
  }

  get running(): boolean {
    return this.isRunning;
  }

  get location(): SourceLocation | undefined {
    return this.locationOf(this.current.pc);
  }

  /** The debug map of the pretend program: one entry per instruction, as the assembler would write it. */
  get debugProgram(): DebugProgram {
    return {
      image: { start: 0x0600, bytes: Uint8Array.from(PROGRAM.flatMap((entry) => entry.bytes)) },
      symbols: new Map(),
      debugMap: PROGRAM.map((entry) => ({ address: entry.address, length: entry.bytes.length, location: { file: FAKE_FILE, line: entry.line, column: 9, length: entry.text.length } })),
    };
  }

  get history(): { oldest: number; newest: number } {
    return { oldest: 0, newest: this.current.instructions };
  }

  private executeOne(): void {
    const instruction = PROGRAM.find((entry) => entry.address === this.current.pc)!;
    const before = this.state;
    this.past.push({ state: before, memory: this.memory.slice() });
    const previous = this.memory[0x0200]!;
    const written = instruction.run(this.current, this.memory);
    this.current.pc = NEXT_PC[this.current.pc]!;
    this.current.cycles += 2;
    this.current.instructions += 1;
    const after = this.state;
    this.lastStep = {
      before,
      after,
      changed: changedRegisters(before, after),
      writes: written === undefined ? [] : [{ address: written, previous, value: this.memory[written]! }],
      text: instruction.text,
      explanation: `pretend explanation of ${instruction.text}`,
    };
    if (instruction.text === 'INX') this.output += 'x';
  }

  private stopped(reason: StopReason, instructions: number): StopResult {
    this.emit({ type: 'stopped', reason, state: this.state, location: this.location });
    return { reason, state: this.state, location: this.location, instructions };
  }

  stepInto(count = 1): StopResult {
    for (let index = 0; index < count; index++) this.executeOne();
    return this.stopped({ kind: 'step' }, count);
  }

  /** The fake has no JSR: stepping over is one step. */
  resumeStepOver(): void {
    this.stepInto();
  }

  /** The fake's step out runs until the loop's jump back to start, like a return would. */
  resumeStepOut(): void {
    this.resumeRunTo(0x0600);
  }

  resumeRunTo(address: number | readonly number[]): void {
    this.runToTargets = typeof address === 'number' ? [address] : address;
    this.resume();
  }

  ended = false;
  endInput(): void {
    this.ended = true;
  }

  setBreakpointEnabled(id: number, enabled: boolean): Result<void> {
    for (const [key, info] of this.lines) {
      if (info.id === id) {
        this.lines.set(key, { ...info, enabled });
        return { ok: true, value: undefined };
      }
    }
    return { ok: false, error: `no breakpoint ${id}` };
  }

  resume(): void {
    this.isRunning = true;
    this.pauseRequested = false;
    this.lastStep = undefined;
    this.emit({ type: 'running', direction: 'forward' });
  }

  runSlice(maxCycles: number): SliceResult {
    let cycles = 0;
    let instructions = 0;
    while (cycles < maxCycles && !this.pauseRequested) {
      this.executeOne();
      cycles += 2;
      instructions += 1;
      if (this.runToTargets.includes(this.current.pc)) {
        this.isRunning = false;
        this.runToTargets = [];
        const reason: StopReason = { kind: 'run-to', address: this.current.pc };
        this.stopped(reason, instructions);
        return { stopped: reason, cycles, instructions, mhz: 1 };
      }
      const breakpoint = [...this.lines.values()].find((entry) => entry.addresses.includes(this.current.pc));
      if (breakpoint !== undefined) {
        this.isRunning = false;
        this.lastStep = undefined;
        const reason: StopReason = { kind: 'breakpoint', id: breakpoint.id, address: this.current.pc };
        this.stopped(reason, instructions);
        return { stopped: reason, cycles, instructions, mhz: 1 };
      }
    }
    if (this.pauseRequested) {
      this.isRunning = false;
      this.lastStep = undefined;
      this.stopped({ kind: 'paused' }, instructions);
      return { stopped: { kind: 'paused' }, cycles, instructions, mhz: 1 };
    }
    return { stopped: undefined, cycles, instructions, mhz: 1 };
  }

  pause(): void {
    this.pauseRequested = true;
    if (this.isRunning) {
      this.isRunning = false;
      this.lastStep = undefined;
      this.stopped({ kind: 'paused' }, 0);
    }
  }

  stepBack(count = 1): StopResult {
    let undone = 0;
    while (undone < count && this.past.length > 0) {
      const previous = this.past.pop()!;
      this.current = { ...previous.state };
      this.memory = previous.memory;
      undone++;
    }
    this.lastStep = undefined;
    return this.stopped(this.past.length === 0 && undone < count ? { kind: 'history-start' } : { kind: 'step' }, -undone);
  }

  reverseContinue(): StopResult {
    return this.stepBack(this.past.length + 1);
  }

  reset(): void {
    this.current = { a: 0, x: 0, y: 0, sp: 0xfd, pc: 0x0600, p: 0x24, cycles: 7, instructions: 0 };
    this.past = [];
    this.output = '';
    this.lastStep = undefined;
    this.emit({ type: 'reset' });
  }

  toggleBreakpointAtLine(file: string, line: number): Result<'added' | 'removed'> {
    if (this.lines.has(line)) {
      this.lines.delete(line);
      this.emit({ type: 'breakpoints' });
      return { ok: true, value: 'removed' };
    }
    const addresses = this.addressesForLine(file, line);
    if (addresses.length === 0) return { ok: false, error: `line ${line} has no code` };
    this.lines.set(line, { id: this.nextId++, target: { kind: 'line', file, line }, addresses, condition: undefined, enabled: true, hits: 0, ignoreUntil: 0 });
    this.emit({ type: 'breakpoints' });
    return { ok: true, value: 'added' };
  }

  addBreakpoint(target: BreakpointTarget): Result<BreakpointInfo> {
    if (target.kind !== 'address') return { ok: false, error: 'the fake only takes addresses here' };
    const info: BreakpointInfo = { id: this.nextId++, target, addresses: [target.address], condition: undefined, enabled: true, hits: 0, ignoreUntil: 0 };
    this.lines.set(-info.id, info);
    return { ok: true, value: info };
  }

  deleteBreakpoint(id: number): Result<void> {
    for (const [key, info] of this.lines) {
      if (info.id === id) {
        this.lines.delete(key);
        return { ok: true, value: undefined };
      }
    }
    return { ok: false, error: `no breakpoint ${id}` };
  }

  get breakpoints(): readonly BreakpointInfo[] {
    return [...this.lines.values()];
  }


  regionName(): string | undefined {
    return undefined;
  }

  readonly displayStart = 0x0200;

  lcdLines(): readonly string[] | undefined {
    return this.lcd;
  }

  readMemory(start: number, length: number): Uint8Array {
    return this.memory.slice(start, start + length);
  }

  symbol(name: string): number | undefined {
    return name === 'start' ? 0x0600 : undefined;
  }

  labelBefore(address: number): { readonly name: string; readonly offset: number } | undefined {
    return address >= 0x0600 ? { name: 'start', offset: address - 0x0600 } : undefined;
  }

  labelAt(address: number): string | undefined {
    return address === 0x0600 ? 'start' : undefined;
  }

  locationOf(address: number): SourceLocation | undefined {
    const instruction = PROGRAM.find((entry) => address >= entry.address && address < entry.address + entry.bytes.length);
    return instruction === undefined ? undefined : { file: FAKE_FILE, line: instruction.line, column: 9, length: instruction.text.length };
  }

  addressesForLine(file: string, line: number): readonly number[] {
    return file === FAKE_FILE ? PROGRAM.filter((entry) => entry.line === line).map((entry) => entry.address) : [];
  }

  disassemble(address: number, count: number): DisassemblyLine[] {
    const start = PROGRAM.findIndex((entry) => entry.address === address);
    if (start < 0) return [];
    return PROGRAM.slice(start, start + count).map((entry) => ({
      address: entry.address,
      bytes: entry.bytes,
      text: entry.text,
      label: this.labelAt(entry.address),
      location: this.locationOf(entry.address),
    }));
  }

  stack(): StackEntry[] {
    return [
      { address: 0x01ff, value: 0x06, returnAddress: undefined, label: undefined },
      { address: 0x01fe, value: 0x05, returnAddress: 0x0606, label: 'start' },
    ];
  }

  sendInput(text: string): void {
    this.sentInput += text;
  }

  pressedKeys: number[] = [];

  pressKey(code: number): void {
    this.pressedKeys.push(code);
  }

  nmis = 0;

  nmi(): void {
    this.nmis++;
  }

  evaluate(expression: string): Result<number> {
    const registers: Record<string, RegisterName> = { A: 'a', X: 'x', Y: 'y', SP: 'sp', PC: 'pc', P: 'p' };
    const register = registers[expression.toUpperCase()];
    if (register !== undefined) return { ok: true, value: this.current[register] };
    if (expression === 'start') return { ok: true, value: 0x0600 };
    if (/^\$[0-9a-f]+$/i.test(expression)) return { ok: true, value: parseInt(expression.slice(1), 16) };
    return { ok: false, error: `unknown name ${expression}` };
  }
}
