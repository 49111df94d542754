// Proof that going back is exact with interrupts, devices and outside inputs (issue 12): random programs on
// the default and easy6502 machines with a timer IRQ, NMIs, BRKs, console input, keys and `set`s run forward
// one step at a time while every moment is recorded (registers, cycles, instructions, a hash of all 64 KiB,
// the console output); then random step back, reverse continue (to a breakpoint at a recorded PC), step and
// continue land on recorded moments, compared bit for bit.
//
// MOTH_PROPERTY_SCALE=20 runs twenty times as many programs; MOTH_PROPERTY_REPORT=1 prints how many
// comparisons were made.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DebugSession } from '../../src/debugger/session.js';
import { INSTRUCTION_SET } from '../../src/cpu/instruction-set.js';
import type { InstructionInfo } from '../../src/cpu/instruction-set.js';
import { interruptDue } from '../../src/cpu/interrupts.js';
import {
  CONSOLE_IN,
  CONSOLE_OUT,
  CONSOLE_STATUS,
  IRQ_VECTOR,
  NMI_VECTOR,
  TIMER_CONTROL,
  TIMER_PERIOD_HIGH,
  TIMER_PERIOD_LOW,
  TIMER_STATUS,
} from '../../src/machine/memory-map.js';
import { handProgram } from '../debugger/helpers/program.js';
import { moment, type Moment } from '../debugger/helpers/moment.js';

const SCALE = Math.max(1, Number(process.env['MOTH_PROPERTY_SCALE'] ?? 1) || 1);

/** A recorded moment, and whether the instruction at its PC runs next (no interrupt entry comes first). */
interface Recorded extends Moment {
  readonly instructionNext: boolean;
}

// ------------------------------------------------------------------------------------------- programs

/** Addresses operands point at: zero page (with $FE/$FF), the stack page, the display, and the devices. */
const ZERO_PAGE = fc.integer({ min: 0, max: 255 });
const RAM = fc.integer({ min: 0x0000, max: 0x02ff });
const DEVICES = fc.constantFrom(CONSOLE_OUT, CONSOLE_IN, CONSOLE_STATUS, TIMER_PERIOD_LOW, TIMER_PERIOD_HIGH, TIMER_CONTROL, TIMER_STATUS);
const ABSOLUTE = fc.oneof(RAM, DEVICES);

const FLOW = ['BRK', 'JMP', 'JSR', 'RTS', 'RTI'];
const STACK = ['PHA', 'PLA', 'PHP', 'PLP', 'TXS'];
// Indirect modes could write anywhere (the program, the vectors, the exit port): direct modes only.
const DIRECT = (info: InstructionInfo): boolean => !['indexedIndirectX', 'indirectIndexedY', 'indirect'].includes(info.mode);

/** Main-loop instructions: documented, direct addressing, stack use allowed; branches and flow excluded. */
const MAIN_OPCODES = INSTRUCTION_SET.filter((info) => info.documented && !FLOW.includes(info.mnemonic) && DIRECT(info) && !isBranch(info));
/** Handler instructions: as the main loop, but the stack left alone so RTI returns where it should. */
const HANDLER_OPCODES = MAIN_OPCODES.filter((info) => !STACK.includes(info.mnemonic));

function isBranch(info: InstructionInfo): boolean {
  return ['BCC', 'BCS', 'BEQ', 'BNE', 'BMI', 'BPL', 'BVC', 'BVS'].includes(info.mnemonic);
}

function instructionFrom(opcodes: readonly InstructionInfo[]): fc.Arbitrary<number[]> {
  return fc.tuple(fc.constantFrom(...opcodes), ZERO_PAGE, ABSOLUTE, RAM).map(([info, low, absolute, ram]) => {
    if (info.length === 1) return [info.opcode];
    if (info.length === 2) return [info.opcode, low];
    // Indexed, a device address could reach the exit port ($F00F): RAM only.
    const address = info.mode === 'absolute' ? absolute : ram;
    return [info.opcode, address & 0xff, address >> 8];
  });
}

