/**
 * The terminal debugger: a blessed screen of panes over one DebugSession, keys dispatched from the keymap, and a
 * run-slice scheduler so the machine runs at full speed while keys (pause, quit) stay live.
 */
import { groupThousands } from '../shared/thousands.js';
import blessed from 'blessed';
import type { DebugEvent, StopReason } from '../debugger/events.js';
import type { StopResult } from '../debugger/session.js';
import { actionFor, helpLines, type Action } from './keymap.js';
import { RunPacer } from '../debugger/run-pacer.js';
import { computeLayout, type Layout, type PaneName, type Rect } from './layout.js';
import { editLine, openEditor, remember, type EditorKey, type LineEditorState } from './line-editor.js';
import { bytesPerRow } from './render/hex.js';
import { expandTabs } from './render/text.js';
import { escapeTags, toTags, type Line } from './render/spans.js';
import type { TuiSession } from './session-port.js';
import { changedRanges, initialUiState, type UiState } from './ui-state.js';
import { consoleView } from './views/console.js';
import { disassemblyView } from './views/disassembly.js';
import { DISPLAY_START } from '../machine/memory-map.js';
import { displayView } from './views/display.js';
import { lcdView } from './views/lcd.js';
import { memoryStartFor, memoryView } from './views/memory.js';
import { followNote, notesView } from './views/notes.js';
import { registersView } from './views/registers.js';
import { scrollToShow, sourceLineAtRow, sourceView } from './views/source.js';
import { stackView } from './views/stack.js';
import { describeStop, explainView, formatMhz, statusView } from './views/status.js';
import { watchesView } from './views/watches.js';
import type { PaneView, ViewContext } from './views/view.js';
import { fitPane } from './views/view.js';
import { span } from './render/spans.js';

import type { CommandLine } from './command-line.js';

export type { CommandLine, CommandOutcome } from './command-line.js';

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
  /** Terminal streams; default the process's own. */
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
}

const VIEWS: Readonly<Record<Exclude<PaneName, 'status'>, PaneView>> = {
  source: sourceView,
  disassembly: disassemblyView,
  registers: registersView,
  stack: stackView,
  memory: memoryView,
  console: consoleView,
  display: displayView,
  lcd: lcdView,
  watches: watchesView,
  notes: notesView,
  explain: explainView,
};

const PANE_NAMES: readonly PaneName[] = [
  'source', 'disassembly', 'registers', 'stack', 'memory', 'console', 'display', 'lcd', 'watches', 'notes', 'explain', 'status',
];

/** JSR absolute: the one instruction step over treats specially. */
const JSR_OPCODE = 0x20;
/** Commands that only look, or change the face, and so may run while the machine runs. */
const WHILE_RUNNING = new Set(['speed', 'quit', 'q', 'exit', 'help', 'h', '?', 'print', 'p', 'mem', 'x', 'regs', 'r', 'stack', 'breakpoints', 'info', 'bl', 'input']);
/** Keys that scroll a long overlay (command output, help) instead of closing it; ±2 means a page. */
const OVERLAY_SCROLL: Readonly<Record<string, number>> = { up: -1, down: 1, k: -1, j: 1, pageup: -2, pagedown: 2 };
/** While running, the screen is redrawn at most this often. */
const RUNNING_FRAME_MILLISECONDS = 50;

type Prompt = { readonly kind: 'command' | 'goTo' | 'input' | 'watch'; editor: LineEditorState };
type Overlay = { readonly kind: 'help' | 'output' | 'confirmQuit'; readonly box: blessed.Widgets.BoxElement };

/** Opens the debugger on the session and resolves when the user quits. */
export function runDebuggerApp(options: DebuggerAppOptions): Promise<void> {
  return new Promise((resolve) => {
    const app = new DebuggerApp(options, resolve);
    app.start();
  });
}

