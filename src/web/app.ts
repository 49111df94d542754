/**
 * The web face's controller: one editor, one DebugSession built from its text, the terminal debugger's panes
 * drawn as HTML, and the TUI's key table. What a key or a prompt does is the terminal's own code (tui/actions.ts,
 * tui/prompt-submit.ts) over the host interface this page implements; free runs go through the shared run loop
 * (debugger/run-loop.ts) in slices, so the page stays live at full speed. (Longer than most files: it is the
 * one place where the page's elements meet the session, as app.ts is for the terminal; toolbar, keys' names,
 * editor, canvas, storage and tour live apart.)
 */
import { createSession } from '../debugger/program.js';
import type { DebugSession } from '../debugger/session.js';
import type { StopReason } from '../debugger/events.js';
import { RunLoop } from '../debugger/run-loop.js';
import { lessonNotes } from '../tour/notes.js';
import type { CpuVariant } from '../cpu/variants.js';
import { cpuFromArgs, parseExpectations, presetFromArgs } from '../tour/expectations.js';
import { PRESETS, isPresetName, type PresetName } from '../machine/presets.js';
import { KEYMAP, helpLines, type Action } from '../tui/keymap.js';
import { performAction, speedChanged } from '../tui/actions.js';
import type { AppHost, OverlayKind, PromptKind } from '../tui/app-host.js';
import { runCommandLine, submitPrompt } from '../tui/prompt-submit.js';
import { commandLineFor, type CommandLine } from '../tui/command-line.js';
import { changedRanges, initialUiState, type UiState } from '../tui/ui-state.js';
import type { ViewContext } from '../tui/views/view.js';
import { registersView } from '../tui/views/registers.js';
import { stackView } from '../tui/views/stack.js';
import { memoryStartFor, memoryView } from '../tui/views/memory.js';
import { watchesView } from '../tui/views/watches.js';
import { consoleView } from '../tui/views/console.js';
import { disassemblyView } from '../tui/views/disassembly.js';
import { busView } from '../tui/views/bus.js';
import { followNote, notesView } from '../tui/views/notes.js';
import { breakpointLines } from '../tui/views/source.js';
import { describeStop, explainView, formatMhz, statusView } from '../tui/views/status.js';
import { remember } from '../tui/line-editor.js';
import { DisplayCanvas } from './display.js';
import { SourceEditor } from './editor.js';
import { webAction } from './keys.js';
import { pageScheduler } from './scheduler.js';
import { TEXT_SIZES, fillToolbar } from './toolbar.js';
import { drawLines } from './spans.js';
import { download, keep, keepTextSize, keptTextSize, shareLink } from './storage.js';

/** Pane widths in characters: the memory pane shows 8 bytes a row, readable from the back of a room. */
const PANE_WIDTH = 44;
/** The bus pane sits under the editor, where its cycles' purposes fit on one line each. */
const BUS_WIDTH = 72;
/** While a free run goes on, panes are redrawn at most this often (the display still follows every frame). */
const RUNNING_FRAME_MILLISECONDS = 50;
/** The same with prefers-reduced-motion: numbers that flicker twenty times a second are motion too. */
const CALM_FRAME_MILLISECONDS = 500;
/** How long typing pauses before the text is assembled again for the diagnostics. */
const LINT_DELAY_MILLISECONDS = 300;
/** Keys of the shared table that mean nothing in a page (a browser tab is closed, not quit; it redraws itself). */
const NOT_IN_A_PAGE: ReadonlySet<Action> = new Set(['quit', 'redraw']);
/** Keys the page does its own way, listed in WEB_KEYS instead of the shared table's words. */
const OWN_WAY: ReadonlySet<Action> = new Set(['edit']);
/** Keys that move the terminal's source cursor: in a page the editor has its own, so they bring the focus there. */
const CURSOR_KEYS: ReadonlySet<Action> = new Set(['cursorUp', 'cursorDown', 'pageUp', 'pageDown', 'scrollLeft', 'scrollRight']);
/** Keys of this face alone (the editor needs them), shown in the help after the shared table. */
export const WEB_KEYS: readonly { readonly label: string; readonly description: string }[] = [
  { label: 'C-Enter', description: 'assemble the editor text and run it' },
  { label: 'C-S-Enter', description: 'assemble and stop at the first instruction' },
  { label: 'Esc', description: 'leave the editor: letter keys act again' },
  { label: 'e', description: 'back to the editor' },
  { label: 'Tab', description: 'next control; S-Tab the one before' },
];

