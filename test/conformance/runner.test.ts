// The conformance runner on small hand-made vectors: passes, deliberate failures with their diffs, stale tests, files and exit codes.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { listVectorFiles, loadIndex, readVectorFile } from '../../src/conformance/files.js';
import { mothCpu, main } from '../../src/conformance/main.js';
import { formatOpcodeLine, formatOutcome, formatSummary } from '../../src/conformance/report.js';
import { entryFor, recordWrites, runOpcodeVectors, runVector, summarize } from '../../src/conformance/runner.js';
import type { CpuUnderTest, RunnerOptions } from '../../src/conformance/runner.js';
import { indexFromInstructionSet, parseIndex, parseVectors } from '../../src/conformance/vectors.js';
import type { BusCycle, OpcodeIndexEntry, TestVector } from '../../src/conformance/vectors.js';

const MOTH: RunnerOptions<Cpu> = { createCpu: () => new Cpu() };

/** LDA #$80 at $0200 with I set: A becomes $80, N set, two cycles. Overrides change the expectation only. */
function ldaImmediate(finalOverrides: Partial<TestVector['final']> = {}, cycleCount = 2): TestVector {
  return {
    name: 'a9 80 00',
    initial: { pc: 0x0200, s: 0xfd, a: 0x00, x: 0x11, y: 0x22, p: 0x26, ram: [[0x0200, 0xa9], [0x0201, 0x80]] },
    final: {
      pc: 0x0202,
      s: 0xfd,
      a: 0x80,
      x: 0x11,
      y: 0x22,
      p: 0xa4,
      ram: [[0x0200, 0xa9], [0x0201, 0x80]],
      ...finalOverrides,
    },
    cycles: Array.from({ length: cycleCount }, (_, index) => [0x0200 + index, 0, 'read'] as const),
  };
}

/** PHA with A = $5A and SP = $FD: $5A lands at $01FD. */
function pha(expectedStackByte: number): TestVector {
  return {
    name: '48 00 00',
    initial: { pc: 0x0300, s: 0xfd, a: 0x5a, x: 0, y: 0, p: 0x24, ram: [[0x0300, 0x48]] },
    final: { pc: 0x0301, s: 0xfc, a: 0x5a, x: 0, y: 0, p: 0x24, ram: [[0x0300, 0x48], [0x01fd, expectedStackByte]] },
    cycles: [[0x0300, 0x48, 'read'], [0x0301, 0, 'read'], [0x01fd, expectedStackByte, 'write']],
  };
}

const LDA_ENTRY: OpcodeIndexEntry = entryFor(indexFromInstructionSet(), 0xa9);