class DebuggerApp {
  private readonly session: TuiSession;
  private readonly ui: UiState;
  private readonly context: ViewContext;
  private readonly screen: blessed.Widgets.Screen;
  private readonly boxes = new Map<PaneName, blessed.Widgets.BoxElement>();
  private readonly drawn = new Map<PaneName, string>();
  private separators: blessed.Widgets.BoxElement[] = [];
  private tooSmallBox: blessed.Widgets.BoxElement | undefined;
  private layout: Layout | undefined;
  private prompt: Prompt | undefined;
  private overlay: Overlay | undefined;
  private commandHistory: string[] = [];
  private readonly promptHistory: Record<Prompt['kind'], string[]> = { command: [], goTo: [], input: [], watch: [] };
  /** The user hid the display with `d`; it then no longer pops up by itself. */
  private displayHiddenByUser = false;
  private runTimer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private lastFrame = 0;
  /** Slice sizes, the speed limit and the measured speed (shared with the web face). */
  private readonly pacer = new RunPacer();
  private drawQueued = false;
  private finished = false;
  private unsubscribe: (() => void) | undefined;
  /** The breakpoint `t` (run to cursor) placed; removed at the next stop, whatever stopped the run. */
  private temporaryBreakpoint: { readonly id: number; readonly done: string } | undefined;
  private lastStopKey = '';
  private memoryAtStop: { readonly bytes: Uint8Array; readonly instructions: number; readonly cycles: number } | undefined;

