/**
 * Runs single-step test vectors against a CPU and tallies the outcome per opcode and per class;
 * pure logic (no files, no printing), so `npm run conformance` and the vitest suite share it.
 */

import type { Bus } from '../cpu/bus.js';
import type { BusCycle, OpcodeIndexEntry, TestVector, VectorClass, VectorIndex } from './vectors.js';

/** What the runner needs of a CPU: the registers, plain RAM and one-instruction stepping. `Cpu` fits. */
export interface CpuUnderTest {
  a: number;
  x: number;
  y: number;
  sp: number;
  pc: number;
  p: number;
  cycles: number;
  readonly memory: Uint8Array;
  step(): number;
}

export interface RunnerOptions<C extends CpuUnderTest> {
  /** A CPU in its power-on state; called once per test so no state leaks from one test to the next. */
  readonly createCpu: () => C;
  /**
   * A further run of each test on a CPU that records its bus transactions, for the bus-cycle figure only; leave
   * it out when the CPU cannot record them, and that figure is reported as unavailable. Kept apart from the
   * verdict run for the same reason as {@link watchWrites}: recording may take a slower path through the CPU.
   */
  readonly watchBus?: {
    readonly createCpu: () => C;
    readonly busCyclesOf: (cpu: C) => readonly BusCycle[];
  };
  /**
   * A second run of each test on a CPU whose writes are watched (see {@link recordWrites}), for the write figure
   * only. Kept apart from the verdict run, because watching routes writes through the bus and so would leave the
   * CPU's own plain-RAM write path untested.
   */
  readonly watchWrites?: {
    readonly createCpu: () => C;
    readonly writesOf: (cpu: C) => readonly (readonly [address: number, value: number])[];
  };
}

/** What {@link recordWrites} needs: the page flags that route writes to the bus, and the bus itself. */
export interface WatchableCpu {
  readonly writeHooks: Uint8Array;
  bus: Bus;
}

/**
 * Routes every write of the CPU through a bus that logs it, then does it as before; returns the log.
 * Opcode and operand fetches bypass the bus, so reads cannot be watched this way, but writes can: every
 * one of them (stack pushes, both writes of a read-modify-write) goes through the write path.
 */
export function recordWrites(cpu: WatchableCpu): (readonly [number, number])[] {
  const log: (readonly [number, number])[] = [];
  const inner = cpu.bus;
  cpu.bus = {
    read: (address) => inner.read(address),
    write: (address, value) => {
      log.push([address, value]);
      inner.write(address, value);
    },
    peek: (address) => inner.peek(address),
  };
  cpu.writeHooks.fill(1);
  return log;
}

export type Register = 'pc' | 's' | 'a' | 'x' | 'y' | 'p';

/** One way the CPU's result differed from the vector's. */
export type Difference =
  | { readonly kind: 'register'; readonly register: Register; readonly expected: number; readonly actual: number }
  | { readonly kind: 'ram'; readonly address: number; readonly expected: number; readonly actual: number }
  | { readonly kind: 'cycles'; readonly expected: number; readonly actual: number }
  | { readonly kind: 'error'; readonly message: string };

export interface TestOutcome {
  /** 0-based position in its file: names repeat, positions do not. */
  readonly position: number;
  readonly name: string;
  /** Empty when the test passed. */
  readonly differences: readonly Difference[];
  /** Whether the recorded bus transactions equal the vector's, or undefined when none were recorded. */
  readonly busCyclesMatch: boolean | undefined;
  /** Whether the writes made equal the vector's write cycles (address, value, order), or undefined when not watched. */
  readonly writesMatch: boolean | undefined;
}

/** Tally for tests the index marks as known wrong in this data version: never counted as pass or fail. */
export interface StaleTally {
  readonly kind: string | undefined;
  /** Stale tests whose (outdated) expectation the CPU nevertheless reproduces. */
  readonly matching: number;
  /** Stale tests the CPU does not reproduce: expected when the CPU follows real hardware. */
  readonly differing: number;
  /** The first differing stale test, to show how the CPU departs from the old data. */
  readonly firstDiffering: TestOutcome | undefined;
}

