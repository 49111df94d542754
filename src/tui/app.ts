/**
 * The terminal debugger: a blessed screen of panes over one DebugSession. Keys go to actions.ts through the
 * keymap, the prompt line to prompts.ts, free runs to run-loop.ts; this file owns the screen (layout, drawing,
 * overlays), reacts to the session's events, and swaps in a new session when the source is reloaded.
 */
import blessed from 'blessed';
import type { DebugEvent, StopReason } from '../debugger/events.js';
import { DISPLAY_START } from '../machine/memory-map.js';
import { performAction } from './actions.js';
import type { AppHost, OverlayKind, PromptKind } from './app-host.js';
import type { CommandLine } from './command-line.js';
import { actionFor, type Action } from './keymap.js';
import { computeLayout, type Layout, type PaneName, type Rect } from './layout.js';
import { Prompts } from './prompts.js';
import { bytesPerRow } from './render/hex.js';
import { escapeTags, span, toTags, type Line } from './render/spans.js';
import { expandTabs } from './render/text.js';
import { themeFor, type Theme } from './render/theme.js';
import { RunLoop } from './run-loop.js';
import type { TuiSession } from './session-port.js';
import { changedRanges, initialUiState, type UiState } from './ui-state.js';
import { busView } from './views/bus.js';
import { consoleView } from './views/console.js';
import { disassemblyView } from './views/disassembly.js';
import { displayView } from './views/display.js';
import { lcdView } from './views/lcd.js';
import { memoryStartFor, memoryView } from './views/memory.js';
import { followNote, notesView } from './views/notes.js';
import { registersView } from './views/registers.js';
import { scrollToShow, sourceLineAtRow, sourceView } from './views/source.js';
import { stackView } from './views/stack.js';
import { describeStop, explainView, statusView } from './views/status.js';
import { fitPane, type PaneView, type ViewContext } from './views/view.js';
import { watchesView } from './views/watches.js';

export type { CommandLine, CommandOutcome } from './command-line.js';

/** A program loaded (again) from its file: what `R` and `e` swap in. */
export interface LoadedProgram {
  readonly session: TuiSession;
  /** File name as the debug map spells it → its text. */
  readonly sources: ReadonlyMap<string, string>;
  readonly commands?: CommandLine;
}

/** Why a reload did not happen: the assembler's messages, and where the first one points. */
export interface ReloadFailure {
  readonly message: string;
  readonly location?: { readonly file: string; readonly line: number };
}

export interface DebuggerAppOptions {
  readonly session: TuiSession;
  /** File name as the debug map spells it → its text. The first entry is the file shown at start. */
  readonly sources: ReadonlyMap<string, string>;
  /** Shown on the status line, e.g. `Tour 3 · Flags and branches`. */
  readonly title?: string;
  /** Lesson mode: the note of a source line, shown in a notes pane as the PC moves. */
  readonly notesForLine?: (file: string, line: number) => string | undefined;
  /** Show the 32×32 display from the start (it also appears by itself when the program first draws). */
  readonly showDisplay?: boolean;
  readonly commands?: CommandLine;
  /** Reads and assembles the program's file again (`R`, and after `e`); without it `R` only resets. */
  readonly reload?: () => Promise<LoadedProgram | ReloadFailure>;
  /** Terminal streams; default the process's own. */
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /** The environment the colours are chosen from (TERM, NO_COLOR, COLORTERM…); default the process's own. */
  readonly env?: NodeJS.ProcessEnv;
}

const VIEWS: Readonly<Record<Exclude<PaneName, 'status'>, PaneView>> = {
  source: sourceView,
  disassembly: disassemblyView,
  registers: registersView,
  stack: stackView,
  memory: memoryView,
  bus: busView,
  console: consoleView,
  display: displayView,
  lcd: lcdView,
  watches: watchesView,
  notes: notesView,
  explain: explainView,
};

const PANE_NAMES: readonly PaneName[] = [
  'source', 'disassembly', 'registers', 'stack', 'memory', 'bus', 'console', 'lcd', 'watches', 'notes', 'explain', 'status', 'display',
];

/** Keys that scroll a long overlay (command output, help) instead of closing it; ±2 means a page. */
const OVERLAY_SCROLL: Readonly<Record<string, number>> = { up: -1, down: 1, k: -1, j: 1, pageup: -2, pagedown: 2 };
/** Keys that only close an overlay; any other key closes it and then does its usual job. */
const OVERLAY_CLOSE = new Set(['escape', 'q', 'enter', 'space']);
/** While running, the screen is redrawn at most this often. */
const RUNNING_FRAME_MILLISECONDS = 50;