  constructor(
    private readonly options: DebuggerAppOptions,
    private readonly onQuit: () => void,
  ) {
    this.session = options.session;
    const sources = new Map<string, readonly string[]>();
    for (const [name, text] of options.sources) sources.set(name, text.replace(/\r?\n$/, '').split(/\r?\n/).map((line) => expandTabs(line)));
    const first = options.sources.keys().next();
    this.ui = initialUiState(first.done === true ? '' : first.value, options.showDisplay === true);
    this.context = { session: this.session, sources, ui: this.ui, notesForLine: options.notesForLine };
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
    // Line-drawing characters go out as UTF-8 too: blessed's alternate-charset path shows `x` and `q` in tmux.
    (this.screen.program as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
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
    this.unsubscribe = this.session.on((event) => {
      // Listeners must not throw into the session; a face problem becomes a message instead.
      try {
        this.onEvent(event);
      } catch (error) {
        this.ui.message = { text: error instanceof Error ? error.message : String(error), error: true };
      }
    });
    this.screen.on('keypress', (char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => this.onKey(char, key));
    this.screen.on('resize', () => {
      this.relayout();
      this.draw();
    });
    this.followPc();
    followNote(this.context);
    this.compareMemory(false);
    this.relayout();
    // The program's own bytes are the first memory worth seeing (its strings show in the ASCII column).
    this.ui.memoryStart = memoryStartFor(this.session.state.pc, this.layout?.panes.memory?.width ?? 40);
    this.draw();
  }

  // ── events from the session ────────────────────────────────────────────────────────────────

  private onEvent(event: DebugEvent): void {
    switch (event.type) {
      case 'stopped':
        this.stopRunLoop();
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
        this.lastStopKey = '';
        this.ui.written = [];
        this.ui.changedRegisters = [];
        this.ui.previousP = undefined;
        break;
      case 'running':
      case 'breakpoints':
      case 'trace':
        break;
    }
    this.requestDraw();
  }

  /** Brings the view to the PC after any stop; safe to call twice for one stop (event and return value). */
  private afterStop(reason: StopReason): void {
    // Each stop arrives twice (the `stopped` event and the call's return value); handle it once.
    const { instructions, cycles } = this.session.state;
    const key = `${instructions}:${cycles}:${JSON.stringify(reason)}`;
    if (key === this.lastStopKey) return;
    this.lastStopKey = key;
    const step = this.session.lastStep;
    if (step !== undefined) {
      this.ui.changedRegisters = step.changed;
      this.ui.previousP = step.before.p;
      this.ui.written = step.writes.map((write) => ({ start: write.address, length: 1 }));
      if (step.writes.some((write) => write.address >= DISPLAY_START && write.address < DISPLAY_START + 0x400)) this.autoShowDisplay();
    }
    this.compareMemory(step === undefined);
    const temporary = this.temporaryBreakpoint;
    this.temporaryBreakpoint = undefined;
    this.ui.temporaryBreakpointId = undefined;
    if (temporary !== undefined) {
      this.session.deleteBreakpoint(temporary.id);
      if (reason.kind === 'breakpoint' && reason.id === temporary.id) {
        this.ui.message = { text: temporary.done, error: false };
        this.followPc();
        followNote(this.context);
        return;
      }
    }
    this.ui.message = reason.kind === 'step' ? undefined : { text: describeStop(reason, (address) => this.session.labelAt(address)), error: reason.kind === 'jam' };
    this.followPc();
    followNote(this.context);
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
    if (this.ui.showDisplay || this.displayHiddenByUser) return;
    this.ui.showDisplay = true;
    this.relayout();
  }

  /** Moves the source cursor to the PC's line and scrolls it into view. */
  private followPc(): void {
    const location = this.session.location;
    if (location === undefined || !this.context.sources.has(location.file)) return;
    this.ui.sourceFile = location.file;
    this.ui.cursorLine = location.line;
    this.keepCursorVisible();
  }

  private keepCursorVisible(): void {
    const rect = this.layout?.panes.source;
    const total = this.context.sources.get(this.ui.sourceFile)?.length ?? 1;
    const visible = Math.max(1, (rect?.height ?? 20) - 1);
    this.ui.sourceTop = scrollToShow(this.ui.sourceTop, this.ui.cursorLine, visible, total);
  }

  // ── keys ───────────────────────────────────────────────────────────────────────────────────

  private onKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    if (this.finished) return;
    if (this.overlay !== undefined) {
      const overlay = this.overlay;
      // Blessed reports Enter twice (name `return`, then `enter`); only the second counts anywhere.
      if (key.name === 'return') return;
      const scroll = overlay.kind === 'confirmQuit' ? 0 : OVERLAY_SCROLL[key.full] ?? 0;
      if (scroll !== 0) {
        overlay.box.scroll(scroll === 1 || scroll === -1 ? scroll : Math.sign(scroll) * Math.max(1, (overlay.box.height as number) - 3));
        this.screen.render();
        return;
      }
      this.closeOverlay();
      if (overlay.kind === 'confirmQuit' && (char === 'y' || char === 'Y' || key.full === 'q')) this.quit();
      this.draw();
      return;
    }
    if (this.ui.keyboardMode) {
      this.onProgramKey(char, key);
      this.draw();
      return;
    }
    if (this.prompt !== undefined) {
      this.onPromptKey(char, key);
      this.draw();
      return;
    }
    const action = actionFor(key.full, char);
    if (action === undefined) return;
    try {
      this.perform(action);
    } catch (error) {
      // A session call failed (e.g. a feature not built yet): say so on screen instead of crashing the terminal.
      this.ui.message = { text: error instanceof Error ? error.message : String(error), error: true };
    }
    this.draw();
  }

  /** Keyboard mode: printable keys and Enter become key presses of the program; Escape ends the mode. */
  private onProgramKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    if (key.full === 'escape') {
      this.ui.keyboardMode = false;
      this.ui.message = { text: 'keys are the debugger\'s again', error: false };
      return;
    }
    if (key.full === 'C-c') return this.perform('quit');
    // Function keys (F5 pause, F10, F11…) still drive the debugger; only typing goes to the program.
    const functionKeyAction = /^S?-?f\d+$/.test(key.full) ? actionFor(key.full, undefined) : undefined;
    if (functionKeyAction !== undefined) return this.perform(functionKeyAction);
    if (key.name === 'return') return; // blessed's first half of Enter; `enter` follows
    const code = key.name === 'enter' ? 0x0d : char !== undefined && char.length === 1 ? char.charCodeAt(0) : undefined;
    if (code === undefined || code > 0xff) return;
    this.session.pressKey(code);
    this.ui.message = { text: `key ${JSON.stringify(String.fromCharCode(code))} ($${code.toString(16).toUpperCase().padStart(2, '0')}) pressed`, error: false };
  }