/** A short forward branch over one 1-byte instruction, so random flags pick the path. */
const branch = fc.constantFrom(0x90, 0xb0, 0xf0, 0xd0, 0x30, 0x10, 0x50, 0x70).map((opcode) => [[opcode, 0x01], [0xe8]]);
/** BRK (with its padding byte) enters the IRQ handler, which returns past it. */
const brk = fc.constant([[0x00, 0xea]]);

const mainLine = fc.oneof(
  { weight: 8, arbitrary: instructionFrom(MAIN_OPCODES).map((line) => [line]) },
  { weight: 1, arbitrary: branch },
  { weight: 1, arbitrary: brk },
);

interface Plan {
  readonly preset: 'default' | 'easy6502';
  readonly period: number;
  readonly irq: boolean;
  readonly main: readonly (readonly number[])[];
  readonly irqBody: readonly (readonly number[])[];
  readonly nmiBody: readonly (readonly number[])[];
  readonly checkpointCycles: number;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  preset: fc.constantFrom('default' as const, 'easy6502' as const),
  period: fc.integer({ min: 20, max: 400 }),
  irq: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  main: fc.array(mainLine, { minLength: 1, maxLength: 16 }).map((groups) => groups.flat()),
  irqBody: fc.array(instructionFrom(HANDLER_OPCODES), { maxLength: 5 }),
  nmiBody: fc.array(instructionFrom(HANDLER_OPCODES), { maxLength: 5 }),
  checkpointCycles: fc.integer({ min: 16, max: 2048 }),
});

/** The program as lines from $0600: timer set-up, the main loop, the IRQ/BRK handler, the NMI handler. */
function build(plan: Plan): { program: ReturnType<typeof handProgram>; irqHandler: number; nmiHandler: number } {
  const word = (address: number): number[] => [address & 0xff, address >> 8];
  const prologue: number[][] = [
    [0x78], // SEI
    [0xa9, plan.period & 0xff], [0x8d, ...word(TIMER_PERIOD_LOW)],
    [0xa9, plan.period >> 8], [0x8d, ...word(TIMER_PERIOD_HIGH)],
    [0xa9, plan.irq ? 0x03 : 0x01], [0x8d, ...word(TIMER_CONTROL)],
    [0x58], // CLI
  ];
  const size = (lines: readonly (readonly number[])[]): number => lines.reduce((total, line) => total + line.length, 0);
  const loop = 0x0600 + size(prologue);
  const mainLines = [...plan.main, [0x4c, ...word(loop)]];
  const irqHandler = loop + size(mainLines);
  const irqLines = [[0x8d, ...word(TIMER_STATUS)], ...plan.irqBody, [0x40]]; // acknowledge, body, RTI
  const nmiHandler = irqHandler + size(irqLines);
  const nmiLines = [...plan.nmiBody, [0x40]];
  return { program: handProgram({ lines: [...prologue, ...mainLines, ...irqLines, ...nmiLines] }), irqHandler, nmiHandler };
}

/** Something done from outside at a stop. */
type Outside =
  | { readonly kind: 'key'; readonly value: number }
  | { readonly kind: 'memory'; readonly address: number; readonly value: number }
  | { readonly kind: 'register'; readonly name: 'a' | 'x' | 'y' | 'p'; readonly value: number }
  | { readonly kind: 'nmi' }
  | { readonly kind: 'input'; readonly text: string };