describe('runVector — one instruction on a fresh CPU', () => {
  it('passes a correct LDA #$80 vector with no differences', () => {
    expect(runVector(ldaImmediate(), 0, MOTH).differences).toEqual([]);
  });

  it('reports a deliberately wrong expectation as failed, with expected→actual per register', () => {
    const outcome = runVector(ldaImmediate({ a: 0x7f, p: 0x24 }), 3, MOTH);
    expect(outcome.differences).toEqual([
      { kind: 'register', register: 'a', expected: 0x7f, actual: 0x80 },
      { kind: 'register', register: 'p', expected: 0x24, actual: 0xa4 },
    ]);
    expect(formatOutcome(outcome)).toBe('#3 "a9 80 00": a $7F→$80, p $24→$A4 (N)');
  });

  it('compares the cycle count with the length of the bus-cycle list', () => {
    const outcome = runVector(ldaImmediate({}, 3), 0, MOTH);
    expect(outcome.differences).toEqual([{ kind: 'cycles', expected: 3, actual: 2 }]);
  });

  it('checks every final RAM pair, including bytes the instruction wrote (the PHA stack byte)', () => {
    expect(runVector(pha(0x5a), 0, MOTH).differences).toEqual([]);
    const outcome = runVector(pha(0x5b), 0, MOTH);
    expect(outcome.differences).toEqual([{ kind: 'ram', address: 0x01fd, expected: 0x5b, actual: 0x5a }]);
    expect(formatOutcome(outcome)).toBe('#0 "48 00 00": [$01FD] $5B→$5A');
  });

  it('ignores status bits 4 and 5, which exist only on the stack copy (regenerated data sets B)', () => {
    expect(runVector(ldaImmediate({ p: 0x94 }), 0, MOTH).differences).toEqual([]);
    const withBInitially = ldaImmediate();
    const vector = { ...withBInitially, initial: { ...withBInitially.initial, p: 0x36 } };
    expect(runVector(vector, 0, MOTH).differences).toEqual([]);
  });

  it('turns a CPU that throws into a failed test, not a crashed run', () => {
    const throwing: RunnerOptions<CpuUnderTest> = {
      createCpu: () => ({
        a: 0, x: 0, y: 0, sp: 0, pc: 0, p: 0, cycles: 0,
        memory: new Uint8Array(0x10000),
        step: () => {
          throw new Error('opcode $A9 is not implemented');
        },
      }),
    };
    const outcome = runVector(ldaImmediate(), 0, throwing);
    expect(outcome.differences).toEqual([{ kind: 'error', message: 'opcode $A9 is not implemented' }]);
  });

  it('watches writes through the write hooks: PHA writes one byte, and a missing dummy write is caught', () => {
    const logs = new WeakMap<Cpu, readonly (readonly [number, number])[]>();
    const watching: RunnerOptions<Cpu> = {
      createCpu: () => new Cpu(),
      watchWrites: {
        createCpu: () => {
          const cpu = new Cpu();
          logs.set(cpu, recordWrites(cpu));
          return cpu;
        },
        writesOf: (cpu) => logs.get(cpu) ?? [],
      },
    };
    const push = pha(0x5a);
    expect(runVector(push, 0, watching)).toMatchObject({ differences: [], writesMatch: true });
    // The same final state, but a vector that also lists an earlier write of $00 to the stack byte.
    const withExtraWrite: TestVector = { ...push, cycles: [[0x0300, 0x48, 'read'], [0x01fd, 0x00, 'write'], ...push.cycles.slice(1)] };
    expect(runVector(withExtraWrite, 0, watching).writesMatch).toBe(false);
    expect(runVector(push, 0, MOTH).writesMatch).toBeUndefined();
  });

  it('compares recorded bus cycles when the CPU offers them, and reports none when it does not', () => {
    const vector = ldaImmediate();
    const recorder = (cycles: readonly BusCycle[]): RunnerOptions<Cpu> => ({
      createCpu: () => new Cpu(),
      watchBus: { createCpu: () => new Cpu(), busCyclesOf: () => cycles },
    });
    expect(runVector(vector, 0, recorder(vector.cycles)).busCyclesMatch).toBe(true);
    expect(runVector(vector, 0, recorder([[0x0200, 0xa9, 'read']])).busCyclesMatch).toBe(false);
    expect(runVector(vector, 0, { createCpu: () => new Cpu() }).busCyclesMatch).toBeUndefined();
  });

  it("moth's CPU records its bus cycles, and they match a vector's", () => {
    const recorded: TestVector = { ...ldaImmediate(), cycles: [[0x0200, 0xa9, 'read'], [0x0201, 0x80, 'read']] };
    expect(runVector(recorded, 0, mothCpu()).busCyclesMatch).toBe(true);
    expect(runVector(ldaImmediate(), 0, mothCpu()).busCyclesMatch).toBe(false); // its cycles say the bytes read were $00
  });
});

describe('runOpcodeVectors and summarize — tallies', () => {
  it('counts passes and failures and keeps the first failure', () => {
    const report = runOpcodeVectors(LDA_ENTRY, [ldaImmediate(), ldaImmediate({ a: 1 }), ldaImmediate({ x: 2 })], MOTH);
    expect([report.passed, report.failed, report.firstFailure?.position]).toEqual([1, 2, 1]);
    expect(formatOpcodeLine(report)).toBe(
      'a9 LDA imm  documented      1 passed    2 failed\n    first failure (expected→actual) #1 "a9 80 00": a $01→$80',
    );
  });

  it('counts known-stale tests apart, never as passed or failed', () => {
    const entry: OpcodeIndexEntry = { ...LDA_ENTRY, vectorClass: 'undocumented-stable', knownStale: { kind: 'made-up', tests: new Set([1, 2]) } };
    const report = runOpcodeVectors(entry, [ldaImmediate(), ldaImmediate({ a: 1 }), ldaImmediate()], MOTH);
    expect([report.passed, report.failed]).toEqual([1, 0]);
    expect(report.stale).toMatchObject({ kind: 'made-up', matching: 1, differing: 1, firstDiffering: { position: 1 } });
    const summary = summarize([report]);
    expect(summary.byClass['undocumented-stable']).toMatchObject({ passed: 1, failed: 0, staleMatching: 1, staleDiffering: 1 });
    expect(summary.byClass.documented.passed).toBe(0);
  });

  it('ends the summary with the documented-opcode tally and says when bus cycles were not available', () => {
    const lines = formatSummary(summarize([runOpcodeVectors(LDA_ENTRY, [ldaImmediate(), ldaImmediate({ y: 9 })], MOTH)]));
    expect(lines.at(-1)).toBe('conformance: 1 passed, 1 failed');
    expect(lines.some((line) => line.startsWith('bus cycles: unavailable'))).toBe(true);
    const busOk = (vector: TestVector): TestVector => ({ ...vector, cycles: [[0x0200, 0xa9, 'read'], [0x0201, 0x80, 'read']] });
    const withBusLog = formatSummary(
      summarize([runOpcodeVectors(LDA_ENTRY, [busOk(ldaImmediate()), busOk(ldaImmediate({ y: 9 })), ldaImmediate()], mothCpu())]),
    );
    // The second vector's final state is wrong, but its bus activity is still the chip's; the third lists wrong values.
    expect(withBusLog).toContain('bus cycles: 2 of 3 tests match cycle by cycle');
  });
});

