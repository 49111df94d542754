/**
 * The shape of single-step test vectors and of their index, checked on the way in so that a
 * malformed file becomes a readable error value instead of a crash deep inside the runner.
 */

import { INSTRUCTION_SET } from '../cpu/instruction-set.js';
import { MODES } from '../cpu/addressing-modes.js';
import type { OpcodeClass } from '../cpu/instruction-set.js';

/** Registers and memory before or after the one instruction a vector runs. */
export interface VectorState {
  readonly pc: number;
  readonly s: number;
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly p: number;
  /** `[address, value]` pairs; every other address is "don't care". */
  readonly ram: readonly (readonly [number, number])[];
}

/** One bus transaction per clock cycle, dummy accesses included. */
export type BusCycle = readonly [address: number, value: number, kind: 'read' | 'write'];

/** One test: set up `initial`, run exactly one instruction, expect `final` after `cycles.length` cycles. */
export interface TestVector {
  /** A label with no meaning beyond the opcode and operand bytes; names repeat, positions do not. */
  readonly name: string;
  readonly initial: VectorState;
  readonly final: VectorState;
  readonly cycles: readonly BusCycle[];
}

/** The classes the vector index uses; they match `OpcodeClass` one to one. */
export type VectorClass =
  | 'documented'
  | 'undocumented-stable'
  | 'undocumented-unstable'
  | 'undocumented-jam'
  // the 65C02's unused opcodes, and WAI/STP (which no vector tests)
  | 'reserved-nop'
  | 'wait';

/** What the index says about one opcode file. */
export interface OpcodeIndexEntry {
  readonly opcode: number;
  readonly mnemonic: string;
  /** The index's short mode names: imp acc imm zp zpx zpy izx izy rel abs abx aby ind. */
  readonly mode: string;
  readonly vectorClass: VectorClass;
  /** Tests known to be wrong in this data version, if any: the kind and which positions ('all' or 0-based). */
  readonly knownStale: { readonly kind: string; readonly tests: 'all' | ReadonlySet<number> } | undefined;
  /** Problems upstream reported with this opcode's tests (the index's `reported_upstream`), by kind. */
  readonly reportedUpstream?: readonly string[];
}

/** The parsed `index.json`, or the same facts derived from moth's own instruction table when there is none. */
export interface VectorIndex {
  readonly staleKinds: ReadonlyMap<string, string>;
  readonly opcodes: ReadonlyMap<number, OpcodeIndexEntry>;
}

/** A value or a sentence saying what was wrong with the input. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const CLASS_OF: Readonly<Record<OpcodeClass, VectorClass>> = {
  documented: 'documented',
  undocumented: 'undocumented-stable',
  unstable: 'undocumented-unstable',
  jam: 'undocumented-jam',
  reserved: 'reserved-nop',
};

/** An index built from moth's instruction table: no stale tests known, classes as the table has them. */
export function indexFromInstructionSet(): VectorIndex {
  const opcodes = new Map<number, OpcodeIndexEntry>();
  for (const info of INSTRUCTION_SET) {
    opcodes.set(info.opcode, {
      opcode: info.opcode,
      mnemonic: info.mnemonic,
      mode: MODES[info.mode].shortName,
      vectorClass: CLASS_OF[info.opcodeClass],
      knownStale: undefined,
    });
  }
  return { staleKinds: new Map(), opcodes };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isByte(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xff;
}

function isWord(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffff;
}

function parseState(raw: unknown, where: string): Parsed<VectorState> {
  if (!isRecord(raw)) return { ok: false, error: `${where} is not an object` };
  if (!isWord(raw['pc'])) return { ok: false, error: `${where}.pc is not a 16-bit number` };
  for (const register of ['s', 'a', 'x', 'y', 'p'] as const) {
    if (!isByte(raw[register])) return { ok: false, error: `${where}.${register} is not a byte` };
  }
  const ram = raw['ram'];
  if (!Array.isArray(ram)) return { ok: false, error: `${where}.ram is not a list` };
  for (const [position, pair] of ram.entries()) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isWord(pair[0]) || !isByte(pair[1])) {
      return { ok: false, error: `${where}.ram[${position}] is not an [address, byte] pair` };
    }
  }
  // The checks above make these casts true; JSON gives no static types to lean on.
  return { ok: true, value: raw as unknown as VectorState };
}

