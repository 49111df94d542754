// The terminal debugger on a program that prints for ever (issue 12): after `c`, it runs hundreds of millions of
// cycles with memory bounded and the console pane showing the newest lines (in tmux, 80×24).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder } from '../cli/helpers.js';
import { TmuxTerminal, builtCliExists, hasTmux } from '../tui/helpers/tmux.js';
import { REPO_ROOT } from './helpers.js';

const ready = hasTmux && builtCliExists(REPO_ROOT);
if (!ready) console.warn('test/reliability/tui-bounded: SKIPPED, needs tmux and `npm run build`');

/** Before the fix the session kept every byte printed and the console pane decoded all of them every frame: 325 MB after 5 s. */
const MEMORY_BOUND = 200 * 1024 * 1024;
/** Cycles to run: about 10 million lines printed. */
const CYCLES = 200_000_000;

const { folder, file } = scratchFolder('moth-tui-bounded-');

/** Prints `ok` and a newline for ever. */
const PRINTS_FOREVER = `        .org $0600
loop:   lda #'o'
        sta $F001
        lda #'k'
        sta $F001
        lda #10
        sta $F001
        jmp loop
`;

/** The cycle count on the status line (`… 12,345,678 cyc …`), or 0 before there is one. */
function cyclesShown(screen: string): number {
  const match = /([\d,]+) cyc/.exec(screen.split('\n')[23] ?? '');
  return match === null ? 0 : Number(match[1]!.replace(/,/g, ''));
}

function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) * 1024;
}

describe.skipIf(!ready)('moth debug on a program that prints for ever', () => {
  let terminal: TmuxTerminal | undefined;

  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  it(`c runs ${CYCLES / 1e6} million cycles in bounded memory, the console pane showing the newest lines`, async () => {
    const program = file('forever.s', PRINTS_FOREVER);
    const pidFile = join(folder, 'pid');
    // exec keeps the shell's pid, so the pid written is moth's.
    terminal = TmuxTerminal.start(`sh -c 'echo $$ > ${pidFile}; exec node bin/moth.js debug ${program}'`, REPO_ROOT);
    await terminal.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame', 20_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    terminal.send('c');
    let peak = 0;
    const screen = await terminal.waitFor(
      (shown) => {
        peak = Math.max(peak, residentBytes(pid));
        return cyclesShown(shown) >= CYCLES;
      },
      `${CYCLES} cycles on the status line`,
      120_000,
    );
    expect(screen).toContain('RUNNING');
    expect(screen.split('\n').filter((row) => /│ok\s*$/.test(row)).length).toBeGreaterThan(3); // the console pane's rows
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(MEMORY_BOUND);
  }, 150_000);
});