type Overlay = { readonly kind: OverlayKind; readonly box: blessed.Widgets.BoxElement };

/** Opens the debugger on the session and resolves when the user quits. */
export function runDebuggerApp(options: DebuggerAppOptions): Promise<void> {
  return new Promise((resolve) => {
    const app = new DebuggerApp(options, resolve);
    app.start();
  });
}

class DebuggerApp implements AppHost {
  session: TuiSession;
  context: ViewContext;
  readonly ui: UiState;
  readonly runLoop: RunLoop;
  private commands: CommandLine | undefined;
  private readonly prompts: Prompts;
  private readonly screen: blessed.Widgets.Screen;
  private readonly theme: Theme;
  private readonly boxes = new Map<PaneName, blessed.Widgets.BoxElement>();
  private readonly drawn = new Map<PaneName, string>();
  private separators: blessed.Widgets.BoxElement[] = [];
  private tooSmallBox: blessed.Widgets.BoxElement | undefined;
  private layout: Layout | undefined;
  private overlay: Overlay | undefined;
  private drawQueued = false;
  private lastFrame = 0;
  private finished = false;
  private unsubscribe: (() => void) | undefined;
  /** Said when the free run in progress (step over/out, run to) ends where it meant to. */
  private pendingDone: string | undefined;
  private lastStopKey = '';
  private memoryAtStop: { readonly bytes: Uint8Array; readonly instructions: number; readonly cycles: number } | undefined;

  constructor(
    private readonly options: DebuggerAppOptions,
    private readonly onQuit: () => void,
  ) {
    this.session = options.session;
    this.commands = options.commands;
    const sources = sourceLines(options.sources);
    const first = options.sources.keys().next();
    this.ui = initialUiState(first.done === true ? '' : first.value, options.showDisplay === true);
    this.context = { session: this.session, sources, ui: this.ui, notesForLine: options.notesForLine };
    this.runLoop = new RunLoop(this.session, {
      stopped: (reason) => this.afterStop(reason),
      progressed: () => {
        this.ui.mhz = this.runLoop.pacer.mhz;
        if (performance.now() - this.lastFrame >= RUNNING_FRAME_MILLISECONDS) this.draw();
      },
      failed: (message) => this.say(message, true),
    });
    this.prompts = new Prompts(this, () => this.commands);
    this.screen = blessed.screen({
      smartCSR: true,
      fullUnicode: true,
      // Every terminal moth targets speaks UTF-8; without this blessed guesses from LANG and may print `?`.
      forceUnicode: true,
      autoPadding: false,
      warnings: false,
      title: options.title ?? 'moth debug',
      input: options.input as never, // blessed's typings want its own stream type; any Node stream works
      output: options.output as never,
      terminal: undefined,
    });
    const tput = (this.screen.program as unknown as { tput: { brokenACS: boolean; colors: number } }).tput;
    // Line-drawing characters go out as UTF-8 too: blessed's alternate-charset path shows `x` and `q` in tmux.
    tput.brokenACS = true;
    this.theme = themeFor(options.env ?? process.env, tput.colors);
    for (const name of PANE_NAMES) {
      const box = blessed.box({ parent: this.screen, tags: true, wrap: false, hidden: true });
      box.enableMouse();
      box.on('wheeldown', () => this.scrollPane(name, 3));
      box.on('wheelup', () => this.scrollPane(name, -3));
      box.on('mousedown', (data: blessed.Widgets.Events.IMouseEventArg) => this.clickPane(name, data));
      this.boxes.set(name, box);
    }
  }

