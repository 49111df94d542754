// Runs the public single-step vectors in $MOTH_CONFORMANCE_DIR against moth's CPU on both cores (the TypeScript
// loop and the WebAssembly one): every documented opcode must pass, and the wasm core must score as the JS one.

import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listVectorFiles, loadIndex, readVectorFile } from '../../src/conformance/files.js';
import { Cpu } from '../../src/cpu/cpu.js';
import { mothCpu } from '../../src/conformance/main.js';
import { formatOpcodeLine, formatOutcome, formatSummary } from '../../src/conformance/report.js';
import { entryFor, runOpcodeVectors, summarize } from '../../src/conformance/runner.js';
import type { OpcodeReport } from '../../src/conformance/runner.js';
import { indexFromInstructionSet } from '../../src/conformance/vectors.js';

const directory = process.env['MOTH_CONFORMANCE_DIR'] || undefined;
if (directory === undefined) {
  console.info('conformance: SKIPPED: MOTH_CONFORMANCE_DIR is not set, so no single-step vectors were run (.ci/run sets it)');
}

// Collected synchronously so each opcode file becomes its own `it`.
const files = directory === undefined ? undefined : listVectorFiles(directory);
const paths = files?.ok ? files.value : [];
const index = directory === undefined ? ({ ok: true, value: indexFromInstructionSet() } as const) : loadIndex(directory);

/** The documented tests need only the verdict run, not the second, write-watching one. */
const VERDICT_ONLY = { createCpu: mothCpu().createCpu };

/** The verdict run on the WebAssembly core (one Cpu serves a whole file: see mothCpu). */
const wasmVerdictOnly = (): { createCpu: () => Cpu } => ({ createCpu: mothCpu('6502', 'wasm').createCpu });

function opcodeOfPath(path: string): number {
  return parseInt(basename(path).slice(0, 2), 16);
}

describe.skipIf(directory === undefined)(`single-step vectors in ${directory ?? '(unset)'}`, () => {
  it('finds the vector files and a readable index', () => {
    expect(files === undefined ? 'no directory' : files.ok ? 'ok' : files.error).toBe('ok');
    expect(index.ok ? 'ok' : index.error).toBe('ok');
    expect(paths.length).toBeGreaterThan(0);
  });

  const vectorIndex = index.ok ? index.value : indexFromInstructionSet();
  const documented = paths.filter((path) => entryFor(vectorIndex, opcodeOfPath(path)).vectorClass === 'documented');
  const undocumented = paths.filter((path) => !documented.includes(path));

  for (const path of documented) {
    const entry = entryFor(vectorIndex, opcodeOfPath(path));
    it(`${basename(path).slice(0, 2)} ${entry.mnemonic} ${entry.mode}: every test passes`, () => {
      const file = readVectorFile(path);
      if (!file.ok) throw new Error(file.error);
      for (const options of [VERDICT_ONLY, wasmVerdictOnly()]) {
        const report = runOpcodeVectors(entry, file.value.vectors, options);
        const firstFailure = report.firstFailure ? formatOutcome(report.firstFailure) : 'none';
        expect(report.failed, `first failure (expected→actual): ${firstFailure}`).toBe(0);
        expect(report.passed).toBe(file.value.vectors.length);
      }
    });
  }

  it('undocumented opcodes: every test is counted exactly once (figures printed, stale ones apart)', () => {
    const reports: OpcodeReport[] = [];
    for (const path of undocumented) {
      const file = readVectorFile(path);
      if (!file.ok) throw new Error(file.error);
      const entry = entryFor(vectorIndex, file.value.opcode);
      const report = runOpcodeVectors(entry, file.value.vectors, mothCpu());
      expect(report.passed + report.failed + report.stale.matching + report.stale.differing).toBe(report.tests);
      reports.push(report);
      const onWasm = runOpcodeVectors(entry, file.value.vectors, wasmVerdictOnly());
      const tally = ({ passed, failed, stale }: OpcodeReport): unknown => ({ passed, failed, stale: [stale.matching, stale.differing] });
      expect(tally(onWasm), `${basename(path)} on the wasm core`).toEqual(tally(report));
    }
    const failing = reports.filter((report) => report.failed > 0).map(formatOpcodeLine);
    const summary = formatSummary(summarize(reports)).filter((line) => line.startsWith('undocumented') || line.startsWith('bus'));
    console.info(['conformance, undocumented opcodes (informational):', ...summary, ...failing].join('\n'));
  });
});
