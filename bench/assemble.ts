/**
 * How fast the assembler is: generates a realistic 100,000-line program (labels, cheap locals, unnamed labels,
 * constants, macros, conditionals, data, comments) and times `assemble` on it, best of several runs.
 * Run with `npm run build && node dist/bench/assemble.js [lines]`.
 */

import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { assemble, formatDiagnostic } from '../src/asm/index.js';

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

function main(argv: readonly string[]): void {
  const lines = argv[0] !== undefined ? Number(argv[0]) : 100_000;
  const timing = timeAssembly(Number.isFinite(lines) && lines > 0 ? lines : 100_000);
  process.stdout.write(
    `assembler: ${timing.lines} lines → ${timing.bytes} bytes in ${timing.milliseconds.toFixed(0)} ms wall, ` +
      `${timing.cpuMilliseconds.toFixed(0)} ms CPU (best of ${timing.runs}; ` +
      `${Math.round(timing.lines / (timing.milliseconds / 1000)).toLocaleString('en-US')} lines/s)\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
