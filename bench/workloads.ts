/**
 * The benchmark workloads: 6502 programs in test/fixtures/bench/*.s that loop forever and publish a
 * result the benchmark checks, plus Klaus Dormann's functional test when $MOTH_FUNCTIONAL_TEST_BIN is set.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assemble, formatDiagnostic } from '../src/asm/index.js';
import { hexWord } from '../src/shared/hex.js';

/** Where the fixture sources live, seen from dist/bench/ (the built benchmark) or from bench/ (the source). */
export const FIXTURE_DIRECTORY = fileURLToPath(
  new URL(import.meta.url.includes('/dist/bench/') ? '../../test/fixtures/bench/' : '../test/fixtures/bench/', import.meta.url),
);

/** Every workload loads and starts here (the default machine's load address). */
export const LOAD_ADDRESS = 0x0600;
/** Each looping workload counts finished passes here (16-bit)... */
export const PASSES_ADDRESS = 0x0000;
/** ...and publishes the last pass's result from here. */
export const RESULT_ADDRESS = 0x0002;

/** A looping program and the result every finished pass must publish. */
export interface LoopWorkload {
  readonly kind: 'loop';
  readonly name: string;
  readonly fileName: string;
  readonly description: string;
  /** The bytes a pass publishes at RESULT_ADDRESS, computed here in plain TypeScript. */
  readonly expectedResult: readonly number[];
}

/** Klaus Dormann's 6502_functional_test.bin: runs once to a trap at SUCCESS_ADDRESS. */
export interface FunctionalWorkload {
  readonly kind: 'functional';
  readonly name: string;
  readonly path: string;
  readonly description: string;
}

export type Workload = LoopWorkload | FunctionalWorkload;

/** The functional test loads at $0000, starts at $0400 and ends in a JMP-to-itself at $3469 when every check passed. */
export const FUNCTIONAL_TEST = { load: 0x0000, start: 0x0400, success: 0x3469, cycles: 96_241_367 } as const;

function sievePrimeCount(limit: number): number {
  const composite = new Uint8Array(limit);
  let count = 0;
  for (let n = 2; n < limit; n++) {
    if (composite[n]) continue;
    count++;
    for (let multiple = n + n; multiple < limit; multiple += n) composite[multiple] = 1;
  }
  return count;
}

/** CRC-32 with the reflected polynomial $EDB88320, bit by bit, exactly as crc32.s does it. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function muldivChecksum(): number {
  let first = 11;
  let second = 7;
  let sum = 0;
  for (let pair = 0; pair < 1024; pair++) {
    const product = first * second;
    sum = (sum + (product & 0xffff) + Math.floor(product / 0x10000)) & 0xffff;
    first = (first + 37) & 0xffff;
    second = (second + 91) & 0xffff;
  }
  return sum;
}

function littleEndian(value: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, index) => Math.floor(value / 256 ** index) & 0xff);
}

/** The self-written workloads, in the order the table prints them. */
export const LOOP_WORKLOADS: readonly LoopWorkload[] = [
  {
    kind: 'loop',
    name: 'sieve',
    fileName: 'sieve.s',
    description: 'sieve of Eratosthenes, 8,192 numbers per pass',
    expectedResult: littleEndian(sievePrimeCount(0x2000), 2),
  },
  {
    kind: 'loop',
    name: 'crc32',
    fileName: 'crc32.s',
    description: 'bitwise CRC-32 of 4 KiB per pass',
    expectedResult: littleEndian(crc32(Uint8Array.from({ length: 4096 }, (_, index) => index & 0xff)), 4),
  },
  {
    kind: 'loop',
    name: 'muldiv',
    fileName: 'muldiv.s',
    description: '1,024 16x16 multiplies and 32/16 divides per pass',
    expectedResult: [...littleEndian(muldivChecksum(), 2), 0, 0],
  },
];

/** The workloads to run: the loops, plus the functional test when its binary is named. */
export function selectWorkloads(functionalTestPath: string | undefined): Workload[] {
  const workloads: Workload[] = [...LOOP_WORKLOADS];
  if (functionalTestPath) {
    workloads.push({
      kind: 'functional',
      name: 'functional',
      path: functionalTestPath,
      description: "Klaus Dormann's 6502 functional test, start to success trap",
    });
  }
  return workloads;
}

/** Assembles a fixture with moth's own assembler; returns the bytes (loaded at LOAD_ADDRESS) or the diagnostics. */
export function assembleFixture(fileName: string): { bytes: Uint8Array } | { error: string } {
  const path = FIXTURE_DIRECTORY + fileName;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    return { error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = assemble(source, { fileName });
  if (!result.ok || result.image === undefined) {
    return { error: `${fileName} did not assemble:\n${result.diagnostics.map((diagnostic) => formatDiagnostic(diagnostic)).join('\n')}` };
  }
  if (result.image.start !== LOAD_ADDRESS) {
    return { error: `${fileName} starts at ${hexWord(result.image.start)}, expected ${hexWord(LOAD_ADDRESS)}` };
  }
  return { bytes: result.image.bytes };
}

/** How many passes a looping workload has finished (its own 16-bit counter). */
export function passesFinished(memory: Uint8Array): number {
  return memory[PASSES_ADDRESS]! | (memory[PASSES_ADDRESS + 1]! << 8);
}

/** Describes a mismatch between a workload's published result and the expected one, or undefined when they agree. */
export function checkLoopResult(workload: LoopWorkload, memory: Uint8Array): string | undefined {
  const passes = passesFinished(memory);
  if (passes === 0) return `${workload.name}: no pass finished, so its result could not be checked`;
  const actual = Array.from(memory.subarray(RESULT_ADDRESS, RESULT_ADDRESS + workload.expectedResult.length));
  if (actual.every((byte, index) => byte === workload.expectedResult[index])) return undefined;
  const show = (bytes: readonly number[]): string => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `${workload.name}: result bytes ${show(actual)}, expected ${show(workload.expectedResult)} (the emulated program computed a wrong answer)`;
}