const outside: fc.Arbitrary<Outside> = fc.oneof(
  fc.record({ kind: fc.constant('key' as const), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('memory' as const), address: fc.integer({ min: 0, max: 0x02ff }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('register' as const), name: fc.constantFrom('a' as const, 'x' as const, 'y' as const, 'p' as const), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('nmi' as const) }),
  fc.record({ kind: fc.constant('input' as const), text: fc.string({ minLength: 1, maxLength: 4 }) }),
);

function give(session: DebugSession, input: Outside): void {
  switch (input.kind) {
    case 'key':
      session.pressKey(input.value);
      break;
    case 'memory':
      expect(session.writeMemory(input.address, [input.value]).ok).toBe(true);
      break;
    case 'register':
      expect(session.setRegister(input.name, input.value).ok).toBe(true);
      break;
    case 'nmi':
      session.nmi();
      break;
    case 'input':
      session.sendInput(input.text);
      break;
  }
}

/** What the test does once the forward run is recorded. */
type Move =
  | { readonly kind: 'back'; readonly count: number }
  | { readonly kind: 'step-and-back' }
  | { readonly kind: 'rcontinue'; readonly pick: number }
  | { readonly kind: 'step'; readonly count: number }
  | { readonly kind: 'continue'; readonly pick: number };

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('back' as const), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('step-and-back' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('rcontinue' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('step' as const), count: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('continue' as const), pick: fc.nat() }) },
);

let comparisons = 0;
let runs = 0;
/** Interrupt entries (IRQ, NMI, BRK) among the recorded moments. */
let entries = 0;


/** Compares the session's state with the recorded moment at its cycle count, bit for bit. */
function expectRecorded(session: DebugSession, byCycles: ReadonlyMap<number, Recorded>, what: string): Moment {
  const now = moment(session);
  const recorded = byCycles.get(now.cycles);
  expect(recorded, `${what}: cycle ${now.cycles} is a moment of the forward run`).toBeDefined();
  const { instructionNext: _, ...expected } = recorded!;
  expect(now, what).toEqual(expected);
  comparisons++;
  return now;
}

