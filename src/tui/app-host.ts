/**
 * What the terminal debugger's parts (key actions, prompts) may ask of the app that owns the screen: the one
 * interface between them, so each part lives in its own file without reaching into the app's fields.
 */
import type { Action } from './keymap.js';
import type { PaneName } from './layout.js';
import type { RunLoop } from '../debugger/run-loop.js';
import type { TuiSession } from './session-port.js';
import type { UiState } from './ui-state.js';
import type { ViewContext } from './views/view.js';

export type PromptKind = 'command' | 'goTo' | 'input' | 'watch';
export type OverlayKind = 'help' | 'output' | 'confirmQuit';

export interface AppHost {
  readonly session: TuiSession;
  readonly ui: UiState;
  readonly context: ViewContext;
  readonly runLoop: RunLoop;
  /** One line on the explain row (cleared by the next step). */
  say(text: string, error?: boolean): void;
  /** Starts a free run the way `begin` asks; `done` is said when it ends where it meant to (not at a breakpoint). */
  startRun(begin: () => void, done?: string): void;
  /** Source cursor to the PC's line, and the lesson note with it. */
  followPc(): void;
  keepCursorVisible(): void;
  openPrompt(kind: PromptKind, prompt: string): void;
  showOverlay(kind: OverlayKind, title: string, lines: readonly string[]): void;
  /** Panes come and go (display shown, zoomed): lay the screen out again. */
  relayout(): void;
  /** Forget what is on the terminal and paint everything again. */
  repaint(): void;
  /** `width` or `height` of a pane as laid out now, or `fallback` when it is not shown. */
  paneSize(name: PaneName, dimension: 'width' | 'height', fallback: number): number;
  /** Rows of the whole terminal. */
  readonly screenRows: number;
  /** R: read the source again, assemble it, and start over with the breakpoints kept. */
  reload(): void;
  /** Opens $EDITOR on the source at the cursor line; reloads when it closes. */
  editSource(): void;
  quit(): void;
  perform(action: Action): void;
  /** Runs a command line as if typed after `:`. */
  runCommand(text: string): void;
}