/**
 * Kinds of upstream reports (the 65C02 index's `reported_upstream`) that say the data's cycle counts are not the
 * chip's: `nop-5c-cycles` (4 listed, 8 on hardware) and `bbx-spurious-write` (BBR/BBS always 6, with a write the
 * chip does not do). moth follows the chip, so such a test passes when only its cycles differ, and is counted.
 */
const DOUBTFUL_CYCLES = new Set(['nop-5c-cycles', 'bbx-spurious-write']);

/** Tests that differ from the data only in cycles reported doubtful upstream. */
export interface DoubtfulTally {
  readonly kinds: readonly string[];
  readonly differing: number;
  readonly firstDiffering: TestOutcome | undefined;
}

export interface OpcodeReport {
  readonly opcode: number;
  readonly mnemonic: string;
  readonly mode: string;
  readonly vectorClass: VectorClass;
  readonly tests: number;
  /** Passed and failed count only tests that are not known stale. */
  readonly passed: number;
  readonly failed: number;
  readonly stale: StaleTally;
  /** The first failing (non-stale) test, with its differences. */
  readonly firstFailure: TestOutcome | undefined;
  /** Passed tests whose cycle count differs from data reported doubtful upstream. */
  readonly doubtful: DoubtfulTally;
  /** Bus-cycle comparison over all tests, or undefined when the CPU recorded no bus transactions. */
  readonly busCycles: { readonly matched: number; readonly compared: number } | undefined;
  /** Write-sequence comparison over the tests that are not known stale, or undefined when writes were not watched. */
  readonly busWrites: { readonly matched: number; readonly compared: number } | undefined;
}

export interface ClassTally {
  readonly opcodes: number;
  readonly passed: number;
  readonly failed: number;
  readonly staleMatching: number;
  readonly staleDiffering: number;
  /** Opcodes with at least one failing (non-stale) test. */
  readonly failingOpcodes: readonly number[];
}

export interface ConformanceSummary {
  readonly byClass: Readonly<Record<VectorClass, ClassTally>>;
  /** Bus-cycle matches over every test, or undefined when no test recorded bus transactions. */
  readonly busCycles: { readonly matched: number; readonly compared: number } | undefined;
  /** Write-sequence matches over the tests not known stale, or undefined when writes were not watched. */
  readonly busWrites: { readonly matched: number; readonly compared: number } | undefined;
  /** Opcodes with at least one (non-stale) test whose writes differ. */
  readonly opcodesWithWriteDifferences: readonly number[];
  /** Tests that passed although their cycles differ from data reported doubtful upstream. */
  readonly doubtfulCycles: number;
}

/** The status bits that exist only on the stack copy: B (4) and the unused bit 5. */
const STACK_ONLY_BITS = 0x30;

/** Puts the vector's initial registers and RAM into a fresh CPU. */
function setUp(cpu: CpuUnderTest, initial: TestVector['initial']): void {
  for (const [address, value] of initial.ram) cpu.memory[address] = value;
  cpu.pc = initial.pc;
  cpu.sp = initial.s;
  cpu.a = initial.a;
  cpu.x = initial.x;
  cpu.y = initial.y;
  // The register keeps bit 5 set and B clear, whatever the data's style (regenerated files set B).
  cpu.p = (initial.p | 0x20) & ~0x10;
}

