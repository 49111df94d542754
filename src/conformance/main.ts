/**
 * `npm run conformance -- [--cpu 6502|65c02|2a03] [--core js|wasm] [dir]`: runs every single-step vector file in
 * the directory (or in $MOTH_CONFORMANCE_DIR, $MOTH_CONFORMANCE_65C02_DIR for the 65C02) against moth's CPU of
 * that variant on that core and prints one line per opcode and a closing tally.
 */

import { pathToFileURL } from 'node:url';
import { CPU_CORES, type CpuCore } from '../cpu/cores.js';
import { Cpu } from '../cpu/cpu.js';
import { CPU_VARIANTS, variantNamed, type CpuVariant } from '../cpu/variants.js';
import { listVectorFiles, loadIndex, readVectorFile } from './files.js';
import { formatOpcodeLine, formatSummary } from './report.js';
import { entryFor, recordWrites, runOpcodeVectors, summarize } from './runner.js';
import type { OpcodeReport, RunnerOptions } from './runner.js';

const USAGE = `usage: npm run conformance -- [--cpu <variant>] [--core js|wasm] [<dir>] [--only <opcodes>]
  Runs every *.json.gz single-step vector file in <dir> against moth's CPU.
  --cpu 6502|65c02|2a03   the CPU variant (default 6502); <dir> defaults to $MOTH_CONFORMANCE_DIR,
                          or $MOTH_CONFORMANCE_65C02_DIR for --cpu 65c02
  --core js|wasm          the run loop: the TypeScript one (default) or the WebAssembly one
  --only a9,69,6c   run just these opcodes (two hex digits each, comma-separated)
  Exits 1 when any documented-opcode (or 65C02 reserved-NOP) test fails, 2 when the vectors cannot be read.`;

/** The environment variable naming each variant's vectors (the 2A03 runs the NMOS set: only D differs). */
const DIRECTORY_VARIABLE: Readonly<Record<CpuVariant, string>> = {
  '6502': 'MOTH_CONFORMANCE_DIR',
  '65c02': 'MOTH_CONFORMANCE_65C02_DIR',
  '2a03': 'MOTH_CONFORMANCE_DIR',
};

interface ParsedArgs {
  readonly directory: string | undefined;
  readonly variant: CpuVariant;
  readonly core: CpuCore;
  /** Opcodes to run, or undefined for all. */
  readonly only: ReadonlySet<number> | undefined;
}

function parseArgs(args: readonly string[]): ParsedArgs | string {
  let directory: string | undefined;
  let only: Set<number> | undefined;
  let variant: CpuVariant = '6502';
  let core: CpuCore = 'js';
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--core') {
      const name = args[++index];
      const named = CPU_CORES.find((candidate) => candidate === name);
      if (named === undefined) return `--core wants one of ${CPU_CORES.join(', ')}, got ${name ?? 'nothing'}`;
      core = named;
    } else if (arg === '--cpu') {
      const name = args[++index];
      const named = name === undefined ? undefined : variantNamed(name);
      if (named === undefined) return `--cpu wants one of ${CPU_VARIANTS.join(', ')}, got ${name ?? 'nothing'}`;
      variant = named;
    } else if (arg === '--only') {
      const list = args[++index];
      if (list === undefined || !/^[0-9a-f]{2}(,[0-9a-f]{2})*$/i.test(list)) {
        return `--only wants opcodes as two hex digits, comma-separated (e.g. --only a9,69), got ${list ?? 'nothing'}`;
      }
      only = new Set(list.split(',').map((opcode) => parseInt(opcode, 16)));
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (directory !== undefined) return `expected at most one directory, got ${directory} and ${arg}`;
    else directory = arg;
  }
  return { directory, only, variant, core };
}

const writeLogs = new WeakMap<Cpu, (readonly [number, number])[]>();

/**
 * A maker of CPUs for one test each. On the TypeScript core a fresh Cpu every time. A wasm instance takes ~1 ms
 * to make, too slow for one per test, so on that core one Cpu serves every test: each finds it with zeroed RAM,
 * not jammed, waiting or owing an interrupt, and the runner sets every register and byte the test names.
 * `prepare` arms a new Cpu once (a write log, say); `reuse` clears what it armed before each further test.
 */