export interface AppElements {
  readonly editor: HTMLElement;
  readonly buttons: HTMLElement;
  readonly speed: HTMLSelectElement;
  readonly machine: HTMLSelectElement;
  readonly textSize: HTMLSelectElement;
  readonly fileName: HTMLElement;
  readonly fileState: HTMLElement;
  readonly explain: HTMLElement;
  readonly bus: HTMLElement;
  readonly notes: HTMLElement;
  readonly debuggerPanel: HTMLElement;
  readonly registers: HTMLElement;
  readonly displayBox: HTMLElement;
  readonly display: HTMLCanvasElement;
  readonly stack: HTMLElement;
  readonly watches: HTMLElement;
  readonly disassembly: HTMLElement;
  readonly memory: HTMLElement;
  readonly console: HTMLElement;
  readonly consoleForm: HTMLFormElement;
  readonly consoleInput: HTMLInputElement;
  readonly status: HTMLElement;
  readonly promptForm: HTMLFormElement;
  readonly promptLabel: HTMLElement;
  readonly promptInput: HTMLInputElement;
  readonly help: HTMLDialogElement;
  readonly helpText: HTMLElement;
}

/** What the page is showing: the assembled text's session, and the host the shared actions drive it through. */
interface Loaded {
  readonly session: DebugSession;
  readonly text: string;
  readonly commands: CommandLine;
  readonly context: ViewContext;
  readonly host: AppHost;
  readonly unsubscribe: () => void;
}

export class WebApp {
  readonly editor: SourceEditor;
  private readonly display: DisplayCanvas;
  private readonly runLoop: RunLoop;
  private fileNameValue: string;
  /** The machine programs run on; a program's `; args: --machine NAME` line picks it when it is opened. */
  private preset: PresetName = 'default';
  private loaded: Loaded | undefined;
  private ui: UiState;
  private lintTimer: number | undefined;
  private lastFrame = 0;
  private drawQueued = false;
  private displayQueued = false;
  private scrollToPcPending = false;
  private readonly reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  private memoryAtStop: { readonly bytes: Uint8Array; readonly instructions: number } | undefined;
  /** Said when the free run in progress (step over/out, run to) ends where it meant to. */
  private pendingDone: string | undefined;
  private prompt: PromptKind | undefined;
  private readonly promptHistory: Record<PromptKind, string[]> = { goTo: [], command: [], watch: [], input: [] };
  /** Listeners told after each stop (the tour follows the PC with them). */
  readonly stopListeners: ((session: DebugSession) => void)[] = [];

  constructor(
    private readonly elements: AppElements,
    text: string,
    fileName: string,
  ) {
    this.fileNameValue = fileName;
    this.ui = initialUiState(fileName, true);
    this.ui.showBus = true; // the page has room for it under the editor; B hides it
    this.display = new DisplayCanvas(elements.display);
    this.runLoop = new RunLoop(
      undefined, // no machine until the first assemble; the speed limit may be set before
      {
        stopped: () => this.requestDraw(true), // the session's stop event has done the rest
        progressed: () => this.progressed(),
        failed: (message) => this.message(message, true),
      },
      pageScheduler(),
    );
    this.editor = new SourceEditor({
      parent: elements.editor,
      text,
      onChange: (changed) => this.textChanged(changed),
      onKey: (event) => this.editorKey(event),
      onGutterClick: (line) => this.toggleBreakpointAt(line),
    });
    this.buildToolbar();
    this.setPreset(presetFromArgs(parseExpectations(text).args));
    this.setTextSize(keptTextSize() ?? 100);
    this.wireEvents();
    this.lint();
    this.relayout();
    this.draw();
  }

  get fileName(): string {
    return this.fileNameValue;
  }

  get session(): DebugSession | undefined {
    return this.loaded?.session;
  }

  /** Puts a program in the editor (a tour chapter, an answer); the machine waits for the next assemble. */
  openProgram(text: string, fileName: string): void {
    this.unload();
    this.fileNameValue = fileName;
    this.setPreset(presetFromArgs(parseExpectations(text).args));
    this.editor.text = text;
    this.message(`${fileName} loaded: Ctrl-Enter assembles and runs it, F11 or s steps into it`, false);
  }