const property = fc.property(
  plan,
  fc.array(fc.tuple(fc.integer({ min: 0, max: 299 }), outside), { maxLength: 12 }),
  fc.integer({ min: 50, max: 300 }),
  fc.array(move, { minLength: 5, maxLength: 40 }),
  (plan, inputs, steps, moves) => {
    runs++;
    const { program, irqHandler, nmiHandler } = build(plan);
    const session = new DebugSession(program, { preset: plan.preset, checkpointCycles: plan.checkpointCycles, brkVector: true });
    const cpu = session.machine.cpu;
    expect(session.writeMemory(NMI_VECTOR, [nmiHandler & 0xff, nmiHandler >> 8]).ok).toBe(true);
    expect(session.writeMemory(IRQ_VECTOR, [irqHandler & 0xff, irqHandler >> 8]).ok).toBe(true);
    // Breakpoints at the handlers make every interrupt entry a stop of its own, so every moment is recorded.
    session.addBreakpoint({ kind: 'address', address: irqHandler });
    session.addBreakpoint({ kind: 'address', address: nmiHandler });

    const timeline: Recorded[] = [];
    const byCycles = new Map<number, Recorded>();
    const record = (): void => {
      const now: Recorded = { ...moment(session), instructionNext: interruptDue(cpu) === undefined };
      if (timeline.length > 0 && timeline[timeline.length - 1]!.cycles === now.cycles) timeline.pop(); // an input at this moment
      timeline.push(now);
      byCycles.set(now.cycles, now);
    };
    record();
    for (let step = 0; step < steps; step++) {
      for (const [at, input] of inputs) {
        if (at !== step) continue;
        give(session, input);
        record();
      }
      const before = cpu.cycles;
      session.stepInto();
      if (cpu.cycles === before) break; // stuck: nothing more to record
      record();
    }
    for (const breakpoint of [...session.breakpoints]) expectOk(session.deleteBreakpoint(breakpoint.id));
    /** The moment recorded just before this one when this one is an interrupt entry (no instruction between). */
    const beforeEntry = (now: Moment): Recorded | undefined => {
      const index = timeline.findIndex((recorded) => recorded.cycles === now.cycles);
      const previous = index > 0 ? timeline[index - 1]! : undefined;
      return previous?.instructions === now.instructions ? previous : undefined;
    };
    entries += timeline.filter((recorded, index) => index > 0 && recorded.instructions === timeline[index - 1]!.instructions).length;

    for (const next of moves) {
      const now = moment(session);
      switch (next.kind) {
        case 'back': {
          const result = session.stepBack(next.count);
          const landed = expectRecorded(session, byCycles, `back ${next.count}`);
          // Standing on an interrupt entry, the entry is the first thing undone (it ran no instruction).
          const undone = next.count - (beforeEntry(now) === undefined ? 0 : 1);
          if (result.reason.kind === 'history-start') expect(landed.cycles).toBe(timeline[0]!.cycles);
          else expect(landed.instructions).toBe(now.instructions - undone);
          break;
        }
        case 'step-and-back': {
          // Without the handler breakpoints a step runs an entry and the handler's first instruction together:
          // skip when that lands past the recorded run (its last moment can be the entry alone).
          if (!timeline.some((recorded) => recorded.instructions === now.instructions + 1)) break;
          session.stepInto();
          expectRecorded(session, byCycles, 'step');
          session.stepBack();
          expect(expectRecorded(session, byCycles, 'step then back')).toEqual(now);
          break;
        }
        case 'rcontinue': {
          const earlier = timeline.filter((recorded) => recorded.cycles < now.cycles);
          if (earlier.length === 0) break;
          const address = earlier[next.pick % earlier.length]!.pc;
          const id = expectOk(session.addBreakpoint({ kind: 'address', address })).id;
          const hit = earlier.filter((recorded) => recorded.pc === address && recorded.instructionNext).pop();
          const result = session.reverseContinue();
          expectOk(session.deleteBreakpoint(id));
          const landed = expectRecorded(session, byCycles, `rcontinue to $${address.toString(16)}`);
          if (hit === undefined) {
            expect(result.reason).toEqual({ kind: 'history-start' });
            expect(landed.cycles).toBe(timeline[0]!.cycles);
          } else {
            expect(result.reason).toMatchObject({ kind: 'breakpoint', address });
            expect(landed.cycles).toBe(hit.cycles);
          }
          break;
        }
        case 'step': {
          const target = timeline.find((recorded) => recorded.instructions === now.instructions + next.count);
          if (target === undefined) break;
          session.stepInto(next.count);
          expect(expectRecorded(session, byCycles, `step ${next.count}`).cycles).toBe(target.cycles);
          break;
        }
        case 'continue': {
          const later = timeline.filter((recorded) => recorded.cycles > now.cycles);
          if (later.length === 0) break;
          const address = later[next.pick % later.length]!.pc;
          const hit = later.find((recorded) => recorded.pc === address && recorded.instructionNext);
          if (hit === undefined) break;
          const id = expectOk(session.addBreakpoint({ kind: 'address', address })).id;
          const result = session.continue();
          expectOk(session.deleteBreakpoint(id));
          expect(result.reason).toMatchObject({ kind: 'breakpoint', address });
          expect(expectRecorded(session, byCycles, `continue to $${address.toString(16)}`).cycles).toBe(hit.cycles);
          break;
        }
      }
    }
    // Finally every moment back to the start, one step at a time.
    for (;;) {
      const now = moment(session);
      const result = session.stepBack();
      if (result.reason.kind === 'history-start') break;
      const landed = expectRecorded(session, byCycles, 'back 1');
      const entry = beforeEntry(now);
      if (entry !== undefined) expect(landed.cycles).toBe(entry.cycles);
      else expect(landed.instructions).toBe(now.instructions - 1);
    }
    expect(session.state.cycles).toBe(timeline[0]!.cycles);
  },
);

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('reverse execution over random programs with interrupts, devices and outside inputs', () => {
  afterAll(() => {
    if (process.env['MOTH_PROPERTY_REPORT'] === '1') {
      console.log(`reverse execution property: ${runs} programs, ${entries} interrupt entries recorded, ${comparisons} bit-for-bit comparisons`);
    }
  });

  it('every step back, reverse continue, step and continue lands on a recorded moment, bit for bit', () => {
    // MOTH_PROPERTY_SEED (and MOTH_PROPERTY_PATH, from a failure's report) replay a failing run.
    const seed = process.env['MOTH_PROPERTY_SEED'];
    const path = process.env['MOTH_PROPERTY_PATH'];
    const numRuns = path === undefined ? 25 * SCALE : 1;
    fc.assert(property, { numRuns, ...(seed === undefined ? {} : { seed: Number(seed) }), ...(path === undefined ? {} : { path, endOnFailure: true }) });
    // Each run ends by stepping back over every moment it made; a run without comparisons would prove nothing.
    expect(comparisons).toBeGreaterThan(numRuns);
  });
});

