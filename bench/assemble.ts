/**
 * How fast the assembler is: generates a realistic 100,000-line program (labels, cheap locals, unnamed labels,
 * constants, macros, conditionals, data, comments) and times `assemble` on it, best of several runs.
 * Run with `npm run build && node dist/bench/assemble.js [lines]`.
 *
 * Side by side with ca65+ld65 on a real program, as whole processes (start-up included, which is what a
 * user waits for): $MOTH_ASM_PROGRAM holds the arguments of `moth asm` for it and $MOTH_ASM_REFERENCE_COMMAND
 * the shell command that builds it with the cc65 tools, both run in $MOTH_ASM_DIRECTORY (default: here).
 * docs/assembler.md shows the ones measured.
 */

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { assemble, formatDiagnostic } from '../src/asm/index.js';
import { type Contender, describeTimes, quote, timeAlternated } from './cli.js';
import { median } from './harness.js';

const MOTH_BIN = fileURLToPath(new URL('../../bin/moth.js', import.meta.url));

/** One block of 20 source lines emitting 12 bytes; blocks repeat with fresh names. */
function block(index: number): string {
  const value = index & 0xff;
  return [
    `block${index}:`,
    `; block ${index}: load, count down, store, add`,
    `value${index} = ${value}`,
    `        lda #value${index}`,
    `@loop:  bne @loop`,
    `mask${index} = (value${index} & $0f) | zp_base`,
    `        ; the 64 KiB address space allows about 12 bytes per 20 lines`,
    `.if value${index} > 127`,
    `        nop`,
    `.else`,
    `        iny`,
    `.endif`,
    `        add8 <(value${index} * 3)`,
    ``,
    `:       dey`,
    `        beq :-`,
    `        .byte value${index} ^ $${(index & 0xf).toString(16)}`,
    `        ; a comment line of the kind real programs are full of`,
    `target${index} := block${index}`,
    ``,
  ].join('\n');
}

/** A source of about `lines` lines that assembles without errors (its bytes stay inside 64 KiB). */
export function generateSource(lines: number): string {
  const header = ['.org $0200', 'zp_base = $10', '.macro add8 amount', '        clc', '        adc #amount', '.endmacro', ''].join('\n');
  const blocks: string[] = [header];
  const count = Math.max(1, Math.round((lines - 7) / 20));
  for (let index = 0; index < count; index++) blocks.push(block(index));
  return blocks.join('\n') + '\n';
}

export interface AssemblyTiming {
  readonly lines: number;
  readonly bytes: number;
  /** Best wall-clock time of the runs, in milliseconds. */
  readonly milliseconds: number;
  /**
   * Best CPU time of the runs (this process, all threads, so the garbage collector's helpers too), in
   * milliseconds. On a shared, busy machine wall time includes waiting for a core; CPU time does not.
   */
  readonly cpuMilliseconds: number;
  readonly runs: number;
}

/** Assembles the generated source `runs` times after one warm-up and reports the best time. */
export function timeAssembly(lines = 100_000, runs = 5): AssemblyTiming {
  const source = generateSource(lines);
  const lineCount = source.split('\n').length - 1;
  const warmUp = assemble(source, { fileName: 'generated.s' });
  if (!warmUp.ok) {
    const first = warmUp.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
    throw new Error(`the generated source does not assemble: ${first ? formatDiagnostic(first) : 'unknown error'}`);
  }
  let best = Infinity;
  let bestCpu = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    assemble(source, { fileName: 'generated.s' });
    const cpu = process.cpuUsage(cpuStarted);
    best = Math.min(best, performance.now() - started);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  return { lines: lineCount, bytes: warmUp.image?.bytes.length ?? 0, milliseconds: best, cpuMilliseconds: bestCpu, runs };
}

/**
 * `moth asm` and the reference command on the same real program, as whole processes, alternated for `rounds`
 * rounds (with `node -e 0` as the floor any Node program pays); prints best and median times and the ratio.
 */
export function benchWholeProcess(program: string, reference: string, directory: string, rounds: number): number {
  const inDirectory = (command: string): string => `cd ${quote(directory)} && ${command}`;
  const contenders: Contender[] = [
    { label: `moth asm ${program}`, command: inDirectory(`${quote(process.execPath)} ${quote(MOTH_BIN)} asm ${program}`) },
    { label: `$MOTH_ASM_REFERENCE_COMMAND (${reference})`, command: inDirectory(reference) },
    { label: 'node -e 0 (Node\'s own start-up)', command: `${quote(process.execPath)} -e 0` },
  ];
  const timed = timeAlternated(contenders, rounds);
  if ('error' in timed) {
    process.stdout.write(`${timed.error}\n`);
    return 1;
  }
  const { timings, loadBefore, loadAfter } = timed;
  const load = (values: readonly number[]): string => values.map((value) => value.toFixed(2)).join(', ');
  process.stdout.write(`Whole process, ${rounds} rounds, alternated, in ${directory}; load average ${load(loadBefore)} before, ${load(loadAfter)} after\n`);
  for (const [index, contender] of contenders.entries()) process.stdout.write(`  ${contender.label}: ${describeTimes(timings[index]!)}\n`);
  const walls = timings.map((list) => list.map((timing) => timing.seconds));
  const [moth, theirs] = [walls[0]!, walls[1]!];
  const cpus = timings.map((list) => list.map((timing) => timing.cpuSeconds ?? NaN));
  const [mothCpu, theirCpu] = [cpus[0]!, cpus[1]!];
  process.stdout.write(
    `  moth takes ${(Math.min(...moth) / Math.min(...theirs)).toFixed(1)}x the reference's wall time (best), ${(median(moth) / median(theirs)).toFixed(1)}x (median); ` +
      `${(Math.min(...mothCpu) / Math.min(...theirCpu)).toFixed(1)}x its CPU time (best; on a busy machine this is the steadier figure)\n`,
  );
  return 0;
}

function main(argv: readonly string[]): void {
  const lines = argv[0] !== undefined ? Number(argv[0]) : 100_000;
  const timing = timeAssembly(Number.isFinite(lines) && lines > 0 ? lines : 100_000);
  process.stdout.write(
    `assembler: ${timing.lines} lines → ${timing.bytes} bytes in ${timing.milliseconds.toFixed(0)} ms wall, ` +
      `${timing.cpuMilliseconds.toFixed(0)} ms CPU (best of ${timing.runs}; ` +
      `${Math.round(timing.lines / (timing.milliseconds / 1000)).toLocaleString('en-US')} lines/s)\n`,
  );
  const program = process.env['MOTH_ASM_PROGRAM'];
  const reference = process.env['MOTH_ASM_REFERENCE_COMMAND'];
  if (!program || !reference) {
    process.stdout.write('  (set MOTH_ASM_PROGRAM and MOTH_ASM_REFERENCE_COMMAND to time moth asm against ca65+ld65 on a real program; see docs/assembler.md)\n');
    return;
  }
  if (spawnSync('bash', ['-c', 'exit 0']).status !== 0) {
    process.stdout.write('moth asm (whole process): skipped, it needs bash\n');
    return;
  }
  const rounds = Number(process.env['MOTH_ASM_ROUNDS'] ?? 20) || 20;
  process.exitCode = benchWholeProcess(program, reference, process.env['MOTH_ASM_DIRECTORY'] ?? process.cwd(), rounds);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