  /** Chooses the machine (the toolbar's menu shows it); the next assemble uses it. */
  setPreset(preset: PresetName): void {
    this.preset = preset;
    this.elements.machine.value = preset;
  }

  /** The page's text size in percent: every pane, the editor and the toolbar grow with it. */
  setTextSize(percent: number): void {
    const size = TEXT_SIZES.includes(percent) ? percent : 100;
    document.documentElement.style.setProperty('--text-scale', String(size / 100));
    this.elements.textSize.value = String(size);
    keepTextSize(size);
  }

  // ── assembling ─────────────────────────────────────────────────────────────────────────────

  /** Assembles the editor's text into a new session; `run` starts it at once. True when it assembled. */
  assemble(run: boolean): boolean {
    const text = this.editor.text;
    this.unload();
    const created = createSession(text, { fileName: this.fileNameValue, preset: this.preset, ...cpuOf(text) });
    if (!created.ok) {
      this.editor.showDiagnostics(created.diagnostics, this.fileNameValue);
      const first = created.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
      const where = first?.location === undefined ? this.fileNameValue : `${first.location.file}:${first.location.line}:${first.location.column}`;
      this.message(first === undefined ? created.message : `${where}: ${first.message}`, true);
      this.draw();
      return false;
    }
    this.editor.showDiagnostics(created.assembly.diagnostics, this.fileNameValue);
    const session = created.session;
    const notes = lessonNotes(text);
    // A new program starts a new face state; what the learner chose to see (watches, bus, display size) stays.
    const chosen = this.ui;
    this.ui = initialUiState(this.fileNameValue, chosen.showDisplay);
    Object.assign(this.ui, { watches: chosen.watches, showBus: chosen.showBus, displayZoom: chosen.displayZoom, displayHiddenByUser: chosen.displayHiddenByUser, speedLimit: this.runLoop.pacer.limit });
    const context: ViewContext = {
      session,
      sources: new Map([[this.fileNameValue, text.split(/\r?\n/)]]),
      ui: this.ui,
      notesForLine: notes.size === 0 ? undefined : (file, line) => (file === this.fileNameValue ? notes.get(line) : undefined),
    };
    const unsubscribe = session.on((event) => {
      if (event.type === 'stopped') {
        this.runLoop.cancel();
        this.afterStop(event.reason);
      } else if (event.type === 'reset') {
        this.memoryAtStop = undefined;
        this.pendingDone = undefined;
      }
      this.requestDraw();
    });
    const commands = commandLineFor(session);
    this.loaded = { session, text, commands, context, host: this.hostFor(session, context, commands), unsubscribe };
    this.runLoop.attach(session);
    this.ui.memoryStart = memoryStartFor(session.state.pc, PANE_WIDTH);
    this.memoryAtStop = { bytes: session.readMemory(0, 0x10000), instructions: 0 };
    followNote(context);
    this.message(run ? 'assembled: running (F5 or c pauses)' : 'assembled: stopped at the first instruction (F11 or s steps)', false);
    if (run) this.startRun(() => session.resume());
    this.draw();
    return true;
  }

  private unload(): void {
    if (this.loaded === undefined) return;
    this.runLoop.cancel();
    if (this.loaded.session.running) this.loaded.session.pause();
    this.loaded.unsubscribe();
    this.loaded = undefined;
  }

  private textChanged(text: string): void {
    keep(text);
    window.clearTimeout(this.lintTimer);
    this.lintTimer = window.setTimeout(() => this.lint(), LINT_DELAY_MILLISECONDS);
    this.drawFileState();
  }

  /** Assembles without running, only to show diagnostics in place while the learner types. */
  private lint(): void {
    const text = this.editor.text;
    const created = createSession(text, { fileName: this.fileNameValue, preset: this.preset, ...cpuOf(text) });
    this.editor.showDiagnostics(created.ok ? created.assembly.diagnostics : created.diagnostics, this.fileNameValue);
  }

  // ── the host interface the shared actions and prompts drive ────────────────────────────────