/** Sets up a fresh CPU from the vector, runs one instruction and lists every difference from `final`. */
export function runVector<C extends CpuUnderTest>(
  vector: TestVector,
  position: number,
  options: RunnerOptions<C>,
): TestOutcome {
  const differences: Difference[] = [];
  let busCyclesMatch: boolean | undefined;
  let writesMatch: boolean | undefined;
  try {
    const cpu = options.createCpu();
    const { final } = vector;
    setUp(cpu, vector.initial);
    const cyclesBefore = cpu.cycles;
    cpu.step();
    const cyclesUsed = cpu.cycles - cyclesBefore;

    const registers: readonly [Register, number][] = [
      ['pc', cpu.pc],
      ['s', cpu.sp],
      ['a', cpu.a],
      ['x', cpu.x],
      ['y', cpu.y],
    ];
    for (const [register, actual] of registers) {
      if (actual !== final[register]) differences.push({ kind: 'register', register, expected: final[register], actual });
    }
    if (((cpu.p ^ final.p) & ~STACK_ONLY_BITS & 0xff) !== 0) {
      differences.push({ kind: 'register', register: 'p', expected: final.p, actual: cpu.p });
    }
    for (const [address, expected] of final.ram) {
      const actual = cpu.memory[address] ?? 0;
      if (actual !== expected) differences.push({ kind: 'ram', address, expected, actual });
    }
    if (cyclesUsed !== vector.cycles.length) {
      differences.push({ kind: 'cycles', expected: vector.cycles.length, actual: cyclesUsed });
    }
    if (options.watchBus) {
      const logged = stepFresh(options.watchBus.createCpu, vector);
      busCyclesMatch = sameBusCycles(options.watchBus.busCyclesOf(logged), vector.cycles);
    }
    if (options.watchWrites) {
      const watched = stepFresh(options.watchWrites.createCpu, vector);
      writesMatch = sameWrites(options.watchWrites.writesOf(watched), vector.cycles);
    }
  } catch (error) {
    // A CPU that throws (an unimplemented opcode, say) fails this test; the run goes on.
    differences.push({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  return { position, name: vector.name, differences, busCyclesMatch, writesMatch };
}

/** A further CPU for a figure: set up from the vector and stepped once, then handed back to be read. */
function stepFresh<C extends CpuUnderTest>(createCpu: () => C, vector: TestVector): C {
  const cpu = createCpu();
  setUp(cpu, vector.initial);
  cpu.step();
  return cpu;
}

function sameWrites(writes: readonly (readonly [number, number])[], cycles: readonly BusCycle[]): boolean {
  let next = 0;
  for (const [address, value, kind] of cycles) {
    if (kind !== 'write') continue;
    const write = writes[next++];
    if (write === undefined || write[0] !== address || write[1] !== value) return false;
  }
  return next === writes.length;
}

function sameBusCycles(recorded: readonly BusCycle[], expected: readonly BusCycle[]): boolean {
  if (recorded.length !== expected.length) return false;
  for (let index = 0; index < expected.length; index++) {
    const mine = recorded[index]!;
    const theirs = expected[index]!;
    if (mine[0] !== theirs[0] || mine[1] !== theirs[1] || mine[2] !== theirs[2]) return false;
  }
  return true;
}

function isStale(entry: OpcodeIndexEntry, position: number): boolean {
  const stale = entry.knownStale;
  if (stale === undefined) return false;
  return stale.tests === 'all' || stale.tests.has(position);
}

/** Runs every vector of one opcode's file and tallies them, keeping known-stale tests apart. */
export function runOpcodeVectors<C extends CpuUnderTest>(
  entry: OpcodeIndexEntry,
  vectors: readonly TestVector[],
  options: RunnerOptions<C>,
): OpcodeReport {
  let passed = 0;
  let failed = 0;
  let staleMatching = 0;
  let staleDiffering = 0;
  let firstFailure: TestOutcome | undefined;
  let firstStaleDiffering: TestOutcome | undefined;
  let busMatched = 0;
  let busCompared = 0;
  let writesMatched = 0;
  let writesCompared = 0;
  const doubtfulKinds = (entry.reportedUpstream ?? []).filter((kind) => DOUBTFUL_CYCLES.has(kind));
  let doubtfulDiffering = 0;
  let firstDoubtful: TestOutcome | undefined;
  for (const [position, vector] of vectors.entries()) {
    const outcome = runVector(vector, position, options);
    const onlyDoubtfulCycles =
      doubtfulKinds.length > 0 && outcome.differences.length > 0 && outcome.differences.every((difference) => difference.kind === 'cycles');
    if (onlyDoubtfulCycles) {
      doubtfulDiffering++;
      firstDoubtful ??= outcome;
    }
    const ok = outcome.differences.length === 0 || onlyDoubtfulCycles;
    const stale = isStale(entry, position);
    if (!stale && doubtfulKinds.length === 0 && outcome.writesMatch !== undefined) {
      writesCompared++;
      if (outcome.writesMatch) writesMatched++;
    }
    if (stale) {
      if (ok) staleMatching++;
      else {
        staleDiffering++;
        firstStaleDiffering ??= outcome;
      }
    } else if (ok) passed++;
    else {
      failed++;
      firstFailure ??= outcome;
    }
    // Stale tests record the old chip model's bus too, so they are left out of this figure as of the others;
    // so are tests whose cycles upstream reported doubtful (their bus lists are the doubtful part).
    if (outcome.busCyclesMatch !== undefined && !stale && doubtfulKinds.length === 0) {
      busCompared++;
      if (outcome.busCyclesMatch) busMatched++;
    }
  }
  return {
    opcode: entry.opcode,
    mnemonic: entry.mnemonic,
    mode: entry.mode,
    vectorClass: entry.vectorClass,
    tests: vectors.length,
    passed,
    failed,
    stale: { kind: entry.knownStale?.kind, matching: staleMatching, differing: staleDiffering, firstDiffering: firstStaleDiffering },
    firstFailure,
    doubtful: { kinds: doubtfulKinds, differing: doubtfulDiffering, firstDiffering: firstDoubtful },
    busCycles: busCompared > 0 ? { matched: busMatched, compared: busCompared } : undefined,
    busWrites: writesCompared > 0 ? { matched: writesMatched, compared: writesCompared } : undefined,
  };
}

/** The index entry for an opcode, or a plain one (documented, nothing stale) when the index lacks it. */
export function entryFor(index: VectorIndex, opcode: number): OpcodeIndexEntry {
  return (
    index.opcodes.get(opcode) ?? { opcode, mnemonic: '???', mode: '?', vectorClass: 'documented', knownStale: undefined }
  );
}

/** Adds the per-opcode reports up by class. */
export function summarize(reports: readonly OpcodeReport[]): ConformanceSummary {
  const empty = (): { opcodes: number; passed: number; failed: number; staleMatching: number; staleDiffering: number; failingOpcodes: number[] } => ({
    opcodes: 0,
    passed: 0,
    failed: 0,
    staleMatching: 0,
    staleDiffering: 0,
    failingOpcodes: [],
  });
  const byClass = {
    documented: empty(),
    'undocumented-stable': empty(),
    'undocumented-unstable': empty(),
    'undocumented-jam': empty(),
    'reserved-nop': empty(),
    wait: empty(),
  };
  let doubtfulCycles = 0;
  let busMatched = 0;
  let busCompared = 0;
  let writesMatched = 0;
  let writesCompared = 0;
  const opcodesWithWriteDifferences: number[] = [];
  for (const report of reports) {
    const tally = byClass[report.vectorClass];
    tally.opcodes++;
    tally.passed += report.passed;
    tally.failed += report.failed;
    tally.staleMatching += report.stale.matching;
    tally.staleDiffering += report.stale.differing;
    if (report.failed > 0) tally.failingOpcodes.push(report.opcode);
    doubtfulCycles += report.doubtful.differing;
    if (report.busCycles) {
      busMatched += report.busCycles.matched;
      busCompared += report.busCycles.compared;
    }
    if (report.busWrites) {
      writesMatched += report.busWrites.matched;
      writesCompared += report.busWrites.compared;
      if (report.busWrites.matched < report.busWrites.compared) opcodesWithWriteDifferences.push(report.opcode);
    }
  }
  return {
    byClass,
    busCycles: busCompared > 0 ? { matched: busMatched, compared: busCompared } : undefined,
    busWrites: writesCompared > 0 ? { matched: writesMatched, compared: writesCompared } : undefined,
    opcodesWithWriteDifferences,
    doubtfulCycles,
  };
}
