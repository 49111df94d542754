// Runs the public 65C02 single-step vectors in $MOTH_CONFORMANCE_65C02_DIR against moth's CPU with --cpu 65c02,
// on both cores (TypeScript and WebAssembly): every documented opcode and every reserved NOP must reach the
// final state in the cycles the chip takes, writing the vector's bytes in its order, and the cycle log must show
// the vector's bus cycles, one by one. (The tests upstream reported doubtful for their cycle counts pass on final
// state; the runner counts them, and leaves their bus lists out.)

import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listVectorFiles, loadIndex, readVectorFile } from '../../src/conformance/files.js';
import { mothCpu } from '../../src/conformance/main.js';
import { formatOutcome } from '../../src/conformance/report.js';
import { entryFor, runOpcodeVectors } from '../../src/conformance/runner.js';

const directory = process.env['MOTH_CONFORMANCE_65C02_DIR'] || undefined;
if (directory === undefined) {
  console.info('conformance 65C02: SKIPPED: MOTH_CONFORMANCE_65C02_DIR is not set (.ci/run sets it)');
}

const files = directory === undefined ? undefined : listVectorFiles(directory);
const paths = files?.ok ? files.value : [];
const index = directory === undefined ? undefined : loadIndex(directory);
const CPU = mothCpu('65c02');
/** The WebAssembly core: verdicts and write order (the bus-cycle log always runs in TypeScript, see mothCpu). */
const WASM = mothCpu('65c02', 'wasm');
const ON_WASM = { createCpu: WASM.createCpu, ...(WASM.watchWrites === undefined ? {} : { watchWrites: WASM.watchWrites }) };

describe.skipIf(directory === undefined)(`65C02 single-step vectors in ${directory ?? '(unset)'}`, () => {
  it('finds the 254 vector files and a readable index', () => {
    expect(files?.ok ? 'ok' : files?.error).toBe('ok');
    expect(index?.ok ? 'ok' : index?.error).toBe('ok');
    expect(paths.length).toBe(254);
  });

  for (const path of paths) {
    const opcode = parseInt(basename(path).slice(0, 2), 16);
    const entry = index?.ok ? entryFor(index.value, opcode) : undefined;
    it(`${basename(path).slice(0, 2)} ${entry?.mnemonic ?? ''} ${entry?.mode ?? ''}: every test passes`, () => {
      const file = readVectorFile(path);
      if (!file.ok) throw new Error(file.error);
      const report = runOpcodeVectors(entry!, file.value.vectors, CPU);
      const firstFailure = report.firstFailure ? formatOutcome(report.firstFailure) : 'none';
      expect(report.failed, `first failure (expected→actual): ${firstFailure}`).toBe(0);
      expect(report.passed).toBe(file.value.vectors.length);
      // Only the cycle counts upstream reported doubtful may differ, and only on the opcodes it named.
      if (report.doubtful.differing > 0) expect(entry!.reportedUpstream).toEqual(expect.arrayContaining([...report.doubtful.kinds]));
      // Bus cycles: every test but those whose cycles upstream reported doubtful, cycle by cycle; writes too.
      if (report.doubtful.kinds.length === 0) {
        expect(report.busCycles).toEqual({ matched: file.value.vectors.length, compared: file.value.vectors.length });
        expect(report.busWrites).toEqual({ matched: file.value.vectors.length, compared: file.value.vectors.length });
      } else expect(report.busCycles).toBeUndefined();
      // The same on the wasm core: final state, cycles and the bytes written, in order.
      const onWasm = runOpcodeVectors(entry!, file.value.vectors, ON_WASM);
      expect(onWasm.failed, `wasm core, first failure: ${onWasm.firstFailure ? formatOutcome(onWasm.firstFailure) : 'none'}`).toBe(0);
      expect([onWasm.passed, onWasm.doubtful.differing]).toEqual([report.passed, report.doubtful.differing]);
      if (report.doubtful.kinds.length === 0) expect(onWasm.busWrites).toEqual(report.busWrites);
    });
  }
});
