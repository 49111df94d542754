// `moth debug --script` streams its transcript (issue 12): one command that prints 250,000+ lines — the program's
// console output, or a trace — goes out while it runs, in bounded memory, and the commands after it have not run
// yet when the first lines arrive; write errors on the streamed stdout end it as they end `moth run`.
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, scratchFolder } from '../cli/helpers.js';
import { watchMoth } from './helpers.js';

/** The bound; a streamed script needs about half of it, the collected transcript far more (or dies). */
const MEMORY_BOUND = 150 * 1024 * 1024;
/** A heap this small holds the session and its history, but not a quarter of a million lines kept as strings. */
const SMALL_HEAP = ['--max-old-space-size=64'];
const { folder: scratch, file: scratchFile } = scratchFolder('moth-script-bounded-');

beforeAll(() => requireBuild());

/** 100 × 50 × 50 = 250,000 lines of `ok`, then BRK. */
const PRINTS_LINES = `        .org $0600
        lda #100
        sta $00
outer:  ldx #50
middle: ldy #50
inner:  lda #'o'
        sta $F001
        lda #'k'
        sta $F001
        lda #10
        sta $F001
        dey
        bne inner
        dex
        bne middle
        dec $00
        bne outer
        brk
`;

/** 256 × 256 passes of four instructions, then a trap: 262,914 instructions (the trap's JMP too), one trace line each. */
const COUNTS = `        .org $0600
        ldy #0
outer:  ldx #0
inner:  nop
        nop
        dex
        bne inner
        dey
        bne outer
done:   jmp done
`;

/** Prints `ok` and a newline for ever: 3 bytes every 7 instructions (21 cycles). */
const PRINTS_FOREVER = `        .org $0600
loop:   lda #'o'
        sta $F001
        lda #'k'
        sta $F001
        lda #10
        sta $F001
        jmp loop
`;

/** Reads a transcript as it arrives, line by line, counting the lines that start with `prefix`. */
class Tally {
  count = 0;
  /** The state lines (`A=$.. … instructions=N`), in order. */
  readonly instructions: number[] = [];
  /** Whether the marker file existed when the first bytes arrived (undefined until they do). */
  markerAtFirstBytes: boolean | undefined;
  private partial = '';

  constructor(
    private readonly prefix: string,
    private readonly marker: string,
  ) {}

  take(chunk: string): void {
    this.markerAtFirstBytes ??= existsSync(this.marker);
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith(this.prefix)) this.count++;
      const state = /^A=\$.* instructions=(\d+)$/.exec(line);
      if (state !== null) this.instructions.push(Number(state[1]));
    }
  }
}

/**
 * Runs `script` against `program` with a small heap, `save`s a marker file right after the long command, and
 * tallies the transcript as it streams in.
 */
async function runLongScript(name: string, program: string, commands: string, prefix: string) {
  const marker = join(scratch, `${name}-marker.bin`);
  const script = scratchFile(`${name}.txt`, `${commands}\nsave ${marker} $0600 $0600\nregs\n`);
  const tally = new Tally(prefix, marker);
  const run = await watchMoth(['debug', scratchFile(`${name}.s`, program), '--script', script], {
    nodeArgs: SMALL_HEAP,
    keepStdout: false,
    timeoutMs: 120_000,
    started: (child) => child.stdout!.on('data', (chunk: string) => tally.take(chunk)),
  });
  return { run, tally, marker };
}

describe('moth debug --script with one command that prints 250,000 lines', () => {
  it('program output: every line arrives, streamed, in bounded memory', async () => {
    const { run, tally, marker } = await runLongScript('lines', PRINTS_LINES, 'continue', '  output: ok');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(tally.count).toBe(250_000);
    // The first lines left before the command after the long one ran: the transcript was not collected first.
    expect(tally.markerAtFirstBytes).toBe(false);
    expect(existsSync(marker)).toBe(true);
    expect(run.peakRssBytes).toBeLessThan(MEMORY_BOUND);
  });

  it('trace on + continue: one trace line per instruction executed, streamed, in bounded memory', async () => {
    const { run, tally, marker } = await runLongScript('trace', COUNTS, 'trace on\ncontinue', '  trace: ');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // State lines: after `trace on`, after `continue`, after `save`, `regs`.
    expect(tally.instructions).toEqual([0, 262_914, 262_914, 262_914]);
    expect(tally.count).toBe(262_914);
    expect(tally.markerAtFirstBytes).toBe(false);
    expect(existsSync(marker)).toBe(true);
    expect(run.peakRssBytes).toBeLessThan(MEMORY_BOUND);
  });

  it('a program that prints for ever: one continue (its 100 million cycles) streams 4.7 million lines in bounded memory', async () => {
    const { run, tally, marker } = await runLongScript('forever', PRINTS_FOREVER, 'continue', '  output: ok');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const executed = tally.instructions[0]!;
    expect(executed).toBeGreaterThan(33_000_000);
    expect(Math.abs(tally.count - executed / 7)).toBeLessThanOrEqual(1); // a line per seven instructions
    expect(tally.markerAtFirstBytes).toBe(false);
    expect(existsSync(marker)).toBe(true);
    expect(run.peakRssBytes).toBeLessThan(MEMORY_BOUND);
  });
});

describe('moth debug --script when stdout fails', () => {
  it('> /dev/full: a message on stderr and exit code 1', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const script = scratchFile('full.txt', 'continue\n');
      const run = await watchMoth(['debug', scratchFile('full.s', PRINTS_FOREVER), '--script', script], { stdout: full, stdin: 'ignore' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('moth: cannot write to standard output (ENOSPC: no space left on the device)');
    } finally {
      closeSync(full);
    }
  });

  it('a reader that goes away after the first lines (| head) ends it quietly, exit code 0', async () => {
    const script = scratchFile('head.txt', 'continue\ncontinue\ncontinue\n');
    const run = await watchMoth(['debug', scratchFile('head.s', PRINTS_FOREVER), '--script', script], {
      stdin: 'ignore',
      keepStdout: false,
      started: (child) => child.stdout!.once('data', () => child.stdout!.destroy()),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