  private perform(action: Action): void {
    const session = this.session;
    if (session.running && !['command', 'slower', 'faster', 'keyboard', 'continue', 'quit', 'help', 'redraw', 'toggleDisplay', 'memoryUp', 'memoryDown', 'addWatch', 'sendInput', 'goTo'].includes(action)) {
      this.ui.message = { text: 'running: press c to pause first', error: false };
      return;
    }
    switch (action) {
      case 'continue':
        if (session.running) session.pause();
        else this.startRun();
        return;
      case 'pause':
        if (session.running) session.pause();
        return;
      case 'stepInto': return this.stepped(session.stepInto());
      case 'stepOver': return this.stepOver();
      case 'stepOut': return this.stepOut();
      case 'stepBack': {
        this.stepped(session.stepBack());
        if (this.ui.message === undefined) {
          this.ui.message = { text: `stepped back: the machine is as it was after instruction ${groupThousands(session.state.instructions)} (s goes forward again)`, error: false };
        }
        return;
      }
      case 'reverseContinue': return this.stepped(session.reverseContinue());
      case 'runToCursor': {
        const addresses = session.addressesForLine(this.ui.sourceFile, this.ui.cursorLine);
        if (addresses.length === 0) {
          this.ui.message = { text: `line ${this.ui.cursorLine} has no code to run to`, error: true };
          return;
        }
        // A free run with a temporary breakpoint, not the session's blocking runTo: a line that is never
        // reached must not freeze the keys.
        const added = session.addBreakpoint({ kind: 'line', file: this.ui.sourceFile, line: this.ui.cursorLine });
        if (!added.ok) {
          this.ui.message = { text: added.error, error: true };
          return;
        }
        this.setTemporaryBreakpoint(added.value.id, `ran to line ${this.ui.cursorLine}`);
        this.startRun();
        return;
      }
      case 'toggleBreakpoint': {
        if (!this.context.sources.has(this.ui.sourceFile) || (session.location === undefined && !session.running)) return this.toggleBreakpointAtPc();
        const result = session.toggleBreakpointAtLine(this.ui.sourceFile, this.ui.cursorLine);
        this.ui.message = result.ok
          ? { text: `breakpoint ${result.value} at ${this.ui.sourceFile}:${this.ui.cursorLine}`, error: false }
          : { text: result.error, error: true };
        return;
      }
      case 'nmi':
        session.nmi();
        this.ui.message = { text: 'NMI raised: the next step enters the handler at the address in $FFFA', error: false };
        return;
      case 'reset':
        session.reset();
        this.ui.message = { text: 'reset: program reloaded, history cleared', error: false };
        this.ui.mhz = this.pacer.mhz = undefined;
        this.followPc();
        followNote(this.context);
        return;
      case 'goTo': return this.openPrompt('goTo', 'go to (address or label): ');
      case 'command': return this.openPrompt('command', ':');
      case 'sendInput': return this.openPrompt('input', 'input for the program: ');
      case 'addWatch': return this.openPrompt('watch', 'watch expression (-N drops watch N): ');
      case 'slower':
        this.pacer.slower(performance.now());
        return this.speedChanged();
      case 'faster':
        if (this.pacer.limit === undefined) return;
        this.pacer.faster(performance.now());
        return this.speedChanged();
      case 'keyboard':
        this.ui.keyboardMode = true;
        this.ui.message = { text: 'keyboard mode: what you type goes to the program; Esc gives the keys back', error: false };
        return;
      case 'help': return this.showOverlay('help', 'Keys (S- Shift, C- Ctrl; any key closes)', helpLines((this.screen.height as number) - 4));
      case 'quit':
        if (session.running) this.showOverlay('confirmQuit', 'Quit?', ['The program is running. Quit anyway? (y / n)']);
        else this.quit();
        return;
      case 'scrollLeft': this.ui.sourceLeft = Math.max(0, this.ui.sourceLeft - 8); return;
      case 'scrollRight': this.ui.sourceLeft = Math.min(this.longestSourceLine(), this.ui.sourceLeft + 8); return;
      case 'cursorUp': return this.moveCursor(-1);
      case 'cursorDown': return this.moveCursor(1);
      case 'pageUp': return this.moveCursor(-Math.max(1, (this.layout?.panes.source?.height ?? 10) - 2));
      case 'pageDown': return this.moveCursor(Math.max(1, (this.layout?.panes.source?.height ?? 10) - 2));
      case 'memoryUp': this.ui.memoryStart = Math.max(0, this.ui.memoryStart - 0x100); return;
      case 'memoryDown': this.ui.memoryStart = Math.min(0xff00, this.ui.memoryStart + 0x100); return;
      case 'toggleDisplay':
        this.ui.showDisplay = !this.ui.showDisplay;
        this.displayHiddenByUser = !this.ui.showDisplay;
        this.relayout();
        return;
      case 'redraw':
        this.drawn.clear();
        this.screen.realloc();
        return;
    }
  }