  private hostFor(session: DebugSession, context: ViewContext, commands: CommandLine): AppHost {
    const host: AppHost = {
      session,
      ui: this.ui,
      context,
      runLoop: this.runLoop,
      say: (text, error = false) => this.message(text, error),
      startRun: (begin, done) => this.startRun(begin, done),
      followPc: () => {
        followNote(context);
        this.scrollToPcPending = true;
      },
      keepCursorVisible: () => {
        if (this.ui.sourceFile === this.fileNameValue) this.editor.cursorLine = this.ui.cursorLine;
      },
      openPrompt: (kind, label) => this.openPrompt(kind, label),
      showOverlay: (kind, title, lines) => this.showOverlay(kind, title, lines),
      relayout: () => this.relayout(),
      repaint: () => this.draw(),
      paneSize: (name, dimension, fallback) => (dimension === 'width' ? (name === 'bus' ? BUS_WIDTH : PANE_WIDTH) : fallback),
      screenRows: 40,
      reload: () => {
        session.reset();
        this.message('reset: the machine is as loaded, history cleared', false);
      },
      editSource: () => this.editor.focus(),
      quit: () => this.message('a page is not quit: close its tab (your text is kept)', false),
      perform: (action) => this.perform(action),
      runCommand: (text) => runCommandLine(host, text, commands),
    };
    return host;
  }

  /** Starts a free run the way `begin` asks; `done` is said when it ends where it meant to. */
  private startRun(begin: () => void, done?: string): void {
    this.ui.message = undefined;
    this.pendingDone = done;
    this.runLoop.start(begin);
    this.requestDraw();
  }

  /** A slice ran and the run goes on: panes now and then (calmly with reduced motion), the display every frame. */
  private progressed(): void {
    const interval = this.reducedMotion.matches ? CALM_FRAME_MILLISECONDS : RUNNING_FRAME_MILLISECONDS;
    if (performance.now() - this.lastFrame >= interval) this.requestDraw();
    else this.requestDisplayFrame();
  }

  // ── keys ───────────────────────────────────────────────────────────────────────────────────

