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
  | 'goTo'
  | 'command'
  | 'help'
  | 'quit'
  | 'cursorUp'
  | 'cursorDown'
  | 'pageUp'
  | 'pageDown'
  | 'memoryUp'
  | 'memoryDown'
  | 'runToCursor'
  | 'sendInput'
  | 'addWatch'
  | 'toggleDisplay'
  | 'redraw';

export interface KeyBinding {
  /** Key names as blessed reports them in `key.full` (`f5`, `S-f11`, `C-l`) or the typed character (`?`, `U`). */
  readonly keys: readonly string[];
  /** How the help shows the keys, e.g. `F5  c`. */
  readonly label: string;
  readonly action: Action;
  readonly description: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ['f5', 'c'], label: 'F5  c', action: 'continue', description: 'continue: run at full speed (again to pause)' },
  { keys: ['f10', 'n'], label: 'F10  n', action: 'stepOver', description: 'step over: one instruction, a JSR runs to its return' },
  { keys: ['f11', 's'], label: 'F11  s', action: 'stepInto', description: 'step into: exactly one instruction' },
  { keys: ['S-f11', 'o'], label: 'Shift-F11  o', action: 'stepOut', description: 'step out: run until this subroutine returns' },
  { keys: ['u', 'backspace'], label: 'u  Backspace', action: 'stepBack', description: 'step back: undo one instruction exactly' },
  { keys: ['U'], label: 'U', action: 'reverseContinue', description: 'reverse continue: run backwards to the last breakpoint' },
  { keys: ['b'], label: 'b', action: 'toggleBreakpoint', description: 'toggle a breakpoint on the cursor line' },
  { keys: ['t'], label: 't', action: 'runToCursor', description: 'run to the cursor line' },
  { keys: ['R'], label: 'R', action: 'reset', description: 'reset: reload the program, clear history' },
  { keys: ['g'], label: 'g', action: 'goTo', description: 'go to an address or label (memory and source)' },
  { keys: [':'], label: ':', action: 'command', description: 'command line (Tab completes, Up/Down for history)' },
  { keys: ['i'], label: 'i', action: 'sendInput', description: 'type a line of console input for the program' },
  { keys: ['w'], label: 'w', action: 'addWatch', description: 'watch an expression (A, [$0200], label+1)' },
  { keys: ['d'], label: 'd', action: 'toggleDisplay', description: 'show or hide the 32×32 display' },
  { keys: ['up', 'k'], label: 'Up  k', action: 'cursorUp', description: 'move the source cursor up' },
  { keys: ['down', 'j'], label: 'Down  j', action: 'cursorDown', description: 'move the source cursor down' },
  { keys: ['pageup'], label: 'PgUp', action: 'pageUp', description: 'source one page up' },
  { keys: ['pagedown'], label: 'PgDn', action: 'pageDown', description: 'source one page down' },
  { keys: ['['], label: '[', action: 'memoryUp', description: 'memory one page ($100) back' },
  { keys: [']'], label: ']', action: 'memoryDown', description: 'memory one page ($100) on' },
  { keys: ['C-l'], label: 'Ctrl-L', action: 'redraw', description: 'redraw the screen' },
  { keys: ['?', 'f1'], label: '?  F1', action: 'help', description: 'this help (any key closes it)' },
  { keys: ['q', 'C-c'], label: 'q  Ctrl-C', action: 'quit', description: 'quit (asks first while running)' },
];

/** The mouse, for the help and the docs (not dispatched through the table). */
export const MOUSE_HELP: readonly { readonly label: string; readonly description: string }[] = [
  { label: 'click source line', description: 'toggle a breakpoint on that line' },
  { label: 'wheel', description: 'scroll the pane under the pointer' },
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

/** The help overlay's lines: `label` padded to one column, then the description. */
export function helpLines(keymap: readonly KeyBinding[] = KEYMAP): string[] {
  const width = Math.max(...keymap.map((binding) => binding.label.length), ...MOUSE_HELP.map((entry) => entry.label.length));
  return [
    ...keymap.map((binding) => `${binding.label.padEnd(width)}  ${binding.description}`),
    '',
    ...MOUSE_HELP.map((entry) => `${entry.label.padEnd(width)}  ${entry.description}`),
  ];
}

/** A Markdown table of the keys, for docs/debugger.md. */
export function keyTableMarkdown(keymap: readonly KeyBinding[] = KEYMAP): string {
  const rows = keymap.map((binding) => `| ${binding.label.split(/ {2}/).map((key) => `\`${key}\``).join(' ')} | ${binding.description} |`);
  const mouse = MOUSE_HELP.map((entry) => `| ${entry.label} | ${entry.description} |`);
  return ['| Key | Does |', '| --- | --- |', ...rows, ...mouse].join('\n');
}