  /**
   * Step over a JSR as a free run to the instruction after it, with the stack back at this level (so a
   * recursive call's inner return does not count): a long subroutine then keeps the keys live and shows its
   * speed. Anything else is one ordinary step.
   */
  private stepOver(): void {
    const { pc, sp } = this.session.state;
    const [opcode] = this.session.readMemory(pc, 1);
    if (opcode !== JSR_OPCODE) return this.stepped(this.session.stepOver());
    const returnTo = (pc + 3) & 0xffff;
    const added = this.session.addBreakpoint({ kind: 'address', address: returnTo }, `SP >= $${sp.toString(16)}`);
    if (!added.ok) return this.stepped(this.session.stepOver());
    const [low, high] = [this.session.readMemory(pc + 1, 1)[0] ?? 0, this.session.readMemory(pc + 2, 1)[0] ?? 0];
    const target = low | (high << 8);
    const name = this.session.labelAt(target) ?? `$${target.toString(16).toUpperCase().padStart(4, '0')}`;
    this.setTemporaryBreakpoint(added.value.id, `stepped over JSR ${name}`);
    this.startRun();
  }

  /**
   * Step out as a free run to the return address of the innermost frame on the stack (the stack pane's `↩`),
   * with the stack popped past it. Without a recognisable return address, the session's own step out.
   */
  private stepOut(): void {
    const frame = this.session.stack().find((entry) => entry.returnAddress !== undefined);
    if (frame === undefined || frame.returnAddress === undefined) return this.stepped(this.session.stepOut());
    const spAfterReturn = (frame.address - 0x100 + 1) & 0xff;
    const added = this.session.addBreakpoint({ kind: 'address', address: frame.returnAddress }, `SP >= $${spAfterReturn.toString(16)}`);
    if (!added.ok) return this.stepped(this.session.stepOut());
    this.setTemporaryBreakpoint(added.value.id, `stepped out${frame.label !== undefined ? ` of ${frame.label}` : ''}`);
    this.startRun();
  }

  private setTemporaryBreakpoint(id: number, done: string): void {
    this.temporaryBreakpoint = { id, done };
    this.ui.temporaryBreakpointId = id;
  }

  /** Where there is no source (a binary, code outside the file), `b` toggles a breakpoint on the PC's address. */
  private toggleBreakpointAtPc(): void {
    const pc = this.session.state.pc;
    const existing = this.session.breakpoints.find((breakpoint) => breakpoint.target.kind === 'address' && breakpoint.target.address === pc);
    const address = `$${pc.toString(16).toUpperCase().padStart(4, '0')}`;
    if (existing !== undefined) {
      const removed = this.session.deleteBreakpoint(existing.id);
      this.ui.message = removed.ok ? { text: `breakpoint ${existing.id} at ${address} removed`, error: false } : { text: removed.error, error: true };
      return;
    }
    const added = this.session.addBreakpoint({ kind: 'address', address: pc });
    this.ui.message = added.ok ? { text: `breakpoint ${added.value.id} at ${address}`, error: false } : { text: added.error, error: true };
  }