  start(): void {
    this.subscribe();
    this.screen.on('keypress', (char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => this.onKey(char, key));
    this.screen.on('resize', () => {
      this.relayout();
      this.draw();
    });
    this.followPc();
    this.compareMemory(false);
    this.relayout();
    // The program's own bytes are the first memory worth seeing (its strings show in the ASCII column).
    this.ui.memoryStart = memoryStartFor(this.session.state.pc, this.paneSize('memory', 'width', 40));
    this.draw();
  }

  private subscribe(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.session.on((event) => {
      // Listeners must not throw into the session; a face problem becomes a message instead.
      try {
        this.onEvent(event);
      } catch (error) {
        this.say(error instanceof Error ? error.message : String(error), true);
      }
    });
  }

  // ── the host interface (actions.ts, prompts.ts) ─────────────────────────────────────────────

  say(text: string, error = false): void {
    this.ui.message = { text, error };
  }

  perform(action: Action): void {
    performAction(this, action);
  }

  startRun(begin: () => void, done?: string): void {
    this.ui.message = undefined;
    this.ui.written = [];
    this.pendingDone = done;
    this.runLoop.start(begin);
    this.ui.speedLimit = this.runLoop.pacer.limit;
  }

  followPc(): void {
    const location = this.session.location;
    if (location !== undefined && this.context.sources.has(location.file)) {
      this.ui.sourceFile = location.file;
      this.ui.cursorLine = location.line;
      this.keepCursorVisible();
    }
    followNote(this.context);
  }

  keepCursorVisible(): void {
    const total = this.context.sources.get(this.ui.sourceFile)?.length ?? 1;
    const visible = Math.max(1, this.paneSize('source', 'height', 20) - 1);
    this.ui.sourceTop = scrollToShow(this.ui.sourceTop, this.ui.cursorLine, visible, total);
  }

  openPrompt(kind: PromptKind, prompt: string): void {
    this.prompts.start(kind, prompt);
  }

  paneSize(name: PaneName, dimension: 'width' | 'height', fallback: number): number {
    return this.layout?.panes[name]?.[dimension] ?? fallback;
  }

  get screenRows(): number {
    return this.screen.height as number;
  }

  repaint(): void {
    this.drawn.clear();
    this.screen.realloc();
  }

  showOverlay(kind: OverlayKind, title: string, lines: readonly string[]): void {
    this.closeOverlay();
    const columns = this.screen.width as number;
    const rows = this.screen.height as number;
    const width = Math.min(columns - 2, Math.max(title.length + 4, ...lines.map((line) => line.length + 4)));
    const height = Math.min(rows - 2, lines.length + 2);
    if (lines.length + 2 > height) title += ' (Up/Down scroll)';
    const box = blessed.box({
      parent: this.screen,
      top: 'center',
      left: 'center',
      width,
      height,
      border: { type: 'line' },
      label: ` ${escapeTags(title)} `,
      tags: true,
      content: lines.map((line) => escapeTags(line)).join('\n'),
      scrollable: true,
      alwaysScroll: true,
      style: this.theme.overlay,
    });
    box.setFront();
    this.overlay = { kind, box };
  }

  async reload(): Promise<void> {
    if (this.options.reload === undefined) {
      this.session.reset();
      this.say('reset: the machine is as loaded, history cleared');
      return;
    }
    const loaded = await this.options.reload();
    if ('message' in loaded) {
      this.showReloadFailure(loaded);
      this.draw();
      return;
    }
    const kept = this.session.breakpoints.filter((breakpoint) => breakpoint.target.kind !== 'address' || this.session.locationOf(breakpoint.target.address) === undefined);
    const lost: string[] = [];
    for (const breakpoint of kept) {
      const added = loaded.session.addBreakpoint(breakpoint.target, breakpoint.condition, breakpoint.ignoreUntil);
      if (!added.ok) lost.push(added.error);
      else if (!breakpoint.enabled) loaded.session.setBreakpointEnabled(added.value.id, false);
    }
    this.runLoop.cancel();
    if (this.session.running) this.session.pause();
    this.session = loaded.session;
    this.commands = loaded.commands ?? this.commands;
    this.context = { ...this.context, session: this.session, sources: sourceLines(loaded.sources) };
    this.runLoop.attach(this.session);
    this.subscribe();
    this.resetFaceState();
    this.memoryAtStop = undefined;
    this.compareMemory(false);
    this.followPc();
    this.say(`reloaded and assembled again${kept.length > 0 ? `, ${kept.length - lost.length} of ${kept.length} breakpoints kept` : ''}${lost.length > 0 ? ` (${lost.join('; ')})` : ''}`, lost.length > 0);
    this.draw();
  }

  editSource(): void {
    const file = this.ui.sourceFile;
    if (!this.context.sources.has(file)) {
      this.say('there is no source file to edit here', true);
      return;
    }
    const [command, ...args] = editorCommand(this.options.env ?? process.env);
    // blessed's spawn leaves the alternate screen and raw mode for the editor and brings both back after.
    const child = this.screen.spawn(command!, [...args, `+${this.ui.cursorLine}`, file], {});
    let failed = false;
    child.on('error', (error) => {
      failed = true;
      this.say(`could not start the editor "${command}": ${error.message} (set $EDITOR)`, true);
      this.repaint();
      this.draw();
    });
    child.on('exit', () => {
      if (failed) return;
      this.repaint();
      void this.reload();
    });
  }

  quit(): void {
    if (this.finished) return;
    if (this.session.running) this.session.pause();
    this.runLoop.close();
    this.finished = true;
    this.unsubscribe?.();
    this.screen.destroy();
    this.onQuit();
  }

  // ── events from the session ────────────────────────────────────────────────────────────────

  private onEvent(event: DebugEvent): void {
    switch (event.type) {
      case 'stopped':
        this.runLoop.cancel();
        this.afterStop(event.reason);
        break;
      case 'registers':
        this.ui.changedRegisters = event.changed;
        this.ui.previousP = event.before.p;
        break;
      case 'memory':
        if (event.ranges !== 'all') {
          this.ui.written = event.ranges;
          if (event.ranges.some((range) => range.start < DISPLAY_START + 0x400 && range.start + range.length > DISPLAY_START)) this.autoShowDisplay();
        }
        // 'all' (after a run or a jump through history): the stop handler works out what changed.
        break;
      case 'output':
      case 'output-rewound':
        this.ui.consoleScroll = 0;
        break;
      case 'reset':
        this.resetFaceState();
        break;
      case 'running':
      case 'breakpoints':
      case 'trace':
        break;
    }
    this.requestDraw();
  }

  private resetFaceState(): void {
    this.lastStopKey = '';
    this.pendingDone = undefined;
    this.ui.written = [];
    this.ui.changedRegisters = [];
    this.ui.previousP = undefined;
    this.ui.mhz = undefined;
    this.ui.note = undefined;
    this.ui.disassemblyStart = undefined;
  }

  /** Brings the view to the PC after any stop; safe to call twice for one stop (event and return value). */
  private afterStop(reason: StopReason): void {
    const { instructions, cycles } = this.session.state;
    const key = `${instructions}:${cycles}:${JSON.stringify(reason)}`;
    if (key === this.lastStopKey) return;
    this.lastStopKey = key;
    this.ui.mhz = this.runLoop.pacer.mhz;
    const step = this.session.lastStep;
    if (step !== undefined) {
      this.ui.changedRegisters = step.changed;
      this.ui.previousP = step.before.p;
      this.ui.written = step.writes.map((write) => ({ start: write.address, length: 1 }));
      if (step.writes.some((write) => write.address >= DISPLAY_START && write.address < DISPLAY_START + 0x400)) this.autoShowDisplay();
    }
    this.compareMemory(step === undefined);
    const done = this.pendingDone;
    this.pendingDone = undefined;
    if (done !== undefined && (reason.kind === 'step' || reason.kind === 'run-to')) this.say(done);
    else if (reason.kind === 'step') this.ui.message = undefined;
    else this.say(describeStop(reason, (address) => this.session.labelAt(address)), reason.kind === 'jam');
    this.followPc();
    this.requestDraw();
  }

  /**
   * Keeps a copy of memory from the last stop. After a run (no single step to ask), the bytes that differ are
   * what the run wrote, so the memory pane can highlight them too. Safe to call twice for one stop.
   */
  private compareMemory(highlight: boolean): void {
    const { instructions, cycles } = this.session.state;
    if (this.memoryAtStop !== undefined && this.memoryAtStop.instructions === instructions && this.memoryAtStop.cycles === cycles) return;
    const now = this.session.readMemory(0, 0x10000);
    if (highlight && this.memoryAtStop !== undefined) this.ui.written = changedRanges(this.memoryAtStop.bytes, now);
    this.memoryAtStop = { bytes: now, instructions, cycles };
  }

  private autoShowDisplay(): void {
    if (this.ui.showDisplay || this.ui.displayHiddenByUser) return;
    this.ui.showDisplay = true;
    this.relayout();
  }

  private showReloadFailure(failure: ReloadFailure): void {
    const location = failure.location;
    if (location !== undefined && this.context.sources.has(location.file)) {
      this.ui.sourceFile = location.file;
      this.ui.cursorLine = location.line;
      this.keepCursorVisible();
    }
    const lines = failure.message.replace(/\n$/, '').split('\n');
    this.showOverlay('output', 'The source does not assemble; the old program stays loaded', lines);
    this.say(`not reloaded: ${lines[0] ?? 'the source does not assemble'}`, true);
  }

  // ── keys ───────────────────────────────────────────────────────────────────────────────────

  private onKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    if (this.finished) return;
    // Blessed reports Enter twice (name `return`, then `enter`); only the second counts anywhere.
    if (key.name === 'return') return;
    try {
      if (this.overlay !== undefined && this.overlayKey(char, key)) return this.draw();
      if (this.ui.keyboardMode) this.programKey(char, key);
      else if (this.prompts.active) this.prompts.key(char, key);
      else {
        const action = actionFor(key.full, char);
        if (action === undefined) return;
        this.perform(action);
      }
    } catch (error) {
      // A session call failed: say so on screen instead of crashing the terminal.
      this.say(error instanceof Error ? error.message : String(error), true);
    }
    this.draw();
  }

