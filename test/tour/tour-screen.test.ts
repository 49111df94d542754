// Runs the real `moth tour 3` in an 80×24 tmux terminal: the chapter opens in the debugger with its lesson notes.
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { TmuxTerminal, builtCliExists, hasTmux } from '../tui/helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasTmux && builtCliExists(root);
if (!hasTmux) console.warn('test/tour/tour-screen: SKIPPED, tmux is not installed');
else if (!ready) console.warn('test/tour/tour-screen: SKIPPED, run `npm run build` first (npm test does)');

/** The panes right of the vertical rule (registers, notes, stack), where the source pane cannot leak in. */
function rightColumn(screen: string): string {
  return screen
    .split('\n')
    .map((line) => line.split('│')[1] ?? '')
    .join('\n');
}

describe.skipIf(!ready)('moth tour in a terminal (tmux, 80×24)', () => {
  let terminal: TmuxTerminal | undefined;

  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  it('opens chapter 3 with its title, its program and the note of the first instruction', async () => {
    terminal = TmuxTerminal.start('node bin/moth.js tour 3', root);
    const screen = await terminal.waitFor(
      (text) => text.includes('Notes') && text.includes('Tour 3 · Flags and branches'),
      'the notes pane and the title',
    );
    expect(screen).toContain('Source: programs/03-branches/loops.s');
    expect(screen.split('\n').some((line) => line.startsWith('Tour 3 · Flags and branches'))).toBe(true);
    expect(rightColumn(screen)).toContain('Count up: X runs from 0 to 9.');
    for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('the notes follow the program counter as it steps', async () => {
    terminal = TmuxTerminal.start('node bin/moth.js tour 3', root);
    await terminal.waitForText('Count up');
    terminal.send('s');
    const screen = await terminal.waitForText('PC $0602');
    expect(rightColumn(screen)).toContain('Print X as a digit');
    expect(rightColumn(screen)).not.toContain('Count up');
  });
});
