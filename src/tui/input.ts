/**
 * Where a key or a mouse event goes in the terminal debugger: an open overlay first, then keyboard mode (keys
 * for the program), then the prompt line, else the keymap's action; the wheel scrolls panes and a click on
 * the source toggles a breakpoint.
 */
import type blessed from 'blessed';
import { hex } from '../shared/hex.js';
import type { AppHost } from './app-host.js';
import { actionFor } from './keymap.js';
import type { PaneName } from './layout.js';
import type { Prompts } from './prompts.js';
import { bytesPerRow } from './render/hex.js';
import type { PaneMouse, PaneScreen } from './screen.js';
import { sourceLineAtRow } from './views/source.js';

/** Keys that scroll a long overlay (command output, help) instead of closing it; ±2 means a page. */
const OVERLAY_SCROLL: Readonly<Record<string, number>> = { up: -1, down: 1, k: -1, j: 1, pageup: -2, pagedown: 2 };
/** Keys that only close an overlay; any other key closes it and then does its usual job. */
const OVERLAY_CLOSE = new Set(['escape', 'q', 'enter', 'space']);

/** What input needs of the app beyond the parts' interface: the screen, the prompt line and drawing. */
export interface InputHost extends AppHost {
  readonly finished: boolean;
  readonly screen: PaneScreen;
  readonly prompts: Prompts;
  draw(): void;
  requestDraw(): void;
}

export class InputRouter implements PaneMouse {
  constructor(private readonly app: InputHost) {}

  key(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    const app = this.app;
    if (app.finished) return;
    // Blessed reports Enter twice (name `return`, then `enter`); only the second counts anywhere.
    if (key.name === 'return') return;
    try {
      if (app.screen.overlay !== undefined && this.overlayKey(char, key)) return app.draw();
      if (app.ui.keyboardMode) this.programKey(char, key);
      else if (app.prompts.active) app.prompts.key(char, key);
      else {
        const action = actionFor(key.full, char);
        if (action === undefined) return;
        app.perform(action);
      }
    } catch (error) {
      // A session call failed: say so on screen instead of crashing the terminal.
      app.say(error instanceof Error ? error.message : String(error), true);
    }
    app.draw();
  }

  /**
   * A key while an overlay is open: scroll keys scroll it, Escape/q/Enter/Space close it; any other key closes
   * it and then does its usual job (so `:` typed over the help opens the command line). True when used up.
   */
  private overlayKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): boolean {
    const screen = this.app.screen;
    const overlay = screen.overlay!;
    if (overlay.kind === 'confirmQuit') {
      screen.closeOverlay();
      if (char === 'y' || char === 'Y' || key.full === 'q') this.app.quit();
      return true;
    }
    const scroll = OVERLAY_SCROLL[key.full] ?? 0;
    if (scroll !== 0) {
      overlay.box.scroll(scroll === 1 || scroll === -1 ? scroll : Math.sign(scroll) * Math.max(1, (overlay.box.height as number) - 3));
      return true;
    }
    screen.closeOverlay();
    return OVERLAY_CLOSE.has(key.full) || (char === '?' && overlay.kind === 'help');
  }

  /** Keyboard mode: printable keys and Enter become key presses of the program; Escape ends the mode. */
  private programKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    const app = this.app;
    if (key.full === 'escape') {
      app.ui.keyboardMode = false;
      app.say("keys are the debugger's again");
      return;
    }
    if (key.full === 'C-c') return app.perform('quit');
    // Function keys (F5 pause, F10, F11…) still drive the debugger; only typing goes to the program.
    const functionKeyAction = /^S?-?f\d+$/.test(key.full) ? actionFor(key.full, undefined) : undefined;
    if (functionKeyAction !== undefined) return app.perform(functionKeyAction);
    const code = key.name === 'enter' ? 0x0d : char !== undefined && char.length === 1 ? char.charCodeAt(0) : undefined;
    if (code === undefined || code > 0xff) return;
    app.session.pressKey(code);
    app.say(`key ${JSON.stringify(String.fromCharCode(code))} (${hex(code)}) pressed`);
  }

  scroll(name: PaneName, delta: number): void {
    const app = this.app;
    if (app.screen.overlay !== undefined || app.prompts.active) return;
    const ui = app.ui;
    switch (name) {
      case 'source': {
        const total = app.context.sources.get(ui.sourceFile)?.length ?? 1;
        ui.sourceTop = Math.max(1, Math.min(Math.max(1, total - 2), ui.sourceTop + delta));
        break;
      }
      case 'memory': {
        const step = bytesPerRow(app.paneSize('memory', 'width', 40));
        ui.memoryStart = Math.max(0, Math.min(0x10000 - step, ui.memoryStart + delta * step));
        break;
      }
      case 'console':
        ui.consoleScroll = Math.max(0, ui.consoleScroll - delta);
        break;
      default:
        return;
    }
    app.requestDraw();
  }

  click(name: PaneName, data: blessed.Widgets.Events.IMouseEventArg): void {
    const app = this.app;
    if (name !== 'source' || app.screen.overlay !== undefined || app.prompts.active || app.session.running) return;
    const rect = app.screen.layout?.panes.source;
    // Blessed reports the button although its typings omit it; only the left one toggles breakpoints.
    const button = (data as { readonly button?: string }).button;
    if (rect === undefined || (button !== undefined && button !== 'left')) return;
    const line = sourceLineAtRow(app.ui.sourceTop, data.y - rect.top);
    const total = app.context.sources.get(app.ui.sourceFile)?.length ?? 0;
    if (line === undefined || line > total) return;
    app.ui.cursorLine = line;
    app.perform('toggleBreakpoint');
    app.draw();
  }
}
