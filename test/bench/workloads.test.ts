// The benchmark workloads assemble with moth's assembler and compute the results the benchmark checks them against.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { LOAD_ADDRESS, LOOP_WORKLOADS, PASSES_ADDRESS, assembleFixture, checkLoopResult } from '../../bench/workloads.js';

/** Runs a looping workload on a bare CPU until it has published `passes` results (or the cycle limit). */
function runPasses(bytes: Uint8Array, passes: number): Cpu {
  const cpu = new Cpu();
  cpu.memory.set(bytes, LOAD_ADDRESS);
  cpu.pc = LOAD_ADDRESS;
  while (cpu.memory[PASSES_ADDRESS]! < passes && cpu.cycles < 50_000_000) {
    expect(cpu.run(100_000)).toBe('budget'); // the workloads loop forever: nothing may stop them
  }
  return cpu;
}

describe('benchmark workloads', () => {
  for (const workload of LOOP_WORKLOADS) {
    it(`${workload.name}: two passes publish ${workload.expectedResult.length} result bytes equal to the TypeScript model`, () => {
      const assembled = assembleFixture(workload.fileName);
      if ('error' in assembled) throw new Error(assembled.error);
      const cpu = runPasses(assembled.bytes, 2);
      expect(cpu.memory[PASSES_ADDRESS]).toBe(2);
      expect(checkLoopResult(workload, cpu.memory)).toBeUndefined();
    });
  }

  it('the sieve model counts the 1,028 primes below 8,192', () => {
    expect(LOOP_WORKLOADS.find((workload) => workload.name === 'sieve')?.expectedResult).toEqual([1028 & 0xff, 1028 >> 8]);
  });

  it('reports a wrong published result, and a run too short to finish a pass', () => {
    const sieve = LOOP_WORKLOADS[0]!;
    const memory = new Uint8Array(0x10000);
    expect(checkLoopResult(sieve, memory)).toMatch(/no pass finished/);
    memory[PASSES_ADDRESS] = 1;
    expect(checkLoopResult(sieve, memory)).toMatch(/result bytes 00 00, expected 04 04/);
  });
});
