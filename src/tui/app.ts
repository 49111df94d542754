/**
 * The terminal debugger: one DebugSession shown on a screen of panes. Keys and the mouse go through input.ts
 * (then the keymap to actions.ts, the prompt line to prompts.ts), free runs to run-loop.ts, the panes and
 * overlays to screen.ts; this file reacts to the session's events, decides when to draw, and swaps in a new
 * session when the source is reloaded.
 */
import type blessed from 'blessed';
import type { DebugEvent, StopReason } from '../debugger/events.js';
import { performAction } from './actions.js';
import type { AppHost, OverlayKind, PromptKind } from './app-host.js';
import type { CommandLine } from './command-line.js';
import { InputRouter } from './input.js';
import type { Action } from './keymap.js';
import type { PaneName, Rect } from './layout.js';
import { Prompts } from './prompts.js';
import type { Line } from './render/spans.js';
import { expandTabs } from './render/text.js';
import { RunLoop } from '../debugger/run-loop.js';
import { nodeScheduler } from './run-loop.js';
import { PaneScreen } from './screen.js';
import type { TuiSession } from './session-port.js';
import { changedRanges, initialUiState, type UiState } from './ui-state.js';
import { memoryStartFor } from './views/memory.js';
import { followNote } from './views/notes.js';
import { scrollToShow, topShowingLoop } from './views/source.js';
import { describeStop, statusView } from './views/status.js';
import { fitPane, type ViewContext } from './views/view.js';

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

/** While running, the screen is redrawn at most this often. */
const RUNNING_FRAME_MILLISECONDS = 50;

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
  readonly prompts: Prompts;
  readonly screen: PaneScreen;
  finished = false;
  private commands: CommandLine | undefined;
  private readonly input: InputRouter;
  private drawQueued = false;
  private lastFrame = 0;
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
    }, nodeScheduler);
    this.prompts = new Prompts(this, () => this.commands);
    this.input = new InputRouter(this);
    this.screen = new PaneScreen(
      { title: options.title ?? 'moth debug', input: options.input, output: options.output, env: options.env ?? process.env },
      { scroll: (name, delta) => this.input.scroll(name, delta), click: (name, data) => this.input.click(name, data) },
    );
  }

  start(): void {
    this.subscribe();
    this.screen.terminal.on('keypress', (char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => this.input.key(char, key));
    this.screen.terminal.on('resize', () => {
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

  runCommand(text: string): void {
    this.prompts.runCommand(text);
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
    // The cursor on the PC at a branch back to the top of a loop: the whole loop on screen when it fits (views/source.ts).
    const pc = this.session.location;
    if (pc !== undefined && pc.file === this.ui.sourceFile && pc.line === this.ui.cursorLine) {
      this.ui.sourceTop = topShowingLoop(this.session, this.ui.sourceTop, pc, visible, this.context.sources.get(pc.file) ?? []);
    }
  }

  openPrompt(kind: PromptKind, prompt: string): void {
    this.prompts.start(kind, prompt);
  }

  paneSize(name: PaneName, dimension: 'width' | 'height', fallback: number): number {
    return this.screen.paneSize(name, dimension, fallback);
  }

  get screenRows(): number {
    return this.screen.rows;
  }

  repaint(): void {
    this.screen.repaint();
  }

  showOverlay(kind: OverlayKind, title: string, lines: readonly string[]): void {
    this.screen.showOverlay(kind, title, lines);
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
    const child = this.screen.terminal.spawn(command!, [...args, `+${this.ui.cursorLine}`, file], {});
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
          if (event.ranges.some((range) => range.start < this.session.displayStart + 0x400 && range.start + range.length > this.session.displayStart)) this.autoShowDisplay();
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
      if (step.writes.some((write) => write.address >= this.session.displayStart && write.address < this.session.displayStart + 0x400)) this.autoShowDisplay();
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

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  relayout(): void {
    this.screen.relayout({
      showDisplay: this.ui.showDisplay,
      showNotes: this.options.notesForLine !== undefined,
      showLcd: this.session.lcdLines() !== undefined,
      displayZoom: this.ui.displayZoom,
      showBus: this.ui.showBus,
    });
    this.keepCursorVisible();
  }

  requestDraw(): void {
    if (this.drawQueued || this.finished) return;
    if (this.session.running) return; // the run loop draws at its own pace
    this.drawQueued = true;
    setImmediate(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  /** Renders every visible pane; blessed only writes the cells that changed, and unchanged panes are skipped. */
  draw(): void {
    if (this.finished || this.screen.layout === undefined) return;
    this.lastFrame = performance.now();
    // Free runs report memory changes as 'all'; a painted pixel is what tells the display is in use.
    if (!this.ui.showDisplay && !this.ui.displayHiddenByUser && this.session.readMemory(this.session.displayStart, 0x400).some((pixel) => (pixel & 0x0f) !== 0)) {
      this.autoShowDisplay();
    }
    this.screen.paint(this.context, (rect) => this.statusLines(rect));
  }

  private statusLines(rect: Rect): Line[] {
    if (!this.prompts.active) return statusView(this.context, rect.width, rect.height, this.options.title);
    return fitPane([this.prompts.statusLine()], rect.width, rect.height);
  }
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
