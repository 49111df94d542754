/**
 * Every key the debugger answers to, as one table: the app dispatches from it and the `?` overlay and
 * docs/debugger.md's key table are generated from it, so they can never disagree.
 */

export type Action =
  | 'continue'
  | 'pause'
  | 'stepOver'
  | 'stepInto'
  | 'stepOut'
  | 'stepBack'
  | 'reverseContinue'
  | 'toggleBreakpoint'
  | 'reset'
  | 'nmi'
  | 'goTo'
  | 'command'
  | 'help'
  | 'quit'
  | 'cursorUp'
  | 'cursorDown'
  | 'pageUp'
  | 'scrollLeft'
  | 'scrollRight'
  | 'pageDown'
  | 'memoryUp'
  | 'memoryDown'
  | 'runToCursor'
  | 'sendInput'
  | 'keyboard'
  | 'faster'
  | 'slower'
  | 'addWatch'
  | 'toggleDisplay'
  | 'zoomDisplay'
  | 'toggleBus'
  | 'cycleStep'
  | 'notesUp'
  | 'notesDown'
  | 'edit'
  | 'endInput'
  | 'redraw';

export interface KeyBinding {
  /** Key names as blessed reports them in `key.full` (`f5`, `S-f11`, `C-l`) or the typed character (`?`, `U`). */
  readonly keys: readonly string[];
  /** How the help shows the keys, space-separated, e.g. `F5 c` (`S-` = Shift, `C-` = Control). */
  readonly label: string;
  readonly action: Action;
  readonly description: string;
  /** The key also works while the machine runs (pause, speed, looking around); others wait for a stop. */
  readonly whileRunning?: true;
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ['f5', 'c'], label: 'F5 c', action: 'continue', description: 'continue; again to pause', whileRunning: true },
  { keys: ['f10', 'n'], label: 'F10 n', action: 'stepOver', description: 'step over (JSR runs through)' },
  { keys: ['f11', 's'], label: 'F11 s', action: 'stepInto', description: 'step into: one instruction' },
  { keys: ['S-f11', 'o'], label: 'S-F11 o', action: 'stepOut', description: 'step out of the subroutine' },
  { keys: ['u', 'backspace'], label: 'u Bksp', action: 'stepBack', description: 'step back one instruction' },
  { keys: ['U'], label: 'U', action: 'reverseContinue', description: 'reverse continue' },
  { keys: ['b'], label: 'b', action: 'toggleBreakpoint', description: 'toggle breakpoint at cursor' },
  { keys: ['t'], label: 't', action: 'runToCursor', description: 'run to the cursor line' },
  { keys: ['R'], label: 'R', action: 'reset', description: 'reload the source and reset' },
  { keys: ['e'], label: 'e', action: 'edit', description: 'edit in $EDITOR, then reload' },
  { keys: ['N'], label: 'N', action: 'nmi', description: 'NMI button: pulse NMI', whileRunning: true },
  { keys: ['g'], label: 'g', action: 'goTo', description: 'go to an address or label', whileRunning: true },
  { keys: [':'], label: ':', action: 'command', description: 'command line (Tab, Up, Down)', whileRunning: true },
  { keys: ['i'], label: 'i', action: 'sendInput', description: 'type console input', whileRunning: true },
  { keys: ['C-d'], label: 'C-d', action: 'endInput', description: 'end the console input', whileRunning: true },
  { keys: ['-'], label: '-', action: 'slower', description: 'slower: halve speed limit', whileRunning: true },
  { keys: ['+'], label: '+', action: 'faster', description: 'faster: double, up to max', whileRunning: true },
  { keys: ['K'], label: 'K', action: 'keyboard', description: 'keys go to program (Esc)', whileRunning: true },
  { keys: ['w'], label: 'w', action: 'addWatch', description: 'watch expr (w -N drops N)', whileRunning: true },
  { keys: ['d'], label: 'd', action: 'toggleDisplay', description: 'show/hide the 32×32 display', whileRunning: true },
  { keys: ['z'], label: 'z', action: 'zoomDisplay', description: 'zoom the display (3 sizes)', whileRunning: true },
  { keys: ['B'], label: 'B', action: 'toggleBus', description: 'bus cycles of the last step', whileRunning: true },
  { keys: ['.'], label: '.', action: 'cycleStep', description: 'one clock cycle (bus pane)' },
  { keys: ['up', 'k'], label: 'Up k', action: 'cursorUp', description: 'source cursor up' },
  { keys: ['down', 'j'], label: 'Down j', action: 'cursorDown', description: 'source cursor down' },
  { keys: ['left', 'h'], label: 'Left h', action: 'scrollLeft', description: 'source text left' },
  { keys: ['right', 'l'], label: 'Right l', action: 'scrollRight', description: 'source text right' },
  { keys: ['pageup'], label: 'PgUp', action: 'pageUp', description: 'source page up' },
  { keys: ['pagedown'], label: 'PgDn', action: 'pageDown', description: 'source page down' },
  { keys: ['<'], label: '<', action: 'notesUp', description: 'lesson notes: scroll up', whileRunning: true },
  { keys: ['>'], label: '>', action: 'notesDown', description: 'lesson notes: scroll down', whileRunning: true },
  { keys: ['['], label: '[', action: 'memoryUp', description: 'memory $100 back', whileRunning: true },
  { keys: [']'], label: ']', action: 'memoryDown', description: 'memory $100 on', whileRunning: true },
  { keys: ['C-l'], label: 'C-l', action: 'redraw', description: 'redraw the screen', whileRunning: true },
  { keys: ['?', 'f1'], label: '? F1', action: 'help', description: 'this help', whileRunning: true },
  { keys: ['q', 'C-c'], label: 'q C-c', action: 'quit', description: 'quit (asks while running)', whileRunning: true },
];