describe('parsing vectors and the index', () => {
  it('rejects malformed tests with a sentence naming the test and field', () => {
    expect(parseVectors({})).toEqual({ ok: false, error: 'expected a JSON array of tests' });
    const broken = [{ ...ldaImmediate(), initial: { ...ldaImmediate().initial, a: 300 } }];
    expect(parseVectors(broken)).toEqual({ ok: false, error: 'test #0 initial.a is not a byte' });
  });

  it('reads known-stale positions from the index', () => {
    const parsed = parseIndex({
      stale_kinds: { 'nop-abs-missing-read': 'why' },
      opcodes: [{ opcode: '0c', mnemonic: 'NOP', mode: 'abs', class: 'undocumented-stable', known_stale: { kind: 'nop-abs-missing-read', tests: [0, 5] } }],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const stale = parsed.value.opcodes.get(0x0c)?.knownStale;
    expect(stale?.kind).toBe('nop-abs-missing-read');
    expect(stale?.tests === 'all' ? 'all' : [...(stale?.tests ?? [])]).toEqual([0, 5]);
  });
});

describe('files and the command', () => {
  const directory = mkdtempSync(join(tmpdir(), 'moth-conformance-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  writeFileSync(join(directory, 'a9.json.gz'), gzipSync(JSON.stringify([ldaImmediate(), ldaImmediate()])));
  writeFileSync(join(directory, '48.json.gz'), gzipSync(JSON.stringify([pha(0x5a)])));

  function capture(): { lines: string[]; errors: string[]; io: Parameters<typeof main>[1] } {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, io: { out: (line) => lines.push(line), err: (line) => errors.push(line), env: {} } };
  }

  it('lists and reads gzipped vector files, taking the opcode from the name', () => {
    const listed = listVectorFiles(directory);
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.value.map((path) => path.slice(-10))).toEqual(['48.json.gz', 'a9.json.gz']);
    const file = readVectorFile(listed.value[1]!);
    expect(file.ok && [file.value.opcode, file.value.vectors.length]).toEqual([0xa9, 2]);
    expect(loadIndex(directory).ok).toBe(true); // no index.json: moth's own table stands in
  });

  it('exits 0 and prints one line per opcode and the final tally when all documented tests pass', async () => {
    const { lines, io } = capture();
    expect(await main([directory], io)).toBe(0);
    expect(lines.filter((line) => /^(48|a9) /.test(line))).toHaveLength(2);
    expect(lines.at(-1)).toBe('conformance: 3 passed, 0 failed');
  });

  it('exits 1 when a documented test fails', async () => {
    const failing = mkdtempSync(join(tmpdir(), 'moth-conformance-'));
    writeFileSync(join(failing, 'a9.json.gz'), gzipSync(JSON.stringify([ldaImmediate({ a: 0 })])));
    const { lines, io } = capture();
    expect(await main([failing], io)).toBe(1);
    expect(lines.at(-1)).toBe('conformance: 0 passed, 1 failed');
    rmSync(failing, { recursive: true, force: true });
  });

  it('runs only the opcodes --only names, and rejects a malformed list', async () => {
    const { lines, io } = capture();
    expect(await main([directory, '--only', '48'], io)).toBe(0);
    expect(lines.filter((line) => /^(48|a9) /.test(line)).map((line) => line.slice(0, 2))).toEqual(['48']);
    expect(lines.at(-1)).toBe('conformance: 1 passed, 0 failed');
    const rejected = capture();
    expect(await main([directory, '--only', 'lda'], rejected.io)).toBe(2);
    expect(rejected.errors.join('\n')).toContain('--only wants opcodes as two hex digits');
  });

  it('runs on the core --core names (the same verdicts and write figures on both), and rejects another', async () => {
    const figures = async (core: string): Promise<string[]> => {
      const { lines, io } = capture();
      expect(await main([directory, '--core', core], io)).toBe(0);
      expect(lines[0]).toContain(`${core} core`);
      return lines.slice(1);
    };
    expect(await figures('wasm')).toEqual(await figures('js'));
    const rejected = capture();
    expect(await main([directory, '--core', 'c'], rejected.io)).toBe(2);
    expect(rejected.errors.join('\n')).toContain('--core wants one of wasm, js, got c');
  });

  it('exits 2 with a clear message when no directory is given or set', async () => {
    const { errors, io } = capture();
    expect(await main([], io)).toBe(2);
    expect(errors.join('\n')).toContain('set MOTH_CONFORMANCE_DIR');
  });

  it('exits 2 naming the file when a vector file is not gzip', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'moth-conformance-'));
    writeFileSync(join(broken, 'ea.json.gz'), 'not gzip');
    const { errors, io } = capture();
    expect(await main([], { ...io, env: { MOTH_CONFORMANCE_DIR: broken } })).toBe(2);
    expect(errors.join('\n')).toContain('ea.json.gz');
    rmSync(broken, { recursive: true, force: true });
  });
});
