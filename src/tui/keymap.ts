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
  | 'redraw';

export interface KeyBinding {
  /** Key names as blessed reports them in `key.full` (`f5`, `S-f11`, `C-l`) or the typed character (`?`, `U`). */
  readonly keys: readonly string[];
  /** How the help shows the keys, space-separated, e.g. `F5 c` (`S-` = Shift, `C-` = Control). */
  readonly label: string;
  readonly action: Action;
  readonly description: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ['f5', 'c'], label: 'F5 c', action: 'continue', description: 'continue; again to pause' },
  { keys: ['f10', 'n'], label: 'F10 n', action: 'stepOver', description: 'step over (JSR runs through)' },
  { keys: ['f11', 's'], label: 'F11 s', action: 'stepInto', description: 'step into: one instruction' },
  { keys: ['S-f11', 'o'], label: 'S-F11 o', action: 'stepOut', description: 'step out of the subroutine' },
  { keys: ['u', 'backspace'], label: 'u Bksp', action: 'stepBack', description: 'step back one instruction' },
  { keys: ['U'], label: 'U', action: 'reverseContinue', description: 'reverse continue' },
  { keys: ['b'], label: 'b', action: 'toggleBreakpoint', description: 'toggle breakpoint at cursor' },
  { keys: ['t'], label: 't', action: 'runToCursor', description: 'run to the cursor line' },
  { keys: ['R'], label: 'R', action: 'reset', description: 'reset: reload, clear history' },
  { keys: ['N'], label: 'N', action: 'nmi', description: 'NMI button: pulse NMI' },
  { keys: ['g'], label: 'g', action: 'goTo', description: 'go to an address or label' },
  { keys: [':'], label: ':', action: 'command', description: 'command line (Tab, Up, Down)' },
  { keys: ['i'], label: 'i', action: 'sendInput', description: 'type console input' },
  { keys: ['-'], label: '-', action: 'slower', description: 'slower: halve speed limit' },
  { keys: ['+'], label: '+', action: 'faster', description: 'faster: double, up to max' },
  { keys: ['K'], label: 'K', action: 'keyboard', description: 'keys go to program (Esc)' },
  { keys: ['w'], label: 'w', action: 'addWatch', description: 'watch expr (w -N drops N)' },
  { keys: ['d'], label: 'd', action: 'toggleDisplay', description: 'show/hide the 32×32 display' },
  { keys: ['up', 'k'], label: 'Up k', action: 'cursorUp', description: 'source cursor up' },
  { keys: ['down', 'j'], label: 'Down j', action: 'cursorDown', description: 'source cursor down' },
  { keys: ['left', 'h'], label: 'Left h', action: 'scrollLeft', description: 'source text left' },
  { keys: ['right', 'l'], label: 'Right l', action: 'scrollRight', description: 'source text right' },
  { keys: ['pageup'], label: 'PgUp', action: 'pageUp', description: 'source page up' },
  { keys: ['pagedown'], label: 'PgDn', action: 'pageDown', description: 'source page down' },
  { keys: ['['], label: '[', action: 'memoryUp', description: 'memory $100 back' },
  { keys: [']'], label: ']', action: 'memoryDown', description: 'memory $100 on' },
  { keys: ['C-l'], label: 'C-l', action: 'redraw', description: 'redraw the screen' },
  { keys: ['?', 'f1'], label: '? F1', action: 'help', description: 'this help' },
  { keys: ['q', 'C-c'], label: 'q C-c', action: 'quit', description: 'quit (asks while running)' },
];

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