/** Actions a key may start while the machine runs freely (the table's `whileRunning`); pause is one of them. */
export function allowedWhileRunning(action: Action, keymap: readonly KeyBinding[] = KEYMAP): boolean {
  return action === 'pause' || keymap.some((binding) => binding.action === action && binding.whileRunning === true);
}

/** The mouse, for the help and the docs (not dispatched through the table). */
export const MOUSE_HELP: readonly { readonly label: string; readonly description: string }[] = [
  { label: 'click', description: 'source line: breakpoint' },
  { label: 'wheel', description: 'scroll the pane under it' },
];

/** The action for a key: `full` is blessed's key name (`S-f11`), `char` the typed character (`U`, `?`). */
export function actionFor(full: string | undefined, char: string | undefined, keymap: readonly KeyBinding[] = KEYMAP): Action | undefined {
  for (const binding of keymap) {
    for (const key of binding.keys) {
      // Single printable characters match what was typed, so `U` and `?` work whatever blessed names them.
      if (key.length === 1 ? key === char : key === full) return binding.action;
    }
  }
  return undefined;
}

/**
 * The help overlay's lines: `label  description` rows, in two columns when one column would be taller than
 * `maxRows` (so the whole table fits an 80×24 terminal). `S-` means Shift, `C-` Control.
 */
export function helpLines(maxRows = Infinity, keymap: readonly KeyBinding[] = KEYMAP): string[] {
  const entries = [...keymap.map((binding) => ({ label: binding.label, description: binding.description })), ...MOUSE_HELP];
  const labelWidth = Math.max(...entries.map((entry) => entry.label.length));
  const rows = entries.map((entry) => `${entry.label.padEnd(labelWidth)}  ${entry.description}`);
  if (rows.length <= maxRows) return rows;
  const half = Math.ceil(rows.length / 2);
  const columnWidth = Math.max(...rows.slice(0, half).map((row) => row.length));
  return rows.slice(0, half).map((row, index) => `${row.padEnd(columnWidth)}  ${rows[half + index] ?? ''}`.trimEnd());
}

/** A Markdown table of the keys, for docs/debugger.md. */
export function keyTableMarkdown(keymap: readonly KeyBinding[] = KEYMAP): string {
  const rows = keymap.map((binding) => `| ${binding.label.split(' ').map((key) => `\`${key}\``).join(' ')} | ${binding.description} |`);
  const mouse = MOUSE_HELP.map((entry) => `| ${entry.label} | ${entry.description} |`);
  return ['| Key | Does |', '| --- | --- |', ...rows, ...mouse].join('\n');
}