function parseCycles(raw: unknown, where: string): Parsed<readonly BusCycle[]> {
  if (!Array.isArray(raw)) return { ok: false, error: `${where} is not a list` };
  for (const [position, cycle] of raw.entries()) {
    if (
      !Array.isArray(cycle) ||
      cycle.length !== 3 ||
      !isWord(cycle[0]) ||
      !isByte(cycle[1]) ||
      (cycle[2] !== 'read' && cycle[2] !== 'write')
    ) {
      return { ok: false, error: `${where}[${position}] is not an [address, byte, "read" | "write"] triple` };
    }
  }
  return { ok: true, value: raw as BusCycle[] };
}

/** Checks already-parsed JSON (an array of test objects) and returns the vectors or the first problem found. */
export function parseVectors(json: unknown): Parsed<TestVector[]> {
  if (!Array.isArray(json)) return { ok: false, error: 'expected a JSON array of tests' };
  const vectors: TestVector[] = [];
  for (const [position, raw] of json.entries()) {
    const where = `test #${position}`;
    if (!isRecord(raw)) return { ok: false, error: `${where} is not an object` };
    const initial = parseState(raw['initial'], `${where} initial`);
    if (!initial.ok) return initial;
    const final = parseState(raw['final'], `${where} final`);
    if (!final.ok) return final;
    const cycles = parseCycles(raw['cycles'], `${where} cycles`);
    if (!cycles.ok) return cycles;
    const name = typeof raw['name'] === 'string' ? raw['name'] : `#${position}`;
    vectors.push({ name, initial: initial.value, final: final.value, cycles: cycles.value });
  }
  return { ok: true, value: vectors };
}

const VECTOR_CLASSES: readonly string[] = ['documented', 'undocumented-stable', 'undocumented-unstable', 'undocumented-jam', 'reserved-nop', 'wait'];

/** Checks already-parsed `index.json` and returns what the runner needs from it. */
export function parseIndex(json: unknown): Parsed<VectorIndex> {
  if (!isRecord(json)) return { ok: false, error: 'index: expected a JSON object' };
  const staleKinds = new Map<string, string>();
  const rawKinds = json['stale_kinds'];
  if (isRecord(rawKinds)) {
    for (const [kind, explanation] of Object.entries(rawKinds)) staleKinds.set(kind, String(explanation));
  }
  const rawOpcodes = json['opcodes'];
  if (!Array.isArray(rawOpcodes)) return { ok: false, error: 'index: "opcodes" is not a list' };
  const opcodes = new Map<number, OpcodeIndexEntry>();
  for (const [position, raw] of rawOpcodes.entries()) {
    const where = `index: opcodes[${position}]`;
    if (!isRecord(raw)) return { ok: false, error: `${where} is not an object` };
    const opcodeText = raw['opcode'];
    if (typeof opcodeText !== 'string' || !/^[0-9a-f]{2}$/i.test(opcodeText)) {
      return { ok: false, error: `${where}.opcode is not two hex digits` };
    }
    const vectorClass = raw['class'];
    if (typeof vectorClass !== 'string' || !VECTOR_CLASSES.includes(vectorClass)) {
      return { ok: false, error: `${where}.class is not one of ${VECTOR_CLASSES.join(', ')}` };
    }
    let knownStale: OpcodeIndexEntry['knownStale'];
    const rawStale = raw['known_stale'];
    if (rawStale !== undefined) {
      if (!isRecord(rawStale) || typeof rawStale['kind'] !== 'string') {
        return { ok: false, error: `${where}.known_stale has no kind` };
      }
      const tests = rawStale['tests'];
      if (tests === 'all') knownStale = { kind: rawStale['kind'], tests: 'all' };
      else if (Array.isArray(tests) && tests.every((test) => Number.isInteger(test))) {
        knownStale = { kind: rawStale['kind'], tests: new Set(tests as number[]) };
      } else return { ok: false, error: `${where}.known_stale.tests is neither "all" nor a list of positions` };
    }
    const opcode = parseInt(opcodeText, 16);
    const reported = raw['reported_upstream'];
    opcodes.set(opcode, {
      reportedUpstream: Array.isArray(reported) ? reported.map(String) : [],
      opcode,
      mnemonic: typeof raw['mnemonic'] === 'string' ? raw['mnemonic'] : '???',
      mode: typeof raw['mode'] === 'string' ? raw['mode'] : '?',
      vectorClass: vectorClass as VectorClass,
      knownStale,
    });
  }
  return { ok: true, value: { staleKinds, opcodes } };
}
