// `moth run` on a real terminal (tmux): typed input is echoed and editable a line at a time by default, and
// `--keys` hands the program each key at once, unechoed.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxTerminal } from '../tui/helpers/tmux.js';
import { REPO_ROOT, requireBuild } from './helpers.js';

let terminal: TmuxTerminal | undefined;

beforeAll(() => requireBuild());
afterEach(() => terminal?.close());

describe.skipIf(!hasTmux)('moth run on a terminal', () => {
  it('echoes what the learner types and handles Backspace (programs/06-io/io.s)', async () => {
    terminal = TmuxTerminal.start('node bin/moth.js run programs/06-io/io.s', REPO_ROOT);
    await terminal.waitForText('What is your name?');
    terminal.type('Grx');
    await terminal.waitForText('What is your name? Grx');
    terminal.send('BSpace');
    terminal.type('ace');
    await terminal.waitForText('What is your name? Grace');
    terminal.send('Enter');
    const screen = await terminal.waitForText('[exited 0]');
    expect(screen).toContain('Hello, GRACE!');
  });

  it('--keys gives the program each key at once, without echo', async () => {
    // echo.s behind a '>' prompt and a first look at the input: once '>' shows, the terminal is in raw mode.
    terminal = TmuxTerminal.start(
      `printf 'LDA #62\\nSTA $F001\\nBIT $F005\\n' > /tmp/moth-prompt-$$.s; cat programs/examples/echo.s >> /tmp/moth-prompt-$$.s; node bin/moth.js run /tmp/moth-prompt-$$.s --keys`,
      REPO_ROOT,
    );
    await terminal.waitForText('>');
    terminal.type('ab');
    const screen = await terminal.waitForText('AB');
    expect(screen).not.toContain('ab'); // the terminal did not echo; the program printed capitals
    terminal.send('C-d');
    expect(await terminal.waitForText('[exited 0]')).toContain('BRK at');
  });

  it('Ctrl-C stops a runaway program and mentions --max-cycles', async () => {
    // The program prints "running" first: once that is on screen moth is running and listening for Ctrl-C
    // (a fixed wait sent the key before node had started on a busy machine).
    terminal = TmuxTerminal.start(
      "printf 'ldx #0\\nnext: lda text,x\\nbeq loop\\nsta $F001\\ninx\\nbne next\\nloop: JMP other\\nother: JMP loop\\ntext: .byte \"running\", 0\\n' > /tmp/moth-runaway-$$.s; node bin/moth.js run /tmp/moth-runaway-$$.s",
      REPO_ROOT,
    );
    await terminal.waitForText('running');
    terminal.send('C-c');
    const screen = await terminal.waitForText('[exited 130]');
    expect(screen.replace(/\n/g, '')).toContain('give --max-cycles N');
  });
});