  private setSpeedLimit(mhz: number | undefined): void {
    this.pacer.setLimit(mhz, performance.now());
    this.speedChanged();
  }

  private speedChanged(): void {
    this.ui.speedLimit = this.pacer.limit;
    this.ui.message = { text: this.ui.speedLimit === undefined ? 'speed: as fast as possible' : `speed limit ${formatMhz(this.ui.speedLimit)} (- slower, + faster)`, error: false };
  }

  private stepped(result: StopResult): void {
    this.afterStop(result.reason);
  }

  private longestSourceLine(): number {
    const lines = this.context.sources.get(this.ui.sourceFile) ?? [];
    return lines.reduce((longest, line) => Math.max(longest, line.length), 0);
  }

  private moveCursor(delta: number): void {
    const total = this.context.sources.get(this.ui.sourceFile)?.length ?? 1;
    this.ui.cursorLine = Math.max(1, Math.min(total, this.ui.cursorLine + delta));
    this.keepCursorVisible();
  }

  // ── the prompt line (`:`, `g`, `i`, `w`) ───────────────────────────────────────────────────

  private openPrompt(kind: Prompt['kind'], text: string): void {
    const history = kind === 'command' ? this.commandHistory : this.promptHistory[kind];
    this.prompt = { kind, editor: openEditor(text, history) };
  }

