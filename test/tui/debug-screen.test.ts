// Runs the real `moth debug programs/hello.s` in an 80×24 tmux terminal, presses keys and checks what the screen shows.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TmuxTerminal, builtCliExists, hasTmux } from './helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasTmux && builtCliExists(root);
if (!hasTmux) console.warn('test/tui/debug-screen: SKIPPED, tmux is not installed');
else if (!ready) console.warn('test/tui/debug-screen: SKIPPED, run `npm run build` first (npm test does)');

const COMMAND = 'node bin/moth.js debug programs/hello.s';

/** The line of the screen holding the PC mark, e.g. ` ▶ 10 start:  LDX #0`. */
function pcLine(screen: string): string | undefined {
  return screen.split('\n').find((line) => line.startsWith(' ▶') || line.startsWith('●▶'));
}

/** The two explain rows above the status line, joined. */
function explainText(screen: string): string {
  return screen.split('\n').slice(21, 23).join(' ');
}

describe.skipIf(!ready)('moth debug in a terminal (tmux, 80×24)', () => {
  let terminal: TmuxTerminal | undefined;

  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  async function open(): Promise<TmuxTerminal> {
    terminal = TmuxTerminal.start(COMMAND, root);
    await terminal.waitForText('Registers');
    // A capture can land in the middle of a redraw: wait until the last row (drawn last) is there too.
    await terminal.waitFor((screen) => pcLine(screen) !== undefined && /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame');
    return terminal;
  }

  it('opens on the first instruction with source, registers, memory and a status line', async () => {
    const screen = (await open()).screen();
    expect(screen).toContain('Source: programs/hello.s');
    expect(pcLine(screen)).toMatch(/▶ +10 start: +LDX #0/);
    expect(screen).toContain('PC $0600');
    expect(screen).toContain('Memory $0600');
    expect(screen.split('\n')[23]).toContain('stopped');
  });

  it('s moves the PC line to the next instruction and explains the step', async () => {
    const term = await open();
    term.send('s');
    const screen = await term.waitForText('PC $0602');
    expect(pcLine(screen)).toMatch(/▶ +12 next: +LDA message,X/);
    expect(explainText(screen)).toContain('LDX #$00');
  });

  it('registers change as instructions run: A receives the first character', async () => {
    const term = await open();
    term.send('s');
    await term.waitForText('PC $0602');
    term.send('s');
    const screen = await term.waitForText('PC $0605');
    expect(screen).toContain('A $48');
  });

  it('u steps back: the PC and A are what they were', async () => {
    const term = await open();
    term.send('s');
    await term.waitForText('PC $0602');
    term.send('s');
    await term.waitForText('A $48');
    term.send('u');
    const screen = await term.waitForText('PC $0602');
    expect(screen).toContain('A $00');
    expect(pcLine(screen)).toMatch(/12 next:/);
  });

  it('b puts a breakpoint mark on the cursor line, and c stops there', async () => {
    const term = await open();
    term.send('s');
    await term.waitForText('PC $0602');
    term.send('b');
    const marked = await term.waitFor((screen) => pcLine(screen)?.startsWith('●▶') === true, 'the breakpoint mark');
    expect(pcLine(marked)).toMatch(/●▶ +12 next:/);
    term.send('c');
    const stopped = await term.waitForText('Breakpoint 1 at $0602');
    expect(stopped).toContain('X $01');
  });

  it('c runs to the end: the console shows the greeting and the explain line the BRK', async () => {
    const term = await open();
    term.send('c');
    const screen = await term.waitForText('BRK at');
    expect(screen).toContain('Hello from moth');
  });

  it('? shows the key help over the panes; a key closes it and still does its job', async () => {
    const term = await open();
    term.send('?');
    const help = await term.waitForText('step into: one instruction');
    expect(help).toContain('reverse continue');
    term.send('s'); // closes the help and steps: the key is not swallowed
    const after = await term.waitFor((screen) => !screen.includes('step into: one instruction'), 'the help to close');
    await term.waitForText('PC $0602');
    expect(after).not.toContain('F10 n');
  });

  it('q quits and gives the shell back with exit code 0', async () => {
    const term = await open();
    term.send('q');
    await term.waitForText('[exited 0]');
  });

  it('a mouse click on a source line toggles its breakpoint; the wheel scrolls the source', async () => {
    const term = await open();
    // SGR mouse reports, as a terminal sends them: button 0 pressed and released at column 10, row 13 (line 12).
    term.type('\u001b[<0;10;13M\u001b[<0;10;13m');
    const marked = await term.waitForText('breakpoint added at programs/hello.s:12');
    expect(marked.split('\n').find((line) => line.includes('12 next:'))).toMatch(/^●/);
    term.type('\u001b[<65;10;5M'); // wheel down over the source pane
    const scrolled = await term.waitFor((screen) => !screen.split('\n')[1]!.includes('    1 ;'), 'the source to scroll');
    expect(scrolled.split('\n')[1]).toMatch(/^ +4 /);
  });

  it('g goes to a label: the memory pane shows it and the explain line names its source line', async () => {
    const term = await open();
    term.send('g');
    await term.waitForText('go to (address or label):');
    term.type('message');
    term.send('Enter');
    const screen = await term.waitForText('memory at $060E');
    expect(screen).toContain('source line 24');
    expect(screen).toMatch(/\$0608 .*\.He +│/);
    expect(screen).toMatch(/\$0610 .*llo from/);
  });

  it('t runs to the cursor line (moved with j) and leaves no breakpoint behind', async () => {
    const term = await open();
    term.send('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j');
    term.send('t');
    const screen = await term.waitForText('ran to line 18');
    expect(pcLine(screen)).toMatch(/^ ▶ +18 +INX/);
    expect(screen).toContain('A $48');
    expect(screen).not.toContain('●');
  });

  it('n steps over a JSR: the whole subroutine runs, its output appears, the PC is after the call', async () => {
    terminal = TmuxTerminal.start('node bin/moth.js debug programs/05-stack/subroutines.s', root);
    const term = terminal;
    await term.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame');
    term.send('s');
    await term.waitForText('PC $0602');
    term.send('s');
    await term.waitForText('PC $0604');
    term.send('n');
    const screen = await term.waitForText('stepped over JSR print_line');
    expect(screen).toContain('PC $0607');
    expect(screen).toContain('Hello from a subroutine.');
    expect(screen).not.toContain('●');
  });

  it('o steps out of a subroutine to the instruction after its JSR', async () => {
    terminal = TmuxTerminal.start('node bin/moth.js debug programs/05-stack/subroutines.s', root);
    const term = terminal;
    await term.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame');
    term.send('s', 's', 's'); // LDA, LDX, JSR print_line: now inside print_line
    await term.waitForText('PC $062D');
    term.send('o');
    const screen = await term.waitForText('stepped out of print_line');
    expect(screen).toContain('PC $0607');
    expect(screen).toContain('SP $FD');
  });

  it(': runs debugger commands, with Tab completion and history', async () => {
    const term = await open();
    term.send(':');
    term.type('br');
    term.send('Tab');
    await term.waitFor((screen) => screen.split('\n')[23]!.startsWith(':break'), 'Tab to complete "break"');
    term.type(' next');
    term.send('Enter');
    await term.waitForText('Breakpoint 1 at next ($0602)');
    term.send(':');
    term.type('c');
    term.send('Enter');
    await term.waitForText('Breakpoint 1 at $0602');
    term.send(':', 'Up', 'Up');
    await term.waitFor((screen) => screen.split('\n')[23]!.startsWith(':break next'), 'Up to recall "break next"');
    term.send('Escape');
  });

  it(': shows a long answer in an overlay that scrolls', async () => {
    const term = await open();
    term.send(':');
    term.type('help');
    term.send('Enter');
    const screen = await term.waitForText('help (Up/Down scroll)');
    expect(screen).toContain('step [n]');
    term.send('PageDown');
    await term.waitFor((next) => !next.includes('step [n]'), 'the overlay to scroll');
    term.send('q'); // closes the overlay only; the debugger stays
    const closed = await term.waitFor((next) => !next.includes('help (Up/Down scroll)'), 'the overlay to close');
    expect(closed).toContain('Registers');
  });

  it('U runs backwards to the previous breakpoint hit, R resets to the start', async () => {
    const term = await open();
    term.send('s');
    await term.waitForText('PC $0602');
    term.send('b');
    await term.waitForText('breakpoint added');
    term.send('c');
    await term.waitFor((screen) => screen.includes('Breakpoint 1 at $0602') && screen.includes('X $01'), 'the first hit');
    term.send('c');
    await term.waitFor((screen) => screen.includes('X $02'), 'the second hit');
    term.send('U');
    const back = await term.waitFor((screen) => screen.includes('X $01') && screen.includes('PC $0602'), 'reverse continue to the first hit');
    expect(back).toContain('Console');
    term.send('R');
    const reset = await term.waitForText('reloaded and assembled again, 1 of 1 breakpoints kept');
    expect(reset).toContain('PC $0600');
    expect(pcLine(reset)).toMatch(/10 start:/);
  });

  it('i sends a line of input that the program echoes to the console', async () => {
    terminal = TmuxTerminal.start('node bin/moth.js debug programs/examples/echo.s', root);
    const term = terminal;
    await term.waitForText('Registers');
    term.send('c');
    await term.waitForText('RUNNING');
    term.send('i');
    await term.waitForText('input for the program:');
    term.type('hi there');
    term.send('Enter');
    await term.waitForText('HI THERE');
  });

  it('asks for a bigger window below 80×24 and comes back when there is room', async () => {
    const term = await open();
    term.resize({ columns: 60, rows: 20 });
    await term.waitForText('moth needs at least 80×24 (this is 60×20); q quits');
    term.resize({ columns: 80, rows: 24 });
    const back = await term.waitFor((screen) => screen.includes('Registers') && !screen.includes('needs at least'), 'the panes again');
    expect(pcLine(back)).toMatch(/10 start:/);
  });

  it('uses a bigger terminal for more panes after a resize', async () => {
    const term = await open();
    term.resize({ columns: 160, rows: 48 });
    // The terminal may be caught mid-redraw; wait for the whole new layout.
    const screen = await term.waitFor((next) => next.includes('Disassembly') && next.includes('Watches'), 'the wide layout');
    expect(screen.trimEnd().split('\n').length).toBeGreaterThan(40);
  });

  describe('a program that never stops', () => {
    let folder: string;

    async function openForever(): Promise<TmuxTerminal> {
      folder = mkdtempSync(join(tmpdir(), 'moth-tui-'));
      // INX keeps the loop from being a jump-to-itself trap, so it really runs until paused.
      writeFileSync(join(folder, 'forever.s'), 'loop:   INX\n        JMP loop\n');
      terminal = TmuxTerminal.start(`node ${join(root, 'bin/moth.js')} debug forever.s`, folder);
      await terminal.waitForText('Registers');
      return terminal;
    }

    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('c runs at full speed showing MHz and a growing cycle count, and c again pauses', async () => {
      const term = await openForever();
      term.send('c');
      const running = await term.waitFor((screen) => /RUNNING .*MHz/.test(screen), 'the running status');
      const cycles = (screen: string) => Number(/([\d,]+) cyc/.exec(screen)?.[1]?.replace(/,/g, ''));
      const before = cycles(running);
      const later = await term.waitFor((screen) => cycles(screen) > before, 'the cycle count to grow');
      expect(cycles(later)).toBeGreaterThan(before);
      term.send('c');
      const paused = await term.waitForText('Paused');
      expect(paused.split('\n')[23]).toContain('stopped');
    });

    it('- sets a 1 MHz speed limit that the free run keeps to', async () => {
      const term = await openForever();
      term.send('-');
      await term.waitForText('speed limit 1 MHz');
      term.send('c');
      await term.waitForText('≤1 MHz');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const mhz = Number(/([\d.]+) MHz ≤1 MHz/.exec(term.screen())?.[1]);
      // Never faster than the limit; how close it gets below depends on how busy the test machine is.
      expect(mhz).toBeGreaterThan(0.2);
      expect(mhz).toBeLessThanOrEqual(1.05);
    });

    it('q while running asks first; y quits', async () => {
      const term = await openForever();
      term.send('c');
      await term.waitForText('RUNNING');
      term.send('q');
      await term.waitForText('Quit anyway? (y / n)');
      term.send('y');
      await term.waitForText('[exited 0]');
    });
  });

  describe('lesson mode (what `moth tour` opens)', () => {
    let folder: string;

    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('shows the note of the PC line in a notes pane, and the title on the status line', async () => {
      folder = mkdtempSync(join(tmpdir(), 'moth-tui-'));
      const runner = join(folder, 'lesson.mjs');
      // The same call the tour command makes: debugCommand with a title and a notesForLine function.
      writeFileSync(
        runner,
        [
          `import { readFileSync } from 'node:fs';`,
          `const { debugCommand } = await import(${JSON.stringify(join(root, 'dist/src/cli/commands/debug.js'))});`,
          `const { lessonNotes } = await import(${JSON.stringify(join(root, 'dist/src/tour/notes.js'))});`,
          `const notes = lessonNotes(readFileSync('programs/hello.s', 'utf8'));`,
          `process.exitCode = await debugCommand('programs/hello.s', { machine: 'default', load: undefined, start: undefined, brkVector: false },`,
          `  { stdout: process.stdout, stderr: process.stderr }, { title: 'Lesson', notesForLine: (_file, line) => notes.get(line) });`,
        ].join('\n'),
      );
      terminal = TmuxTerminal.start(`node ${runner}`, root);
      const first = await terminal.waitFor(
        (screen) => screen.includes('Notes (line 10)') && /^Lesson +stopped/m.test(screen),
        'the notes pane and the lesson title',
      );
      expect(first).toContain('X is the index into the');
      expect(first.split('\n')[23]).toMatch(/^Lesson +stopped/);
      terminal.send('s');
      const next = await terminal.waitForText('Notes (line 12)');
      expect(next).toContain('Load the next character');
    });
  });
});
