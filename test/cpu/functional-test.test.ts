// Runs Klaus Dormann's 6502 functional test (from $MOTH_FUNCTIONAL_TEST_BIN) on the bare CPU, on both cores: it must
// reach its success trap after the same number of cycles and instructions. With $MOTH_FUNCTIONAL_TEST_65C02_BIN,
// his 65C02 extended-opcodes test the same way on the 65C02; and the NMOS test on the 2A03 (no decimal mode, so it
// stops in the decimal part) ends alike on both cores.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CpuCore } from '../../src/cpu/cores.js';
import { Cpu } from '../../src/cpu/cpu.js';
import type { CpuVariant } from '../../src/cpu/variants.js';
import { hexWord } from '../../src/shared/hex.js';

const binaryPath = process.env['MOTH_FUNCTIONAL_TEST_BIN'] || undefined;
if (binaryPath === undefined) {
  console.info('functional test: SKIPPED: MOTH_FUNCTIONAL_TEST_BIN is not set (it names 6502_functional_test.bin, which is not in the repo)');
}
const cmosBinaryPath = process.env['MOTH_FUNCTIONAL_TEST_65C02_BIN'] || undefined;
if (cmosBinaryPath === undefined) {
  console.info('65C02 extended-opcodes test: SKIPPED: MOTH_FUNCTIONAL_TEST_65C02_BIN is not set (it names 65C02_extended_opcodes_test.bin)');
}

const LOAD_ADDRESS = 0x0000;
const START_ADDRESS = 0x0400;
/** The `jmp *` the test reaches only when every check passed; every other trap is a failed check. */
const SUCCESS_ADDRESS = 0x3469;
/** The same for the 65C02 extended-opcodes test. */
const CMOS_SUCCESS_ADDRESS = 0x24f1;
/** The test needs about 96 million cycles; four times that means it is lost, not slow. */
const CYCLE_LIMIT = 400_000_000;
const LAST_PCS_SHOWN = 24;

/** Runs until the CPU stops (a trap, a jam...) or the limit; the test itself uses BRK as a real interrupt. */
function runFunctionalTest(image: Uint8Array, hook?: (cpu: Cpu) => boolean, core: CpuCore = 'js', variant: CpuVariant = '6502'): Cpu {
  const cpu = new Cpu({ detectTraps: true, core, variant });
  cpu.memory.set(image, LOAD_ADDRESS);
  cpu.pc = START_ADDRESS;
  if (hook) {
    cpu.instrumented = true;
    cpu.onInstruction = hook;
  }
  while (cpu.cycles < CYCLE_LIMIT && cpu.run(1_000_000) === 'budget') {
    // keep going: each run() is one slice of a long program
  }
  return cpu;
}

/** Replays the same deterministic run with a hook that remembers the last PCs, to show where a failure came from. */
function lastProgramCounters(image: Uint8Array, instructions: number): number[] {
  const ring: number[] = [];
  runFunctionalTest(image, (cpu) => {
    ring.push(cpu.pc);
    if (ring.length > LAST_PCS_SHOWN) ring.shift();
    return cpu.instructions >= instructions;
  });
  return ring;
}

describe.skipIf(binaryPath === undefined)("Klaus Dormann's 6502 functional test", () => {
  it(`reaches the success trap at ${hexWord(SUCCESS_ADDRESS)}`, { timeout: 180_000 }, () => {
    const image = new Uint8Array(readFileSync(binaryPath!));
    const cpu = runFunctionalTest(image);
    const stoppedAt = cpu.pc;
    let explanation = 'success';
    if (cpu.stopReason !== 'trap' || stoppedAt !== SUCCESS_ADDRESS) {
      const trail = lastProgramCounters(image, cpu.instructions).map(hexWord).join(' ');
      explanation =
        `stopped (${cpu.stopReason}) at ${hexWord(stoppedAt)} after ${cpu.cycles} cycles; ` +
        `look that address up in the test's listing. Last PCs: ${trail}`;
      console.error(`functional test ${explanation}`);
    }
    expect({ reason: cpu.stopReason, pc: hexWord(stoppedAt) }, explanation).toEqual({
      reason: 'trap',
      pc: hexWord(SUCCESS_ADDRESS),
    });
  });

  it('ends the same on the WebAssembly core: same trap, cycles, instructions, registers and memory', { timeout: 180_000 }, () => {
    const image = new Uint8Array(readFileSync(binaryPath!));
    expectSameOnBothCores(image, '6502');
  });

  it('stops in the decimal part on the 2A03, at the same place on both cores', { timeout: 180_000 }, () => {
    const image = new Uint8Array(readFileSync(binaryPath!));
    const wasm = expectSameOnBothCores(image, '2a03');
    expect(wasm.stopReason).toBe('trap');
    expect(wasm.pc).not.toBe(SUCCESS_ADDRESS);
  });
});

/** Runs `image` on both cores of `variant`; they must end alike, registers, counters and memory. Returns the wasm CPU. */
function expectSameOnBothCores(image: Uint8Array, variant: CpuVariant): Cpu {
  const [js, wasm] = [runFunctionalTest(image, undefined, 'js', variant), runFunctionalTest(image, undefined, 'wasm', variant)];
  const final = (cpu: Cpu): unknown => {
    const { stopReason, pc, a, x, y, sp, p, cycles, instructions } = cpu;
    return { stopReason, pc, a, x, y, sp, p, cycles, instructions };
  };
  expect(final(wasm)).toEqual(final(js));
  expect(Buffer.compare(wasm.memory, js.memory)).toBe(0);
  return wasm;
}

describe.skipIf(cmosBinaryPath === undefined)("Klaus Dormann's 65C02 extended-opcodes test", () => {
  it(`reaches the success trap at ${hexWord(CMOS_SUCCESS_ADDRESS)} on both cores, alike`, { timeout: 180_000 }, () => {
    const image = new Uint8Array(readFileSync(cmosBinaryPath!));
    const wasm = expectSameOnBothCores(image, '65c02');
    expect({ reason: wasm.stopReason, pc: hexWord(wasm.pc) }).toEqual({ reason: 'trap', pc: hexWord(CMOS_SUCCESS_ADDRESS) });
  });
});