  /** Keys pressed in the editor: F-keys act, Ctrl-Enter assembles, Esc leaves; the rest is typing. */
  private editorKey(event: KeyboardEvent): boolean {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.assemble(!event.shiftKey);
      return true;
    }
    if (event.key === 'Escape') {
      this.elements.debuggerPanel.focus();
      return true;
    }
    const action = webAction(event, true);
    if (action === undefined) return false;
    event.preventDefault();
    this.perform(action);
    return true;
  }

  /** Keys anywhere outside the editor: the TUI's table (only F-keys in text fields, which keep their letters). */
  private pageKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || this.elements.help.open) return;
    const target = event.target as HTMLElement | null;
    if (target !== null && target.closest('.cm-editor') !== null) return; // the editor's own handler ran
    if (target === this.elements.display && this.ui.keyboardMode) return this.programKey(event);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.assemble(!event.shiftKey);
      return;
    }
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    // Ctrl-D ends the console input, in its own field too (as it does at a terminal).
    const endsInput = target === this.elements.consoleInput && event.ctrlKey && event.key.toLowerCase() === 'd';
    if (target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    const action = endsInput ? 'endInput' : webAction(event, typing);
    if (action === undefined) return;
    event.preventDefault();
    this.perform(action);
  }

  /** Keyboard mode: keys typed on the focused display go to the program's key port ($FF); Esc ends it. */
  private programKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.setKeyboardMode(false);
      event.preventDefault();
      return;
    }
    const functionKey = webAction(event, true);
    if (functionKey !== undefined) {
      event.preventDefault();
      this.perform(functionKey);
      return;
    }
    const code = event.key === 'Enter' ? 0x0d : event.key.length === 1 ? event.key.charCodeAt(0) : undefined;
    if (code === undefined || code > 0xff || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.session?.pressKey(code);
    this.requestDraw();
  }

  private setKeyboardMode(on: boolean): void {
    this.ui.keyboardMode = on;
    this.elements.display.classList.toggle('keyboard', on);
    if (on) this.elements.display.focus();
    this.message(on ? 'keyboard mode: keys typed on the display go to the program ($FF); Esc gives them back' : 'keys are the debugger\'s again', false);
  }

  // ── actions ────────────────────────────────────────────────────────────────────────────────

  /** Does what a key of the shared table means: the TUI's own action code, over this page's host. */
  perform(action: Action): void {
    try {
      this.performUnsafe(action);
    } catch (error) {
      this.message(error instanceof Error ? error.message : String(error), true);
    }
    this.requestDraw();
  }

  private performUnsafe(action: Action): void {
    if (NOT_IN_A_PAGE.has(action)) return;
    if (action === 'help') return this.showHelp();
    if (action === 'edit' || CURSOR_KEYS.has(action)) return this.editor.focus();
    if (this.loaded === undefined && (action === 'slower' || action === 'faster')) {
      // The speed is the page's, not the program's: it may be set before anything is assembled.
      if (action === 'slower') this.runLoop.pacer.slower(performance.now());
      else this.runLoop.pacer.faster(performance.now());
      speedChanged(this.speedHost());
      return this.showSpeed();
    }
    // Everything else reads or drives the machine: assemble first when nothing is loaded yet.
    if (this.loaded === undefined && !this.assemble(false)) return;
    const host = this.loaded!.host;
    if (action === 'keyboard') return this.setKeyboardMode(true);
    // `b` and `t` act on the editor's cursor line.
    this.ui.sourceFile = this.fileNameValue;
    this.ui.cursorLine = this.editor.cursorLine;
    performAction(host, action);
    if (action === 'slower' || action === 'faster') this.showSpeed();
  }

  /** A click in the gutter: toggles a breakpoint on that line (assembling first when needed). */
  private toggleBreakpointAt(line: number): void {
    if (this.loaded === undefined && !this.assemble(false)) return;
    const result = this.loaded!.session.toggleBreakpointAtLine(this.fileNameValue, line);
    this.message(result.ok ? `breakpoint ${result.value === 'added' ? 'set' : 'removed'} at ${this.fileNameValue}:${line}` : result.error, !result.ok);
    this.requestDraw();
  }

  /** The speed menu follows the limit, however it was set (menu, `-` `+`, `:speed`). */
  private showSpeed(): void {
    const limit = this.runLoop.pacer.limit;
    const value = limit === undefined ? 'max' : String(limit);
    // `-`, `+` and `:speed` reach limits the menu does not list: it gains them, so it always tells the truth.
    if (![...this.elements.speed.options].some((option) => option.value === value)) this.elements.speed.append(new Option(formatMhz(limit!), value));
    this.elements.speed.value = value;
    this.requestDraw();
  }

  /** What the shared speedChanged needs: with no machine loaded yet, the speed is still the page's. */
  private speedHost(): Pick<AppHost, 'runLoop' | 'ui' | 'say'> {
    return { runLoop: this.runLoop, ui: this.ui, say: (text, error) => this.message(text, error === true) };
  }

  // ── stops ──────────────────────────────────────────────────────────────────────────────────

  /** After any stop (the session's `stopped` event): what changed (from the step, or from memory compared with the last stop), and the note. */
  private afterStop(reason: StopReason): void {
    const loaded = this.loaded;
    if (loaded === undefined) return;
    const session = loaded.session;
    const step = session.lastStep;
    const now = session.readMemory(0, 0x10000);
    this.ui.mhz = this.runLoop.pacer.mhz;
    if (step !== undefined) {
      this.ui.changedRegisters = step.changed;
      this.ui.previousP = step.before.p;
      this.ui.written = step.writes.map((write) => ({ start: write.address, length: 1 }));
    } else if (this.memoryAtStop !== undefined && this.memoryAtStop.instructions !== session.state.instructions) {
      this.ui.written = changedRanges(this.memoryAtStop.bytes, now);
    }
    this.memoryAtStop = { bytes: now, instructions: session.state.instructions };
    const done = this.pendingDone;
    this.pendingDone = undefined;
    if (done !== undefined && (reason.kind === 'step' || reason.kind === 'run-to')) this.ui.message = { text: done, error: false };
    else if (reason.kind !== 'step') this.ui.message = { text: describeStop(reason, (address) => session.labelAt(address)), error: reason.kind === 'jam' };
    else this.ui.message = undefined;
    followNote(loaded.context);
    for (const listener of this.stopListeners) listener(session);
    this.requestDraw(true);
  }

  // ── prompts and overlays ───────────────────────────────────────────────────────────────────

  private openPrompt(kind: PromptKind, label: string): void {
    if (kind === 'input') {
      this.elements.consoleInput.focus();
      return;
    }
    this.prompt = kind;
    this.elements.promptLabel.textContent = label;
    this.elements.promptInput.value = '';
    this.elements.promptForm.hidden = false;
    this.elements.promptInput.focus();
  }

  private closePrompt(): void {
    this.prompt = undefined;
    this.elements.promptForm.hidden = true;
    this.elements.debuggerPanel.focus();
  }

  private submit(kind: PromptKind, text: string): void {
    this.promptHistory[kind] = remember(this.promptHistory[kind], text);
    if (text.trim() === '' && kind !== 'input') return;
    if (this.loaded === undefined && !this.assemble(false)) return;
    submitPrompt(this.loaded!.host, kind, text, this.loaded!.commands);
    this.showSpeed();
    this.requestDraw();
  }

  /** A command's longer answer (or the keys): the dialog, closed with Esc. */
  private showOverlay(_kind: OverlayKind, title: string, lines: readonly string[]): void {
    this.elements.helpText.textContent = [title, '', ...lines].join('\n');
    if (!this.elements.help.open) this.elements.help.showModal();
  }

  private showHelp(): void {
    const web = WEB_KEYS.map((key) => `${key.label.padEnd(9)}  ${key.description}`);
    this.showOverlay('help', 'Keys (S- Shift, C- Ctrl). In the editor only the F-keys act; Esc leaves it.', [
      ...helpLines(Infinity, KEYMAP.filter((binding) => !NOT_IN_A_PAGE.has(binding.action) && !OWN_WAY.has(binding.action))),
      '',
      ...web,
    ]);
  }

  private message(text: string, error: boolean): void {
    this.ui.message = { text, error };
    this.requestDraw();
  }

  // ── page wiring ────────────────────────────────────────────────────────────────────────────

  private buildToolbar(): void {
    fillToolbar(this.elements, (action) => (action === 'assemble' ? this.assemble(true) : this.perform(action)));
    this.elements.machine.addEventListener('change', () => {
      const name = this.elements.machine.value;
      if (isPresetName(name)) this.preset = name;
      this.message(`machine: ${name} (${PRESETS[this.preset].description}); Ctrl-Enter assembles on it`, false);
    });
    this.elements.speed.addEventListener('change', () => {
      const value = this.elements.speed.value;
      this.runLoop.pacer.setLimit(value === 'max' ? undefined : Number(value), performance.now());
      this.ui.speedLimit = this.runLoop.pacer.limit;
      speedChanged(this.speedHost());
      this.requestDraw();
    });
    this.elements.textSize.addEventListener('change', () => this.setTextSize(Number(this.elements.textSize.value)));
  }

  private wireEvents(): void {
    const elements = this.elements;
    document.addEventListener('keydown', (event) => this.pageKey(event));
    elements.promptForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const kind = this.prompt;
      const text = elements.promptInput.value;
      this.closePrompt();
      if (kind !== undefined) this.submit(kind, text);
    });
    elements.promptInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closePrompt();
      } else if (event.key === 'ArrowUp' && this.prompt !== undefined) {
        event.preventDefault();
        elements.promptInput.value = this.promptHistory[this.prompt][0] ?? '';
      } else if (event.key === 'Tab' && this.prompt === 'command' && this.loaded !== undefined) {
        const [first] = this.loaded.commands.complete(elements.promptInput.value);
        if (first !== undefined) {
          event.preventDefault();
          elements.promptInput.value = first;
        }
      }
    });
    elements.consoleForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = elements.consoleInput.value;
      elements.consoleInput.value = '';
      this.submit('input', text);
    });
    elements.consoleInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') elements.debuggerPanel.focus();
    });
    elements.display.addEventListener('focus', () => {
      if (!this.ui.keyboardMode && this.loaded !== undefined) this.setKeyboardMode(true);
    });
    elements.display.addEventListener('blur', () => {
      if (this.ui.keyboardMode) this.setKeyboardMode(false);
    });
  }

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  /** Panes come and go (`d` display, `z` its size, `B` the bus): the page's layout follows the face state. */
  private relayout(): void {
    const { displayBox, bus } = this.elements;
    displayBox.hidden = !this.ui.showDisplay;
    displayBox.dataset['zoom'] = this.ui.displayZoom;
    bus.hidden = !this.ui.showBus || this.loaded === undefined;
  }

  private requestDraw(scrollToPc = false): void {
    if (scrollToPc) this.scrollToPcPending = true;
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  /** Only the display, once per animation frame: the program's own picture is never held back. */
  private requestDisplayFrame(): void {
    if (this.displayQueued || this.drawQueued) return;
    this.displayQueued = true;
    requestAnimationFrame(() => {
      this.displayQueued = false;
      const session = this.loaded?.session;
      if (session !== undefined) this.display.draw(session.readMemory(session.displayStart, 0x400));
    });
  }

  /** Redraws every pane from the session (or the empty state before the first assemble). */
  draw(): void {
    this.lastFrame = performance.now();
    const elements = this.elements;
    const loaded = this.loaded;
    this.drawFileState();
    this.relayout();
    // Before the first assemble there is no machine to show: the machine's panes wait hidden.
    for (const pane of [elements.registers, elements.stack, elements.watches, elements.disassembly, elements.memory, elements.console]) pane.hidden = loaded === undefined;
    if (loaded === undefined) {
      this.editor.showMarks({ pcLine: undefined, breakpointLines: new Set() }, false);
      const message = this.ui.message;
      drawLines(elements.explain, [[{ text: message?.text ?? 'Ctrl-Enter assembles and runs the program; F11 steps into it; ? shows every key', style: message?.error === true ? 'error' : 'dim' }]]);
      drawLines(elements.status, [[{ text: 'not assembled yet', style: 'dim' }]]);
      return;
    }
    const { session, context } = loaded;
    this.ui.mhz = this.runLoop.pacer.mhz;
    this.ui.speedLimit = this.runLoop.pacer.limit;
    const width = PANE_WIDTH;
    drawLines(elements.registers, registersView(context, width, 4));
    drawLines(elements.stack, stackView(context, width, 8));
    drawLines(elements.watches, watchesView(context, width, 2 + this.ui.watches.length));
    drawLines(elements.disassembly, disassemblyView(context, width, 6));
    drawLines(elements.memory, memoryView(context, width, 17));
    drawLines(elements.console, consoleView(context, width, 10));
    drawLines(elements.explain, explainView(context, 100, 3));
    if (this.ui.showBus) drawLines(elements.bus, busView(context, BUS_WIDTH, 10));
    drawLines(elements.status, statusView(context, 160, 1, this.fileNameValue, NOT_IN_A_PAGE));
    elements.notes.hidden = context.notesForLine === undefined;
    if (context.notesForLine !== undefined) drawLines(elements.notes, notesView(context, 100, 12));
    this.display.draw(session.readMemory(session.displayStart, 0x400));
    const location = session.location;
    const lines = new Set<number>();
    for (const key of breakpointLines(context)) {
      const [file, line] = splitFileLine(key);
      if (file === this.fileNameValue) lines.add(line);
    }
    const pcLine = !session.running && location !== undefined && location.file === this.fileNameValue ? location.line : undefined;
    this.editor.showMarks({ pcLine, breakpointLines: lines }, this.scrollToPcPending);
    this.scrollToPcPending = false;
    this.drawButtons(session);
  }

  private drawButtons(session: DebugSession): void {
    const run = this.elements.buttons.querySelector<HTMLButtonElement>('[data-action="continue"]');
    if (run !== null) {
      run.firstChild!.textContent = session.running ? 'Pause ' : 'Run ';
      run.setAttribute('aria-pressed', String(session.running));
    }
  }

  private drawFileState(): void {
    this.elements.fileName.textContent = this.fileNameValue;
    const stale = this.loaded !== undefined && this.loaded.text !== this.editor.text;
    this.elements.fileState.textContent = this.loaded === undefined ? '' : stale ? 'changed since it was assembled: Ctrl-Enter assembles again' : 'assembled';
  }

  /** Share: the link goes in the address bar (and on the clipboard when the browser allows). */
  share(): string {
    const link = shareLink(this.editor.text);
    history.replaceState(null, '', link);
    void navigator.clipboard?.writeText(link).catch(() => undefined);
    this.message('the address bar now holds a link with this program in it (copied when the browser allows)', false);
    return link;
  }

  downloadSource(): void {
    download(this.editor.text, this.fileNameValue);
  }
}

/** `file:line` (as breakpointLines gives it; a file name may itself hold a colon) → its parts. */
function splitFileLine(key: string): [string, number] {
  const colon = key.lastIndexOf(':');
  return [key.slice(0, colon), Number(key.slice(colon + 1))];
}

/** The CPU a program's own `; args: --cpu NAME` line asks for, as session options (none: the machine's). */
function cpuOf(text: string): { cpu?: CpuVariant } {
  const cpu = cpuFromArgs(parseExpectations(text).args);
  return cpu === undefined ? {} : { cpu };
}
