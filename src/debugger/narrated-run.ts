/**
 * `moth run --trace` / `--explain`: runs a machine one instruction (or interrupt entry) at a time and
 * narrates each — a trace line (trace.ts) and/or a plain-words sentence (explain.ts). The face supplies
 * where text goes and how to wait; this file decides what is said, in what order.
 *
 * A trace is a log to read or diff: it opens with a header naming its columns, ends with the registers at
 * the stop (so its last CYC is the run's cycle count), and the program's own output appears on it only as
 * marked `; output:` lines. Without a trace, explanations and the program's output interleave as they happen.
 */
import type { Machine, MachineStop } from '../machine/machine.js';
import { IRQ_VECTOR } from '../machine/memory-map.js';
import { explain, explainInterrupt } from './explain.js';
import { finishExplain, prepareExplain } from './explain-capture.js';
import type { CpuSnapshot } from './explain-capture.js';
import { TRACE_HEADER, formatEndLine, formatInterruptLine, traceLine } from './trace.js';

export interface NarrationOptions {
  readonly trace: boolean;
  readonly explain: boolean;
  /** Address → label, for operands. */
  readonly labels: ReadonlyMap<number, string>;
  /** Stop once the machine's cycle count reaches this (the count every face shows). */
  readonly cycleLimit: number;
}

/** What the face provides: where text goes, the program's output, and how to wait. */
export interface NarrationHost {
  /** Receives narration and program output, in order. */
  write(text: string): void;
  /** The program's output since the last call ('' when the face keeps it elsewhere, e.g. for a JSON summary). */
  takeOutput(): string;
  /** True once the user asked to stop (Ctrl-C). */
  interrupted(): boolean;
  /** The program polled for input and none was there: resolves when it is worth trying again. */
  waitForInput(): Promise<void>;
  /** Gives the event loop a turn (input and signals arrive there). */
  nextTurn(): Promise<void>;
}

/** How a narrated run ended: a machine stop, the cycle limit, or the user. */
export type NarrationEnd =
  | { readonly kind: 'stop'; readonly stop: MachineStop }
  | { readonly kind: 'limit' }
  | { readonly kind: 'interrupted' };

/** Instructions between turns of the event loop. */
const TURN_EVERY = 4096;

export async function runNarrated(machine: Machine, options: NarrationOptions, host: NarrationHost): Promise<NarrationEnd> {
  const cpu = machine.cpu;
  const peek = (address: number): number => machine.peek(address);
  const text = new NarrationText(host, options.trace);
  if (options.trace) text.line(TRACE_HEADER);
  const end = (result: NarrationEnd): NarrationEnd => {
    text.output(host.takeOutput());
    text.endOutput();
    if (options.trace) text.line(formatEndLine(cpu));
    text.flush();
    return result;
  };
  let count = 0;
  for (;;) {
    if (cpu.cycles >= options.cycleLimit) return end({ kind: 'limit' });
    const before = snapshot(cpu);
    const instructionsBefore = cpu.instructions;
    const pendingTrace = options.trace ? traceLine(peek, before, options.labels, cpu.variant) : undefined;
    const pendingExplain = options.explain ? prepareExplain(peek, before, cpu.variant) : undefined;
    const stop = machine.step();
    const executed = cpu.instructions !== instructionsBefore;
    if (stop.reason === 'brk' || stop.reason === 'undocumented' || stop.reason === 'breakpoint') {
      // The CPU stopped before the instruction ran: nothing to narrate.
    } else if (executed) {
      if (pendingTrace !== undefined) text.line(pendingTrace);
      if (pendingExplain !== undefined) {
        const sentence = explain({ ...finishExplain(pendingExplain, snapshot(cpu), peek), symbols: options.labels });
        text.line(options.trace ? `      ${sentence}` : sentence);
      }
    } else if (cpu.cycles !== before.cycles) {
      const vector = machine.peek(IRQ_VECTOR) | (machine.peek(IRQ_VECTOR + 1) << 8);
      const kind = cpu.pc === vector ? 'IRQ' : 'NMI';
      if (options.trace) text.line(formatInterruptLine(kind, cpu));
      if (options.explain) {
        const sentence = explainInterrupt(kind, before, snapshot(cpu), options.labels);
        text.line(options.trace ? `      ${sentence}` : sentence);
      }
    }
    text.output(host.takeOutput());
    if (++count % TURN_EVERY === 0) {
      text.flush();
      await host.nextTurn();
    }
    if (host.interrupted()) return end({ kind: 'interrupted' });
    if (stop.reason === 'budget') continue;
    if (stop.reason === 'paused') {
      text.flush();
      await host.waitForInput();
      continue;
    }
    return end({ kind: 'stop', stop });
  }
}

/**
 * Collects what a narrated run says and hands it to the host in batches. On a trace, program output
 * becomes whole `; output: ` lines; otherwise it goes out as it is, narration starting on a line of its own.
 */
class NarrationText {
  private chunks: string[] = [];
  private atLineStart = true;
  private pendingOutput = '';

  constructor(
    private readonly host: NarrationHost,
    private readonly markOutput: boolean,
  ) {}

  line(text: string): void {
    this.chunks.push((this.atLineStart ? '' : '\n') + text + '\n');
    this.atLineStart = true;
  }

  output(text: string): void {
    if (text === '') return;
    if (!this.markOutput) {
      this.chunks.push(text);
      this.atLineStart = text.endsWith('\n');
      return;
    }
    const lines = (this.pendingOutput + text).split('\n');
    this.pendingOutput = lines.pop()!;
    for (const line of lines) this.line(`; output: ${line}`);
  }

  /** A marked line still waiting for its newline is said as it stands (the run is over). */
  endOutput(): void {
    if (this.pendingOutput !== '') this.line(`; output: ${this.pendingOutput}`);
    this.pendingOutput = '';
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    this.host.write(this.chunks.join(''));
    this.chunks = [];
  }
}

function snapshot(cpu: CpuSnapshot): CpuSnapshot {
  return { a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, cycles: cpu.cycles };
}