  private onPromptKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    const prompt = this.prompt!;
    if (key.full === 'escape' || key.full === 'C-c') {
      this.prompt = undefined;
      return;
    }
    if (key.name === 'return') return; // blessed's first half of Enter; `enter` follows
    if (key.name === 'enter') {
      this.prompt = undefined;
      try {
        this.submitPrompt(prompt.kind, prompt.editor.text);
      } catch (error) {
        this.ui.message = { text: error instanceof Error ? error.message : String(error), error: true };
      }
      return;
    }
    const editorKey = toEditorKey(char, key);
    if (editorKey === undefined) return;
    const complete = prompt.kind === 'command' && this.options.commands !== undefined ? (text: string) => this.options.commands!.complete(text) : undefined;
    prompt.editor = editLine(prompt.editor, editorKey, complete);
  }

  private submitPrompt(kind: Prompt['kind'], text: string): void {
    if (kind === 'command') this.commandHistory = remember(this.commandHistory, text);
    else this.promptHistory[kind] = remember(this.promptHistory[kind], text);
    const trimmed = text.trim();
    switch (kind) {
      case 'command': return this.runCommandLine(trimmed);
      case 'input':
        this.session.sendInput(text + '\n');
        this.ui.message = { text: `sent ${JSON.stringify(text + '\n')} to the program's input`, error: false };
        return;
      case 'watch': {
        const drop = /^-(\d+)$/.exec(trimmed);
        if (drop !== null) {
          const index = Number(drop[1]) - 1;
          if (index < 0 || index >= this.ui.watches.length) this.ui.message = { text: `there is no watch ${drop[1]}`, error: true };
          else this.ui.watches.splice(index, 1);
        } else if (trimmed !== '') {
          this.ui.watches.push(trimmed);
        }
        return;
      }
      case 'goTo': {
        if (trimmed === '') return;
        const result = this.session.evaluate(trimmed);
        if (!result.ok) {
          this.ui.message = { text: result.error, error: true };
          return;
        }
        const address = result.value & 0xffff;
        this.ui.memoryStart = memoryStartFor(address, this.layout?.panes.memory?.width ?? 40);
        const location = this.session.locationOf(address);
        if (location !== undefined && this.context.sources.has(location.file)) {
          this.ui.sourceFile = location.file;
          this.ui.cursorLine = location.line;
          this.keepCursorVisible();
        }
        this.ui.message = { text: `memory at $${address.toString(16).toUpperCase().padStart(4, '0')}${location !== undefined ? `, source line ${location.line}` : ''}`, error: false };
        return;
      }
    }
  }

  private runCommandLine(text: string): void {
    if (text === '') return;
    const commands = this.options.commands;
    if (commands === undefined) {
      this.ui.message = { text: 'no command line in this build', error: true };
      return;
    }
    const word = (text.split(/\s+/)[0] ?? '').toLowerCase();
    if (this.session.running && !WHILE_RUNNING.has(word)) {
      this.ui.message = { text: `"${word}" needs a stopped machine: c pauses first`, error: true };
      return;
    }
    const outcome = commands.run(text);
    if (outcome.quit === true) return this.quit();
    if (outcome.run === true) {
      if (!this.session.running) this.startRun();
      return;
    }
    if (outcome.step !== undefined) return this.perform(outcome.step === 'over' ? 'stepOver' : 'stepOut');
    if (outcome.speedLimit !== undefined) this.setSpeedLimit(outcome.speedLimit ?? undefined);
    if (outcome.memoryAt !== undefined) this.ui.memoryStart = memoryStartFor(outcome.memoryAt, this.layout?.panes.memory?.width ?? 40);
    const lines = outcome.text.replace(/\n$/, '').split('\n');
    if (lines.length > 1) this.showOverlay('output', text, lines);
    else this.ui.message = { text: lines[0] ?? '', error: outcome.error };
    this.followPc();
    followNote(this.context);
    if (this.session.running) this.scheduleSlice();
  }

  // ── free runs ──────────────────────────────────────────────────────────────────────────────

  private startRun(): void {
    this.ui.message = undefined;
    this.ui.written = [];
    this.pacer.start(performance.now());
    this.session.resume();
    this.scheduleSlice();
  }

  private scheduleSlice(): void {
    if (this.runTimer !== undefined) return;
    // Unlimited: straight after pending input. Limited: a timer tick, so the machine waits in real time.
    const delay = this.pacer.delay;
    this.runTimer = delay === 0 ? setImmediate(() => this.runSlice()) : setTimeout(() => this.runSlice(), delay);
  }

  private stopRunLoop(): void {
    if (this.runTimer !== undefined) {
      clearImmediate(this.runTimer as NodeJS.Immediate);
      clearTimeout(this.runTimer as NodeJS.Timeout);
    }
    this.runTimer = undefined;
  }

  /** One slice of a free run, sized by the pacer; the next is queued behind pending input. */
  private runSlice(): void {
    this.runTimer = undefined;
    if (this.finished || !this.session.running) return;
    const started = performance.now();
    let stopped: StopReason | undefined;
    let cycles = 0;
    const budget = this.pacer.budget(started);
    if (budget <= 0) {
      this.scheduleSlice();
      return;
    }
    try {
      const slice = this.session.runSlice(budget);
      stopped = slice.stopped;
      cycles = slice.cycles;
    } catch (error) {
      this.ui.message = { text: error instanceof Error ? error.message : String(error), error: true };
      this.draw();
      return;
    }
    const elapsed = performance.now() - started;
    // Effective speed: cycles over wall time since the run began, drawing and key handling included.
    this.pacer.record(cycles, elapsed, performance.now());
    this.ui.mhz = this.pacer.mhz;
    if (stopped !== undefined || !this.session.running) {
      if (stopped !== undefined) this.afterStop(stopped);
      this.draw();
      return;
    }
    if (started - this.lastFrame >= RUNNING_FRAME_MILLISECONDS) this.draw();
    this.scheduleSlice();
  }

  // ── mouse ──────────────────────────────────────────────────────────────────────────────────

  private scrollPane(name: PaneName, delta: number): void {
    if (this.overlay !== undefined || this.prompt !== undefined) return;
    switch (name) {
      case 'source': {
        const total = this.context.sources.get(this.ui.sourceFile)?.length ?? 1;
        this.ui.sourceTop = Math.max(1, Math.min(Math.max(1, total - 2), this.ui.sourceTop + delta));
        break;
      }
      case 'memory': {
        const step = bytesPerRow(this.layout?.panes.memory?.width ?? 40);
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
    if (name !== 'source' || this.overlay !== undefined || this.prompt !== undefined || this.session.running) return;
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

  // ── overlays ───────────────────────────────────────────────────────────────────────────────

  private showOverlay(kind: Overlay['kind'], title: string, lines: readonly string[]): void {
    const columns = this.screen.width as number;
    const rows = this.screen.height as number;
    const width = Math.min(columns - 2, Math.max(title.length + 4, ...lines.map((line) => line.length + 4)));
    const height = Math.min(rows - 2, lines.length + 2);
    const more = lines.length + 2 > height ? ' (Up/Down scroll)' : '';
    title += more;
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
      style: { border: { fg: 'cyan' } },
    });
    box.setFront();
    this.overlay = { kind, box };
  }

  private closeOverlay(): void {
    this.overlay?.box.destroy();
    this.overlay = undefined;
    this.drawn.clear(); // what was under the overlay must be drawn again
  }

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  private relayout(): void {
    const columns = this.screen.width as number;
    const rows = this.screen.height as number;
    this.layout = computeLayout(columns, rows, {
      showDisplay: this.ui.showDisplay,
      showNotes: this.options.notesForLine !== undefined,
      showLcd: this.session.lcdLines() !== undefined,
    });
    for (const separator of this.separators) separator.destroy();
    this.separators = [];
    this.tooSmallBox?.destroy();
    this.tooSmallBox = undefined;
    this.drawn.clear();
    // Line-drawing characters go out as UTF-8 too: blessed's alternate-charset path shows `x` and `q` in tmux.
    (this.screen.program as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
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
      this.separators.push(blessed.box({ parent: this.screen, ...rect, content: Array(rect.height).fill('│').join('\n'), style: { fg: 'gray' } }));
    }
    if (this.layout.tooSmall) {
      this.tooSmallBox = blessed.box({
        parent: this.screen, top: 0, left: 0, width: columns, height: rows,
        content: `moth needs at least 80×24 (this is ${columns}×${rows}); q quits`,
      });
    }
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
    if (!this.ui.showDisplay && !this.displayHiddenByUser && this.session.readMemory(DISPLAY_START, 0x400).some((pixel) => (pixel & 0x0f) !== 0)) {
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
        const markup = lines.map(toTags).join('\n');
        if (this.drawn.get(name) !== markup) {
          this.boxes.get(name)!.setContent(markup);
          this.drawn.set(name, markup);
        }
      }
    }
    this.screen.render();
  }

  private statusLines(rect: Rect): Line[] {
    if (this.prompt === undefined) return statusView(this.context, rect.width, rect.height, this.options.title);
    const { prompt, text, cursor } = this.prompt.editor;
    // The cursor is drawn as an inverted cell, since blessed's own cursor would need a focused textbox.
    const line: Line = [span(prompt, 'accent'), span(text.slice(0, cursor)), span(text[cursor] ?? ' ', 'selected'), span(text.slice(cursor + 1))];
    return fitPane([line], rect.width, rect.height);
  }

  private quit(): void {
    if (this.finished) return;
    if (this.session.running) this.session.pause();
    this.stopRunLoop();
    this.finished = true;
    this.unsubscribe?.();
    this.screen.destroy();
    this.onQuit();
  }
}

function place(box: blessed.Widgets.BoxElement, rect: Rect): void {
  box.left = rect.left;
  box.top = rect.top;
  box.width = rect.width;
  box.height = rect.height;
}

/** Blessed's key event as a line-editor key; undefined for keys the prompt ignores. */
function toEditorKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): EditorKey | undefined {
  switch (key.full) {
    case 'backspace': return { kind: 'backspace' };
    case 'delete': return { kind: 'delete' };
    case 'left': return { kind: 'left' };
    case 'right': return { kind: 'right' };
    case 'home': case 'C-a': return { kind: 'home' };
    case 'end': case 'C-e': return { kind: 'end' };
    case 'up': return { kind: 'up' };
    case 'down': return { kind: 'down' };
    case 'tab': return { kind: 'tab' };
  }
  if (char !== undefined && char.length === 1 && char >= ' ' && char !== '\x7f') return { kind: 'char', char };
  return undefined;
}
