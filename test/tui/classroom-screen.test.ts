// The classroom's first hour in a real terminal (tmux): every TERM readable, a paused speed-limited run that still answers keys and quits cleanly, keys never lost after a popup.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screenCells, unreadableCells } from './helpers/screen-cells.js';
import { TmuxTerminal, builtCliExists, hasTmux, type TerminalOptions } from './helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasTmux && builtCliExists(root);
if (!ready) console.warn('test/tui/classroom-screen: SKIPPED, needs tmux and `npm run build`');

const SMALL = { columns: 80, rows: 24 };

describe.skipIf(!ready)('the debugger in a classroom terminal (tmux)', () => {
  let terminal: TmuxTerminal | undefined;

  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  async function open(command: string, options: TerminalOptions = {}): Promise<TmuxTerminal> {
    terminal = TmuxTerminal.start(command, root, SMALL, options);
    await terminal.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame');
    return terminal;
  }

  it('pausing a speed-limited run leaves the keys working, and q quits without leaving a process behind', async () => {
    const term = await open('node bin/moth.js debug programs/09-together/snake.s', { term: 'screen' });
    term.send('-');
    await term.waitForText('speed limit 1 MHz');
    term.send('c');
    await term.waitForText('RUNNING');
    await new Promise((resolve) => setTimeout(resolve, 600));
    term.send('c');
    await term.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the pause');
    term.send('?');
    await term.waitForText('step into: one instruction');
    term.send('Escape');
    await term.waitFor((screen) => !screen.includes('step into: one instruction'), 'the help to close');
    term.send('q');
    // The shell line after moth exits: the process ended by itself (a spinning one would never print it).
    await term.waitForText('[exited 0]', 5000);
  });

  const TERMS: readonly { readonly name: string; readonly options: TerminalOptions; readonly background: 'dark' | 'light' }[] = [
    { name: 'xterm', options: { term: 'xterm' }, background: 'dark' },
    { name: 'xterm-256color', options: { term: 'xterm-256color' }, background: 'dark' },
    { name: 'screen (tmux default, 8 colours)', options: { term: 'screen' }, background: 'dark' },
    { name: 'screen-256color', options: { term: 'screen-256color' }, background: 'dark' },
    { name: 'tmux-256color', options: { term: 'tmux-256color' }, background: 'dark' },
    { name: 'linux', options: { term: 'linux' }, background: 'dark' },
    { name: 'screen on a light background', options: { term: 'screen', env: { COLORFGBG: '0;15' } }, background: 'light' },
    { name: 'xterm-256color on a light background', options: { term: 'xterm-256color', env: { MOTH_BACKGROUND: 'light' } }, background: 'light' },
  ];

  for (const { name, options, background } of TERMS) {
    it(`every label is readable with TERM=${name}`, async () => {
      const term = await open('node bin/moth.js debug programs/hello.s', options);
      term.send('s', 's');
      await term.waitForText('PC $0605');
      const cells = screenCells(term.styledScreen());
      const unreadable = unreadableCells(cells, background);
      expect(unreadable.map(({ row, column, cell }) => `${row}:${column} ${cell.char} fg=${cell.foreground} bg=${cell.background}`)).toEqual([]);
      // The pieces the teacher could not see before: line numbers, register names, key hints.
      const text = term.screen();
      expect(text).toMatch(/ {2}11 /);
      expect(text).toContain('A $48');
      expect(text.split('\n')[23]).toContain('s step');
    });
  }

  it('with NO_COLOR set, nothing is coloured and the PC line is shown in inverse', async () => {
    const term = await open('node bin/moth.js debug programs/hello.s', { term: 'xterm-256color', env: { NO_COLOR: '1' } });
    const cells = screenCells(term.styledScreen());
    const coloured = cells.flat().filter((cell) => cell.foreground !== 'default' || cell.background !== 'default');
    expect(coloured).toEqual([]);
    const pcRow = cells.find((row) => row.map((cell) => cell.char).join('').includes('▶'))!;
    expect(pcRow.some((cell) => cell.inverse)).toBe(true);
  });

  it('the first key after :until and its popup is not lost', async () => {
    const term = await open('node bin/moth.js debug programs/hello.s');
    term.send(':');
    term.type('until 14');
    term.send('Enter');
    await term.waitForText('PC $0605');
    term.send('s');
    await term.waitForText('PC $0607');
  });

  it('a key typed over a popup closes it and does its own job: : opens the command line', async () => {
    const term = await open('node bin/moth.js debug programs/hello.s');
    term.send('?');
    await term.waitForText('step into: one instruction');
    term.send(':');
    term.type('print A');
    term.send('Enter');
    const screen = await term.waitFor((text) => !text.includes('step into: one instruction') && /\$00/.test(text.split('\n').slice(21, 23).join(' ')), 'print A to answer');
    expect(screen.split('\n').slice(21, 23).join(' ')).toMatch(/A.*\$00/);
  });

  it('B shows every bus cycle of the last step with its purpose', async () => {
    const term = await open('node bin/moth.js debug programs/hello.s');
    term.send('s', 's');
    await term.waitForText('PC $0605');
    term.send('B');
    const screen = await term.waitForText('Bus: LDA message,X, 4 cycles');
    expect(screen).toMatch(/1 R \$0602 BD +opcode fetch: LDA/);
    expect(screen).toMatch(/4 R \$060E 48 +data read/);
  });

  it('z zooms the display over the right half, then over the whole screen, then back', async () => {
    const term = await open('node bin/moth.js debug --machine easy6502 programs/09-together/snake.s', { term: 'screen' });
    term.send('z');
    await term.waitForText('(z: zoom out)');
    expect(term.screen()).toContain('Source');
    term.send('z');
    const full = await term.waitFor((screen) => !screen.includes('Source') && screen.split('\n')[0]!.startsWith(' Display $0200'), 'the display over the whole screen');
    expect(full.split('\n')[23]).toContain('stopped');
    term.send('z');
    await term.waitForText('(z: zoom)');
  });

  it('C-d ends the console input, so echo.s finishes in the debugger', async () => {
    const term = await open('node bin/moth.js debug programs/examples/echo.s');
    term.send('i');
    term.type('hi');
    term.send('Enter');
    await term.waitForText('to the program');
    term.send('C-d');
    await term.waitForText('input ended');
    term.send('c');
    const screen = await term.waitForText('BRK at');
    expect(screen).toContain('HI');
  });

  it('R re-reads the source: a broken edit shows its error in place and keeps the old program; a good one loads', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'moth-reload-'));
    const file = join(folder, 'prog.s');
    writeFileSync(file, '        LDA #1\n        LDX #2\n        BRK\n');
    try {
      const term = await open(`node bin/moth.js debug ${file}`);
      term.send('j', 'b');
      await term.waitForText('breakpoint added');
      writeFileSync(file, '        LDA #1\n        LDX #2\n        LDY #3\n        FOO\n        BRK\n');
      term.send('R');
      const broken = await term.waitForText('does not assemble');
      expect(broken).toMatch(/prog\.s:4:/);
      term.send('Escape');
      writeFileSync(file, '        LDA #1\n        LDX #2\n        LDY #3\n        BRK\n');
      term.send('R');
      const loaded = await term.waitForText('1 of 1 breakpoints kept');
      expect(loaded).toContain('LDY #3');
      term.send('c');
      await term.waitForText('Breakpoint 1');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('e runs $EDITOR on the file at the cursor line and reloads when it exits', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'moth-edit-'));
    const file = join(folder, 'prog.s');
    writeFileSync(file, '        LDA #1\n        LDX #2\n        BRK\n');
    try {
      // A stand-in editor that changes the file and exits (it is given `+1` and the file name).
      const term = await open(`node bin/moth.js debug ${file}`, { env: { EDITOR: 'sed -i s/LDX/LDY/' } });
      term.send('e');
      const screen = await term.waitForText('reloaded and assembled again');
      expect(screen).toContain('LDY #2');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