  /**
   * A key while an overlay is open: scroll keys scroll it, Escape/q/Enter/Space close it; any other key closes
   * it and then does its usual job (so `:` typed over the help opens the command line). True when used up.
   */
  private overlayKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): boolean {
    const overlay = this.overlay!;
    if (overlay.kind === 'confirmQuit') {
      this.closeOverlay();
      if (char === 'y' || char === 'Y' || key.full === 'q') this.quit();
      return true;
    }
    const scroll = OVERLAY_SCROLL[key.full] ?? 0;
    if (scroll !== 0) {
      overlay.box.scroll(scroll === 1 || scroll === -1 ? scroll : Math.sign(scroll) * Math.max(1, (overlay.box.height as number) - 3));
      return true;
    }
    this.closeOverlay();
    return OVERLAY_CLOSE.has(key.full) || (char === '?' && overlay.kind === 'help');
  }

  /** Keyboard mode: printable keys and Enter become key presses of the program; Escape ends the mode. */
  private programKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    if (key.full === 'escape') {
      this.ui.keyboardMode = false;
      this.say("keys are the debugger's again");
      return;
    }
    if (key.full === 'C-c') return this.perform('quit');
    // Function keys (F5 pause, F10, F11…) still drive the debugger; only typing goes to the program.
    const functionKeyAction = /^S?-?f\d+$/.test(key.full) ? actionFor(key.full, undefined) : undefined;
    if (functionKeyAction !== undefined) return this.perform(functionKeyAction);
    const code = key.name === 'enter' ? 0x0d : char !== undefined && char.length === 1 ? char.charCodeAt(0) : undefined;
    if (code === undefined || code > 0xff) return;
    this.session.pressKey(code);
    this.say(`key ${JSON.stringify(String.fromCharCode(code))} ($${code.toString(16).toUpperCase().padStart(2, '0')}) pressed`);
  }

  // ── mouse ──────────────────────────────────────────────────────────────────────────────────

  private scrollPane(name: PaneName, delta: number): void {
    if (this.overlay !== undefined || this.prompts.active) return;
    switch (name) {
      case 'source': {
        const total = this.context.sources.get(this.ui.sourceFile)?.length ?? 1;
        this.ui.sourceTop = Math.max(1, Math.min(Math.max(1, total - 2), this.ui.sourceTop + delta));
        break;
      }
      case 'memory': {
        const step = bytesPerRow(this.paneSize('memory', 'width', 40));
        this.ui.memoryStart = Math.max(0, Math.min(0x10000 - step, this.ui.memoryStart + delta * step));
        break;
      }
      case 'console':
        this.ui.consoleScroll = Math.max(0, this.ui.consoleScroll - delta);
        break;
      default:
        return;
    }
    this.requestDraw();
  }

  private clickPane(name: PaneName, data: blessed.Widgets.Events.IMouseEventArg): void {
    if (name !== 'source' || this.overlay !== undefined || this.prompts.active || this.session.running) return;
    const rect = this.layout?.panes.source;
    // Blessed reports the button although its typings omit it; only the left one toggles breakpoints.
    const button = (data as { readonly button?: string }).button;
    if (rect === undefined || (button !== undefined && button !== 'left')) return;
    const line = sourceLineAtRow(this.ui.sourceTop, data.y - rect.top);
    const total = this.context.sources.get(this.ui.sourceFile)?.length ?? 0;
    if (line === undefined || line > total) return;
    this.ui.cursorLine = line;
    this.perform('toggleBreakpoint');
    this.draw();
  }

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  private closeOverlay(): void {
    if (this.overlay === undefined) return;
    this.overlay.box.destroy();
    this.overlay = undefined;
    this.drawn.clear(); // what was under the overlay must be drawn again
  }

  relayout(): void {
    const columns = this.screen.width as number;
    const rows = this.screen.height as number;
    this.layout = computeLayout(columns, rows, {
      showDisplay: this.ui.showDisplay,
      showNotes: this.options.notesForLine !== undefined,
      showLcd: this.session.lcdLines() !== undefined,
      displayZoom: this.ui.displayZoom,
      showBus: this.ui.showBus,
    });
    for (const separator of this.separators) separator.destroy();
    this.separators = [];
    this.tooSmallBox?.destroy();
    this.tooSmallBox = undefined;
    this.drawn.clear();
    for (const name of PANE_NAMES) {
      const box = this.boxes.get(name)!;
      const rect = this.layout.panes[name];
      if (rect === undefined) {
        box.hide();
        continue;
      }
      place(box, rect);
      box.show();
    }
    for (const rect of this.layout.separators) {
      this.separators.push(blessed.box({ parent: this.screen, ...rect, tags: true, content: Array(rect.height).fill(toTags([span('│', 'dim')], this.theme)).join('\n') }));
    }
    if (this.layout.tooSmall) {
      this.tooSmallBox = blessed.box({
        parent: this.screen, top: 0, left: 0, width: columns, height: rows,
        content: `moth needs at least 80×24 (this is ${columns}×${rows}); q quits`,
      });
    }
    this.overlay?.box.setFront();
    this.keepCursorVisible();
  }

  private requestDraw(): void {
    if (this.drawQueued || this.finished) return;
    if (this.session.running) return; // the run loop draws at its own pace
    this.drawQueued = true;
    setImmediate(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  /** Renders every visible pane; blessed only writes the cells that changed, and unchanged panes are skipped. */
  private draw(): void {
    if (this.finished || this.layout === undefined) return;
    this.lastFrame = performance.now();
    // Free runs report memory changes as 'all'; a painted pixel is what tells the display is in use.
    if (!this.ui.showDisplay && !this.ui.displayHiddenByUser && this.session.readMemory(DISPLAY_START, 0x400).some((pixel) => (pixel & 0x0f) !== 0)) {
      this.autoShowDisplay();
    }
    if (!this.layout.tooSmall) {
      for (const name of PANE_NAMES) {
        const rect = this.layout.panes[name];
        if (rect === undefined) continue;
        let lines: Line[];
        try {
          lines = name === 'status' ? this.statusLines(rect) : VIEWS[name](this.context, rect.width, rect.height);
        } catch (error) {
          lines = fitPane([[span(`(${error instanceof Error ? error.message : String(error)})`, 'error')]], rect.width, rect.height);
        }
        const markup = lines.map((line) => toTags(line, this.theme)).join('\n');
        if (this.drawn.get(name) !== markup) {
          this.boxes.get(name)!.setContent(markup);
          this.drawn.set(name, markup);
        }
      }
    }
    this.screen.render();
  }

  private statusLines(rect: Rect): Line[] {
    if (!this.prompts.active) return statusView(this.context, rect.width, rect.height, this.options.title);
    return fitPane([this.prompts.statusLine()], rect.width, rect.height);
  }
}

function place(box: blessed.Widgets.BoxElement, rect: Rect): void {
  box.left = rect.left;
  box.top = rect.top;
  box.width = rect.width;
  box.height = rect.height;
}

/** Source texts as the panes show them: split into lines, tabs expanded. */
function sourceLines(sources: ReadonlyMap<string, string>): Map<string, readonly string[]> {
  const lines = new Map<string, readonly string[]>();
  for (const [name, text] of sources) lines.set(name, text.replace(/\r?\n$/, '').split(/\r?\n/).map((line) => expandTabs(line)));
  return lines;
}

/** `$VISUAL`, else `$EDITOR`, else vi; split at spaces so `code -w` works. */
function editorCommand(env: NodeJS.ProcessEnv): string[] {
  const chosen = (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim() || 'vi';
  return chosen.split(/\s+/);
}