describe('cases the property found (each failed before its fix)', () => {
  it('console input typed at a moment is not seen earlier when going back re-runs the cycles before it', () => {
    // LDA $F005 (console status) / STA $0200 / JMP $0600.
    const session = new DebugSession(handProgram({ lines: [[0xad, 0x05, 0xf0], [0x8d, 0x00, 0x02], [0x4c, 0x00, 0x06]] }), { checkpointCycles: 16 });
    const moments = [moment(session)];
    for (let step = 1; step <= 6; step++) moments.push((session.stepInto(), moment(session)));
    session.sendInput('x'); // typed now: the status reads after this moment see it, none before
    session.stepBack();
    expect(moment(session)).toEqual(moments[5]);
    session.stepBack(5);
    expect(moment(session)).toEqual(moments[0]);
    session.stepInto(6);
    expect(moment(session)).toEqual(moments[6]);
    session.stepInto(); // LDA $F005 now sees the byte waiting
    expect(session.state.a & 0x01).toBe(1);
  });

  it('a breakpoint on an interrupt handler stops continue at the moment stepping reaches, patched or checked', () => {
    // CLI / LDA #$20 / STA period low / LDA #3 / STA timer control / JMP to itself; the handler: STA status / RTI.
    const program = handProgram({
      lines: [[0x58], [0xa9, 0x20], [0x8d, TIMER_PERIOD_LOW & 0xff, 0xf0], [0xa9, 0x03], [0x8d, TIMER_CONTROL & 0xff, 0xf0], [0x4c, 0x0b, 0x06], [0x8d, TIMER_STATUS & 0xff, 0xf0], [0x40]],
    });
    const handler = program.addressOfLine(7);
    const open = (preset: 'default' | 'easy6502', patch: boolean): DebugSession => {
      const session = new DebugSession(program, { preset });
      session.patchBreakpoints = patch;
      session.writeMemory(IRQ_VECTOR, [handler & 0xff, handler >> 8]);
      session.addBreakpoint({ kind: 'address', address: handler });
      return session;
    };
    for (const preset of ['default', 'easy6502'] as const) {
      const stepped = open(preset, false);
      while (stepped.stepInto().reason.kind !== 'breakpoint');
      for (const patch of [true, false]) {
        const session = open(preset, patch);
        const what = `${preset}, ${patch ? 'patched' : 'checked'}`;
        expect(session.continue().reason, what).toMatchObject({ kind: 'breakpoint', address: handler });
        // The same moment, $FE (easy6502's per-instruction random byte) included.
        expect(moment(session), what).toEqual(moment(stepped));
      }
    }
  });

  it('stepping back past the start lands on the oldest moment, not an interrupt entry sharing its instruction count', () => {
    // INX / JMP $0600; an NMI at the start enters the handler (RTI at $0610) before any instruction.
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0x4c, 0x00, 0x06]] }));
    session.writeMemory(0x0610, [0x40]);
    session.writeMemory(NMI_VECTOR, [0x10, 0x06]);
    const start = moment(session);
    session.nmi();
    const withNmi = moment(session);
    session.addBreakpoint({ kind: 'address', address: 0x0610 });
    expect(session.stepInto().reason).toMatchObject({ kind: 'breakpoint', address: 0x0610 }); // the entry alone
    expect(session.state.instructions).toBe(start.instructions);
    session.stepInto(5);
    expect(session.stepBack(100).reason).toEqual({ kind: 'history-start' });
    expect(moment(session)).toEqual(withNmi);
  });
});