function cpuMaker(variant: CpuVariant, core: CpuCore, prepare?: (cpu: Cpu) => void, reuse?: (cpu: Cpu) => void): () => Cpu {
  if (core === 'js') {
    return () => {
      const cpu = new Cpu({ variant });
      prepare?.(cpu);
      return cpu;
    };
  }
  let shared: Cpu | undefined;
  return () => {
    if (shared === undefined) {
      shared = new Cpu({ variant, core });
      prepare?.(shared);
      return shared;
    }
    shared.memory.fill(0);
    shared.jammed = false;
    shared.waiting = false;
    shared.irqDelayed = false;
    shared.nmiPending = false;
    reuse?.(shared);
    return shared;
  };
}

/**
 * The runner's view of moth's CPU of one variant on one core: a CPU over plain 64 KiB RAM for the verdict, a
 * second one with its writes watched (through the write hooks, which change only the route a write takes) for
 * the write-sequence figure, and a third one keeping its per-cycle bus log (cpu.cycleLog) for the bus-cycle
 * figure. A CPU keeping that log always steps in TypeScript (cpu.ts run()), so the third is the same on both.
 */
export function mothCpu(variant: CpuVariant = '6502', core: CpuCore = 'js'): RunnerOptions<Cpu> {
  return {
    createCpu: cpuMaker(variant, core),
    watchWrites: {
      createCpu: cpuMaker(
        variant,
        core,
        (cpu) => writeLogs.set(cpu, recordWrites(cpu)),
        (cpu) => {
          writeLogs.get(cpu)!.length = 0;
          cpu.writeHooks.fill(1);
        },
      ),
      writesOf: (cpu) => writeLogs.get(cpu) ?? [],
    },
    watchBus: {
      createCpu: () => {
        const cpu = new Cpu({ variant });
        cpu.cycleLog = [];
        return cpu;
      },
      busCyclesOf: (cpu) => cpu.cycleLog ?? [],
    },
  };
}

export interface ConformanceIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs the command; returns the exit code (0 all documented tests pass, 1 some fail, 2 bad usage or data). */
export async function main(args: readonly string[], io: ConformanceIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`conformance: ${parsed}\n${USAGE}`);
    return 2;
  }
  const variable = DIRECTORY_VARIABLE[parsed.variant];
  const directory = parsed.directory ?? io.env[variable];
  if (directory === undefined || directory === '') {
    io.err(`conformance: no vector directory: pass one (npm run conformance -- <dir>) or set ${variable}\n${USAGE}`);
    return 2;
  }
  const listed = listVectorFiles(directory);
  if (!listed.ok) {
    io.err(`conformance: ${listed.error}`);
    return 2;
  }
  const paths = listed.value.filter((path) => {
    const opcode = /([0-9a-f]{2})\.json\.gz$/i.exec(path)?.[1];
    return parsed.only === undefined || (opcode !== undefined && parsed.only.has(parseInt(opcode, 16)));
  });
  if (paths.length === 0) {
    io.err(`conformance: none of the vector files in ${directory} is for the opcodes asked for`);
    return 2;
  }
  const index = loadIndex(directory);
  if (!index.ok) {
    io.err(`conformance: ${index.error}`);
    return 2;
  }

  io.out(`conformance: ${paths.length} vector files from ${directory}, CPU ${parsed.variant}, ${parsed.core} core`);
  const cpu = mothCpu(parsed.variant, parsed.core);
  io.out(`${'opcode'.padEnd(12)}${'class'.padEnd(13)}tests (known-stale tests are counted apart; differences read expected→actual)`);
  const reports: OpcodeReport[] = [];
  let unreadable = 0;
  for (const path of paths) {
    const file = readVectorFile(path);
    if (!file.ok) {
      io.err(`conformance: ${file.error}`);
      unreadable++;
      continue;
    }
    const report = runOpcodeVectors(entryFor(index.value, file.value.opcode), file.value.vectors, cpu);
    reports.push(report);
    io.out(formatOpcodeLine(report));
  }
  io.out('');
  const summary = summarize(reports);
  for (const line of formatSummary(summary)) io.out(line);
  if (unreadable > 0) {
    io.err(`conformance: ${unreadable} vector file(s) could not be read`);
    return 2;
  }
  return summary.byClass.documented.failed + summary.byClass['reserved-nop'].failed > 0 ? 1 : 0;
}

// Run when started as a program (node dist/src/conformance/main.js), not when imported by a test.
const startedAsProgram = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (startedAsProgram) {
  process.exitCode = await main(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
  });
}
